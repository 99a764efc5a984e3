package transit_test

import (
	"strings"
	"testing"
)

// Point 4: what GTFS's reference validator only warns about is loaded: a
// generic node without coordinates, a time past 48:00:00, a stray quote
// in an unquoted field; a trip of one stop time is skipped and named by
// file and line.
func TestSpecLenientLoading(t *testing.T) {
	stops := "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n" +
		"A,A,32.0,118.0,,\nB,B \"Bund,32.1,118.0,,S\nS,Station,32.1,118.0,1,\nN,,,,3,S\n"
	f := specFeed(t, map[string]string{
		"stops.txt":  stops,
		"routes.txt": routes("L"),
		"trips.txt":  tripsOf("L.1", "L.2"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"L.1,50:00:00,50:00:00,A,1\nL.1,50:30:00,50:30:00,B,2\n" +
			"L.2,08:00:00,08:00:00,A,1\n",
	})
	if len(f.Trips) != 1 || len(f.Stops) != 4 || f.Stops[1].Name != `B "Bund` {
		t.Fatalf("%d trips, %d stops, B named %q; want 1, 4, B \"Bund", len(f.Trips), len(f.Stops), f.Stops[1].Name)
	}
	if len(f.Warnings) != 1 || f.Warnings[0].File != "trips.txt" || f.Warnings[0].Line != 3 ||
		!strings.Contains(f.Warnings[0].Msg, `"L.2"`) {
		t.Errorf("warnings %v, want one for trips.txt line 3 naming L.2", f.Warnings)
	}
	if got := arrival(t, f, "A", "B", "01:00", 0); got != "02:30" {
		t.Errorf("A→B arrives %s, want 02:30 on the trip of two days before at 50:00", got)
	}
}
