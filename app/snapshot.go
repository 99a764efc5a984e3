package app

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/assets"
	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens"
)

// SnapshotSize is a layout and the window size it is rendered at.
type SnapshotSize struct {
	Name   string
	Layout Layout
	Size   fyne.Size
}

// SnapshotSizes are the phone (390×844) and desktop (1280×800) windows.
var SnapshotSizes = []SnapshotSize{
	{Name: "phone", Layout: LayoutPhone, Size: fyne.NewSize(390, 844)},
	{Name: "desktop", Layout: LayoutDesktop, Size: fyne.NewSize(1280, 800)},
}

// SnapshotTime is the moment snapshots show: a morning in China, so that
// they are the same in every zone. The stores they are drawn from are
// filled up to it.
var SnapshotTime = time.Date(2026, 5, 1, 9, 30, 0, 0, clock.China)

// snapshotClock is the snapshots' clock, stopped at SnapshotTime.
func snapshotClock() time.Time { return SnapshotTime }

// SnapshotWorld is what snapshots are drawn from: stores filled through
// the sync path from a reference platform (see package demoworld), never
// made-up data inside the screens.
type SnapshotWorld struct {
	// Visitor is synced from the platform with nobody signed in: every
	// screen's own sample routes, and the kiosk's pictures, show it.
	Visitor *offline.Store
	// Resident has a resident signed in, with their card, codes, orders
	// and visits: the resident's pictures (residentShots) show it.
	Resident *offline.Store
	// Client talks to the platform both were filled from; the resident's
	// screens that ask the platform (check-in, applications) use it.
	Client *platform.Client
	// StaleCode is a 苏服码 the resident showed days before, which a
	// terminal refuses.
	StaleCode string
	// DataDir is where the map's tile caches are kept.
	DataDir string
	// Version is shown in About.
	Version string
	// Only, when not "", renders only the files whose names begin with it
	// (all the kiosk's when it begins with "kiosk").
	Only string
}

// Snapshot renders, into PNG files in dir, every sample route of every
// registered screen on w's visitor store, the resident's pictures on its
// resident store, each in both layouts, in zh-Hans and en, normal and
// 长辈版, light and dark, and the kiosk's pictures, with the software
// renderer (no window or GPU needed).
func Snapshot(w SnapshotWorld, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	svc := screens.NewServices(screens.ServicesConfig{DataDir: w.DataDir})
	defer closeServices(svc)
	shots, err := residentShots(context.Background(), w.Resident, w.StaleCode)
	if err != nil {
		return fmt.Errorf("the resident's pictures: %w", err)
	}
	link := platformLink{client: w.Client}
	n := 0
	for _, size := range SnapshotSizes {
		for _, lang := range []string{"zh-Hans", "en"} {
			for _, elder := range []bool{false, true} {
				for _, mode := range []ThemeMode{ThemeLight, ThemeDark} {
					p := prefs{lang: lang, elder: elder, theme: mode}
					look := snapshotLook{size: size, lang: lang, elder: elder, mode: mode}
					shell, err := newSnapshotShell(a, w.Visitor, svc, p, size.Layout, w.Version)
					if err != nil {
						return err
					}
					k, err := w.renderShots(a, w.Visitor, nil, svc, p, look, visitorShots(shell.env()), dir)
					n += k
					if err != nil {
						return err
					}
					k, err = w.renderShots(a, w.Resident, link, svc, p, look, shots, dir)
					n += k
					if err != nil {
						return err
					}
				}
			}
		}
	}
	if w.Only == "" || strings.HasPrefix(w.Only, "kiosk") || strings.HasPrefix("kiosk", w.Only) {
		k, err := snapshotKiosk(a, w.Visitor, svc, Config{Version: w.Version}, dir)
		if err != nil {
			return err
		}
		n += k
	}
	fmt.Printf("wrote %d snapshots to %s\n", n, dir)
	return nil
}

// snapshotLook is the layout, language, text size and theme of a picture.
type snapshotLook struct {
	size  SnapshotSize
	lang  string
	elder bool
	mode  ThemeMode
}

// file is the name of the picture of the shot named id in this look.
func (l snapshotLook) file(id string) string {
	style := "normal"
	if l.elder {
		style = "elder"
	}
	return fmt.Sprintf("%s_%s_%s_%s_%s.png", id, l.size.Name, l.lang, style, l.mode)
}

// renderShots renders each shot on a shell of its own over store, linked
// to the platform by link (nil: none), with the services svc and a
// verifier of its own, so that a code one picture checks is not a replay
// in another.
func (w SnapshotWorld) renderShots(a fyne.App, store *offline.Store, link screens.Syncer, svc screens.Services, p prefs, look snapshotLook, shots []shot, dir string) (int, error) {
	n := 0
	for _, sh := range shots {
		name := look.file(sh.name)
		if !strings.HasPrefix(name, w.Only) {
			continue
		}
		shell, err := newSnapshotShell(a, store, svc, p, look.size.Layout, w.Version)
		if err != nil {
			return n, err
		}
		shell.services.Verifier = codes.NewVerifier()
		shell.link = link
		if err := renderRoute(a, shell, sh.route, look.size.Size, filepath.Join(dir, name)); err != nil {
			return n, fmt.Errorf("snapshot %s: %w", name, err)
		}
		n++
	}
	return n, nil
}

// shot is a route a snapshot renders, and the name its files begin with.
type shot struct {
	name  string
	route screens.Route
}

// visitorShots are every registered screen's own sample routes, each
// named by its screen and parameter.
func visitorShots(env *screens.Env) []shot {
	var out []shot
	for _, sc := range screens.All() {
		for _, r := range sc.SampleRoutes(env) {
			out = append(out, shot{name: routeName(r), route: r})
		}
	}
	return out
}

// snapshotName is the file name of route r's picture at a size (named),
// in a language, text size and theme.
func snapshotName(r screens.Route, size, lang string, elder bool, mode ThemeMode) string {
	return snapshotLook{size: SnapshotSize{Name: size}, lang: lang, elder: elder, mode: mode}.file(routeName(r))
}

// routeName names a route's pictures: its screen, and its parameter.
func routeName(r screens.Route) string {
	id := string(r.Screen)
	if r.Param != "" {
		id += "-" + r.Param
	}
	return id
}

// newSnapshotShell makes a shell that loads synchronously, on a fixed clock,
// in a forced layout, with the services svc.
func newSnapshotShell(a fyne.App, store *offline.Store, svc screens.Services, p prefs, layout Layout, version string) (*Shell, error) {
	s, err := newShell(a, nil, store, p, version, snapshotClock)
	if err != nil {
		return nil, err
	}
	s.services = svc
	s.sync = true
	s.layout = layout
	return s, nil
}

// ShowRoute puts r on top of its tab's root, as a user would reach it.
func (s *Shell) ShowRoute(r screens.Route) {
	s.history = s.history[:0]
	if sc, ok := screens.Lookup(r.Screen); ok && !sc.Root {
		if root, ok := screens.TabRoot(sc.Tab); ok {
			s.history = append(s.history, screens.Route{Screen: root.ID})
		}
	}
	s.history = append(s.history, r)
	s.rebuild()
}

func renderRoute(a fyne.App, shell *Shell, r screens.Route, size fyne.Size, path string) error {
	th := newTheme(shell.prefs.theme, shell.prefs.elder)
	a.Settings().SetTheme(th)
	shell.ShowRoute(r)
	return renderObject(th, shell.Content(), size, path)
}

// renderObject draws obj at size in theme th into a PNG file at path.
func renderObject(th fyne.Theme, obj fyne.CanvasObject, size fyne.Size, path string) error {
	c := software.NewCanvas()
	c.SetPadded(false)
	resetThemeCaches(th)
	c.SetContent(obj)
	c.Resize(size)
	img := software.RenderCanvas(c, th)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// resetThemeCaches empties Fyne's icon and text-size caches, which are
// keyed by name and not by theme, and which the app only resets while it
// runs. Overriding the theme of a throwaway widget resets them; overriding
// the rendered tree itself would do it too, but Fyne keeps every canvas
// object of an overridden tree in a map it never prunes, which made a
// full snapshot run grow by about 25 MB an image.
func resetThemeCaches(th fyne.Theme) {
	container.NewThemeOverride(widget.NewLabel(""), th)
}
