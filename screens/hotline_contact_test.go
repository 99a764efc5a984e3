package screens

import (
	"context"
	"jiangsupass/screens/widgets"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestHotlineOffersCityManagementAndPrefillsContact: a signed-in resident
// finds 城市管理 among the categories and their own number in the contact
// field, which they may change; the message goes with both.
func TestHotlineOffersCityManagementAndPrefillsContact(t *testing.T) {
	ctx := context.Background()
	env, _ := testEnv(t, "zh-Hans")
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)
	if err := env.Store.UseServer(ctx, url); err != nil {
		t.Fatal(err)
	}
	signInStore(t, env, c, sent)
	sess, err := env.Store.Session(ctx)
	if err != nil || sess.Profile.Phone == "" {
		t.Fatalf("session: %+v, %v", sess.Profile, err)
	}

	o := buildHotline(env, Route{Screen: HotlineID})
	w := show(t, o)
	capture(t, w, "hotline-signed-in")
	category := find[*widget.Select](o)[0]
	if !slices.Contains(category.Options, "城市管理") {
		t.Fatalf("categories %q lack 城市管理", category.Options)
	}
	entries := find[*widgets.Entry](o)
	contact := entries[1]
	if contact.Text != sess.Profile.Phone {
		t.Errorf("contact field reads %q, want the resident's %q", contact.Text, sess.Profile.Phone)
	}
	if !showsText(o, env.T("FeedbackContactAccount")) {
		t.Error("no word that the number is the account's")
	}
	category.SetSelected("城市管理")
	test.Type(entries[0], "小区门口的井盖松动了")
	test.Tap(labelled(t, o, env.T("FeedbackSend")))
	list, err := env.Store.FeedbackSent(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("feedback: %+v, %v", list, err)
	}
	if list[0].Category != "city_management" || list[0].Contact != sess.Profile.Phone {
		t.Errorf("sent category %q, contact %q; want city_management and %q", list[0].Category, list[0].Contact, sess.Profile.Phone)
	}

	// The number can be changed, and the note goes with it.
	o = buildHotline(env, Route{Screen: HotlineID})
	show(t, o)
	contact = find[*widgets.Entry](o)[1]
	contact.SetText("")
	test.Type(contact, "025-12345678")
	if contact.Text != "025-12345678" || showsText(o, env.T("FeedbackContactAccount")) {
		t.Errorf("after editing, the field reads %q and the account note shows: %v", contact.Text, showsText(o, env.T("FeedbackContactAccount")))
	}
}

// TestHotlineLeavesContactEmptySignedOut: signed out, nothing is filled
// in for the visitor.
func TestHotlineLeavesContactEmptySignedOut(t *testing.T) {
	env, _ := testEnv(t, "en")
	o := buildHotline(env, Route{Screen: HotlineID})
	show(t, o)
	if got := find[*widgets.Entry](o)[1].Text; got != "" {
		t.Errorf("signed out, the contact field reads %q", got)
	}
}
