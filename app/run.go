package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"jiangsupass/assets"
	"jiangsupass/offline"

	_ "jiangsupass/screens" // registers every screen
)

// AppID is the app's unique id, as in FyneApp.toml.
const AppID = "org.jiangsupass.app"

// storeFile is the name of the local store inside the data directory.
const storeFile = "jiangsupass.db"

// Run starts the app as cfg says: a bare window, a kiosk, or the app
// itself. It returns when the window closes. A release build that would
// trust the demo anchors and was not told it is a demo says so and
// returns an error wrapping ErrRefused.
func Run(cfg Config) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if cfg.Bare {
		return runBare(a)
	}
	if cfg.Kiosk != "" {
		return runKiosk(a, cfg)
	}
	tr, err := loadTrust(cfg.Anchors)
	if err != nil {
		return err
	}
	if err := tr.check(assets.Release, cfg.Demo); err != nil {
		return refuse(a, cfg, err)
	}
	fontsReady := warmFonts(a, newTheme(ThemeSystem, false))
	ctx := context.Background()
	dir, err := dataDir(a, cfg.DataDir)
	if err != nil {
		return err
	}
	svc, err := openServices(dir, cfg.Basemap)
	if err != nil {
		return err
	}
	defer closeServices(svc)
	// The one clock of the app: the store, the sync engine and the screens
	// all read it.
	now := time.Now
	store, rec, err := offline.Open(ctx, filepath.Join(dir, storeFile), offline.Options{Now: now, Anchors: tr.anchors})
	if err != nil {
		return fmt.Errorf("open the local store in %s: %w", dir, err)
	}
	defer store.Close()
	if rec.MovedTo != "" {
		fyne.LogError("local store was unusable and was rebuilt", fmt.Errorf("%s; moved to %s", rec.Reason, rec.MovedTo))
	}
	p := resolvePrefs(ctx, cfg, store, systemLocale())

	w := a.NewWindow("")
	// Nothing measures text, or sets the theme the warm-up reads, before
	// the warm-up is done.
	<-fontsReady
	shell, err := newShell(a, w, store, p, cfg.Version, now)
	if err != nil {
		return err
	}
	shell.services = svc
	shell.demo = cfg.Demo
	shell.notice = recoveryNotice(shell.Localizer(), rec)
	shell.syncer = newSyncer(store, cfg.API, cfg.Version, shell.prefs.lang)
	// On close, in this order: the screen's loads are cancelled and
	// waited for, then the sync engine is stopped and waited for, and only
	// then is the store closed (deferred above).
	defer shell.syncer.stop()
	defer shell.endLoads()
	shell.applyTheme()
	// Size the window before it gets content, so that the first layout is
	// at the real width and the shell is built once, not phone then desktop.
	w.Resize(fyne.NewSize(1100, 760))
	showShell(a, w, shell)
	w.ShowAndRun()
	return nil
}

// dataDir is --data-dir, or the app's own storage folder.
func dataDir(a fyne.App, flagDir string) (string, error) {
	dir := flagDir
	if dir == "" {
		dir = a.Storage().RootURI().Path()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the data directory %s: %w", dir, err)
	}
	return dir, nil
}

// runBare shows an empty window: the baseline that start-up is measured
// against.
func runBare(a fyne.App) error {
	w := a.NewWindow("Jiangsu Pass")
	w.SetContent(withFirstFrameProbe(a, nil))
	w.Resize(fyne.NewSize(1100, 760))
	w.ShowAndRun()
	return nil
}
