package offline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
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

// areaLayer is what cityAt reads of a GeoJSON layer of areas.
type areaLayer struct {
	Features []struct {
		Properties struct {
			Code string `json:"gb_code"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// cityAt is the gb_code of the area of the prefectures layer (shipped with
// the seed) that holds p, "" for none or a layer that cannot be read.
func cityAt(layer []byte, p orb.Point) string {
	var fc areaLayer
	if err := json.Unmarshal(layer, &fc); err != nil {
		return ""
	}
	for _, f := range fc.Features {
		var mp orb.MultiPolygon
		switch f.Geometry.Type {
		case "Polygon":
			var poly orb.Polygon
			if json.Unmarshal(f.Geometry.Coordinates, &poly) != nil {
				continue
			}
			mp = orb.MultiPolygon{poly}
		case "MultiPolygon":
			if json.Unmarshal(f.Geometry.Coordinates, &mp) != nil {
				continue
			}
		}
		if planar.MultiPolygonContains(mp, p) && cityOfCode(f.Properties.Code) != "" {
			return f.Properties.Code
		}
	}
	return ""
}
