package app

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/offline"
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

// snapshotClock fixes the clock at a morning in China so that snapshots
// are the same in every zone.
func snapshotClock() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, clock.China) }

// Snapshot renders every sample route of every registered screen in each
// layout, in zh-Hans and en, normal and 长辈版, light and dark, into PNG
// files in dir, with the software renderer (no window or GPU needed). Every
// shell draws on svc, the app's services.
func Snapshot(a fyne.App, store *offline.Store, svc screens.Services, cfg Config, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := 0
	for _, sc := range screens.All() {
		for _, size := range SnapshotSizes {
			for _, lang := range []string{"zh-Hans", "en"} {
				for _, elder := range []bool{false, true} {
					for _, mode := range []ThemeMode{ThemeLight, ThemeDark} {
						p := prefs{lang: lang, elder: elder, theme: mode}
						shell, err := newSnapshotShell(a, store, svc, p, size.Layout, cfg.Version)
						if err != nil {
							return err
						}
						for _, r := range sc.SampleRoutes(shell.env()) {
							name := snapshotName(r, size.Name, lang, elder, mode)
							if err := renderRoute(a, shell, r, size.Size, filepath.Join(dir, name)); err != nil {
								return fmt.Errorf("snapshot %s: %w", name, err)
							}
							n++
						}
					}
				}
			}
		}
	}
	k, err := snapshotKiosk(a, store, svc, cfg, dir)
	if err != nil {
		return err
	}
	n += k
	fmt.Printf("wrote %d snapshots to %s\n", n, dir)
	return nil
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

func snapshotName(r screens.Route, size, lang string, elder bool, mode ThemeMode) string {
	id := string(r.Screen)
	if r.Param != "" {
		id += "-" + r.Param
	}
	style := "normal"
	if elder {
		style = "elder"
	}
	return fmt.Sprintf("%s_%s_%s_%s_%s.png", id, size, lang, style, mode)
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
