package offline

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"jiangsupass/platform"
)

// TestHomeCity: the hall a booking starts with is the resident's own
// city's: the card's issuing city (常州), else the city of the ID number;
// with no card, the city the user is in (苏州, from 拙政园); else none.
func TestHomeCity(t *testing.T) {
	ctx := context.Background()
	s := openSyncStore(t)
	suzhou := orb.Point{120.6267, 31.3236} // 拙政园
	sea := orb.Point{123.5, 33.0}          // the Yellow Sea, in no city

	for _, tc := range []struct {
		name     string
		card     *platform.Card
		at       *orb.Point
		code, by string
	}{
		{"nobody, nowhere", nil, nil, "", CityNone},
		{"nobody, in Suzhou", nil, &suzhou, "320500", CityFromLocation},
		{"nobody, at sea", nil, &sea, "", CityNone},
		{"a card from 常州, in Suzhou", &platform.Card{CityCode: "320400", SocialNo: "320102199001011234"}, &suzhou, "320400", CityFromCard},
		{"a card from a county of 常州", &platform.Card{CityCode: "320412"}, nil, "320400", CityFromCard},
		{"a card naming no city, an ID number of 无锡", &platform.Card{SocialNo: "320211199001011234"}, nil, "320200", CityFromIDNumber},
		{"a card from Shanghai, in Suzhou", &platform.Card{CityCode: "310100", SocialNo: "310101199001011234"}, &suzhou, "320500", CityFromLocation},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.card != nil {
				if err := s.SaveCard(ctx, CardRecord{Card: *tc.card}); err != nil {
					t.Fatal(err)
				}
			} else if _, err := s.db.ExecContext(ctx, "DELETE FROM personal_records"); err != nil {
				t.Fatal(err)
			}
			code, by, err := s.HomeCity(ctx, tc.at)
			if err != nil || code != tc.code || by != tc.by {
				t.Errorf("HomeCity = %q by %q (%v), want %q by %q", code, by, err, tc.code, tc.by)
			}
		})
	}
}
