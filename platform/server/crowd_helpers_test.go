package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// crowdBench is a reference server on loopback whose clock a test moves,
// set at 14:05 in China on the tests' day.
type crowdBench struct {
	s     *Server
	hs    *httptest.Server
	clk   *clocktest.Settable
	codes map[string]string
	admin string // the admin token
}

func newCrowdBench(t *testing.T) *crowdBench {
	t.Helper()
	clk := clocktest.NewSettable(clocktest.At(t, clocktest.Days(0), "14:05"))
	s, hs, codes := openTest(t, Options{Now: clk.Now})
	return &crowdBench{s: s, hs: hs, clk: clk, codes: codes, admin: adminToken(t, s)}
}

// call sends a request with a bearer token ("" for none) and returns the
// status and body.
func (b *crowdBench) call(t testing.TB, method, path, token string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = jsonBody(t, body)
	}
	req, err := http.NewRequest(method, b.hs.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, b.hs.Client(), req)
}

// issue asks the admin API for an area token of a gate ("" for staff).
func (b *crowdBench) issue(t testing.TB, area, gate string) string {
	t.Helper()
	status, body := b.call(t, http.MethodPost, "/admin/v1/areas/"+area+"/tokens", b.admin,
		platform.AreaTokenRequest{Gate: gate, Label: "test"})
	var g platform.AreaTokenGrant
	if status != http.StatusCreated || json.Unmarshal(body, &g) != nil || g.Token == "" {
		t.Fatalf("area token for %s gate %q: %d %s", area, gate, status, body)
	}
	return g.Token
}

// client is a platform client holding an area token.
func (b *crowdBench) client(t testing.TB, token string) *platform.Client {
	t.Helper()
	c := platform.NewClient(b.hs.URL, platform.Options{Retries: -1})
	if err := c.SetAreaToken(c.Origin(), token); err != nil {
		t.Fatal(err)
	}
	return c
}

// admission is an admission of a ticket at a gate at the bench's now.
func (b *crowdBench) admission(area, gate, ticket string, visitors int) platform.AdmissionRequest {
	return platform.AdmissionRequest{TicketID: ticket, AttractionID: area, Gate: gate, Visitors: visitors,
		At: b.clk.Now().Format(time.RFC3339)}
}

// level is an area's level from GET /v1/crowd.
func (b *crowdBench) level(t testing.TB, area string) platform.CrowdLevel {
	t.Helper()
	rep, err := platform.NewClient(b.hs.URL, platform.Options{}).Crowd(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range rep.Areas {
		if l.ID == area {
			return l
		}
	}
	t.Fatalf("GET /v1/crowd has no area %s", area)
	return platform.CrowdLevel{}
}

// synced is an area's row of the crowd_levels collection, as a sync from
// the beginning gets it.
func (b *crowdBench) synced(t testing.TB, area string) platform.CrowdLevel {
	t.Helper()
	c := platform.NewClient(b.hs.URL, platform.Options{})
	page, err := c.Pull(context.Background(), platform.CrowdLevels, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range page.Upserts {
		var l platform.CrowdLevel
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatal(err)
		}
		if l.ID == area {
			return l
		}
	}
	t.Fatalf("crowd_levels has no row %s", area)
	return platform.CrowdLevel{}
}

// levelWrites counts the changes of crowd_levels in the changelog.
func (b *crowdBench) levelWrites(t testing.TB) int {
	t.Helper()
	var n int
	if err := b.s.db.QueryRow("SELECT count(*) FROM changelog WHERE collection = ?", platform.CrowdLevels).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// idemKey makes an idempotency key.
func idemKey(parts ...any) string { return fmt.Sprintf("idempotency-key-%v", parts) }

// jsonBody is v as a JSON request body.
func jsonBody(t testing.TB, v any) io.Reader {
	t.Helper()
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(j)
}

// do sends a request and returns the status and body.
func do(t testing.TB, c *http.Client, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, got
}

// decodeJSON reads one JSON value from r into v.
func decodeJSON(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }
