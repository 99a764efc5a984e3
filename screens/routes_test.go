package screens

import "testing"

// TestPlannerRouteRoundTrip: what a planner route carries reads back as
// it was written, for every kind of place, names with spaces, Chinese,
// "&", "=" and "%", ends left open and a departure time; and the picker's
// and the route map's routes carry the planner's whole.
func TestPlannerRouteRoundTrip(t *testing.T) {
	places := []Place{{}, StationPlace("nj-12"), AttractionPlace("5a-002"), HubPlace("南京南"),
		HubPlace("Nanjing South & Lukou"), HubPlace("50% = half"), HubPlace("a%26b"), {placePoint, "118.78350,32.04180"}}
	for _, from := range places {
		for _, to := range places {
			for _, at := range []string{"", "09:00"} {
				p := plannerParams{from: from, to: to, at: at}
				r := p.route()
				if r.Screen != PlannerID {
					t.Fatalf("%+v: route to %q", p, r.Screen)
				}
				if got := parsePlanner(r.Param); got != p {
					t.Errorf("%q reads back as %+v, not %+v", r.Param, got, p)
				}
				for _, field := range []string{"from", "to"} {
					pick := p.pick(field)
					if gotField, got := parsePicker(pick.Param); pick.Screen != PickerID || gotField != field || got != p {
						t.Errorf("picker %q reads back as %q %+v", pick.Param, gotField, got)
					}
				}
				onMap := p.onMap(3)
				if got, opt := parseRouteMap(onMap.Param); onMap.Screen != RouteMapID || opt != 3 || got != p {
					t.Errorf("route map %q reads back as %+v option %d", onMap.Param, got, opt)
				}
			}
		}
	}
	if got := PlannerRoute(Place{}, AttractionPlace("5a-002")); got.Param != "to=attraction:5a-002" {
		t.Errorf("get there: %q", got.Param)
	}
}

// TestPlannerRouteKeepsItsForm: the routes the constructors make are
// written as the planner's were by hand, so that a route kept from before
// (a snapshot's name, the history) still reads; a station without its
// kind is a station.
func TestPlannerRouteKeepsItsForm(t *testing.T) {
	for _, c := range []struct {
		r    Route
		want string
	}{
		{plannerParams{from: StationPlace("nj-32"), to: StationPlace("nj-7"), at: "09:00"}.route(), plannerSample},
		{PlannerRoute(StationPlace("nj-12"), Place{}), "from=station:nj-12"},
		{plannerParams{from: StationPlace("nj-12"), at: "09:00"}.pick("to"), "field=to&from=station:nj-12&at=09:00"},
		{plannerParams{to: AttractionPlace("5a-002")}.pick("from"), "field=from&to=attraction:5a-002"},
		{plannerParams{from: StationPlace("nj-32"), to: StationPlace("nj-7"), at: "09:00"}.onMap(0), plannerSample + "&opt=0"},
		{stationPicker(), "field=station"},
	} {
		if c.r.Param != c.want {
			t.Errorf("%s: %q, want %q", c.r.Screen, c.r.Param, c.want)
		}
	}
	if got := parsePlanner("from=nj-12"); got.from != StationPlace("nj-12") {
		t.Errorf("a bare station reads as %+v", got.from)
	}
}

// TestCheckInRouteRoundTrip: a check-in route gives back its hall and the
// code scanned, whatever the code holds (base45 has spaces, "%", "+",
// ":" and "/"; a scanner may send "&" or "=").
func TestCheckInRouteRoundTrip(t *testing.T) {
	for _, code := range []string{"", "JSP1:6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTLRR+%/ /", "a&b=c", "苏服码"} {
		r := CheckInRoute("hall-320100", code)
		if hall, got := checkInOf(r); r.Screen != CheckInID || hall != "hall-320100" || got != code {
			t.Errorf("%q reads back as hall %q code %q, not %q", r.Param, hall, got, code)
		}
	}
}

// TestVerifyScanRouteRoundTrip: a Verify route with a scan gives back
// the code as scanned, and one without carries none.
func TestVerifyScanRouteRoundTrip(t *testing.T) {
	for _, code := range []string{"JSP1:6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTLRR+%/ /", "scan:twice", ""} {
		r := VerifyScanRoute(code)
		if got, ok := scannedCode(r); r.Screen != VerifyID || !ok || got != code {
			t.Errorf("%q reads back as %q (%v), not %q", r.Param, got, ok, code)
		}
	}
	if _, ok := scannedCode(Route{Screen: VerifyID}); ok {
		t.Error("a Verify route with no scan carries a code")
	}
}
