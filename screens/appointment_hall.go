package screens

import (
	"context"

	"github.com/paulmach/orb"

	"jiangsupass/offline"
)

// homeHall is the hall a booking starts with, among those offered for the
// item: the hall of the resident's own city (offline.Store.HomeCity: their
// card's city, else their ID number's, else where they are), else the
// first one offered (the provincial centre for an item of the province).
type homeHall struct {
	index int    // in the halls offered
	rule  string // offline.CityFrom*, or offline.CityNone when no hall of the city is offered
	city  string // the city's name in the user's language
}

// loadHomeHall finds the hall a booking starts with.
func loadHomeHall(ctx context.Context, env *Env, halls []offline.ServiceHall) (homeHall, error) {
	var at *orb.Point
	loc, ok, err := currentLocation(ctx, env, "")
	if err != nil {
		return homeHall{}, err
	}
	if ok {
		at = &loc.Point
	}
	code, rule, err := env.Store.HomeCity(ctx, at)
	if err != nil || rule == offline.CityNone {
		return homeHall{}, err
	}
	for i, h := range halls {
		if h.DivisionCode == code {
			cities, err := env.Store.Cities(ctx)
			if err != nil {
				return homeHall{}, err
			}
			return homeHall{index: i, rule: rule, city: cityNames(cities, env.L.Lang())[code]}, nil
		}
	}
	return homeHall{}, nil
}

// homeHallNote says why the hall picker starts where it does: "Your
// city: 常州 (from your social security card)"; "" when it starts at a
// hall that is not the provincial centre for no reason worth telling.
func homeHallNote(env *Env, h homeHall, halls []offline.ServiceHall) string {
	data := map[string]any{"City": h.city}
	switch h.rule {
	case offline.CityFromCard:
		return env.L.Tf("AppointmentHallCard", data)
	case offline.CityFromIDNumber:
		return env.L.Tf("AppointmentHallID", data)
	case offline.CityFromLocation:
		return env.L.Tf("AppointmentHallLocation", data)
	}
	if len(halls) > 0 && halls[0].Level == offline.LevelProvince {
		return env.T("AppointmentHallProvince")
	}
	return ""
}
