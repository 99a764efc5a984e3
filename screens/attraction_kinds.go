package screens

import (
	"strings"

	"jiangsupass/offline"
)

// AttractionCategories are the groups the attraction list filters by —
// what to see, eat, stay, buy and do (吃住行游购娱) — in the order offered.
var AttractionCategories = []string{
	"scenic_area", "garden", "museum", "historic_site", "food", "lodging", "shopping", "entertainment",
}

// categoryGroup puts the store's finer categories into the list's groups:
// water towns, mountains and lakes are scenic areas, a theme park is
// entertainment.
func categoryGroup(category string) string {
	switch category {
	case "water_town", "mountain", "lake", "":
		return "scenic_area"
	case "theme_park":
		return "entertainment"
	}
	return category
}

// categoryMessage is the message id of a group's name.
func categoryMessage(group string) string {
	switch group {
	case "scenic_area":
		return "CatScenicArea"
	case "garden":
		return "CatGarden"
	case "museum":
		return "CatMuseum"
	case "historic_site":
		return "CatHistoricSite"
	case "food":
		return "CatFood"
	case "lodging":
		return "CatLodging"
	case "shopping":
		return "CatShopping"
	}
	return "CatEntertainment"
}

// matchesQuery reports whether an attraction's name in any language, or
// its address, holds the query, ignoring case and spaces.
func matchesQuery(a offline.Attraction, query string) bool {
	q := normaliseQuery(query)
	if q == "" {
		return true
	}
	for _, v := range a.Name {
		if strings.Contains(normaliseQuery(v), q) {
			return true
		}
	}
	return strings.Contains(normaliseQuery(a.Address), q)
}

func normaliseQuery(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// cityNames maps city codes to their names in lang.
func cityNames(cities []offline.Division, lang string) map[string]string {
	out := make(map[string]string, len(cities))
	for _, c := range cities {
		out[c.Code] = c.Name.In(lang)
	}
	return out
}
