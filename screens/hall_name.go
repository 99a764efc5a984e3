package screens

import (
	"jiangsupass/offline"
)

// hallName is the hall's name as the user reads it: a generated hall's in
// the user's language by the rule of placename.Hall, a real hall's as
// published. A hall's own page shows the Chinese name too, for asking the
// way.
func hallName(env *Env, h offline.ServiceHall) string { return h.NameIn(env.L.Lang()) }

// hallHours is a hall's opening hours as the user reads them: the
// generated halls' hours in their language, others as published.
func hallHours(env *Env, h offline.ServiceHall) string {
	if h.Generated && h.Hours == offline.GeneratedHallHours {
		return env.T("HallHoursWeekdays")
	}
	return h.Hours
}
