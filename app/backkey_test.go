package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/mobile"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// backKeyShell is a shell shown as Run shows it, in a 390×844 phone window
// in English, started, with loads run in line; leaves counts the times
// the Back key left the app.
func backKeyShell(t *testing.T) (s *Shell, w fyne.Window, leaves *int) {
	t.Helper()
	a, s, w := shownShell(t, fyne.NewSize(390, 844))
	s.sync = true
	s.layout = LayoutPhone
	leaves = new(int)
	s.back.leave = func() { *leaves++ }
	started(a)
	return s, w, leaves
}

// pressBack sends the phone's Back key as the mobile driver does: to the
// widget that has the focus, else to the window's key handler.
func pressBack(w fyne.Window) {
	ev := &fyne.KeyEvent{Name: mobile.KeyBack}
	c := w.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// overlay is the dialog on top of the window, nil when none is open.
func overlay(w fyne.Window) fyne.CanvasObject { return w.Canvas().Overlays().Top() }

// TestBackKeyGoesToThePreviousPage: Home → Attractions → Back is Home
// again, then Me → About → Back is Me; the app is not left.
func TestBackKeyGoesToThePreviousPage(t *testing.T) {
	s, w, leaves := backKeyShell(t)
	if !tapText(w.Content(), s.loc.T("AttractionsTitle")) {
		t.Fatal("no Attractions tile on Home")
	}
	if s.Current().Screen != screens.AttractionsID {
		t.Fatalf("the tile opened %q", s.Current().Screen)
	}
	pressBack(w)
	if got := s.Current().Screen; got != screens.HomeID {
		t.Errorf("Back from Attractions went to %q, want Home", got)
	}
	s.Go(screens.Route{Screen: screens.MeID})
	s.Go(screens.Route{Screen: screens.AboutID})
	pressBack(w)
	if got := s.Current().Screen; got != screens.MeID {
		t.Errorf("Back from About went to %q, want Me", got)
	}
	if *leaves != 0 {
		t.Errorf("Back below a tab's first page left the app %d times", *leaves)
	}
}

// TestBackKeyClosesADialogFirst: with a question open over Attractions,
// Back answers it "no", as its cancel button would, and stays on the page;
// an information box, with one button, is closed the same way; the next
// Back goes back.
func TestBackKeyClosesADialogFirst(t *testing.T) {
	s, w, leaves := backKeyShell(t)
	s.Go(screens.Route{Screen: screens.AttractionsID})
	answers := []bool{}
	dialog.ShowConfirm("Cancel the booking?", "It cannot be undone.", func(ok bool) { answers = append(answers, ok) }, w)
	pressBack(w)
	if overlay(w) != nil {
		t.Fatal("Back left the question open")
	}
	if len(answers) != 1 || answers[0] {
		t.Errorf("the question was answered %v, want one no", answers)
	}
	closed := false
	info := dialog.NewInformation("Sent", "Your message is on its way.", w)
	info.SetOnClosed(func() { closed = true })
	info.Show()
	pressBack(w)
	if overlay(w) != nil || !closed {
		t.Fatal("Back did not close the information box")
	}
	if got := s.Current().Screen; got != screens.AttractionsID {
		t.Fatalf("closing the dialogs left Attractions for %q", got)
	}
	pressBack(w)
	if got := s.Current().Screen; got != screens.HomeID || *leaves != 0 {
		t.Errorf("Back after the dialogs: on %q, left %d times; want Home, not left", got, *leaves)
	}
}

// TestBackKeyAsksBeforeDroppingAHalfFilledForm: a 12345 message half
// written, Back asks before going back; Back again keeps the user on the
// form with their words; asked again, Discard goes back.
func TestBackKeyAsksBeforeDroppingAHalfFilledForm(t *testing.T) {
	s, w, _ := backKeyShell(t)
	s.Go(screens.Route{Screen: screens.HotlineID})
	var text *widgets.Entry
	for _, e := range find[*widgets.Entry](w.Content()) {
		if e.MultiLine {
			text = e
		}
	}
	if text == nil {
		t.Fatal("no message field on the 12345 page")
	}
	test.Type(text, "The street light on Renmin Road is out")
	// The keyboard closed by a tap outside the field: while the field has
	// the focus, the driver gives the key to it.
	w.Canvas().Unfocus()
	pressBack(w)
	if o := overlay(w); o == nil || !hasText(o, s.loc.T("BackDiscardTitle")) {
		t.Fatal("Back on a half-written message did not ask")
	}
	if got := s.Current().Screen; got != screens.HotlineID {
		t.Fatalf("Back left the form for %q before the answer", got)
	}
	pressBack(w)
	if overlay(w) != nil || s.Current().Screen != screens.HotlineID || text.Text == "" {
		t.Fatal("Back on the question did not keep the user on the form with their words")
	}
	pressBack(w)
	if !tapText(overlay(w), s.loc.T("BackDiscard")) {
		t.Fatal("asked again, the question has no Discard")
	}
	if got := s.Current().Screen; got != screens.HomeID {
		t.Errorf("Discard went to %q, want Home", got)
	}
}

// TestBackKeyLeavesOnlyFromATabRoot: from Home the app is left; a page
// alone in its history (About, shown in place of Home) goes to its tab's
// first page, Me, instead; from a tab's first page with a half-filled form
// the app is left only once the user says to discard it.
func TestBackKeyLeavesOnlyFromATabRoot(t *testing.T) {
	s, w, leaves := backKeyShell(t)
	pressBack(w)
	if *leaves != 1 {
		t.Fatalf("Back on Home left the app %d times, want once", *leaves)
	}
	s.Replace(screens.Route{Screen: screens.AboutID})
	pressBack(w)
	if got := s.Current().Screen; got != screens.MeID || *leaves != 1 {
		t.Fatalf("Back on About alone: on %q, left %d times; want Me, not left again", got, *leaves)
	}
	// No tab's first page has a form today: the form here is the test's,
	// told to the shell as a screen tells it (Env.HoldsInput).
	field := widget.NewEntry()
	s.env().HoldsInput(func() bool { return field.Text != "" })
	test.Type(field, "half")
	pressBack(w)
	if o := overlay(w); o == nil || !hasText(o, s.loc.T("BackDiscardTitle")) || *leaves != 1 {
		t.Fatalf("Back on a tab's first page with a half-filled form did not ask first (left %d times)", *leaves)
	}
	if !tapText(overlay(w), s.loc.T("BackDiscard")) || *leaves != 2 {
		t.Errorf("Discard did not leave the app (left %d times)", *leaves)
	}
}

// TestBackKeyLeavesAFocusedField: the keyboard closed by the system's
// Back, the field typed into still has the focus and the driver gives it
// the next Back: that Back goes to the previous page all the same (and
// asks first on a half-written form), on every page with a text field.
func TestBackKeyLeavesAFocusedField(t *testing.T) {
	s, w, leaves := backKeyShell(t)
	for _, r := range []screens.Route{{Screen: screens.AttractionsID}, {Screen: screens.SearchID}, {Screen: screens.HallsID},
		{Screen: screens.PlannerID}, {Screen: screens.SignInID}} {
		s.Go(screens.Route{Screen: screens.HomeID})
		s.Go(r)
		fields := find[*widgets.Entry](w.Content())
		if len(fields) == 0 {
			t.Errorf("%s: no text field", r.Screen)
			continue
		}
		w.Canvas().Focus(fields[0])
		test.Type(fields[0], "x")
		if w.Canvas().Focused() == nil {
			t.Fatalf("%s: the field typed into has no focus", r.Screen)
		}
		pressBack(w)
		if o := overlay(w); o != nil && hasText(o, s.loc.T("BackDiscardTitle")) {
			tapText(o, s.loc.T("BackDiscard"))
		}
		if got := s.Current().Screen; got != screens.HomeID {
			t.Errorf("Back in a focused field on %s: still on %q, want Home", r.Screen, got)
		}
	}
	if *leaves != 0 {
		t.Errorf("the app was left %d times", *leaves)
	}
}
