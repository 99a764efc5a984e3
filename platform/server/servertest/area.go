package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"jiangsupass/platform"
)

// IssueAreaToken asks the admin API of the reference server at base (on
// loopback) for an area token of a scenic area's gate, or of its staff
// when gate is "", as `cmd/platform admin area-token` does; the admin
// token is read from adminTokenFile (Server.AdminTokenFile).
func IssueAreaToken(ctx context.Context, base, adminTokenFile, attraction, gate string) (string, error) {
	admin, err := os.ReadFile(adminTokenFile)
	if err != nil {
		return "", fmt.Errorf("area token: %w", err)
	}
	body, err := json.Marshal(platform.AreaTokenRequest{Gate: gate, Label: "test"})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	u := strings.TrimSuffix(base, "/") + "/admin/v1/areas/" + url.PathEscape(attraction) + "/tokens"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(admin)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("area token: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return "", fmt.Errorf("area token: %w", err)
	}
	var g platform.AreaTokenGrant
	if resp.StatusCode != http.StatusCreated || json.Unmarshal(b, &g) != nil || g.Token == "" {
		return "", fmt.Errorf("area token of %s gate %q: %d %s", attraction, gate, resp.StatusCode, b)
	}
	return g.Token, nil
}

// AreaToken is IssueAreaToken on p; it fails the test on an error.
func (p *Platform) AreaToken(t testing.TB, attraction, gate string) string {
	t.Helper()
	tok, err := IssueAreaToken(context.Background(), p.URL, p.AdminTokenFile(), attraction, gate)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
