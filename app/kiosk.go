package app

import (
	"context"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/kiosk"
	"jiangsupass/platform"
	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// oskMaxWidth keeps the on-screen keyboard within an arm's reach on a
// wide screen.
const oskMaxWidth = 1000

// kioskTick is how often the kiosk checks the idle timer and the focus.
const kioskTick = 250 * time.Millisecond

// kioskMode supervises the shell on a public terminal: it limits the
// screens to the kiosk's role, watches for input, warns before an idle
// session is cleared and clears it, keeps the window from being closed
// without the staff PIN, shows the on-screen keyboard and takes scans.
type kioskMode struct {
	cfg    kiosk.Config
	shell  *Shell
	window fyne.Window
	quit   func()
	now    func() time.Time
	idle   *kiosk.Idle
	scan   kiosk.ScanClassifier

	root      *kioskRoot
	osk       *widgets.OSK
	oskBox    *fyne.Container // holds the keyboard while it is shown
	bar       *fyne.Container // the kiosk's own bar under the screens
	barInfo   *fyne.Container // the bar's place and languages, hidden while the keyboard is shown
	lastFocus fyne.Focusable  // the text field the keyboard types into
	openedFor fyne.Focusable  // the field the keyboard last opened by itself for
	typed     fieldState      // the focused field as the last tick saw it
	lang      string          // the language the keyboard and bar are in

	warning     *widget.PopUp
	warningBody *widgets.WrappedLabel
	pin         *widget.PopUp

	stop chan struct{}

	// abandon ends the process when a reset cannot clear the visitor's
	// data (exit status exitResetFailed; the service restarts the kiosk).
	abandon func()
}

// exitResetFailed is the exit status of a kiosk whose reset failed.
const exitResetFailed = 75

// newKioskMode puts the shell under kiosk supervision in window w; quit
// ends the app once the staff PIN is given.
func newKioskMode(cfg kiosk.Config, shell *Shell, w fyne.Window, quit func()) *kioskMode {
	k := &kioskMode{cfg: cfg, shell: shell, window: w, quit: quit, now: shell.now,
		oskBox: container.NewStack(), bar: container.NewStack(), abandon: func() { os.Exit(exitResetFailed) }}
	k.idle = kiosk.NewIdle(cfg.IdleTimeout.Duration, cfg.Warning.Duration, k.now())
	shell.allow = func(id screens.ID) bool { return cfg.Allows(string(id)) }
	shell.onRebuild = k.onRebuild
	k.root = newKioskRoot(k, k.kioskWindow(shell.Content()))
	k.onRebuild()
	if w != nil {
		w.SetCloseIntercept(k.askPIN)
		c := w.Canvas()
		c.SetOnTypedRune(k.typedRune)
		c.SetOnTypedKey(k.typedKey)
	}
	return k
}

// Content is what the kiosk's window shows.
func (k *kioskMode) Content() fyne.CanvasObject { return k.root }

// start runs the idle timer until close.
func (k *kioskMode) start() {
	k.stop = make(chan struct{})
	go func() {
		t := time.NewTicker(kioskTick)
		defer t.Stop()
		for {
			select {
			case <-k.stop:
				return
			case <-t.C:
				fyne.Do(k.tick)
			}
		}
	}()
}

// close stops the idle timer.
func (k *kioskMode) close() {
	if k.stop != nil {
		close(k.stop)
	}
}

// touch records input: the session is in use.
func (k *kioskMode) touch() { k.idle.Touch(k.now()) }

// tick counts typing in the focused field as input; shows, updates or
// hides the idle warning; clears an expired session; and shows the
// keyboard when a text field takes the focus.
func (k *kioskMode) tick() {
	k.noteTyping()
	state, left := k.idle.State(k.now())
	switch state {
	case kiosk.Active:
		k.hideWarning()
	case kiosk.Warning:
		k.showWarning(left)
	case kiosk.Expired:
		k.reset()
		return
	}
	if k.window == nil {
		return
	}
	f, ok := k.window.Canvas().Focused().(textField)
	if !ok {
		return
	}
	k.lastFocus = f
	if _, scan := f.(*widgets.ScanEntry); scan && !k.keyboardShown() {
		// A scan field tapped by a visitor gives the focus back to the
		// window, where a scan's keys cost next to nothing (in the field
		// each key redraws the growing code, and on the real window half
		// the scans were cut in two). It keeps the focus while the
		// on-screen keyboard is open, to type a code by hand.
		k.window.Canvas().Unfocus()
		return
	}
	if f != k.openedFor && opensKeyboard(f, k.window.Canvas()) {
		k.openedFor = f
		k.showKeyboard(true)
	}
}

// opensKeyboard reports whether a text field that takes the focus opens
// the on-screen keyboard by itself. A scan field does not: a scanner
// types into it (the bar's Keyboard button still opens the keyboard, to
// type a code by hand). Nor does a field in a dialog: the dialog is modal,
// so the keyboard under it could not be tapped (the staff PIN dialog has
// its own keypad).
func opensKeyboard(f fyne.Focusable, c fyne.Canvas) bool {
	if _, scan := f.(*widgets.ScanEntry); scan {
		return false
	}
	return c.Overlays().Top() == nil
}

// textField is a focusable text entry: widget.Entry and what extends it.
type textField interface {
	fyne.Focusable
	SetPlaceHolder(string)
}

// onRebuild follows every navigation: it counts as input, and the bar
// and keyboard follow the language.
func (k *kioskMode) onRebuild() {
	k.touch()
	k.lastFocus, k.openedFor = nil, nil
	if k.lang != k.shell.prefs.lang || k.osk == nil {
		k.lang = k.shell.prefs.lang
		k.osk = widgets.NewOSK(oskLabels(k.shell.loc), widgets.OSKLetters, k.target)
		k.osk.OnKey = k.afterKey
		k.bar.Objects = []fyne.CanvasObject{k.barContent()}
		k.bar.Refresh()
	}
	k.showKeyboard(false)
}

// target is the text field the keyboard types into: the focused one, else
// the one that had the focus before a key was pressed.
func (k *kioskMode) target() fyne.Focusable {
	if k.window == nil {
		return k.lastFocus
	}
	if f, ok := k.window.Canvas().Focused().(textField); ok {
		k.lastFocus = f
		return f
	}
	return k.lastFocus
}

// afterKey gives the focus back to the field a key typed into.
func (k *kioskMode) afterKey() {
	k.touch()
	if k.window != nil && k.lastFocus != nil && k.window.Canvas().Focused() != k.lastFocus {
		k.window.Canvas().Focus(k.lastFocus)
	}
}

// showKeyboard shows or hides the on-screen keyboard. While it is shown
// the bar keeps only its buttons, to leave the screens room.
func (k *kioskMode) showKeyboard(on bool) {
	if on == k.keyboardShown() {
		return
	}
	if on {
		k.oskBox.Objects = k.keyboardBox()
		k.barInfo.Hide()
	} else {
		k.oskBox.Objects = nil
		k.barInfo.Show()
	}
	k.oskBox.Refresh()
	k.root.Refresh()
}

// keyboardShown reports whether the on-screen keyboard is shown.
func (k *kioskMode) keyboardShown() bool { return len(k.oskBox.Objects) > 0 }

// typedRune takes keys typed while no field has the focus: a barcode
// scanner's, anywhere in the app.
func (k *kioskMode) typedRune(r rune) {
	k.touch()
	k.scan.Rune(r, k.now())
}

// typedKey ends a scan at Enter and hands the code on: to Verify when it
// is shown, else to check-in on a kiosk that checks visitors in at its
// hall, else to Verify where the kiosk's role has it. A scan on the
// screen it is handed to replaces that screen rather than adding to the
// history, so that Back never leads to a previous visitor's code.
func (k *kioskMode) typedKey(e *fyne.KeyEvent) {
	k.touch()
	if e.Name != fyne.KeyReturn && e.Name != fyne.KeyEnter {
		return
	}
	code, ok := k.scan.Enter(k.now())
	if !ok {
		return
	}
	verify := screens.VerifyScanRoute(code)
	var r screens.Route
	switch {
	case k.shell.Current().Screen == screens.VerifyID:
		r = verify
	case k.cfg.ChecksIn():
		r = k.checkInRoute(code)
	case k.cfg.Allows(string(screens.VerifyID)):
		r = verify
	default:
		return
	}
	if k.shell.Current().Screen == r.Screen {
		k.shell.Replace(r)
	} else {
		k.shell.Go(r)
	}
}

// endSession forgets the visitor's tokens at once and ends their session
// at the platform in the background, so that a token copied off the
// terminal stops working too. The next visitor does not wait for it.
func (k *kioskMode) endSession(c *platform.Client) {
	rt := c.Forget()
	if rt == "" {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), kioskSignOutWait)
		defer cancel()
		if err := c.EndSession(ctx, rt); err != nil {
			fyne.LogError("kiosk reset: the platform was not told of the sign-out; the session ends when its refresh token expires", err)
		}
	}()
}

// kioskSignOutWait bounds the kiosk's sign-out call to the platform.
const kioskSignOutWait = 10 * time.Second

// checkInRoute checks in at the kiosk's hall, with a scanned code or none.
func (k *kioskMode) checkInRoute(code string) screens.Route {
	return screens.CheckInRoute(k.cfg.Hall, code)
}

// reset clears the session for the next visitor: the resident is signed
// out, every row a visitor leaves and the personal key are deleted, the
// language and text size go back to the kiosk's, and Home is shown.
func (k *kioskMode) reset() {
	k.hideWarning()
	k.hidePIN()
	if k.window != nil {
		for o := k.window.Canvas().Overlays().Top(); o != nil; o = k.window.Canvas().Overlays().Top() {
			k.window.Canvas().Overlays().Remove(o)
		}
	}
	if err := k.shell.store.ForgetVisitor(context.Background()); err != nil {
		// What the visitor left could not be cleared: never show it to
		// the next one. The store lives in memory, so ending the process
		// clears it, and the kiosk's service starts a clean one.
		fyne.LogError("kiosk reset failed; restarting to start clean", err)
		k.abandon()
		return
	}
	if k.shell.syncer != nil {
		if c := k.shell.syncer.Client(); c != nil {
			k.endSession(c)
		}
	}
	k.scan.Reset()
	k.shell.Reset() // the next visitor starts where the kiosk does
	k.touch()
}
