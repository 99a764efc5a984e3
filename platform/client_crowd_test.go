package platform

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestAreaTokenStaysWithItsServer installs an area token only for the
// client's own server, sends it only on a gate's and the staff's requests
// (never on a resident's or a public one), and sends nothing of a gate's
// without one.
func TestAreaTokenStaysWithItsServer(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{} // path → Authorization
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.Header.Get("Authorization")
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	ctx := context.Background()
	c := NewClient(srv.URL, Options{Retries: -1})
	if _, err := c.Admit(ctx, "admission-key-1", AdmissionRequest{}); !errors.Is(err, ErrNoAreaToken) {
		t.Errorf("an admission without a token: %v, want ErrNoAreaToken", err)
	}
	if err := c.SetAreaToken("https://api.example.cn:443", "jsa_other"); !errors.Is(err, ErrOtherServer) || c.AreaToken() != "" {
		t.Errorf("another server's token: %v, installed %q", err, c.AreaToken())
	}
	if err := c.SetAreaToken(c.Origin(), "jsa_gate"); err != nil {
		t.Fatal(err)
	}
	c.SetTokens(Tokens{AccessToken: "resident"})
	_, _ = c.Admit(ctx, "admission-key-1", AdmissionRequest{})
	_, _ = c.RecordExit(ctx, "exit-key-1", ExitRequest{})
	_, _ = c.PauseSlot(ctx, "5a-002", "s-1")
	_, _ = c.Crowd(ctx)
	_, _ = c.Mutate(ctx, Feedback, "feedback-key-1", []byte(`{}`))
	_, _ = c.Mutate(ctx, Orders, "order-key-1", []byte(`{}`))
	mu.Lock()
	defer mu.Unlock()
	for path, want := range map[string]string{"/v1/admissions": "Bearer jsa_gate", "/v1/exits": "Bearer jsa_gate",
		"/v1/areas/5a-002/slots/s-1/pause": "Bearer jsa_gate", "/v1/crowd": "", "/v1/feedback": "Bearer resident", "/v1/orders": "Bearer resident"} {
		if got, ok := seen[path]; !ok || got != want {
			t.Errorf("%s sent Authorization %q (sent: %v), want %q", path, got, ok, want)
		}
	}
	for path, auth := range seen {
		if strings.Contains(auth, "jsa_gate") && !strings.HasPrefix(path, "/v1/admissions") && !strings.HasPrefix(path, "/v1/exits") && !strings.HasPrefix(path, "/v1/areas/") {
			t.Errorf("the area token went to %s", path)
		}
	}
}
