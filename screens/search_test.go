package screens

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/offline/search"
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
	entry := find[*widgets.Entry](o)[0]
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
		if strings.HasSuffix(text, visitWhen(env, as[0].Date, as[0].Time)+" · "+env.T("RequestPending")) {
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
	entries := find[*widgets.Entry](o)
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

// queuedLoads is an Env.Load that keeps each load until the test runs it,
// so that a test can order work and results as goroutines might.
type queuedLoads struct {
	work  []func(context.Context)
	apply []func()
}

func (q *queuedLoads) load(work func(context.Context), apply func()) {
	q.work = append(q.work, work)
	q.apply = append(q.apply, apply)
}

// run does load i: its work, then its apply (the UI's part).
func (q *queuedLoads) run(i int) {
	q.work[i](context.Background())
	q.apply[i]()
}

// TestLatestOnlyCancelsTheOlder: a newer load cancels the context of the
// one before it, whose results are never applied, whichever finishes
// first.
func TestLatestOnlyCancelsTheOlder(t *testing.T) {
	q := &queuedLoads{}
	env := &Env{Load: q.load}
	var l latestOnly
	var ctxs [2]context.Context
	var applied [2]bool
	for i := range 2 {
		l.load(env, func(ctx context.Context) { ctxs[i] = ctx }, func() { applied[i] = true })
	}
	q.run(1)
	q.run(0)
	if !errors.Is(ctxs[0].Err(), context.Canceled) || ctxs[1].Err() != nil {
		t.Errorf("contexts: older %v, newer %v; want the older cancelled only", ctxs[0].Err(), ctxs[1].Err())
	}
	if applied[0] || !applied[1] {
		t.Errorf("applied = %v, want the newer only", applied)
	}
	l.stop() // the query was cleared
	if !errors.Is(ctxs[1].Err(), context.Canceled) {
		t.Error("stop did not cancel the load under way")
	}
}

// TestStaleSearchIsNeverShown types a query and then another while the
// first is still running: the first, finishing last, is cancelled and
// its hits never replace the second's.
func TestStaleSearchIsNeverShown(t *testing.T) {
	env, _ := testEnv(t, "zh-Hans")
	q := &queuedLoads{}
	env.Load = q.load
	o := buildSearch(env, Route{Screen: SearchID})
	show(t, o)
	entry := find[*widgets.Entry](o)[0]
	entry.SetText("中山陵")
	entry.SetText("拙政园")
	if len(q.work) != 2 {
		t.Fatalf("%d searches started, want 2", len(q.work))
	}
	q.run(1)
	q.run(0) // the stale one ends last
	var titles []string
	for _, tile := range find[*widgets.Tile](o) {
		titles = append(titles, tile.AccessibilityLabel())
	}
	if len(titles) == 0 || !strings.Contains(titles[0], "拙政园") || slices.ContainsFunc(titles, func(s string) bool {
		return strings.Contains(s, "中山陵")
	}) {
		t.Errorf("the screen shows %q, want the hits of 拙政园 only", titles)
	}
}

// TestLongQuerySaysItWasCut pastes a query far over the bounds: the
// search answers at once and says what part of it was searched.
func TestLongQuerySaysItWasCut(t *testing.T) {
	env, _ := testEnv(t, "en")
	o := buildSearch(env, Route{Screen: SearchID, Param: strings.Repeat("x ", 1600)})
	show(t, o)
	want := env.L.Tf("SearchTruncated", map[string]any{"Characters": search.MaxQueryRunes, "Words": search.MaxQueryTerms})
	if !showsText(o, want) {
		t.Errorf("no %q", want)
	}
	if missing := env.L.Missing(); len(missing) > 0 {
		t.Errorf("untranslated: %v", missing)
	}
}
