package app

import (
	"fmt"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// withDemoBanner puts a banner above the chrome of an app started as a
// demo (--demo, or demo = true in the kiosk file), on every screen: its
// codes are signed with public demo keys and protect nothing.
func withDemoBanner(s *Shell, chrome fyne.CanvasObject) fyne.CanvasObject {
	if !s.demo {
		return chrome
	}
	return container.NewBorder(demoBanner(s.loc), nil, nil, nil, chrome)
}

// demoBanner says, in l's language, that the app is a demo.
func demoBanner(l *translations.Localizer) fyne.CanvasObject {
	text := widgets.NewWrappedLabelWithStyle(l.T("DemoBanner"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Importance = widget.DangerImportance
	return widgets.NewBanner(theme.WarningIcon(), text)
}

// refuse says why the app will not start: at once on stderr, then, where
// a window can be shown, in a window in the system's language until it is
// closed. It returns err, for Run to return.
func refuse(a fyne.App, cfg Config, err error) error {
	fmt.Fprintln(os.Stderr, "jiangsupass:", err)
	if !canShowWindow() {
		return err
	}
	loc, lerr := translations.New(translations.Match(cfg.Lang, systemLocale()))
	if lerr != nil {
		return err
	}
	w := a.NewWindow(loc.T("AppName"))
	w.SetContent(withFirstFrameProbe(a, refusalContent(loc, a.Quit)))
	w.Resize(fyne.NewSize(640, 480))
	w.CenterOnScreen()
	w.ShowAndRun()
	return err
}

// refusalContent is the refusal window's message, with a way to quit.
func refusalContent(l *translations.Localizer, quit func()) fyne.CanvasObject {
	msg := widgets.NewMessage(theme.ErrorIcon(), l.T("DemoRefusedTitle"), l.T("DemoRefusedBody"), l.T("DemoRefusedQuit"), quit)
	return container.NewPadded(msg)
}

// canShowWindow reports whether a window can be shown: on Linux and the
// BSDs only with an X or Wayland display to show it on.
func canShowWindow() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
	}
	return true
}
