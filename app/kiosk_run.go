package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/assets"
	"jiangsupass/kiosk"
	"jiangsupass/offline"
	"jiangsupass/screens"
	"jiangsupass/translations"
)

// runKiosk runs the app as a public kiosk: full-screen, with the whole
// store in memory so that no visitor's data reaches the disk, and nothing
// on disk to recover after a crash (a restart begins from the built-in
// data again). A gate, on which no visitor signs in, keeps its store in a
// file instead, so that its admissions outlive a restart (kiosk_gate.go).
func runKiosk(a fyne.App, cfg Config) error {
	ctx := context.Background()
	kc, err := kiosk.Load(cfg.Kiosk, translations.Supported)
	if err != nil {
		return fmt.Errorf("--kiosk: %w", err)
	}
	tr, demo, err := kioskTrust(cfg, kc)
	if err != nil {
		return err
	}
	if err := tr.check(assets.Release, demo); err != nil {
		return refuse(a, cfg, err)
	}
	a = sealKiosk(a)
	store, shell, err := openKiosk(ctx, a, a.NewWindow(""), cfg, kc, time.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	defer closeServices(shell.services)
	api, err := kioskAPI(cfg, kc)
	if err != nil {
		return err
	}
	shell.syncer = newSyncer(store, api, cfg.Version, shell.prefs.lang)
	defer shell.syncer.stop()
	defer shell.endLoads() // before the sync engine stops, as Run does
	startGate(shell.syncer, kc)
	w := shell.window
	defer showKiosk(a, w, kc, shell, a.Quit)()
	w.Resize(fyne.NewSize(1920, 1080))
	w.SetFullScreen(true)
	w.ShowAndRun()
	return nil
}

// kioskPrefs are the language, text size and theme a kiosk starts in and
// goes back to after each visitor.
func kioskPrefs(cfg Config, kc kiosk.Config) prefs {
	theme := cfg.Theme
	if theme == "" {
		theme = ThemeLight
	}
	return prefs{lang: kc.Language, elder: kc.Large(), theme: theme}
}

// openKiosk applies the kiosk's theme, opens the kiosk's store (in memory,
// or a gate's file: openKioskStore) while the theme's font is parsed,
// notes where the kiosk stands, and
// makes the shell in the kiosk's language and text size. It builds no
// screen: that is left to the kiosk's supervisor, once the theme is in
// force and the font is ready. now is the kiosk's one clock, its store's
// and its screens'.
func openKiosk(ctx context.Context, a fyne.App, w fyne.Window, cfg Config, kc kiosk.Config, now func() time.Time) (*offline.Store, *Shell, error) {
	p := kioskPrefs(cfg, kc)
	// The theme goes first: nothing may be measured under Fyne's default
	// theme, whose font has no Chinese (see warmFonts).
	fontsReady := warmFonts(a, newTheme(p.theme, p.elder))
	defer func() { <-fontsReady }()
	dir, err := dataDir(a, cfg.DataDir)
	if err != nil {
		return nil, nil, err
	}
	tr, demo, err := kioskTrust(cfg, kc)
	if err != nil {
		return nil, nil, err
	}
	svc, err := openServices(dir, cfg.Basemap)
	if err != nil {
		return nil, nil, err
	}
	store, err := openKioskStore(ctx, dir, kc, offline.Options{Now: now, Anchors: tr.anchors})
	if err != nil {
		return nil, nil, err
	}
	if loc := kc.Location; loc.Lon != 0 || loc.Lat != 0 {
		v := strconv.FormatFloat(loc.Lon, 'f', 6, 64) + "," + strconv.FormatFloat(loc.Lat, 'f', 6, 64)
		if err := store.SetSetting(ctx, screens.LocationSetting, v); err != nil {
			store.Close()
			return nil, nil, err
		}
	}
	shell, err := newShell(a, w, store, p, cfg.Version, now)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	shell.services = svc
	shell.demo = demo
	shell.gate = gateOf(kc)
	return store, shell, nil
}

// kioskTrust is what a kiosk trusts codes by: the anchors file --anchors
// names, else the kiosk file's trust_anchors, else the build's own; and
// whether it runs as a demo (--demo, or demo = true in the kiosk file).
func kioskTrust(cfg Config, kc kiosk.Config) (trust, bool, error) {
	file := cfg.Anchors
	if file == "" {
		file = kc.TrustAnchors
	}
	tr, err := loadTrust(file)
	return tr, cfg.Demo || kc.Demo, err
}
