package screens

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// VerifyID checks a scanned code with no network, for service halls,
// hospitals and gates: from a barcode scanner (typed keys ending in Enter),
// from the clipboard, or from an image file.
const VerifyID ID = "verify"

func init() {
	Register(Screen{ID: VerifyID, Tab: TabServices, Title: "VerifyTitle", Icon: theme.IconNameConfirm, Tile: "VerifyTile",
		Build: buildVerify})
}

// verifyView is the Verify screen's state.
type verifyView struct {
	env      *Env
	trust    *codes.TrustList
	verifier CodeVerifier
	input    *widgets.ScanEntry
	result   *fyne.Container
	gate     *gateView // at a gate (Env.Gate): admits the valid tickets of its area
}

func buildVerify(env *Env, r Route) fyne.CanvasObject {
	// The app's verifier keeps its replay cache for as long as the app
	// runs, so that a second scan of a code is refused however the screen
	// was left.
	v := &verifyView{env: env, verifier: env.Verifier, result: container.NewVBox()}
	box := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var trust *codes.TrustList
	var err error
	env.Load(func(ctx context.Context) {
		trust, err = env.Store.TrustList(ctx)
	}, func() {
		if err != nil && !errors.Is(err, offline.ErrNotFound) {
			fyne.LogError("trust list", err)
		}
		v.trust = trust
		stopLoading(box)
		box.Objects = []fyne.CanvasObject{v.content()}
		box.Refresh()
		focusScan(env, v.input) // now that it is in the window
		if code, ok := scannedCode(r); ok {
			v.check(code)
		}
	})
	return box
}

func (v *verifyView) content() fyne.CanvasObject {
	env := v.env
	v.input = widgets.NewScanEntry(env.Now)
	v.input.SetPlaceHolder(env.T("VerifyPlaceholder"))
	v.input.OnScan = v.check
	if !env.Kiosk {
		// On a public kiosk only a scan checks at Enter; typing by hand
		// ends with the Check button.
		v.input.OnSubmitted = func(s string) { v.check(s) }
	}
	check := widget.NewButtonWithIcon(env.T("VerifyAction"), theme.ConfirmIcon(), func() { v.check(v.input.Text) })
	check.Importance = widget.HighImportance
	paste := widget.NewButtonWithIcon(env.T("VerifyPaste"), theme.ContentPasteIcon(), v.paste)
	buttons := []fyne.CanvasObject{check, paste}
	if !env.Kiosk {
		// A public kiosk opens no file dialog: it would show a visitor the
		// terminal's own files.
		buttons = append(buttons, widget.NewButtonWithIcon(env.T("VerifyOpenImage"), theme.FileImageIcon(), v.openImage))
	}
	actions := container.NewGridWithColumns(len(buttons), buttons...)
	if env.Phone || env.Elder {
		actions = container.NewGridWithColumns(1, buttons...)
	}
	box := container.NewVBox(widgets.NewWrappedLabel(env.T("VerifyIntro")), v.trustInfo(), v.result, v.input, actions)
	if env.Kiosk {
		// The verdict comes first, so that all of it is in view on the
		// smallest kiosk screen; the scanner's field stays below it.
		box = container.NewVBox(v.result, widgets.NewWrappedLabel(env.T("VerifyIntro")), v.trustInfo(), v.input, actions)
	}
	if env.Gate != nil {
		// The gate's panel goes on top, but on a kiosk under the verdict,
		// which stays first.
		v.gate = newGateView(env, v.showResult)
		at := 0
		if env.Kiosk {
			at = 1
		}
		box.Objects = slices.Insert(box.Objects, at, v.gate.content())
	}
	return container.NewVScroll(container.NewPadded(box))
}

// trustInfo says which trust list the terminal checks against.
func (v *verifyView) trustInfo() fyne.CanvasObject {
	env := v.env
	if v.trust == nil {
		return widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("VerifyNoTrustList")))
	}
	names := make([]string, 0, len(v.trust.Issuers))
	for _, iss := range v.trust.Issuers {
		names = append(names, iss.Name(env.L.Lang()))
	}
	text := env.L.Tf("VerifyTrustList", map[string]any{"Seq": v.trust.Seq, "Issuers": strings.Join(names, env.T("ListSeparator"))})
	if v.trust.Stale(env.Now()) {
		return widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(text+" "+env.T("VerifyTrustListStale")))
	}
	return widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(text))
}

// check verifies a scanned text and shows the verdict; the entry is
// cleared for the next scan.
func (v *verifyView) check(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	var body fyne.CanvasObject
	if v.trust == nil {
		body = widgets.NewWrappedLabel(v.env.T("VerifyNoTrustList"))
	} else {
		res, err := v.verifier.Verify(text, v.trust, v.env.Now())
		if err == nil && v.gate != nil && res.Kind == codes.KindTicket {
			v.gate.admit(res) // shows its own verdict once recorded
			v.input.SetText("")
			return
		}
		kind, _ := codes.KindOf(text)
		body = verdict(v.env, kind, res, err)
	}
	v.showResult(body)
	v.input.SetText("")
}

// stopLoading stops the loading bars under o, which is about to be
// replaced. A bar taken out of the window without being stopped runs on
// until Fyne drops its renderer, about a minute later, and redraws the
// window at every frame meanwhile: on a kiosk with a software renderer
// that took half a core and held a scanner's keys back.
func stopLoading(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *widget.ProgressBarInfinite:
		x.Stop()
	case *fyne.Container:
		for _, c := range x.Objects {
			stopLoading(c)
		}
	}
}

// focusScan gives a scan field the focus, so that a barcode scanner
// types into it. A window focuses only what it holds, so a screen calls it
// once its content is in the window: when its load is applied.
//
// A kiosk's fields are left unfocused: the kiosk takes a scan at the
// window (app/kiosk.go), where a key costs next to nothing. In a focused
// field each key re-measures and redraws the growing code, which on the
// real window held keys back past kiosk.ScanMaxGap now and then (half of
// the scans into the field were cut in two under Xvfb).
func focusScan(env *Env, f *widgets.ScanEntry) {
	if env.Window != nil && !env.Kiosk {
		env.Window.Canvas().Focus(f)
	}
}

func (v *verifyView) paste() {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	v.check(app.Clipboard().Content())
}

// readImage decodes the image rc holds and looks for a code in it, off the
// UI goroutine (a large photo, or one with no code, takes up to a second),
// showing that it is looking meanwhile; then checks what it found.
func (v *verifyView) readImage(rc fyne.URIReadCloser) {
	v.showResult(widgets.NewLoading(v.env.T("VerifyReadingImage")))
	var text string
	var readErr error
	v.env.Load(func(context.Context) {
		defer rc.Close()
		img, err := codes.DecodeImage(rc, codes.MaxImagePixels)
		if err == nil {
			text, err = codes.ReadQR(img)
		}
		readErr = err
	}, func() {
		if readErr == nil {
			v.check(text)
			return
		}
		msg := v.env.T("VerifyNoCodeInImage")
		if errors.Is(readErr, codes.ErrImageTooLarge) {
			msg = v.env.L.Tf("VerifyImageTooLarge", map[string]any{"Megapixels": codes.MaxImagePixels / 1_000_000, "Megabytes": codes.MaxImageBytes >> 20})
		}
		v.showResult(widgets.NewWrappedLabel(msg))
	})
}

// showResult puts o in the result area, above a separator, in place of
// what was there (a loading bar is stopped).
func (v *verifyView) showResult(o fyne.CanvasObject) {
	stopLoading(v.result)
	v.result.Objects = []fyne.CanvasObject{o, widget.NewSeparator()}
	v.result.Refresh()
}

// openImage reads a code from a photo or screenshot. A public kiosk never
// opens the file dialog, whoever asks: it would show a visitor the
// terminal's own files and let them make folders there.
func (v *verifyView) openImage() {
	if v.env.Kiosk || v.env.Window == nil {
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		v.readImage(rc)
	}, v.env.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	d.Show()
}
