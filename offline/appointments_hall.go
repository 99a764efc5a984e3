package offline

import (
	"context"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"jiangsupass/maps"
)

// How the hall a booking starts with was chosen (HomeCity).
const (
	CityFromCard     = "card"     // the city that issued the resident's social-security card
	CityFromIDNumber = "id"       // the division in the resident's ID number
	CityFromLocation = "location" // the city the user is in
	CityNone         = ""         // none known: the provincial centre
)

// jiangsuPrefix begins the division codes of Jiangsu.
const jiangsuPrefix = "32"

// HomeCity is the city (its six-digit prefecture code) whose service hall
// a booking starts with, and which rule gave it: the signed-in resident's
// own city, as their card names it (the issuing city), else as their ID
// number's division code does when it is in Jiangsu; else, when the user's
// position is known (at is not nil), the city whose area holds it; else
// none (CityNone), and the booking starts at the provincial centre.
func (s *Store) HomeCity(ctx context.Context, at *orb.Point) (code, rule string, err error) {
	card, err := s.Card(ctx)
	switch {
	case err == nil:
		if c := cityOfCode(card.Card.CityCode); c != "" {
			return c, CityFromCard, nil
		}
		if len(card.Card.SocialNo) >= 6 {
			if c := cityOfCode(card.Card.SocialNo[:6]); c != "" {
				return c, CityFromIDNumber, nil
			}
		}
	case !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrSignedOut) && !errors.Is(err, errSealed):
		return "", "", fmt.Errorf("home city: %w", err)
	}
	if at == nil {
		return "", CityNone, nil
	}
	layer, err := s.Layer(ctx, "prefectures")
	if err != nil {
		return "", "", fmt.Errorf("home city: %w", err)
	}
	if c := cityAt(layer, *at); c != "" {
		return c, CityFromLocation, nil
	}
	return "", CityNone, nil
}

// cityOfCode is the prefecture of a Jiangsu division code ("320412" →
// "320400"), "" for one that is not six digits of Jiangsu.
func cityOfCode(code string) string {
	if len(code) != 6 || code[:2] != jiangsuPrefix || code[2:4] == "00" {
		return ""
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return code[:4] + "00"
}

// cityAt is the gb_code of the area of the prefectures layer (shipped with
// the seed) that holds p, "" for none or a layer that cannot be read.
func cityAt(layer []byte, p orb.Point) string {
	if len(layer) > maps.MaxLayerBytes {
		return ""
	}
	fc, err := geojson.UnmarshalFeatureCollection(layer)
	if err != nil {
		return ""
	}
	for _, f := range fc.Features {
		if f == nil {
			continue
		}
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		}
		code := f.Properties.MustString("gb_code", "")
		if planar.MultiPolygonContains(mp, p) && cityOfCode(code) != "" {
			return code
		}
	}
	return ""
}
