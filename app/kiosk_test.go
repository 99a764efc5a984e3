package app

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/clock/clocktest"
	"jiangsupass/kiosk"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/screens"
)

// testPIN is the staff PIN of the test kiosks; its hash is made once.
const testPIN = "246810"

var testPINHash = sync.OnceValue(func() string {
	h, err := kiosk.HashPIN(testPIN)
	if err != nil {
		panic(err)
	}
	return h
})

// kioskTest is a kiosk under test: its supervisor, shell and window, a
// clock the test moves, and the folders it may write to.
type kioskTest struct {
	k       *kioskMode
	s       *Shell
	w       fyne.Window
	clock   *clocktest.Settable
	quits   int
	dataDir string
	tmpDir  string
	app     fyne.App
}

// newKioskTest opens a kiosk of the role in a test window of the size,
// its temporary files sent to a folder of their own.
func newKioskTest(t *testing.T, role kiosk.Role, size fyne.Size, wrap func(fyne.Window) fyne.Window, lines ...string) *kioskTest {
	t.Helper()
	return newKioskTestOn(t, test.NewTempApp(t), role, size, wrap, lines...)
}

// newKioskTestOn is newKioskTest on the app a (a test app, or one wrapped
// around it).
func newKioskTestOn(t *testing.T, a fyne.App, role kiosk.Role, size fyne.Size, wrap func(fyne.Window) fyne.Window, lines ...string) *kioskTest {
	t.Helper()
	kt := &kioskTest{dataDir: t.TempDir(), tmpDir: t.TempDir(), clock: clocktest.NewSettable(clocktest.Now()), app: a}
	t.Setenv("TMPDIR", kt.tmpDir)
	text := `role = "` + string(role) + `"
idle_timeout = "2m"
warning = "30s"
language = "en"
admin_pin_hash = "` + testPINHash() + `"
` + strings.Join(lines, "\n") + `
[location]
name = "Suzhou Government Service Centre"
lon = 120.585
lat = 31.299
`
	kc, err := kiosk.Parse([]byte(text), func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	if wrap != nil {
		w = wrap(w)
	}
	store, s, err := openKiosk(context.Background(), kt.app, w, Config{DataDir: kt.dataDir, Version: "test"}, kc, kt.now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		store.Close()
		if err := s.services.Close(); err != nil {
			t.Errorf("closing the map tile caches: %v", err)
		}
	})
	s.sync = true
	s.layout = LayoutDesktop
	kt.s, kt.w = s, w
	kt.k = newKioskMode(kc, s, w, func() { kt.quits++ })
	w.SetContent(kt.k.Content())
	w.Resize(size)
	return kt
}

// now is the kiosk's clock: where the test has moved it.
func (kt *kioskTest) now() time.Time { return kt.clock.Now() }

// wait moves the clock on and lets the kiosk look at it.
func (kt *kioskTest) wait(d time.Duration) {
	kt.clock.Add(d)
	kt.k.tick()
}

// overlayText is the text of the top overlay, or "".
func (kt *kioskTest) overlay() fyne.CanvasObject { return kt.w.Canvas().Overlays().Top() }

// TestKioskSessionIsForgotten signs a resident in at a service-hall kiosk
// against the reference server on loopback, opens the card, switches to
// Japanese, and leaves it idle: a warning comes at 2 min, and 30 s later
// the session is reset. After it the store holds no visitor rows and no
// session, the session is ended at the platform (its refresh token
// refused), no file in the data or temporary folders holds the card
// number, ID number, phone or name, Home is shown, in English again.
func TestKioskSessionIsForgotten(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	sent := map[string]string{}
	srvDir := t.TempDir()
	srv, err := server.Open(ctx, filepath.Join(srvDir, "platform.db"), server.Options{Now: clocktest.Running(), OnCode: func(phone, code string) {
		mu.Lock()
		sent[phone] = code
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	signedOut := make(chan struct{}, 1)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.Handler().ServeHTTP(w, r)
		if r.URL.Path == "/v1/auth/sign-out" {
			signedOut <- struct{}{}
		}
	}))
	defer hs.Close()

	kt := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1920, 1080), nil)
	s, w := kt.s, kt.w
	s.syncer = newSyncer(s.store, hs.URL, "test", "en")
	defer s.syncer.stop()
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }

	entries := signInFields(t, s, w)
	acct := server.DemoAccounts[0]
	w.Canvas().Focus(entries[0])
	kt.k.tick()
	for _, r := range acct.Phone { // on the on-screen keyboard
		if !tapText(w.Content(), string(r)) {
			t.Fatalf("no key %q on the on-screen keyboard", r)
		}
	}
	if entries[0].Text != acct.Phone {
		t.Fatalf("the on-screen keyboard typed %q", entries[0].Text)
	}
	if !tapText(w.Content(), "Send me a code") {
		t.Fatal("no button to send a code")
	}
	mu.Lock()
	code := sent[acct.Phone]
	mu.Unlock()
	test.Type(entries[1], code)
	if !tapText(w.Content(), "Sign in") {
		t.Fatal("no sign-in button")
	}
	drain(ui)
	s.Go(screens.Route{Screen: screens.CardID})
	if !hasText(w.Content(), "张*") {
		t.Fatal("the card is not shown after sign-in")
	}
	card, err := s.store.Card(ctx)
	if err != nil {
		t.Fatalf("no card in the store after sign-in: %v", err)
	}
	if !tapText(w.Content(), "日本語") {
		t.Fatal("no Japanese on the kiosk's bar")
	}

	kt.wait(2*time.Minute - time.Second)
	if kt.overlay() != nil {
		t.Fatal("a warning before the idle time")
	}
	kt.wait(time.Second)
	if kt.overlay() == nil || !hasText(kt.overlay(), s.loc.T("KioskIdleTitle")) {
		t.Fatal("no idle warning after 2 min")
	}
	kt.wait(29 * time.Second)
	if _, err := s.store.Session(ctx); err != nil {
		t.Fatalf("the session went before the warning's end: %v", err)
	}
	refresh := s.syncer.Client().Tokens().RefreshToken
	if refresh == "" {
		t.Fatal("no refresh token while signed in")
	}
	kt.wait(time.Second)
	drain(ui)
	if s.syncer.Client().Tokens() != (platform.Tokens{}) {
		t.Error("the client keeps tokens after the reset")
	}
	// The session is ended at the platform too: a copy of the refresh
	// token taken off the terminal no longer works.
	select {
	case <-signedOut:
	case <-time.After(10 * time.Second):
		t.Fatal("the kiosk did not tell the platform of the sign-out")
	}
	copied := platform.NewClient(hs.URL, platform.Options{})
	copied.SetTokens(platform.Tokens{RefreshToken: refresh})
	var pe *platform.Error
	if err := copied.Refresh(ctx); !errors.As(err, &pe) || pe.Status != http.StatusUnauthorized {
		t.Errorf("the visitor's refresh token after the reset: %v, want 401", err)
	}

	if n, err := s.store.VisitorRows(ctx); err != nil || n != 0 {
		t.Errorf("visitor rows after the reset: %d, %v", n, err)
	}
	if _, err := s.store.Session(ctx); !errors.Is(err, offline.ErrSignedOut) {
		t.Errorf("session after the reset: %v", err)
	}
	if kt.overlay() != nil {
		t.Error("an overlay stays after the reset")
	}
	if r := s.Current(); r.Screen != screens.HomeID || len(s.history) != 1 {
		t.Errorf("after the reset the kiosk shows %v", s.history)
	}
	if s.prefs.lang != "en" || !hasText(w.Content(), "Home") {
		t.Errorf("after the reset the language is %s", s.prefs.lang)
	}
	secrets := map[string][]byte{"card number": []byte(card.Card.CardNo), "ID number": []byte(card.Card.SocialNo),
		"name": []byte(acct.Name), "phone": []byte(acct.Phone)}
	files, size := 0, int64(0)
	for _, dir := range []string{kt.dataDir, kt.tmpDir, kt.app.Storage().RootURI().Path()} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("read %s: %v", path, err)
				return nil
			}
			files++
			size += int64(len(b))
			for what, secret := range secrets {
				if len(secret) > 0 && bytes.Contains(b, secret) {
					t.Errorf("%s holds the %s", path, what)
				}
			}
			return nil
		})
	}
	// The control: the same search finds the name in the reference
	// server's database.
	found := false
	_ = filepath.WalkDir(srvDir, func(path string, d fs.DirEntry, err error) error {
		if b, err := os.ReadFile(path); err == nil && !d.IsDir() && bytes.Contains(b, secrets["name"]) {
			found = true
		}
		return nil
	})
	if !found {
		t.Error("the byte search does not find the name in the server's database either")
	}
	t.Logf("searched %d files (%d bytes) in the data, temporary and app folders for %d secrets", files, size, len(secrets))
}

// TestKioskContinueKeepsSession: tapping Continue on the warning keeps the
// signed-in session past the time it would have been cleared.
func TestKioskContinueKeepsSession(t *testing.T) {
	ctx := context.Background()
	kt := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1080, 1920), nil)
	if err := kt.s.store.SaveSession(ctx, offline.Session{SignedInAt: kt.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	kt.wait(2 * time.Minute)
	top := kt.overlay()
	if top == nil || kt.k.warningBody.Source() != kt.s.loc.Tf("KioskIdleBody", map[string]any{"Seconds": 30}) {
		t.Fatal("no warning with 30 s left")
	}
	kt.wait(25 * time.Second)
	if !tapText(kt.overlay(), "Continue") {
		t.Fatal("no Continue on the warning")
	}
	if kt.overlay() != nil {
		t.Error("the warning stays after Continue")
	}
	kt.wait(10 * time.Second) // past the first warning's end
	kt.wait(time.Minute)
	if _, err := kt.s.store.Session(ctx); err != nil {
		t.Fatalf("the session went after Continue: %v", err)
	}
	if kt.overlay() != nil {
		t.Error("a warning before a new idle time passed")
	}
}

// closeWindow records the close intercept, as the desktop driver keeps it
// and calls it when the window's close button is pressed.
type closeWindow struct {
	fyne.Window
	intercept func()
}

func (w *closeWindow) SetCloseIntercept(f func()) {
	w.intercept = f
	w.Window.SetCloseIntercept(f)
}

// TestKioskCloseAsksForPIN: closing the kiosk's window asks for the staff
// PIN; a wrong PIN keeps the kiosk running, the right one ends it.
func TestKioskCloseAsksForPIN(t *testing.T) {
	var cw *closeWindow
	kt := newKioskTest(t, kiosk.RoleTourist, fyne.NewSize(1920, 1080), func(w fyne.Window) fyne.Window {
		cw = &closeWindow{Window: w}
		return cw
	})
	if cw.intercept == nil {
		t.Fatal("closing the window is not intercepted")
	}
	cw.intercept()
	if kt.quits != 0 || kt.overlay() == nil || !hasText(kt.overlay(), "Staff PIN") {
		t.Fatal("closing did not ask for the staff PIN")
	}
	typePIN := func(pin string) {
		for _, r := range pin {
			if !tapText(kt.overlay(), string(r)) {
				t.Fatalf("no key %q on the PIN pad", r)
			}
		}
		if !tapText(kt.overlay(), "Close the kiosk") {
			t.Fatal("no button to close")
		}
	}
	typePIN("135790")
	if kt.quits != 0 || !hasText(kt.overlay(), "That PIN is not right. Try again.") {
		t.Fatal("a wrong PIN closed the kiosk or said nothing")
	}
	typePIN(testPIN)
	if kt.quits != 1 {
		t.Fatal("the right PIN did not close the kiosk")
	}
}

// TestKioskRoles: a tourist kiosk shows no personal screen or tab; a
// service-hall one does not show the map.
func TestKioskRoles(t *testing.T) {
	kt := newKioskTest(t, kiosk.RoleTourist, fyne.NewSize(1920, 1080), nil)
	for _, id := range []screens.ID{screens.SignInID, screens.CardID, screens.ServiceCodeID, screens.VerifyID, screens.MeID, screens.SettingsID} {
		kt.s.Go(screens.Route{Screen: id})
		if kt.s.Current().Screen != screens.HomeID {
			t.Errorf("a tourist kiosk shows %s", id)
		}
	}
	for _, tab := range kt.s.tabs() {
		if tab.Tab == screens.TabMe || tab.Tab == screens.TabServices {
			t.Errorf("a tourist kiosk has the %s tab", tab.Tab)
		}
	}
	kt.s.Go(screens.Route{Screen: screens.MapID})
	if kt.s.Current().Screen != screens.MapID {
		t.Error("a tourist kiosk does not show the map")
	}
	hall := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1920, 1080), nil)
	hall.s.Go(screens.Route{Screen: screens.MapID})
	if hall.s.Current().Screen == screens.MapID {
		t.Error("a service-hall kiosk shows the map")
	}
}

// TestKioskScanAnywhere: keys at scanner speed with nothing focused open
// Verify with the code; the same keys typed slowly do not.
func TestKioskScanAnywhere(t *testing.T) {
	kt := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1920, 1080), nil)
	typeAt := func(text string, gap time.Duration) {
		for _, r := range text {
			kt.clock.Add(gap)
			kt.k.typedRune(r)
		}
		kt.clock.Add(gap)
		kt.k.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	typeAt("JSP1CODE0042", 300*time.Millisecond)
	if kt.s.Current().Screen != screens.HomeID {
		t.Fatalf("slow typing was taken as a scan: %v", kt.s.Current())
	}
	typeAt("JSP1CODE0042", 6*time.Millisecond)
	if r := kt.s.Current(); r.Screen != screens.VerifyID || !strings.HasSuffix(r.Param, "JSP1CODE0042") {
		t.Fatalf("a scan opened %v, want Verify with the code", r)
	}
}

// TestKioskSnapshots renders every kiosk picture in English at both sizes
// and checks each is a PNG of the size's pixels.
func TestKioskSnapshots(t *testing.T) {
	sweep(t)
	a := test.NewTempApp(t)
	store, _, err := offline.Open(context.Background(), "", offline.Options{Memory: true, Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := screens.NewServices(screens.ServicesConfig{})
	defer svc.Close()
	dir := t.TempDir()
	if d := os.Getenv("KIOSK_SNAPSHOT_DIR"); d != "" { // to look at them
		dir = d
	}
	for _, size := range KioskSnapshotSizes {
		for _, shot := range kioskShots {
			path := filepath.Join(dir, shot.name+"_"+size.Name+".png")
			if err := renderKioskShot(a, store, svc, Config{Version: "test"}, shot, size, "en", path); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil || float32(cfg.Width) < size.Size.Width || float32(cfg.Height) < size.Size.Height {
				t.Errorf("%s: %dx%d, %v", path, cfg.Width, cfg.Height, err)
			}
		}
	}
}

// TestKioskStartsCleanAfterCrash: leftovers of a crashed run in the data
// folder (a damaged database, a personal key file, a journal) are not read:
// the kiosk opens signed out, with the built-in data.
func TestKioskStartsCleanAfterCrash(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"jiangsupass.db": "not a database", offline.PersonalKeyFile: "0123456789abcdef0123456789abcdef",
		"jiangsupass.db-journal": "stale"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	kc := kiosk.Config{Role: kiosk.RoleTourist, Language: "en"}
	store, s, err := openKiosk(context.Background(), a, nil, Config{DataDir: dir}, kc, snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	defer s.services.Close()
	if _, err := store.Session(context.Background()); !errors.Is(err, offline.ErrSignedOut) {
		t.Errorf("session after a crash: %v", err)
	}
	if st, err := store.Stats(context.Background()); err != nil || st.Counts["attractions"] == 0 {
		t.Errorf("built-in data: %+v, %v", st, err)
	}
	if s.prefs.lang != "en" || !store.Memory() {
		t.Errorf("kiosk opened in %s, memory %v", s.prefs.lang, store.Memory())
	}
}

// TestKioskTypingKeepsSession: keys from a physical keyboard go straight
// to the focused field, not through the kiosk; the kiosk still sees the
// field change and counts it as input, so a visitor typing is not warned.
func TestKioskTypingKeepsSession(t *testing.T) {
	kt := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1920, 1080), nil)
	kt.s.Go(screens.Route{Screen: screens.SignInID})
	entry := findEntry(kt.w.Content())
	if entry == nil {
		t.Fatal("no text field on the sign-in screen")
	}
	kt.w.Canvas().Focus(entry)
	kt.wait(kioskTick)
	kt.wait(100 * time.Second)
	test.Type(entry, "138")
	kt.wait(kioskTick)
	kt.wait(100 * time.Second) // 200 s since the start, 100 s since the typing
	if kt.overlay() != nil || kt.s.Current().Screen != screens.SignInID {
		t.Fatalf("100 s after typing, with a 2 min idle time: warning %v, screen %s", kt.overlay() != nil, kt.s.Current().Screen)
	}
	kt.wait(30 * time.Second)
	if top := kt.overlay(); top == nil || !hasText(top, kt.s.loc.T("KioskIdleTitle")) {
		t.Fatal("no warning 2 min after the typing stopped")
	}
}

// TestKioskResetFailureEndsTheProcess: when the reset cannot clear what
// a visitor left (here the store is gone), the kiosk does not carry on
// with it; it ends, for its service to start a clean one.
func TestKioskResetFailureEndsTheProcess(t *testing.T) {
	kt := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1920, 1080), nil)
	abandoned := 0
	kt.k.abandon = func() { abandoned++ }
	kt.k.reset()
	if abandoned != 0 {
		t.Fatal("a reset that worked ended the process")
	}
	kt.s.store.Close()
	kt.k.reset()
	if abandoned != 1 {
		t.Fatalf("a failed reset ended the process %d times, want once", abandoned)
	}
}

// TestKioskScanChecksIn: on a kiosk that stands in a hall, a scan with no
// field focused checks its holder in there instead of opening Verify, and
// the bar offers check-in.
func TestKioskScanChecksIn(t *testing.T) {
	kt := newKioskTest(t, kiosk.RoleServiceHall, fyne.NewSize(1920, 1080), nil, `hall = "hall-320500"`)
	if !hasText(kt.w.Content(), kt.s.loc.T("KioskCheckIn")) {
		t.Error("no check-in on the kiosk's bar")
	}
	for _, r := range "JSP1CODE0042" {
		kt.clock.Add(6 * time.Millisecond)
		kt.k.typedRune(r)
	}
	kt.k.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	r := kt.s.Current()
	if !r.Is(screens.CheckInRoute("hall-320500", "JSP1CODE0042")) {
		t.Fatalf("a scan opened %v, want check-in at the kiosk's hall", r)
	}
}
