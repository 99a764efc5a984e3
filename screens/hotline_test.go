package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// urlSyncer is clientSyncer with the address the client talks to.
type urlSyncer struct {
	clientSyncer
	url string
}

func (s urlSyncer) APIURL() string { return s.url }

// sendFeedback fills in the 12345 form and taps Send.
func sendFeedback(t *testing.T, env *Env, text, contact string) {
	t.Helper()
	o := buildHotline(env, Route{Screen: HotlineID})
	entries := find[*widgets.Entry](o)
	if len(entries) != 2 {
		t.Fatalf("%d fields in the form, want text and contact", len(entries))
	}
	test.Type(entries[0], text)
	test.Type(entries[1], contact)
	test.Tap(labelled(t, o, "Send"))
}

// sentList is what "My messages" shows, row by row.
func sentList(env *Env) string {
	return strings.Join(labelTexts(buildHotline(env, Route{Screen: HotlineID})), "\n")
}

// TestHotlineShowsMessagesToTheirSender: a resident's message is listed to
// them, and no longer once they sign out; a message sent signed out is
// listed while it waits, and once delivered only by its receipt.
func TestHotlineShowsMessagesToTheirSender(t *testing.T) {
	ctx := context.Background()
	env, _ := testEnv(t, "en")
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)
	env.Sync = urlSyncer{clientSyncer{c}, url}
	if err := env.Store.UseServer(ctx, url); err != nil {
		t.Fatal(err)
	}
	signInStore(t, env, c, sent)

	sendFeedback(t, env, "楼道的灯坏了", "13912345678")
	if got := sentList(env); !strings.Contains(got, "楼道的灯坏了") || !strings.Contains(got, "Waiting to be sent") {
		t.Fatalf("the resident's list:\n%s", got)
	}
	if err := env.Store.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	c.SetTokens(platform.Tokens{}) // as the sign-out screen does
	if got := sentList(env); strings.Contains(got, "楼道的灯坏了") || !strings.Contains(got, "No messages yet.") {
		t.Errorf("the next user is shown:\n%s", got)
	}

	sendFeedback(t, env, "公交站牌的时刻表过期了", "13687654321")
	if got := sentList(env); !strings.Contains(got, "公交站牌的时刻表过期了") {
		t.Fatalf("the anonymous message while it waits:\n%s", got)
	}
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := env.Store.FeedbackSent(ctx)
	if err != nil || len(list) != 1 || list[0].ServerID == "" {
		t.Fatalf("after delivery: %+v, %v", list, err)
	}
	got := sentList(env)
	if strings.Contains(got, "公交站牌的时刻表过期了") ||
		!strings.Contains(got, "Delivered, receipt "+list[0].ServerID+". The message itself is no longer kept on this device.") {
		t.Errorf("the delivered anonymous message:\n%s", got)
	}
}

// TestHotlineSaysWhichServerAMessageWaitsFor: a message made for a server
// the app no longer uses says it waits for that server.
func TestHotlineSaysWhichServerAMessageWaitsFor(t *testing.T) {
	ctx := context.Background()
	env, _ := testEnv(t, "en")
	if err := env.Store.UseServer(ctx, "http://127.0.0.1:8787"); err != nil {
		t.Fatal(err)
	}
	sendFeedback(t, env, "路灯不亮", "")
	env.Sync = urlSyncer{url: "https://api.example.cn"}
	if err := env.Store.UseServer(ctx, "https://api.example.cn"); err != nil {
		t.Fatal(err)
	}
	if got := sentList(env); !strings.Contains(got, "Waiting for http://127.0.0.1:8787") {
		t.Errorf("the list:\n%s", got)
	}
	env.Sync = urlSyncer{url: "http://127.0.0.1:8787/"}
	if got := sentList(env); !strings.Contains(got, "Waiting to be sent") {
		t.Errorf("back on its server, the list:\n%s", got)
	}
}
