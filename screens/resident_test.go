package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/translations"
)

// residentNav records where a screen sends the user.
type residentNav struct{ last Route }

func (n *residentNav) Go(r Route) { n.last = r }
func (n *residentNav) Back()      {}

// residentEnv is an Env in English over an in-memory store that loads at
// once, on a fixed clock.
func residentEnv(t *testing.T) (*Env, *residentNav) {
	t.Helper()
	test.NewTempApp(t)
	st, _, err := offline.Open(context.Background(), "", offline.Options{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	l, err := translations.New("en")
	if err != nil {
		t.Fatal(err)
	}
	nav := &residentNav{}
	return &Env{Store: st, L: l, Nav: nav, Phone: true,
		Now:  func() time.Time { return time.Date(2026, 5, 1, 9, 30, 5, 0, time.UTC) },
		Load: func(work func(context.Context), apply func()) { work(context.Background()); apply() }}, nav
}

// shownTexts is every visible text under o, joined by newlines.
func shownTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// TestCardFaceRevealsThenHidesItself taps the eye: the full name and
// numbers show, and hide again by themselves when the timer fires.
func TestCardFaceRevealsThenHidesItself(t *testing.T) {
	env, _ := residentEnv(t)
	var fire func()
	var after time.Duration
	old := hideAfter
	hideAfter = func(d time.Duration, f func()) { after, fire = d, f }
	t.Cleanup(func() { hideAfter = old })

	res := sampleResident(env.Now())
	face := newCardFace(env, res.card.Card, widget.NewLabel(""), true)
	w := test.NewTempWindow(t, face.root)
	w.Resize(fyne.NewSize(390, 400))
	card := res.card.Card
	if s := shownTexts(face.root); strings.Contains(s, card.SocialNo) || strings.Contains(s, card.Name) || !strings.Contains(s, "张*") {
		t.Fatalf("masked face shows:\n%s", s)
	}
	test.Tap(face.eye)
	if s := shownTexts(face.root); !strings.Contains(s, card.SocialNo) || !strings.Contains(s, card.CardNo) || !strings.Contains(s, card.Name) {
		t.Fatalf("revealed face shows:\n%s", s)
	}
	if fire == nil || after != revealFor {
		t.Fatalf("no hiding scheduled (after %v)", after)
	}
	fire()
	if s := shownTexts(face.root); strings.Contains(s, card.SocialNo) || strings.Contains(s, card.CardNo) {
		t.Fatalf("after the timer the face still shows:\n%s", s)
	}
}

// TestVerifyScreenReadsScannerInput types a code as a scanner does,
// ending in Enter: valid the first time with the kind and the masked
// holder, refused as replayed the second.
func TestVerifyScreenReadsScannerInput(t *testing.T) {
	env, _ := residentEnv(t)
	terminalVerifier = codes.NewVerifier()
	tl, err := codes.DemoTrustList(3, env.Now().AddDate(-1, 0, 0), env.Now())
	if err != nil {
		t.Fatal(err)
	}
	signed, _ := codes.SignTrustList(tl, codes.DemoKey(codes.DemoAnchorLabel))
	if _, err := env.Store.SaveSignedTrustList(context.Background(), tl.Seq, signed); err != nil {
		t.Fatal(err)
	}
	shown, err := sampleResident(env.Now()).present(context.Background(), platform.CredentialCard, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	screen := buildVerify(env, Route{Screen: VerifyID})
	w := test.NewTempWindow(t, screen)
	w.Resize(fyne.NewSize(390, 844))
	entry := findEntry(t, screen)
	scan := func() string {
		test.Type(entry, shown.Text)
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		return shownTexts(screen)
	}
	if s := scan(); !strings.Contains(s, "Valid") || !strings.Contains(s, "Social security card") || !strings.Contains(s, "张*") {
		t.Fatalf("first scan shows:\n%s", s)
	}
	if entry.Text != "" {
		t.Errorf("the entry kept %q for the next scan", entry.Text[:10])
	}
	if s := scan(); !strings.Contains(s, "Invalid") || !strings.Contains(s, env.T("VerifyReasonReplayed")) {
		t.Fatalf("second scan shows:\n%s", s)
	}
}

// TestServiceCodeWarnsOfClockSkew shows the warning when the device's
// clock is over 30 s from the platform's, and not when it is close.
func TestServiceCodeWarnsOfClockSkew(t *testing.T) {
	env, _ := residentEnv(t)
	res := sampleResident(env.Now())
	res.session.ClockOffset = 45 * time.Second
	warn45 := env.L.Tf("ClockSkew", map[string]any{"Seconds": 45})
	if s := shownTexts(serviceCodeContent(env, Route{Screen: ServiceCodeID}, res)); !strings.Contains(s, warn45) || !strings.Contains(s, env.T("CodeStatusValid")) {
		t.Errorf("45 s off: no warning or no status in:\n%s", s)
	}
	res.session.ClockOffset = -10 * time.Second
	warn10 := env.L.Tf("ClockSkew", map[string]any{"Seconds": 10})
	if s := shownTexts(serviceCodeContent(env, Route{Screen: ServiceCodeID}, res)); strings.Contains(s, warn10) {
		t.Errorf("10 s off warned:\n%s", s)
	}
}

// TestResidentScreensAskToSignIn: with no one signed in, the card and the
// service code lead to the sign-in.
func TestResidentScreensAskToSignIn(t *testing.T) {
	env, nav := residentEnv(t)
	for _, id := range []ID{CardID, ServiceCodeID} {
		s, _ := Lookup(id)
		o := s.Build(env, Route{Screen: id})
		if !strings.Contains(shownTexts(o), env.T("SignInFirstTitle")) {
			t.Fatalf("%s signed out shows:\n%s", id, shownTexts(o))
		}
		var btn *widget.Button
		forEachObject(o, func(x fyne.CanvasObject) {
			if b, ok := x.(*widget.Button); ok && b.Text == env.T("SignInAction") {
				btn = b
			}
		})
		if btn == nil {
			t.Fatalf("%s: no sign-in button", id)
		}
		test.Tap(btn)
		if nav.last.Screen != SignInID {
			t.Errorf("%s: the button went to %v", id, nav.last)
		}
	}
}

func findEntry(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	var e *widget.Entry
	forEachObject(o, func(x fyne.CanvasObject) {
		if v, ok := x.(*widget.Entry); ok && e == nil {
			e = v
		}
	})
	if e == nil {
		t.Fatal("no entry on the screen")
	}
	return e
}

// forEachObject calls f for every object under o.
func forEachObject(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			forEachObject(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			forEachObject(c, f)
		}
	}
}
