package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform/server"
)

// TestAdminCommand drives a running server's admin API as an operator
// does: with the token file the server wrote, a change is made; with no
// token file, nothing is sent.
func TestAdminCommand(t *testing.T) {
	srv, err := server.Open(context.Background(), filepath.Join(t.TempDir(), "platform.db"), server.Options{Now: clocktest.Fixed()})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	var out bytes.Buffer
	if err := admin([]string{"--server", hs.URL, "--token-file", srv.AdminTokenFile(), "rotate", "CN-JS"}, &out); err != nil {
		t.Fatalf("rotate with the token file: %v (%s)", err, out.String())
	}
	if !strings.Contains(out.String(), `"generation":2`) {
		t.Errorf("rotate answered %s", out.String())
	}
	out.Reset()
	if err := admin([]string{"--server", hs.URL, "--token-file", srv.AdminTokenFile(), "patch", "pois", "hub-001", `{"name":"南京南站"}`}, &out); err != nil {
		t.Fatalf("patch: %v (%s)", err, out.String())
	}
	err = admin([]string{"--server", hs.URL, "--token-file", filepath.Join(t.TempDir(), "none"), "rotate", "CN-JS"}, &out)
	if err == nil || !strings.Contains(err.Error(), "admin token") {
		t.Errorf("without a token file: %v", err)
	}
}
