package screens

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
)

// humbleGardenID is 拙政园's attraction (the Classical Gardens of Suzhou).
const humbleGardenID = "5a-018"

// nearbyEnv is testEnv with a Memory, as the shell gives every Env.
func nearbyEnv(t *testing.T, lang string) (*Env, *recordingNav) {
	t.Helper()
	env, nav := testEnv(t, lang)
	env.Memory = NewMemory()
	return env, nav
}

// nearbyMapOf is the one map on a screen.
func nearbyMapOf(t *testing.T, o fyne.CanvasObject) *mapview.Map {
	t.Helper()
	ms := find[*mapview.Map](o)
	if len(ms) != 1 {
		t.Fatalf("%d maps on Nearby, want 1", len(ms))
	}
	return ms[0]
}

// distanceLine matches a row's line that begins with its distance.
var distanceLine = regexp.MustCompile(`^([0-9.]+) (m|km) · (.*)$`)

// rowsShown are the lines under the titles of the rows Nearby's list
// shows: distance in metres and what the place is.
func rowsShown(o fyne.CanvasObject) (meters []float64, kinds []string) {
	for _, l := range find[*widget.List](o) {
		for _, lab := range find[*widget.Label](l) {
			m := distanceLine.FindStringSubmatch(lab.Text)
			if m == nil {
				continue
			}
			v, _ := strconv.ParseFloat(m[1], 64)
			if m[2] == "km" {
				v *= 1000
			}
			meters, kinds = append(meters, v), append(kinds, m[3])
		}
	}
	return meters, kinds
}

// TestNearHereFromTheHumbleAdministratorsGarden is the tourist's journey:
// on 拙政园's page they press "Near here", and Nearby lists a metro
// station within a kilometre, nearest first, measured from the garden,
// which it names; a row opens the station's page.
func TestNearHereFromTheHumbleAdministratorsGarden(t *testing.T) {
	env, nav := nearbyEnv(t, "en")
	w := show(t, buildAttraction(env, Route{Screen: AttractionID, Param: humbleGardenID}))
	test.Tap(labelled(t, w.Content(), "Near here"))
	r := nav.last()
	if r.Screen != NearbyID {
		t.Fatalf("Near here went to %+v", r)
	}
	w.SetContent(buildNearby(env, r))
	from := "Distances from Classical Gardens of Suzhou: Humble Administrator's Garden, Tiger Hill and Lingering Garden"
	if !showsText(w.Content(), from) {
		t.Errorf("the from line does not name the garden: %q", labelTexts(w.Content()))
	}
	meters, kinds := rowsShown(w.Content())
	station := -1
	for i, k := range kinds {
		if strings.HasPrefix(k, "Metro station") && station < 0 {
			station = i
		}
		if i > 0 && meters[i] < meters[i-1] {
			t.Errorf("row %d (%.0f m) is nearer than row %d (%.0f m)", i, meters[i], i-1, meters[i-1])
		}
	}
	if station < 0 || meters[station] > 1000 {
		t.Fatalf("no metro station within 1 km of 拙政园: %v %q", meters, kinds)
	}
	list := find[*widget.List](w.Content())[0]
	list.Select(station)
	if got := nav.last(); got.Screen != StationID || got.Param == "" {
		t.Errorf("the station's row opened %+v", got)
	}
}

// TestNearbyFromLineNamesWhere: the line above the list says where
// distances are measured from in words, in the reader's language, never
// as coordinates.
func TestNearbyFromLineNamesWhere(t *testing.T) {
	coords := regexp.MustCompile(`\d+\.\d+ ?, ?\d+\.\d+`)
	for _, c := range []struct {
		lang  string
		param string
		want  string
	}{
		{"zh-Hans", NearbyFrom(humbleGardenID).Param, "距离从“苏州园林（拙政园、虎丘山、留园）”算起"},
		{"en", "120.62167,31.32650", "Distances from the point you tapped on the map"},
		{"en", nearbyCentrePrefix + "120.62167,31.32650", "Distances from the centre of the map"},
		{"ja", nearbyCentrePrefix + "120.62167,31.32650", "地図の中心からの距離"},
	} {
		env, _ := nearbyEnv(t, c.lang)
		w := show(t, buildNearby(env, Route{Screen: NearbyID, Param: c.param}))
		if !showsText(w.Content(), c.want) {
			t.Errorf("%s %q: no %q in %q", c.lang, c.param, c.want, labelTexts(w.Content()))
		}
		for _, text := range labelTexts(w.Content()) {
			if coords.MatchString(text) {
				t.Errorf("%s %q shows coordinates: %q", c.lang, c.param, text)
			}
		}
	}
}

// TestNearbyFilterNarrows: choosing a kind lists only places of that
// kind, on the list and on the map, and the choice is kept when Nearby is
// built again.
func TestNearbyFilterNarrows(t *testing.T) {
	env, _ := nearbyEnv(t, "en")
	r := NearbyFrom(humbleGardenID)
	w := show(t, buildNearby(env, r))
	_, all := rowsShown(w.Content())
	seen := map[string]bool{}
	for _, k := range all {
		seen[strings.SplitN(k, " ·", 2)[0]] = true
	}
	if !seen["Metro station"] {
		t.Fatalf("All lists no metro station: %q", all)
	}
	sel := find[*widget.Select](w.Content())
	if len(sel) != 1 || sel[0].Selected != "All" {
		t.Fatalf("no filter showing All: %d selects", len(sel))
	}
	for _, c := range []struct{ choice, kind string }{
		{"Service halls", "Service hall"}, {"Attractions", "5A"}, {"Stations & airports", "Railway station|Airport"}, {"Metro", "Metro station"},
	} {
		sel[0].SetSelected(c.choice)
		_, kinds := rowsShown(w.Content())
		if len(kinds) == 0 {
			t.Errorf("%s: nothing listed", c.choice)
		}
		for _, k := range kinds {
			if !regexp.MustCompile("^(" + c.kind + ")").MatchString(k) {
				t.Errorf("%s lists %q", c.choice, k)
			}
		}
		if c.choice == "Service halls" && len(kinds) >= len(all) {
			t.Errorf("Service halls lists %d places, All %d", len(kinds), len(all))
		}
	}
	w.SetContent(buildNearby(env, r))
	if got := find[*widget.Select](w.Content())[0].Selected; got != "Metro" {
		t.Errorf("the filter is %q after building Nearby again, want Metro", got)
	}
}

// TestNearbyKeepsTheUsersView: the zoom and centre the user leaves the
// map at are where it opens when they come back to the same place, and
// after a rebuild in another language; measured from somewhere else, it
// centres there at the zoom they chose.
func TestNearbyKeepsTheUsersView(t *testing.T) {
	env, _ := nearbyEnv(t, "en")
	r := NearbyFrom(humbleGardenID)
	w := show(t, buildNearby(env, r))
	m := nearbyMapOf(t, w.Content())
	if m.Zoom() != nearbyZoom {
		t.Fatalf("Nearby opens at zoom %d, want %d", m.Zoom(), nearbyZoom)
	}
	m.ZoomOut()
	m.ZoomOut()
	m.PanBy(60, -40)
	left, zoom := m.Center(), m.Zoom()

	w.SetContent(buildAttraction(env, Route{Screen: AttractionID, Param: humbleGardenID})) // leave
	w.SetContent(buildNearby(env, r))                                                      // and return
	m = nearbyMapOf(t, w.Content())
	if m.Zoom() != zoom || maps.Distance(m.Center(), left) > 5 {
		t.Errorf("back on Nearby: zoom %d at %v, left at zoom %d at %v", m.Zoom(), m.Center(), zoom, left)
	}

	zh, _ := testEnv(t, "zh-Hans")
	zh.Memory = env.Memory // a language switch: a new Env, the shell's Memory
	w.SetContent(buildNearby(zh, r))
	m = nearbyMapOf(t, w.Content())
	if m.Zoom() != zoom || maps.Distance(m.Center(), left) > 5 {
		t.Errorf("after switching language: zoom %d at %v, left at zoom %d at %v", m.Zoom(), m.Center(), zoom, left)
	}

	w.SetContent(buildNearby(env, Route{Screen: NearbyID, Param: "118.78350,32.04180"}))
	m = nearbyMapOf(t, w.Content())
	if m.Zoom() != zoom || maps.Distance(m.Center(), orb.Point{118.78350, 32.04180}) > 5 {
		t.Errorf("from another point: zoom %d at %v, want zoom %d at that point", m.Zoom(), m.Center(), zoom)
	}
}

// markersShown counts the places Nearby's map marks in view: a lone
// marker counts one, a cluster its number.
func markersShown(t *testing.T, m *mapview.Map) int {
	t.Helper()
	n := 0
	for _, o := range find[fyne.CanvasObject](m) {
		if fmt.Sprintf("%T", o) != "*mapview.markerButton" {
			continue
		}
		count := 1
		for _, txt := range find[*canvas.Text](o) {
			if v, err := strconv.Atoi(txt.Text); err == nil {
				count = v
			}
		}
		n += count
	}
	return n
}

// TestNearbyMarksItsPlacesAtEveryZoom: at the zoom whose scale bar reads
// 10 km, and at every other zoom of the map, the places listed that are
// in view are marked (lone or in a cluster), with where distances are
// measured from.
func TestNearbyMarksItsPlacesAtEveryZoom(t *testing.T) {
	env, _ := nearbyEnv(t, "en")
	r := NearbyFrom(humbleGardenID)
	w := show(t, buildNearby(env, r))
	m := nearbyMapOf(t, w.Content())
	o, _, err := resolveNearbyOrigin(context.Background(), env, r.Param)
	if err != nil {
		t.Fatal(err)
	}
	places, err := nearbyPlaces(context.Background(), env.Store, o, "")
	if err != nil || len(places) == 0 {
		t.Fatalf("nothing listed: %v", err)
	}
	tenKm := false
	for z := 3; z <= 18; z++ {
		m.CenterOn(o.Point, z)
		size := m.Size()
		inView := 1 // the origin, at the centre
		for _, p := range places {
			at := m.PositionOf(p.Point)
			if at.X >= 0 && at.Y >= 0 && at.X <= size.Width && at.Y <= size.Height {
				inView++
			}
		}
		got := markersShown(t, m)
		if got < inView || got == 0 {
			t.Errorf("zoom %d: %d places marked, %d listed places in view", z, got, inView)
		}
		for _, txt := range find[*canvas.Text](m) {
			if txt.Text == "10 km" {
				tenKm = true
				if got < 2 {
					t.Errorf("at the 10 km zoom (%d) only %d marked", z, got)
				}
			}
		}
	}
	if !tenKm {
		t.Error("no zoom showed a 10 km scale")
	}
}
