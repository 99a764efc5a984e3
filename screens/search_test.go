package screens

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// capture writes what w shows to $SNAPSHOT_DIR/name.png when that is set,
// for looking at a flow step by step.
func capture(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("SNAPSHOT_DIR")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestSearchScreenOpensHits types initials, sees the Suzhou gardens first
// and opens them; a query that finds nothing offers suggestions that do.
func TestSearchScreenOpensHits(t *testing.T) {
	env, nav := testEnv(t, "zh-Hans")
	o := buildSearch(env, Route{Screen: SearchID, Param: "zzy"})
	w := show(t, o)
	capture(t, w, "search-zzy")
	tiles := find[*widgets.Tile](o)
	if len(tiles) == 0 {
		t.Fatal("no hits for zzy")
	}
	test.Tap(tiles[0])
	if r := nav.last(); r.Screen != AttractionID {
		t.Fatalf("the first hit opened %+v", r)
	}
	entry := find[*widget.Entry](o)[0]
	test.Type(entry, "qq") // "zzyqq" finds nothing
	if !showsText(o, env.T("SearchNoneTitle")) {
		t.Fatal("no empty state for a query that finds nothing")
	}
	capture(t, w, "search-none")
	sug := find[*widget.Button](o)
	if len(sug) == 0 {
		t.Fatal("no suggestions")
	}
	test.Tap(sug[0])
	if len(find[*widgets.Tile](o)) == 0 {
		t.Errorf("the suggestion %q finds nothing", sug[0].Text)
	}
}

// TestAppointmentFlow books a visit from an item's screen: the booking
// is stored, pending in the outbox, and listed with its status.
func TestAppointmentFlow(t *testing.T) {
	env, nav := testEnv(t, "en")
	item := buildServiceItem(env, Route{Screen: ServiceItemID, Param: "7"})
	w := show(t, item)
	capture(t, w, "flow-1-item")
	test.Tap(labelled(t, item, env.T("AppointmentBook")))
	r := nav.last()
	if r != (Route{Screen: AppointmentID, Param: "7"}) {
		t.Fatalf("Book opened %+v", r)
	}
	form := buildAppointment(env, r)
	w.SetContent(form)
	capture(t, w, "flow-2-form")
	test.Tap(labelled(t, form, env.T("AppointmentBook")))
	as, err := env.Store.Appointments(context.Background())
	if err != nil || len(as) != 1 || as[0].Status != offline.RequestPending || as[0].ItemID != 7 {
		t.Fatalf("appointments after booking: %+v, %v", as, err)
	}
	if items, _ := env.Store.Outbox(context.Background(), offline.OutboxPending); len(items) != 1 {
		t.Fatalf("outbox after booking: %+v", items)
	}
	after := buildAppointment(env, nav.last())
	w.SetContent(after)
	capture(t, w, "flow-3-booked")
	found := false
	for _, text := range labelTexts(after) {
		if strings.HasPrefix(text, as[0].Date+" ") && strings.HasSuffix(text, " "+as[0].Time+" · "+env.T("RequestPending")) {
			found = true
		}
	}
	if !found {
		t.Error("the booking is not listed as waiting to be sent")
	}
}

// TestFeedbackForm queues a message and refuses an empty one.
func TestFeedbackForm(t *testing.T) {
	env, _ := testEnv(t, "zh-Hans")
	o := buildHotline(env, Route{Screen: HotlineID})
	show(t, o)
	send := labelled(t, o, env.T("FeedbackSend"))
	test.Tap(send)
	if !showsText(o, env.T("FeedbackIncomplete")) {
		t.Error("an empty message was not refused")
	}
	entries := find[*widget.Entry](o)
	test.Type(entries[0], "公交站牌信息过时")
	test.Tap(send)
	fs, err := env.Store.FeedbackSent(context.Background())
	if err != nil || len(fs) != 1 || fs[0].Status != offline.RequestPending || fs[0].Category != "government" {
		t.Fatalf("feedback: %+v, %v", fs, err)
	}
	if len(find[*widget.Hyperlink](o)) != 1 || find[*widget.Hyperlink](o)[0].URL.String() != "tel:12345" {
		t.Error("no tel:12345 link")
	}
}
