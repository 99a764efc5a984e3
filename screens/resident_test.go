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
	"jiangsupass/codes/codestest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// shownTexts is every visible text and label under o, one a line.
func shownTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, t := range find[*canvas.Text](o) {
		b.WriteString(t.Text + "\n")
	}
	for _, text := range labelTexts(o) {
		b.WriteString(text + "\n")
	}
	return b.String()
}

// TestCardFaceRevealsThenHidesItself taps the eye: the full name and
// numbers show, and hide again by themselves when the timer fires.
func TestCardFaceRevealsThenHidesItself(t *testing.T) {
	env, _ := testEnv(t, "en")
	res := testResident(t, env.Now())
	face := newCardFace(env, res.card.Card, widget.NewLabel(""))
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
	if after := timersOf(t, env).fire(); len(after) != 1 || after[0] != revealFor {
		t.Fatalf("no hiding scheduled (after %v)", after)
	}
	if s := shownTexts(face.root); strings.Contains(s, card.SocialNo) || strings.Contains(s, card.CardNo) {
		t.Fatalf("after the timer the face still shows:\n%s", s)
	}
}

// TestVerifyScreenReadsScannerInput types a code as a scanner does,
// ending in Enter: valid the first time with the kind and the masked
// holder, refused as replayed the second.
func TestVerifyScreenReadsScannerInput(t *testing.T) {
	env, _ := testEnv(t, "en")
	saveTrustList(t, env)
	shown, err := testResident(t, env.Now()).present(context.Background(), platform.CredentialCard, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	screen, entry := openVerify(t, env)
	scan := func() string {
		scanInto(entry, shown.Text)
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

// TestVerifyScreenExplainsARefundedTicket: a ticket on the trust list's
// revocation list is refused as refunded, not as a lost card.
func TestVerifyScreenExplainsARefundedTicket(t *testing.T) {
	env, _ := testEnv(t, "en")
	now := env.Now()
	ticket := codestest.NewHolder(t, codes.Credential{Kind: codes.KindTicket, NotBefore: now.Add(-time.Hour).Unix(),
		Expires: now.Add(time.Hour).Unix(), Holder: "王*明", Ref: "order-1"}, now)
	saveTrustList(t, env, ticket.ID)
	screen, entry := openVerify(t, env)
	scanInto(entry, ticket.Show(t, now))
	s := shownTexts(screen)
	if !strings.Contains(s, "Invalid") || !strings.Contains(s, env.T("VerifyReasonTicketRevoked")) || strings.Contains(s, env.T("VerifyReasonRevoked")) {
		t.Fatalf("a refunded ticket shows:\n%s", s)
	}
}

// saveTrustList stores a signed demo trust list that revokes the given
// credentials, and gives the screens a fresh verifier.
func saveTrustList(t *testing.T, env *Env, revoked ...[]byte) {
	t.Helper()
	env.Verifier = codes.NewVerifier()
	if _, err := env.Store.SaveSignedTrustList(context.Background(), 3, codestest.TrustList(t, 3, env.Now(), revoked...)); err != nil {
		t.Fatal(err)
	}
}

// openVerify shows the Verify screen and returns it with its scan entry.
func openVerify(t *testing.T, env *Env) (fyne.CanvasObject, *widgets.ScanEntry) {
	t.Helper()
	screen := buildVerify(env, Route{Screen: VerifyID})
	show(t, screen)
	entries := find[*widgets.ScanEntry](screen)
	if len(entries) == 0 {
		t.Fatal("no entry on the screen")
	}
	return screen, entries[0]
}

// scanInto types text into the entry as a scanner does, ending in Enter.
func scanInto(entry *widgets.ScanEntry, text string) {
	test.Type(entry, text)
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// TestServiceCodeWarnsOfClockSkew shows the warning when the device's
// clock is over 30 s from the platform's, and not when it is close.
func TestServiceCodeWarnsOfClockSkew(t *testing.T) {
	env, _ := testEnv(t, "en")
	res := testResident(t, env.Now())
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
	env, nav := testEnv(t, "en")
	for _, id := range []ID{CardID, ServiceCodeID} {
		s, _ := Lookup(id)
		o := s.Build(env, Route{Screen: id})
		if !strings.Contains(shownTexts(o), env.T("SignInFirstTitle")) {
			t.Fatalf("%s signed out shows:\n%s", id, shownTexts(o))
		}
		test.Tap(labelled(t, o, env.T("SignInAction")))
		if nav.last().Screen != SignInID {
			t.Errorf("%s: the button went to %v", id, nav.last())
		}
	}
}

// TestCardLossAsksThenQueues taps "Report lost": nothing is queued until
// the confirmation is accepted; then one card-loss request waits in the
// outbox and the screen says so.
func TestCardLossAsksThenQueues(t *testing.T) {
	env, _ := testEnv(t, "en")
	ctx := context.Background()
	if err := env.Store.SaveSession(ctx, offline.Session{Profile: platform.Profile{Name: "张*"}}); err != nil {
		t.Fatal(err)
	}
	card := platform.Card{Name: "张三", SocialNo: "320102198001010036", CardNo: "A12345678", City: "南京市", Status: platform.CardActive}
	if err := env.Store.SaveCard(ctx, offline.CardRecord{Card: card, FetchedAt: env.Now()}); err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	env.Window, env.Phone = w, false
	screen := buildCard(env, Route{Screen: CardID})
	w.SetContent(screen)
	pending := func() int {
		items, err := env.Store.Outbox(ctx, offline.OutboxPending)
		if err != nil {
			t.Fatal(err)
		}
		return len(items)
	}
	report := labelled(t, screen, env.T("CardLossAction"))
	test.Tap(report)
	top := w.Canvas().Overlays().Top()
	if top == nil || pending() != 0 {
		t.Fatalf("no confirmation (%v), or queued before it (%d)", top, pending())
	}
	test.Tap(labelled(t, top, "No"))
	if pending() != 0 {
		t.Fatal("queued after No")
	}
	test.Tap(report)
	test.Tap(labelled(t, w.Canvas().Overlays().Top(), "Yes"))
	items, _ := env.Store.Outbox(ctx, offline.OutboxPending)
	if len(items) != 1 || items[0].Kind != platform.CardLoss {
		t.Fatalf("outbox after Yes: %+v", items)
	}
	if !strings.Contains(shownTexts(screen), env.T("CardLossQueued")) {
		t.Errorf("the screen does not say the report waits:\n%s", shownTexts(screen))
	}
}

// TestCodePanelCountsDown: the countdown and its bar follow the 30-second
// step, and the code is made anew when the step changes.
func TestCodePanelCountsDown(t *testing.T) {
	env, _ := testEnv(t, "en")
	res := testResident(t, env.Now())
	start := time.Unix(codes.Step(env.Now())*30, 0) // the start of a step
	p := newCodePanel(env, platform.CredentialService, 240, res.present, nil)
	p.tick(start)
	first := p.shown.Text
	if p.bar.Value() != 1 || p.countdown.Text != env.L.Tf("CodeRefreshIn", map[string]any{"Seconds": 30}) {
		t.Fatalf("at a step's start: bar %v, %q", p.bar.Value(), p.countdown.Text)
	}
	p.tick(start.Add(20 * time.Second))
	if v := p.bar.Value(); v < 0.32 || v > 0.35 || p.countdown.Text != env.L.Tf("CodeRefreshIn", map[string]any{"Seconds": 10}) {
		t.Fatalf("20 s in: bar %v, %q", v, p.countdown.Text)
	}
	if p.shown.Text != first {
		t.Fatal("the code changed inside its step")
	}
	p.tick(start.Add(codes.StepPeriod))
	if p.shown.Text == first || p.shown.Step != codes.Step(start)+1 {
		t.Fatal("no new code in the next step")
	}
}
