package offline

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"jiangsupass/platform"
)

// openAPI is the contract, parsed for the contract test: a small validator
// of the JSON Schema that OpenAPI 3.1 uses (type, properties, required,
// additionalProperties, items, enum, anyOf, pattern, bounds, $ref).
type openAPI struct {
	doc map[string]any
}

func parseOpenAPI(b []byte) (*openAPI, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1") {
		return nil, fmt.Errorf("openapi version %q, want 3.1", v)
	}
	return &openAPI{doc: doc}, nil
}

// paths returns the path templates and their methods.
func (o *openAPI) paths() map[string]map[string]any {
	out := map[string]map[string]any{}
	ps, _ := o.doc["paths"].(map[string]any)
	for p, v := range ps {
		m, _ := v.(map[string]any)
		out[p] = m
	}
	return out
}

// hasRoute reports whether "GET /v1/sync/{collection}" is in the document.
func (o *openAPI) hasRoute(method, path string) bool {
	ops, ok := o.paths()[path]
	if !ok {
		return false
	}
	_, ok = ops[strings.ToLower(method)]
	return ok
}

// match finds the path template that a concrete path matches.
func (o *openAPI) match(path string) (string, bool) {
	var templates []string
	for p := range o.paths() {
		templates = append(templates, p)
	}
	sort.Strings(templates)
	for _, p := range templates {
		re := "^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(p), `[^/]+`) + "$"
		if regexp.MustCompile(re).MatchString(path) {
			return p, true
		}
	}
	return "", false
}

// responseSchema returns the JSON schema of an answer.
func (o *openAPI) responseSchema(path, method string, status int) (any, error) {
	op, _ := o.paths()[path][strings.ToLower(method)].(map[string]any)
	if op == nil {
		return nil, fmt.Errorf("%s %s is not in the contract", method, path)
	}
	responses, _ := op["responses"].(map[string]any)
	r, ok := responses[fmt.Sprint(status)]
	if !ok {
		return nil, fmt.Errorf("%s %s: status %d is not in the contract", method, path, status)
	}
	resp, err := o.resolve(r)
	if err != nil {
		return nil, err
	}
	m, _ := resp.(map[string]any)
	content, _ := m["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	if media == nil {
		return nil, fmt.Errorf("%s %s %d: no application/json content", method, path, status)
	}
	return media["schema"], nil
}

// schema returns a component schema by name.
func (o *openAPI) schema(name string) any {
	return o.lookup("#/components/schemas/" + name)
}

// resolve follows a $ref.
func (o *openAPI) resolve(v any) (any, error) {
	for i := 0; i < 10; i++ {
		m, ok := v.(map[string]any)
		if !ok {
			return v, nil
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return v, nil
		}
		if v = o.lookup(ref); v == nil {
			return nil, fmt.Errorf("$ref %s not found", ref)
		}
	}
	return nil, fmt.Errorf("$ref loop")
}

func (o *openAPI) lookup(ref string) any {
	var cur any = o.doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// validate checks a JSON value (as decoded by encoding/json with
// UseNumber) against a schema; it returns the problems found.
func (o *openAPI) validate(schema, v any, at string) []string {
	s, err := o.resolve(schema)
	if err != nil {
		return []string{at + ": " + err.Error()}
	}
	m, ok := s.(map[string]any)
	if !ok {
		return nil // true / {} accepts anything
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	if any_, ok := m["anyOf"].([]any); ok {
		for _, alt := range any_ {
			if len(o.validate(alt, v, at)) == 0 {
				return nil
			}
		}
		bad("matches none of anyOf")
		return errs
	}
	if t, ok := m["type"]; ok && !typeMatches(t, v) {
		bad("%v is not of type %v", short(v), t)
		return errs
	}
	if enum, ok := m["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if fmt.Sprint(e) == fmt.Sprint(v) {
				found = true
			}
		}
		if !found {
			bad("%v is not one of %v", short(v), enum)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := m["properties"].(map[string]any)
		if req, ok := m["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					bad("missing %q", r)
				}
			}
		}
		for k, val := range x {
			if ps, ok := props[k]; ok {
				errs = append(errs, o.validate(ps, val, at+"."+k)...)
				continue
			}
			switch ap := m["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("property %q is not in the contract", k)
				}
			case map[string]any:
				errs = append(errs, o.validate(ap, val, at+"."+k)...)
			}
		}
	case []any:
		if n, ok := number(m["minItems"]); ok && float64(len(x)) < n {
			bad("%d items, fewer than %v", len(x), n)
		}
		if n, ok := number(m["maxItems"]); ok && float64(len(x)) > n {
			bad("%d items, more than %v", len(x), n)
		}
		if items, ok := m["items"]; ok {
			for i, e := range x {
				errs = append(errs, o.validate(items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case string:
		if p, ok := m["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			bad("%q does not match %s", x, p)
		}
		if n, ok := number(m["minLength"]); ok && float64(len([]rune(x))) < n {
			bad("%q is shorter than %v", x, n)
		}
	case json.Number:
		f, _ := x.Float64()
		if n, ok := number(m["minimum"]); ok && f < n {
			bad("%v is below %v", x, n)
		}
		if n, ok := number(m["maximum"]); ok && f > n {
			bad("%v is above %v", x, n)
		}
	}
	return errs
}

func typeMatches(t, v any) bool {
	if list, ok := t.([]any); ok {
		for _, one := range list {
			if typeMatches(one, v) {
				return true
			}
		}
		return false
	}
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, err := n.Float64()
		return err == nil && f == math.Trunc(f)
	}
	return false
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func short(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// TestSchemaValidatorCatches checks that the contract test's validator
// refuses what the contract forbids.
func TestSchemaValidatorCatches(t *testing.T) {
	api, err := parseOpenAPI(platform.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	page := `{"collection":"pois","epoch":"e1","since":"0","upserts":[],"tombstones":[],"next":"5","has_more":false,"total":0}`
	tests := []struct {
		name, schema, body string
		ok                 bool
	}{
		{"good page", "SyncPage", page, true},
		{"missing next", "SyncPage", strings.Replace(page, `"next":"5",`, "", 1), false},
		{"cursor not digits", "SyncPage", strings.Replace(page, `"5"`, `"five"`, 1), false},
		{"unknown field", "SyncPage", strings.Replace(page, `"total":0`, `"total":0,"extra":1`, 1), false},
		{"wrong type", "SyncPage", strings.Replace(page, `"has_more":false`, `"has_more":"no"`, 1), false},
		{"negative total", "SyncPage", strings.Replace(page, `"total":0`, `"total":-1`, 1), false},
		{"item of no collection", "SyncPage", strings.Replace(page, `"upserts":[]`, `"upserts":[{"id":"x"}]`, 1), false},
		{"good poi", "POI", `{"id":"p","kind":"airport","name":"n","lon":1,"lat":2,"source":"s"}`, true},
		{"poi kind", "POI", `{"id":"p","kind":"castle","name":"n","lon":1,"lat":2,"source":"s"}`, false},
		{"latitude", "POI", `{"id":"p","kind":"airport","name":"n","lon":1,"lat":200,"source":"s"}`, false},
		{"error shape", "Error", `{"code":"x","message":"y"}`, true},
		{"error without message", "Error", `{"code":"x"}`, false},
		{"integer", "ServiceItem", `{"id":1.5,"audience":"a","theme":"t","name":"n","department":"d","handling_level":"h","generated":false,"source":"s"}`, false},
	}
	for _, tt := range tests {
		dec := json.NewDecoder(strings.NewReader(tt.body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		problems := api.validate(api.schema(tt.schema), v, tt.name)
		if (len(problems) == 0) != tt.ok {
			t.Errorf("%s: problems %v, want ok=%v", tt.name, problems, tt.ok)
		}
	}
}
