package screens

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// tickByHand is the sign-in form's one-second ticker, which the test
// calls after moving the clock: it reports whether the countdown goes on.
func tickByHand(t *testing.T, env *Env) func() bool {
	t.Helper()
	return timersOf(t, env).tick
}

// signInScreen shows the sign-in form linked to a reference server on
// loopback with the Env's clock, and returns its phone and code fields,
// its two buttons and the codes the server sent.
func signInScreen(t *testing.T, env *Env) (w fyne.Window, phone, code *widgets.Entry, send, signIn *widget.Button, sent map[string]string) {
	t.Helper()
	url, sent := checkInPlatform(t, env)
	linkPlatform(env, url)
	w = show(t, buildSignIn(env, Route{Screen: SignInID}))
	entries := find[*widgets.Entry](w.Content())
	if len(entries) != 2 {
		t.Fatalf("%d fields on the sign-in form", len(entries))
	}
	return w, entries[0], entries[1], labelled(t, w.Content(), env.T("SignInSendCode")),
		labelled(t, w.Content(), env.T("SignInAction")), sent
}

// shows fails the test unless the screen shows the text.
func shows(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	if got := labelTexts(w.Content()); !slices.Contains(got, text) {
		t.Fatalf("%q is not shown; the labels are %q", text, got)
	}
}

// TestSignInCountsDownWhenLocked: the fifth wrong code locks the number
// at the platform; the form says how long in words, counts down as the
// clock moves, keeps both buttons disabled until the wait is over, and
// then signs in with a new code.
func TestSignInCountsDownWhenLocked(t *testing.T) {
	env, nav, clk := testEnvClock(t, "en")
	tick := tickByHand(t, env)
	w, phone, code, send, signIn, sent := signInScreen(t, env)
	number := server.DemoAccounts[1].Phone
	test.Type(phone, number)
	test.Tap(send)
	shows(t, w, env.T("SignInCodeSent"))
	wrong := "000000"
	if sent[number] == wrong {
		wrong = "000001"
	}
	for i := range 4 {
		code.SetText(wrong)
		test.Tap(signIn)
		if i < 3 {
			shows(t, w, env.T("SignInWrongCode"))
		}
	}
	clk.Add(time.Minute) // a new code, which once wiped the count
	test.Tap(send)
	code.SetText(wrong)
	test.Tap(signIn)
	shows(t, w, "Too many tries. Try again in 1 minute.")
	if !send.Disabled() || !signIn.Disabled() {
		t.Fatalf("while locked: send disabled %v, sign in disabled %v", send.Disabled(), signIn.Disabled())
	}
	clk.Add(15 * time.Second)
	if !tick() {
		t.Fatal("the countdown stopped 45 s early")
	}
	shows(t, w, "Too many tries. Try again in 45 seconds.")
	clk.Add(45 * time.Second)
	if tick() {
		t.Fatal("the countdown goes on after the wait")
	}
	shows(t, w, env.T("SignInWaitOver"))
	if send.Disabled() || signIn.Disabled() {
		t.Fatal("the buttons are still disabled after the wait")
	}
	test.Tap(send)
	code.SetText(sent[number])
	test.Tap(signIn)
	if nav.last().Screen != ServiceCodeID {
		t.Errorf("after the wait, the right code went to %+v", nav.last())
	}
}

// TestSignInHoldsSendOnly: asking for a second code at once is held for
// the minute the platform names; the sign-in button stays usable, since
// the first code still works.
func TestSignInHoldsSendOnly(t *testing.T) {
	env, nav, clk := testEnvClock(t, "en")
	tick := tickByHand(t, env)
	w, phone, code, send, signIn, sent := signInScreen(t, env)
	number := server.DemoAccounts[0].Phone
	test.Type(phone, number)
	test.Tap(send)
	clk.Add(20 * time.Second)
	test.Tap(send)
	shows(t, w, "Too many tries. Try again in 40 seconds.")
	if !send.Disabled() || signIn.Disabled() {
		t.Fatalf("send disabled %v, sign in disabled %v", send.Disabled(), signIn.Disabled())
	}
	clk.Add(40 * time.Second)
	if tick() || send.Disabled() {
		t.Fatal("send is still held after the minute")
	}
	code.SetText(sent[number])
	test.Tap(signIn)
	if nav.last().Screen != ServiceCodeID {
		t.Errorf("the first code went to %+v", nav.last())
	}
}

// TestWrongCodeOutlivesTheCountdown: a wrong code typed while Send is
// held says the code is wrong, and the countdown's next ticks do not
// write over it.
func TestWrongCodeOutlivesTheCountdown(t *testing.T) {
	env, _, clk := testEnvClock(t, "en")
	tick := tickByHand(t, env)
	w, phone, code, send, signIn, sent := signInScreen(t, env)
	number := server.DemoAccounts[0].Phone
	test.Type(phone, number)
	test.Tap(send)
	test.Tap(send)
	wrong := "000000"
	if sent[number] == wrong {
		wrong = "000001"
	}
	code.SetText(wrong)
	test.Tap(signIn)
	for range 3 {
		clk.Add(time.Second)
		tick()
	}
	shows(t, w, "The code is wrong or has expired. Ask for a new one.")
	shows(t, w, "Too many tries. Try again in 57 seconds.")
}

// TestSignInWaitWords: the wait reads in words in every language, rounded
// up to whole seconds, minutes or hours.
func TestSignInWaitWords(t *testing.T) {
	four := map[string]string{
		"en":      "Too many tries. Try again in 4 minutes.",
		"zh-Hans": "尝试次数过多，请 4 分钟后再试。",
		"zh-Hant": "嘗試次數過多，請 4 分鐘後再試。",
		"ja":      "試行回数が多すぎます。4 分後にもう一度お試しください。",
		"ko":      "시도 횟수가 너무 많습니다. 4분 후에 다시 시도하세요.",
	}
	for _, lang := range translations.Languages {
		l, err := translations.New(lang.Tag)
		if err != nil {
			t.Fatal(err)
		}
		env := &Env{L: l}
		if got := waitWords(env, 3*time.Minute+time.Second); got != four[lang.Tag] {
			t.Errorf("%s: %q, want %q", lang.Tag, got, four[lang.Tag])
		}
		for _, d := range []time.Duration{time.Second, 30 * time.Second, time.Hour, 5 * time.Hour} {
			waitWords(env, d)
		}
		if m := l.Missing(); len(m) > 0 {
			t.Errorf("%s lacks %v", lang.Tag, m)
		}
	}
	l, _ := translations.New("en")
	env := &Env{L: l}
	for d, want := range map[time.Duration]string{
		time.Second:                      "Too many tries. Try again in 1 second.",
		1500 * time.Millisecond:          "Too many tries. Try again in 2 seconds.",
		time.Minute:                      "Too many tries. Try again in 1 minute.",
		time.Hour:                        "Too many tries. Try again in 1 hour.",
		time.Hour + time.Second:          "Too many tries. Try again in 2 hours.",
		24 * time.Hour:                   "Too many tries. Try again in 24 hours.",
		59*time.Second + time.Nanosecond: "Too many tries. Try again in 60 seconds.",
	} {
		if got := waitWords(env, d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}

// TestSignOutEndsSessionAtPlatform: signing out with the platform on
// loopback ends the session there (its tokens are refused afterwards) and
// clears the device.
func TestSignOutEndsSessionAtPlatform(t *testing.T) {
	ctx := context.Background()
	env, nav, _ := testEnvClock(t, "en")
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)
	signInStore(t, env, c, sent)
	tokens := c.Tokens()
	w := show(t, buildSignIn(env, Route{Screen: SignInID}))
	test.Tap(labelled(t, w.Content(), env.T("SignOutAction")))
	if nav.last() != (Route{Screen: SignInID}) {
		t.Errorf("after signing out: %+v", nav.last())
	}
	if _, err := env.Store.Session(ctx); !errors.Is(err, offline.ErrSignedOut) {
		t.Errorf("the session on the device: %v", err)
	}
	old := platform.NewClient(url, platform.Options{Retries: -1})
	old.SetTokens(platform.Tokens{RefreshToken: tokens.RefreshToken})
	var pe *platform.Error
	if err := old.Refresh(ctx); !errors.As(err, &pe) || pe.Status != http.StatusUnauthorized {
		t.Errorf("a refresh with the signed-out token: %v, want 401", err)
	}
	old.SetTokens(platform.Tokens{AccessToken: tokens.AccessToken})
	if _, err := old.Me(ctx); !errors.As(err, &pe) || pe.Status != http.StatusUnauthorized {
		t.Errorf("the signed-out access token: %v, want 401", err)
	}
}

// TestSignOutOfflineClearsDevice: with the platform out of reach, signing
// out still clears the device, and the sign-in form says that the session
// at the platform was not ended.
func TestSignOutOfflineClearsDevice(t *testing.T) {
	ctx := context.Background()
	env, nav, _ := testEnvClock(t, "en")
	url, sent := checkInPlatform(t, env)
	signInStore(t, env, linkPlatform(env, url), sent)
	live := platformClient(env).Tokens()

	down := httptest.NewServer(nil)
	down.Close() // nothing listens there now
	dead := platform.NewClient(down.URL, platform.Options{Retries: -1})
	dead.SetTokens(live)
	env.Sync = clientSyncer{dead}
	w := show(t, buildSignIn(env, Route{Screen: SignInID}))
	test.Tap(labelled(t, w.Content(), env.T("SignOutAction")))
	if nav.last() != (Route{Screen: SignInID, Param: signedOutHere}) {
		t.Fatalf("after signing out offline: %+v", nav.last())
	}
	if _, err := env.Store.Session(ctx); !errors.Is(err, offline.ErrSignedOut) {
		t.Errorf("the session on the device: %v", err)
	}
	w = show(t, buildSignIn(env, nav.last()))
	shows(t, w, env.T("SignOutLocalOnly"))
	// What it says is true: the platform never heard, so the session
	// there still works.
	still := platform.NewClient(url, platform.Options{Retries: -1})
	still.SetTokens(live)
	if err := still.Refresh(ctx); err != nil {
		t.Errorf("the session the platform was not told of: %v", err)
	}
}
