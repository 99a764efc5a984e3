package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// TestFeedbackGetsTheWholeNumber: a signed-in resident's message whose
// contact is their number as the app shows it (partly hidden) is kept with
// the whole number, for the hotline to call back; another contact, and a
// message sent signed out, are kept as written. The answer says nothing of
// the number.
func TestFeedbackGetsTheWholeNumber(t *testing.T) {
	api := loadContract(t)
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	c := signedInClient(t, hs.URL, codesByPhone)
	full := DemoAccounts[1].Phone
	masked := platform.Phone(full).Masked()
	if masked == full || masked == "" {
		t.Fatalf("the demo number %q is not masked: %q", full, masked)
	}
	anon := platform.NewClient(hs.URL, platform.Options{})
	for _, tc := range []struct {
		key     string
		c       *platform.Client
		contact string
		want    string
	}{
		{"fb-masked", c, masked, full},
		{"fb-mail-address", c, "someone@example.com", "someone@example.com"},
		{"fb-signed-out", anon, masked, masked},
	} {
		body, _ := json.Marshal(platform.FeedbackRequest{Category: "complaint", Text: "The bus was late.", Contact: tc.contact})
		res := sendTwice(t, tc.c, api, platform.Feedback, "/v1/feedback", tc.key, body, http.StatusCreated, "")
		if strings.Contains(string(res.Body), full) {
			t.Errorf("%s: the answer holds the whole number: %s", tc.key, res.Body)
		}
		var stored string
		if err := s.db.QueryRowContext(context.Background(), "SELECT body FROM mutations WHERE idem_key = ?", tc.key).Scan(&stored); err != nil {
			t.Fatalf("%s: %v", tc.key, err)
		}
		var got platform.FeedbackRequest
		if err := json.Unmarshal([]byte(stored), &got); err != nil || got.Contact != tc.want {
			t.Errorf("%s: kept contact %q (%v), want %q", tc.key, got.Contact, err, tc.want)
		}
	}
}
