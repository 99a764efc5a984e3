package app

import (
	"fmt"
	"image/color"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/kiosk"
	"jiangsupass/offline"
	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// KioskSnapshotSizes are a kiosk's screens: landscape and portrait full HD.
var KioskSnapshotSizes = []SnapshotSize{
	{Name: "kiosk-landscape", Layout: LayoutDesktop, Size: fyne.NewSize(1920, 1080)},
	{Name: "kiosk-portrait", Layout: LayoutDesktop, Size: fyne.NewSize(1080, 1920)},
}

// kioskShot is one kiosk picture: a role, a route, and what is shown on
// top of it.
type kioskShot struct {
	name    string
	role    kiosk.Role
	route   screens.Route
	osk     widgets.OSKMode
	keys    bool // the on-screen keyboard is shown
	warning bool // the idle warning is shown
}

var kioskShots = []kioskShot{
	{name: "home-tourist", role: kiosk.RoleTourist, route: screens.Route{Screen: screens.HomeID}},
	{name: "home-service-hall", role: kiosk.RoleServiceHall, route: screens.Route{Screen: screens.HomeID}},
	{name: "keyboard-search", role: kiosk.RoleTourist, route: screens.Route{Screen: screens.SearchID}, keys: true, osk: widgets.OSKInitials},
	{name: "keyboard-signin", role: kiosk.RoleServiceHall, route: screens.Route{Screen: screens.SignInID}, keys: true, osk: widgets.OSKDigits},
	{name: "idle-warning", role: kiosk.RoleServiceHall, route: screens.Route{Screen: screens.HomeID}, warning: true},
}

// snapshotKiosk renders the kiosk's Home of each role, its on-screen
// keyboard and its idle warning at the kiosk sizes, in zh-Hans and en,
// into dir, and returns how many it wrote.
func snapshotKiosk(a fyne.App, store *offline.Store, svc screens.Services, cfg Config, dir string) (int, error) {
	n := 0
	for _, size := range KioskSnapshotSizes {
		for _, lang := range []string{"zh-Hans", "en"} {
			for _, shot := range kioskShots {
				name := fmt.Sprintf("kiosk_%s_%s_%s.png", shot.name, size.Name, lang)
				if err := renderKioskShot(a, store, svc, cfg, shot, size, lang, filepath.Join(dir, name)); err != nil {
					return n, fmt.Errorf("snapshot %s: %w", name, err)
				}
				n++
			}
		}
	}
	return n, nil
}

func renderKioskShot(a fyne.App, store *offline.Store, svc screens.Services, cfg Config, shot kioskShot, size SnapshotSize, lang, path string) error {
	kc := kiosk.Config{Role: shot.role, Language: lang, Location: kiosk.Location{Name: "苏州市游客服务中心 Suzhou Visitor Centre"}}
	p := prefs{lang: lang, elder: kc.Large(), theme: ThemeLight}
	shell, err := newSnapshotShell(a, store, svc, p, size.Layout, cfg.Version)
	if err != nil {
		return err
	}
	th := newTheme(p.theme, p.elder)
	a.Settings().SetTheme(th) // before anything is built and measured
	k := newKioskMode(kc, shell, nil, func() {})
	shell.ShowRoute(shot.route)
	obj := k.Content()
	if shot.keys {
		k.osk.SetMode(shot.osk)
		k.showKeyboard(true)
	}
	if shot.warning {
		card := k.warningContent()
		k.setWarningLeft(int(kiosk.DefaultWarning.Seconds()))
		bg := canvas.NewRectangle(th.Color(theme.ColorNameOverlayBackground, theme.VariantLight))
		dim := canvas.NewRectangle(color.NRGBA{A: 0x99})
		obj = container.NewStack(obj, dim, container.NewCenter(container.NewStack(bg, card)))
	}
	return renderObject(th, obj, size.Size, path)
}
