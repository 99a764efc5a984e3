package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/platform"
)

// TestWaitingRequestsCanBeDiscarded: Settings lists the message waiting
// for the server the app used before, and Discard deletes it.
func TestWaitingRequestsCanBeDiscarded(t *testing.T) {
	ctx := context.Background()
	env, _ := testEnv(t, "en")
	if err := env.Store.UseServer(ctx, "http://127.0.0.1:8787"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.SendFeedback(ctx, platform.FeedbackRequest{Category: "other", Text: "路灯不亮"}); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.UseServer(ctx, "https://api.example.cn"); err != nil {
		t.Fatal(err)
	}
	env.Sync = urlSyncer{url: "https://api.example.cn"}
	o := syncSection(env)
	if got := strings.Join(labelTexts(o), "\n"); !strings.Contains(got, "Waiting for http://127.0.0.1:8787") {
		t.Fatalf("Settings shows:\n%s", got)
	}
	test.Tap(labelled(t, o, "Discard"))
	if items, err := env.Store.Outbox(ctx, offline.OutboxPending); err != nil || len(items) != 0 {
		t.Errorf("after Discard the outbox holds %+v, %v", items, err)
	}
	if got := strings.Join(labelTexts(o), "\n"); strings.Contains(got, "Waiting for") {
		t.Errorf("after Discard Settings shows:\n%s", got)
	}
}

func TestServerAddressInSettings(t *testing.T) {
	for u, want := range map[string]string{
		"":                           "",
		"http://127.0.0.1:8787":      "",
		"https://api.example.cn":     "",
		"http://api.example.cn":      "SyncNeedsHTTPS",
		"http://192.168.1.20:8787":   "SyncNeedsHTTPS",
		"127.0.0.1:8787":             "SyncBadURL",
		"ftp://api.example.cn":       "SyncBadURL",
		"https://user:pw@example.cn": "SyncBadURL",
	} {
		if got := serverProblem(u); got != want {
			t.Errorf("serverProblem(%q) = %q, want %q", u, got, want)
		}
	}
	for origin, want := range map[string]string{
		"https://api.example.cn:443":  "https://api.example.cn",
		"https://api.example.cn:8443": "https://api.example.cn:8443",
		"http://127.0.0.1:80":         "http://127.0.0.1",
		"http://127.0.0.1:8787":       "http://127.0.0.1:8787",
		"http://[::1]:443":            "http://[::1]:443",
	} {
		if got := serverLabel(origin); got != want {
			t.Errorf("serverLabel(%q) = %q, want %q", origin, got, want)
		}
	}
}

// TestRefusedAddressMessageGoesWhenEdited: the https message stands in
// place of the sync status only until the address is edited again.
func TestRefusedAddressMessageGoesWhenEdited(t *testing.T) {
	env, _ := testEnv(t, "en")
	v := &syncView{env: env}
	o := v.build()
	v.server.SetText("http://api.example.cn")
	v.save()
	refused := env.T("SyncNeedsHTTPS")
	if got := strings.Join(labelTexts(o), "\n"); !strings.Contains(got, refused) {
		t.Fatalf("a plain-http address of another machine is taken; Settings shows:\n%s", got)
	}
	test.Type(v.server, "s")
	if got := strings.Join(labelTexts(o), "\n"); strings.Contains(got, refused) || !strings.Contains(got, env.T("SyncPending")) {
		t.Errorf("after editing the address Settings shows:\n%s", got)
	}
}
