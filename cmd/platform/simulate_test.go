package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// startServer runs a reference server on loopback on the clock now.
func startServer(t *testing.T, now func() time.Time) (*server.Server, *httptest.Server) {
	t.Helper()
	srv, err := server.Open(context.Background(), filepath.Join(t.TempDir(), "platform.db"), server.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return srv, hs
}

// TestSimulateDay plays two hours of a generated day at two areas, one
// that counts exits and one that estimates by dwell time, fast: the
// areas' counts and levels move, visitors leave where exits are counted,
// two gates' doubles are flagged, and today's slots carry bookings.
func TestSimulateDay(t *testing.T) {
	now := clocktest.Running()
	srv, hs := startServer(t, now)
	target := adminTarget{base: hs.URL, tokenFile: srv.AdminTokenFile()}
	var out bytes.Buffer
	cfg := simConfig{speed: 7200, from: 9 * 60, to: 11 * 60, visit: 30, areas: []string{"5a-005", "5a-004"}, seed: 1, senders: 4}
	if err := simulateDay(context.Background(), target, cfg, now, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "GENERATED") || strings.Contains(out.String(), " 0 requests applied") ||
		!strings.Contains(out.String(), ", 0 refused or failed") {
		t.Errorf("the run's output:\n%s", out.String())
	}
	rep, err := platform.NewClient(hs.URL, platform.Options{}).Crowd(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	flagged, booked := 0, int64(0)
	for _, l := range rep.Areas {
		played := l.ID == "5a-005" || l.ID == "5a-004"
		switch {
		case !played && l.EntriesToday != 0:
			t.Errorf("%s was not played but has %d entries", l.ID, l.EntriesToday)
		case played && (l.EntriesToday == 0 || l.InPark == 0):
			t.Errorf("%s: %+v after the run", l.ID, l)
		case l.ID == "5a-005" && l.InPark >= l.EntriesToday:
			t.Errorf("5a-005 counts exits, but all %d are still in (%d)", l.EntriesToday, l.InPark)
		}
		if played {
			staff := platform.NewClient(hs.URL, platform.Options{})
			g, err := target.issueAreaToken(l.ID, "", "test")
			if err != nil {
				t.Fatal(err)
			}
			_ = staff.SetAreaToken(staff.Origin(), g.Token)
			d, err := staff.AreaDashboard(context.Background(), l.ID)
			if err != nil {
				t.Fatal(err)
			}
			flagged += len(d.Flagged)
			for _, sl := range d.Slots {
				booked += sl.Booked
			}
		}
	}
	if flagged == 0 || booked == 0 {
		t.Errorf("%d doubles flagged, %d tickets booked; want some of each", flagged, booked)
	}
}

// TestAreaTokenCommands issues a gate's token with the admin command,
// which prints it with the lines of a gate kiosk's file, and revokes it:
// the platform refuses it from then on.
func TestAreaTokenCommands(t *testing.T) {
	srv, hs := startServer(t, clocktest.Fixed())
	run := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := admin(append([]string{"--server", hs.URL, "--token-file", srv.AdminTokenFile()}, args...), &out); err != nil {
			t.Fatalf("admin %v: %v (%s)", args, err, out.String())
		}
		return out.String()
	}
	file := filepath.Join(t.TempDir(), "east.token")
	got := run("area-token", "--area", "5a-018", "--gate", "east", "--label", "拙政园 east gate", "--out", file)
	id := regexp.MustCompile(`\(id (at-[0-9a-f]+)\)`).FindStringSubmatch(got)
	if id == nil || strings.Contains(got, "jsa_") || !strings.Contains(got, `role = "gate"`) || !strings.Contains(got, `attraction = "5a-018"`) ||
		!strings.Contains(got, "exits = true") || !strings.Contains(got, `token_file = "`+file+`"`) {
		t.Fatalf("area-token printed:\n%s", got)
	}
	fi, err := os.Stat(file)
	token, _ := os.ReadFile(file)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.HasPrefix(string(token), "jsa_") {
		t.Fatalf("the token file: %v, %v, %q", fi, err, token)
	}
	if got := run("area-token", "--area", "5a-002", "--label", "值班经理"); !regexp.MustCompile(`staff token of 5a-002 \(id at-[0-9a-f]+\); shown once.*\njsa_[0-9a-f]+\n$`).MatchString(got) {
		t.Errorf("a staff token printed:\n%s", got)
	}
	c := platform.NewClient(hs.URL, platform.Options{})
	if err := c.SetAreaToken(c.Origin(), strings.TrimSpace(string(token))); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AreaDashboard(context.Background(), "5a-018"); err != nil {
		t.Fatalf("the new token: %v", err)
	}
	run("revoke-area-token", id[1])
	var pe *platform.Error
	if _, err := c.AreaDashboard(context.Background(), "5a-018"); !errors.As(err, &pe) || pe.Status != http.StatusUnauthorized {
		t.Errorf("the revoked token: %v", err)
	}
	var out bytes.Buffer
	if err := admin([]string{"--server", hs.URL, "--token-file", srv.AdminTokenFile(), "area-token", "--area", "5a-999"}, &out); err == nil {
		t.Error("a token for an area the platform does not count was issued")
	}
}
