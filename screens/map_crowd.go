package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/crowd"
	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// withCrowd marks an attraction's marker with its area's last known
// level: the level's colour, its word as the marker's badge (never the
// colour alone), and on the card how busy it is and since when.
func withCrowd(env *Env, mk mapview.Marker, c offline.CrowdLevel) mapview.Marker {
	st, ok := levelStyles[c.Level]
	if !ok {
		return mk
	}
	mk.Color, mk.Badge, mk.BadgeInk = st.fill, levelWord(env, c.Level), st.ink
	mk.Subtitle += "\n" + crowdLine(env, c)
	return mk
}

// crowdMapNote is the line over the map that says when its levels were
// known (live, or as of a time with its age, and never as live when they
// are old or the device is offline) and, but in 长辈版 on a phone, what
// each level means; nil when
// the device knows no level.
func crowdMapNote(env *Env, levels map[string]offline.CrowdLevel) fyne.CanvasObject {
	var newest *offline.CrowdLevel
	for _, c := range levels {
		if newest == nil || c.Known.After(newest.Known) {
			newest = &c
		}
	}
	if newest == nil {
		return nil
	}
	data := map[string]any{"Time": asOfTime(env, newest.Known)}
	id := "MapCrowdLive"
	if !newest.Live {
		id, data["Age"] = "MapCrowdOld", ageText(env, newest.Age(env.Now()))
	}
	text := env.L.Tf(id, data)
	if !env.Phone || !env.Elder {
		// 长辈版 on a phone leaves the map its room: the badges say each
		// level in words already.
		text += " " + env.L.Tf("CrowdLegend", map[string]any{"Comfortable": levelWord(env, crowd.Comfortable),
			"Moderate": levelWord(env, crowd.Moderate), "Busy": levelWord(env, crowd.Busy), "Full": levelWord(env, crowd.Full),
			"ModerateFrom": crowd.ModeratePercent, "BusyFrom": crowd.BusyPercent, "FullFrom": crowd.FullPercent})
	}
	l := widgets.NewWrappedLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// loadCrowdNote reads the levels for crowdMapNote.
func loadCrowdNote(ctx context.Context, env *Env) (fyne.CanvasObject, error) {
	levels, err := env.Store.CrowdLevels(ctx)
	if err != nil {
		return nil, err
	}
	return crowdMapNote(env, levels), nil
}
