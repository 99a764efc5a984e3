package screens

import (
	"context"
	"strings"
	"testing"

	"jiangsupass/transit"
)

// TestMapMarkersNameStationsInTheReadersLanguage: a foreign tourist
// reads the map's station and hub markers in English, not in Chinese
// with pinyin after it.
func TestMapMarkersNameStationsInTheReadersLanguage(t *testing.T) {
	env, _ := testEnv(t, "en")
	ms, err := loadMarkers(context.Background(), env, nil)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, m := range ms {
		titles[m.ID] = m.Title + " / " + m.Subtitle
	}
	var station, hub string
	for id, t := range titles {
		if strings.HasPrefix(id, "s:") && strings.HasPrefix(t, "Xinjiekou /") {
			station = t
		}
		if strings.HasPrefix(id, "h:") && strings.HasPrefix(t, "Nanjing South Railway Station /") {
			hub = t
		}
	}
	if station == "" || !strings.Contains(station, "Line 1") || strings.ContainsAny(station, "新街口号线") {
		t.Errorf("no station marker reads Xinjiekou with its lines in English: %q", station)
	}
	if hub == "" || strings.ContainsAny(hub, "南京站") {
		t.Errorf("no hub marker reads Nanjing South Railway Station in English: %q", hub)
	}
}

// TestRideNotesSayHowToRide: a ride with no timetable says about how
// often it runs, and one whose stop must be booked or asked for says so.
func TestRideNotesSayHowToRide(t *testing.T) {
	env, _ := testEnv(t, "en")
	if got := rideNotes(env, transit.Leg{Kind: transit.Ride}); len(got) != 0 {
		t.Errorf("a timetabled ride with regular stops has notes: %q", got)
	}
	got := strings.Join(rideNotes(env, transit.Leg{Kind: transit.Ride, Headway: 600, Arrange: transit.PhoneAgency}), " | ")
	for _, want := range []string{"about every 10 min", "Call the operator"} {
		if !strings.Contains(got, want) {
			t.Errorf("notes %q lack %q", got, want)
		}
	}
	zh, _ := testEnv(t, "zh-Hans")
	if got := strings.Join(rideNotes(zh, transit.Leg{Kind: transit.Ride, Headway: 300, Arrange: transit.AskDriver}), " | "); !strings.Contains(got, "约每 5 分钟") || !strings.Contains(got, "司机") {
		t.Errorf("Chinese notes: %q", got)
	}
}
