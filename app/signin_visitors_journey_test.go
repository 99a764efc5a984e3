package app

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiangsupass/idcard"
	"jiangsupass/platform"
	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// TestVisitorEnteredSignedOutSurvivesSignIn is issue #17's point 1 for
// the visitors: a tourist, signed out, enters a visitor on the booking's
// visitors step, reaches the review and signs in from it with a British
// number; the sign-in asks about the visitor (there is no order yet) and
// keeps it in the account; back on the review the visitor is still there,
// and the order submitted from it reaches the platform exactly once, with
// that visitor.
func TestVisitorEnteredSignedOutSurvivesSignIn(t *testing.T) {
	ctx := context.Background()
	s, w, p, ui := platformShell(t)
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	slots, err := s.store.TicketSlots(ctx, "5a-010", "")
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots: %v, %v", slots, err)
	}
	slot := slots[len(slots)-1]
	products, err := s.store.TicketProducts(ctx, "5a-010")
	if err != nil || len(products) == 0 {
		t.Fatalf("products: %v, %v", products, err)
	}
	q := url.Values{"a": {"5a-010"}, "step": {"visitors"}, "d": {slot.Date}, "s": {slot.ID}, "n." + products[0].ID: {"1"}}
	s.Go(screens.Route{Screen: screens.BookingID, Param: q.Encode()})

	var fields []*widgets.Entry
	walk(w.Content(), nil, func(v visit) {
		if e, ok := v.obj.(*widgets.Entry); ok {
			fields = append(fields, e)
		}
	})
	if len(fields) != 2 {
		t.Fatalf("%d fields on the visitors step, want name and number", len(fields))
	}
	test.Type(fields[0], "王小明")
	test.Type(fields[1], "320102198503151230")
	if !tapText(w.Content(), s.loc.T("VisitorSave")) {
		t.Fatal("no button to save the visitor")
	}
	if !tapText(w.Content(), s.loc.T("BookingToReview")) {
		t.Fatalf("no way on to the review: %s", textOf(w.Content()))
	}
	if st, _ := url.ParseQuery(s.Current().Param); st.Get("step") != "review" || !shownText(w, "王小明") {
		t.Fatalf("the review of the visitor entered signed out: %+v %s", s.Current(), textOf(w.Content()))
	}

	if !tapText(w.Content(), s.loc.T("SignInAction")) || s.Current().Screen != screens.SignInID {
		t.Fatalf("the review offers no sign-in while signed out: %s", textOf(w.Content()))
	}
	entries := signInEntries(t, w)
	test.Type(entries[0], "+44 7700 900123")
	tapText(w.Content(), s.loc.T("SignInSendCode"))
	test.Type(entries[1], p.Code("+44 7700 900123"))
	tapText(w.Content(), s.loc.T("SignInAction"))
	asked := overlayText(w)
	if !strings.Contains(asked, "1 visitor you entered") || !strings.Contains(asked, "王小明") ||
		!strings.Contains(asked, "Keep them in my account") {
		t.Fatalf("the sign-in did not ask about the visitor entered signed out: %q", asked)
	}
	if !tapText(w.Canvas().Overlays().Top(), s.loc.T("HandoverContinue")) {
		t.Fatal("no button to continue in the question")
	}
	drain(ui)
	if st, _ := url.ParseQuery(s.Current().Param); s.Current().Screen != screens.BookingID || st.Get("step") != "review" {
		t.Fatalf("after the sign-in the app shows %+v, not the review", s.Current())
	}
	if !shownText(w, "王小明") || shownText(w, s.loc.T("BookingSlotGone")) || shownText(w, s.loc.T("BookingVisitorsGone")) {
		t.Fatalf("back on the review, the visitor is gone: %s", textOf(w.Content()))
	}

	if !tapText(w.Content(), s.loc.T("BookingSubmit")) || s.Current().Screen != screens.ETicketID {
		t.Fatalf("submitting the review went to %+v: %s", s.Current(), textOf(w.Content()))
	}
	for range 2 {
		if err := syncOnce(t, s.syncer); err != nil {
			t.Fatal(err)
		}
	}
	drain(ui)
	if got, err := p.Applied(ctx, platform.Orders); err != nil || len(got) != 1 {
		t.Fatalf("the platform applied %d orders (%v), want exactly 1", len(got), err)
	}
	mine, err := s.syncer.Client().MyOrders(ctx)
	if err != nil || len(mine.Orders) != 1 {
		t.Fatalf("the resident's orders on the platform: %+v, %v", mine, err)
	}
	if v := mine.Orders[0].Visitors; len(v) != 1 || v[0].Name != idcard.MaskName("王小明") || v[0].DocNumber != idcard.Mask("320102198503151230") {
		t.Errorf("the order reached the platform with visitors %+v", v)
	}
	if got, _ := s.store.Visitors(ctx); len(got) != 1 || got[0].Name != "王小明" {
		t.Errorf("the visitor is not among the resident's saved visitors: %+v", got)
	}
}
