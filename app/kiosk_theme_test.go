package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/kiosk"
)

// themeWatch is an app whose settings count the times a theme other than
// the app's own is read: the times something was measured or coloured
// with Fyne's default theme.
type themeWatch struct {
	fyne.App
	foreign int
}

func (a *themeWatch) Settings() fyne.Settings { return watchedSettings{a.App.Settings(), a} }

type watchedSettings struct {
	fyne.Settings
	a *themeWatch
}

func (s watchedSettings) Theme() fyne.Theme {
	th := s.Settings.Theme()
	if _, ours := th.(*appTheme); !ours {
		s.a.foreign++
	}
	return th
}

// TestKioskThemeBeforeAnything: the kiosk applies its theme (the bundled
// CJK font, light, large) before it builds or measures anything. On the
// real driver nothing clears Fyne's font and text-size caches until the
// app runs, so a label measured under the default theme kept Noto Sans,
// which has no Chinese, and the kiosk drew every Chinese character as a
// box; widgets made then kept the default theme's dark colours. The test
// driver clears its caches whenever the theme is set, so the test looks
// at the order instead: no part of the kiosk may read a theme that is not
// the app's.
func TestKioskThemeBeforeAnything(t *testing.T) {
	for _, role := range []kiosk.Role{kiosk.RoleServiceHall, kiosk.RoleTourist} {
		a := &themeWatch{App: test.NewTempApp(t)}
		w := test.NewTempWindow(t, nil)
		fyne.SetCurrentApp(a)
		kc := kiosk.Config{Role: role, Language: "zh-Hans"}
		store, s, err := openKiosk(context.Background(), a, w, Config{DataDir: t.TempDir()}, kc, snapshotClock)
		if err != nil {
			t.Fatal(err)
		}
		s.sync = true
		k := newKioskMode(kc, s, w, func() {})
		w.SetContent(k.Content())
		w.Resize(fyne.NewSize(1280, 800))
		k.showKeyboard(true)
		store.Close()
		s.services.Close()
		if a.foreign != 0 {
			t.Errorf("%s: the kiosk read Fyne's default theme %d times before its own was applied", role, a.foreign)
		}
		th, ok := a.App.Settings().Theme().(*appTheme)
		if !ok || !th.elder || th.mode != ThemeLight {
			t.Errorf("%s: the kiosk's theme is %T %+v, want the app's, light and large", role, a.App.Settings().Theme(), th)
		}
	}
}
