package app

import (
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/kiosk"
	"jiangsupass/screens"
)

// The bounds of a kiosk walk: how many places it visits (a route), how
// many of them per screen, how many taps it makes in each place, and how
// many times in all it taps the same thing (the same type with the same
// words, such as the bar's buttons, met on every screen).
const (
	walkMaxPlaces    = 60
	walkPerScreen    = 2
	walkTapsPerPlace = 60
	walkSameTaps     = 2
)

// walkPlace is a place of the kiosk a walk starts taps from: a history of
// routes in a language, and the taps that led there.
type walkPlace struct {
	history []screens.Route
	lang    string
	path    string
}

// key names the place by its route: the same route in another language
// shows the same things.
func (p walkPlace) key() string {
	r := p.history[len(p.history)-1]
	return string(r.Screen) + "?" + r.Param
}

// kioskWalk taps everything a visitor can tap on a kiosk, place after
// place, and fails on any path to a file dialog, a link opened, the file
// system listed or a folder made (the seam recorders), the Settings
// screen, or a screen the kiosk's role does not show.
type kioskWalk struct {
	t         *testing.T
	kt        *kioskTest
	cfg       kiosk.Config
	rec       *seamRecorder
	seen      map[string]bool
	perScreen map[screens.ID]int
	queue     []walkPlace
	taps      int
	screens   map[screens.ID]bool
	tapped    map[string]int // times each description was tapped
}

func newKioskWalk(t *testing.T, kt *kioskTest, rec *seamRecorder) *kioskWalk {
	return &kioskWalk{t: t, kt: kt, cfg: kt.k.cfg, rec: rec, seen: map[string]bool{},
		perScreen: map[screens.ID]int{}, screens: map[screens.ID]bool{}, tapped: map[string]int{}}
}

// run walks from the kiosk's Home until every place is walked or the
// bounds are reached.
func (w *kioskWalk) run() {
	w.add(walkPlace{history: []screens.Route{{Screen: screens.HomeID}}, lang: w.kt.s.prefs.lang, path: "Home"})
	for len(w.queue) > 0 && len(w.seen) <= walkMaxPlaces {
		p := w.queue[0]
		w.queue = w.queue[1:]
		w.walkPlace(p)
	}
}

// add queues p if it is new and its screen has room.
func (w *kioskWalk) add(p walkPlace) {
	id := p.history[len(p.history)-1].Screen
	if w.seen[p.key()] || w.perScreen[id] >= walkPerScreen {
		return
	}
	w.seen[p.key()] = true
	w.perScreen[id]++
	w.queue = append(w.queue, p)
}

// restore shows p with no overlay, no focus and the keyboard closed.
func (w *kioskWalk) restore(p walkPlace) {
	k, s := w.kt.k, w.kt.s
	c := w.kt.w.Canvas()
	k.hideWarning()
	k.hidePIN()
	for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
		c.Overlays().Remove(o)
	}
	c.Unfocus()
	k.showKeyboard(false)
	if s.prefs.lang != p.lang {
		s.SetLanguage(p.lang)
	}
	s.history = slices.Clone(p.history)
	s.rebuild()
}

// here is the place the kiosk shows now, reached by path.
func (w *kioskWalk) here(path string) walkPlace {
	s := w.kt.s
	return walkPlace{history: slices.Clone(s.history), lang: s.prefs.lang, path: path}
}

// walkPlace taps each tappable of p in turn, coming back to p whenever a
// tap took the kiosk elsewhere, and each tappable of an overlay a tap
// opened.
//
// A list's rows are many of one kind: once a row (any tappable but a
// button or a link) leads to a screen walked as often as it may be, the
// other tappables of its type in this place are left.
func (w *kioskWalk) walkPlace(p walkPlace) {
	w.restore(p)
	w.screens[p.history[len(p.history)-1].Screen] = true
	targets := tappables(w.kt.w.Content())
	done := map[reflect.Type]bool{}
	for i := 0; i < len(targets) && i < walkTapsPerPlace; i++ {
		label := describe(targets[i])
		kind := reflect.TypeOf(targets[i])
		_, link := targets[i].(*widget.Hyperlink)
		if !link && (done[kind] || w.tapped[label] >= walkSameTaps) {
			continue
		}
		w.tapped[label]++
		gen, overlays := w.kt.s.gen, len(w.kt.w.Canvas().Overlays().List())
		w.tap(targets[i], p.path+" → "+label)
		if len(w.kt.w.Canvas().Overlays().List()) > overlays {
			w.walkOverlay(p, i, p.path+" → "+label)
		}
		if w.kt.s.gen == gen && len(w.kt.w.Canvas().Overlays().List()) == overlays && w.here("").key() == p.key() {
			continue // nothing moved: the next target is still in view
		}
		if _, button := targets[i].(*widget.Button); !button && !link && w.perScreen[w.kt.s.Current().Screen] >= walkPerScreen {
			done[kind] = true
		}
		w.add(w.here(p.path + " → " + label))
		w.restore(p)
		targets = tappables(w.kt.w.Content())
	}
}

// walkOverlay taps each tappable of the overlay that tapping target i of
// p opens, opening it afresh after each.
func (w *kioskWalk) walkOverlay(p walkPlace, i int, path string) {
	c := w.kt.w.Canvas()
	if fileDialogShown(c) {
		return // failed already
	}
	for j := 0; j < walkTapsPerPlace; j++ {
		top := c.Overlays().Top()
		if top == nil {
			return
		}
		items := tappables(top)
		if j >= len(items) {
			return
		}
		label := describe(items[j])
		w.tap(items[j], path+" → "+label)
		w.add(w.here(path + " → " + label))
		w.restore(p)
		targets := tappables(w.kt.w.Content())
		if i >= len(targets) {
			return
		}
		tapCentre(targets[i])
		w.rec.take() // seen on the first opening
	}
}

// tap taps o and checks where that led.
func (w *kioskWalk) tap(o fyne.Tappable, path string) {
	w.taps++
	tapCentre(o)
	for _, what := range w.rec.take() {
		w.t.Errorf("%s: %s", path, what)
	}
	if fileDialogShown(w.kt.w.Canvas()) {
		w.t.Errorf("%s: a file dialog is shown", path)
	}
	if id := w.kt.s.Current().Screen; id == screens.SettingsID || !w.cfg.Allows(string(id)) {
		w.t.Errorf("%s: the kiosk shows %q, a screen its role does not", path, id)
	}
}

// tapCentre taps the middle of o, where a finger would; a link, which
// takes a tap only on its words, in the middle of its words.
func tapCentre(o fyne.Tappable) {
	c, ok := o.(fyne.CanvasObject)
	if !ok {
		test.Tap(o)
		return
	}
	at := fyne.NewPos(c.Size().Width/2, c.Size().Height/2)
	if hl, ok := o.(*widget.Hyperlink); ok {
		words := hl.MinSize()
		at.Y = words.Height / 2
		switch hl.Alignment {
		case fyne.TextAlignLeading:
			at.X = words.Width / 2
		case fyne.TextAlignTrailing:
			at.X = c.Size().Width - words.Width/2
		}
	}
	test.TapAt(o, at)
}

// tappables are the visible, enabled objects under o that take a tap, in
// the order they are drawn.
func tappables(o fyne.CanvasObject) []fyne.Tappable {
	var out []fyne.Tappable
	walk(o, nil, func(v visit) {
		t, ok := v.obj.(fyne.Tappable)
		if !ok {
			return
		}
		if d, ok := v.obj.(fyne.Disableable); ok && d.Disabled() {
			return
		}
		out = append(out, t)
	})
	return out
}

// describe names a tappable for a failure's path: its type and its text.
func describe(t fyne.Tappable) string {
	o, ok := t.(fyne.CanvasObject)
	if !ok {
		return fmt.Sprintf("%T", t)
	}
	var words []string
	walk(o, nil, func(v visit) {
		if tx, ok := v.obj.(*canvas.Text); ok && tx.Text != "" && len(words) < 3 {
			words = append(words, tx.Text)
		}
	})
	return fmt.Sprintf("%T %q", t, strings.Join(words, " "))
}

// TestKioskReachesNoFileDialogLinkOrSetting walks both kiosk roles, tapping
// everything a visitor can, and fails on any path to a file dialog, a
// link, the file system or a setting. The seams are recorders, so the
// check does not rest on the test driver's drawing alone.
func TestKioskReachesNoFileDialogLinkOrSetting(t *testing.T) {
	sweep(t)
	if testing.Short() {
		t.Skip("taps through every kiosk screen")
	}
	roles := []struct {
		role  kiosk.Role
		lines []string
		must  []screens.ID // screens the walk must reach, or it walked too little to tell
	}{
		{kiosk.RoleTourist, nil, []screens.ID{screens.HomeID, screens.MapID, screens.AttractionsID, screens.TransportID}},
		{kiosk.RoleServiceHall, []string{`hall = "hall-320500"`},
			[]screens.ID{screens.HomeID, screens.VerifyID, screens.SignInID, screens.CheckInID, screens.ServicesID}},
	}
	for _, r := range roles {
		t.Run(string(r.role), func(t *testing.T) {
			a, rec := recordSeams(t)
			kt := newKioskTestOn(t, a, r.role, fyne.NewSize(1920, 1080), nil, r.lines...)
			// The maps show an empty basemap of the user's: the same
			// screens to tap, without drawing tiles at every visit.
			_ = kt.s.services.Close()
			kt.s.services = screens.NewServices(screens.ServicesConfig{DataDir: kt.dataDir, Basemap: emptyBasemap(t)})
			w := newKioskWalk(t, kt, rec)
			w.run()
			t.Logf("%s: %d places, %d screens, %d taps", r.role, len(w.seen), len(w.screens), w.taps)
			for _, id := range r.must {
				if !w.screens[id] {
					t.Errorf("the walk never reached %s", id)
				}
			}
		})
	}
}

// emptyBasemap is an MBTiles file with the tables of the spec and no tile.
func emptyBasemap(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "empty.mbtiles")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE metadata (name TEXT, value TEXT);
		CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
		INSERT INTO metadata VALUES ('name', 'empty'), ('format', 'png');`); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSeamRecordersSee shows each check of the walk failing where it
// should: a link tapped reaches the recorded URL opener, and a file dialog
// shown lists the file system through the recorded storage and is seen in
// the window's overlays.
func TestSeamRecordersSee(t *testing.T) {
	_, rec := recordSeams(t)
	u, _ := url.Parse("https://example.org/")
	link := widget.NewHyperlink("link", u)
	win := test.NewTempWindow(t, link)
	win.Resize(fyne.NewSize(800, 600))
	tapCentre(link)
	if got := rec.take(); len(got) != 1 || !strings.Contains(got[0], "example.org") {
		t.Errorf("a tapped link recorded %q", got)
	}
	if fileDialogShown(win.Canvas()) {
		t.Error("a file dialog seen where there is none")
	}
	dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, win).Show()
	if got := rec.take(); len(got) == 0 {
		t.Error("a file dialog listed no folder through the recorder")
	}
	if !fileDialogShown(win.Canvas()) {
		t.Error("a file dialog shown is not seen")
	}
}
