package server

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"jiangsupass/platform"
)

// apiContract is openapi.yaml, parsed, for checking that the server's
// answers are those the document promises. (The full schema validator of
// an integration run lives in offline's TestContract; this one holds the
// server's refusals to the document.)
type apiContract struct{ doc map[string]any }

// loadContract parses the embedded openapi.yaml.
func loadContract(t *testing.T) *apiContract {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(platform.OpenAPI, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	return &apiContract{doc: doc}
}

// lookup follows a path of keys ("components", "schemas", "Error").
func (c *apiContract) lookup(keys ...string) any {
	var cur any = c.doc
	for _, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

// operation is the document's operation for a method and path template.
func (c *apiContract) operation(t *testing.T, method, path string) map[string]any {
	t.Helper()
	op, ok := c.lookup("paths", path, strings.ToLower(method)).(map[string]any)
	if !ok {
		t.Fatalf("%s %s is not in openapi.yaml", method, path)
	}
	return op
}

// errorCodes are the codes the Error schema's code description lists.
func (c *apiContract) errorCodes() []string {
	desc, _ := c.lookup("components", "schemas", "Error", "properties", "code", "description").(string)
	return regexp.MustCompile(`[a-z]+(?:_[a-z]+)*`).FindAllString(desc, -1)
}

// checkAnswer fails the test unless the operation documents the answer's
// status and, for an error, the body is exactly the Error shape with a
// code the Error schema lists.
func (c *apiContract) checkAnswer(t *testing.T, method, path string, status int, body []byte) {
	t.Helper()
	op := c.operation(t, method, path)
	resp, ok := op["responses"].(map[string]any)[fmt.Sprint(status)].(map[string]any)
	if !ok {
		t.Errorf("%s %s answered %d, which openapi.yaml does not document", method, path, status)
		return
	}
	if status < 400 {
		return
	}
	if ref, _ := resp["$ref"].(string); ref != "#/components/responses/Error" &&
		!(status == 429 && ref == "#/components/responses/RateLimited") {
		t.Errorf("%s %s %d is documented as %v, not the Error answer (or RateLimited for 429)", method, path, status, resp)
	}
	var e map[string]any
	if err := json.Unmarshal(body, &e); err != nil {
		t.Errorf("%s %s %d: the answer is not JSON: %v", method, path, status, err)
		return
	}
	var keys []string
	for k, v := range e {
		keys = append(keys, k)
		if _, ok := v.(string); !ok {
			t.Errorf("%s %s %d: %s is %T, not a string", method, path, status, k, v)
		}
	}
	sort.Strings(keys)
	if !slices.Equal(keys, []string{"code", "message"}) {
		t.Errorf("%s %s %d: the error has fields %v, want code and message only", method, path, status, keys)
	}
	if code, _ := e["code"].(string); !slices.Contains(c.errorCodes(), code) {
		t.Errorf("%s %s %d: code %q is not listed in the Error schema of openapi.yaml", method, path, status, code)
	}
}

// TestContractListsEveryCode checks that the Error schema names every
// error code the platform has.
func TestContractListsEveryCode(t *testing.T) {
	listed := loadContract(t).errorCodes()
	for _, code := range []string{platform.CodeBadRequest, platform.CodeUnauthorized, platform.CodeForbidden,
		platform.CodeNotFound, platform.CodeConflict, platform.CodeSlotFull, platform.CodeAlreadyBooked, platform.CodeTicketLimit,
		platform.CodeNotRefundable, platform.CodeSlotEnded, platform.CodeInThePast, platform.CodeOutsideHours,
		platform.CodeAlreadyCancelled, platform.CodeIdempotencyReuse, platform.CodeInvalidCode, platform.CodeRateLimited, platform.CodeInternal,
		platform.CodeUnavailable} {
		if !slices.Contains(listed, code) {
			t.Errorf("the Error schema of openapi.yaml does not list %q", code)
		}
	}
}

// TestContractDocumentsTimeRefusals checks that the operations that refuse
// what cannot happen (an ended slot, a visit in the past or outside the
// hall's hours) document each refusal: its status among the answers, as
// the Error answer, and "status `code`" in the operation's description.
func TestContractDocumentsTimeRefusals(t *testing.T) {
	api := loadContract(t)
	for _, tc := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"POST", "/v1/orders", 409, platform.CodeSlotEnded},
		{"POST", "/v1/orders", 409, platform.CodeSlotFull},
		{"POST", "/v1/orders", 409, platform.CodeAlreadyBooked},
		{"POST", "/v1/orders", 409, platform.CodeTicketLimit},
		{"POST", "/v1/orders", 400, platform.CodeBadRequest},
		{"POST", "/v1/appointments", 422, platform.CodeInThePast},
		{"POST", "/v1/appointments", 422, platform.CodeOutsideHours},
		{"POST", "/v1/appointments", 400, platform.CodeBadRequest},
		{"POST", "/v1/appointments", 409, platform.CodeSlotFull},
		{"POST", "/v1/appointments/{id}/cancel", 404, platform.CodeNotFound},
		{"POST", "/v1/appointments/{id}/cancel", 409, platform.CodeAlreadyCancelled},
		{"POST", "/v1/appointments/{id}/cancel", 409, platform.CodeInThePast},
	} {
		t.Run(tc.path+" "+tc.code, func(t *testing.T) {
			op := api.operation(t, tc.method, tc.path)
			resp, _ := op["responses"].(map[string]any)[fmt.Sprint(tc.status)].(map[string]any)
			if ref, _ := resp["$ref"].(string); ref != "#/components/responses/Error" {
				t.Errorf("status %d is not documented as the Error answer: %v", tc.status, resp)
			}
			desc, _ := op["description"].(string)
			if want := fmt.Sprintf("%d `%s`", tc.status, tc.code); !strings.Contains(desc, want) {
				t.Errorf("the description does not name %s:\n%s", want, desc)
			}
		})
	}
}
