package screens

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/clock"
	"jiangsupass/screens/widgets"
)

// Dates and times on screen are the platform's, in China time, whatever
// zone the device is set to: a tourist whose phone keeps its home zone
// sees the slot, the opening hours and the train times of Jiangsu.

// dayName names a date (YYYY-MM-DD) by its day of the week in the user's
// language, as "today" or "tomorrow" too when it is one of those in China
// at the env's now; "" for a date that cannot be read.
func dayName(env *Env, date string) string {
	d, err := clock.ParseDate(date)
	if err != nil {
		return ""
	}
	wd := env.T("Weekday" + strconv.Itoa(int(d.Weekday())))
	switch n, _ := clock.DaysFrom(env.Now(), date); n {
	case 0:
		return env.L.Tf("DayToday", map[string]any{"Weekday": wd})
	case 1:
		return env.L.Tf("DayTomorrow", map[string]any{"Weekday": wd})
	}
	return wd
}

// dayLabel names a date where room is short, as on a button: "Today
// (Thu)" or "Tomorrow (Fri)" alone, otherwise the date and its weekday.
func dayLabel(env *Env, date string) string {
	if n, err := clock.DaysFrom(env.Now(), date); err == nil && (n == 0 || n == 1) {
		return dayName(env, date)
	}
	return date + " " + dayName(env, date)
}

// stamp shows an instant as a date and time in China.
func stamp(t time.Time) string { return clock.In(t).Format("2006-01-02 15:04") }

// beijingTimeNote says that the times around it are Beijing time.
func beijingTimeNote(env *Env) fyne.CanvasObject {
	return widgets.NewWrappedLabel(env.T("BeijingTime"))
}

// visitWhen shows a visit's date (YYYY-MM-DD) and time (HH:MM), both
// China time, with the day of the week, in the user's language: "Thu 3
// Dec, 10:00", "12月3日 周四 10:00". A date that cannot be read is shown
// as it is.
func visitWhen(env *Env, date, hm string) string {
	data, ok := dateData(env, date)
	if !ok {
		return date + " " + hm
	}
	data["Time"] = hm
	return env.L.Tf("VisitWhen", data)
}

// visitDay shows a date (YYYY-MM-DD) with the day of the week, in the
// user's language: "Thu 3 Dec", "12月3日 周四"; "Today (Thu)" or
// "Tomorrow (Fri)" when it is one of those in China.
func visitDay(env *Env, date string) string {
	if n, err := clock.DaysFrom(env.Now(), date); err == nil && (n == 0 || n == 1) {
		return dayName(env, date)
	}
	data, ok := dateData(env, date)
	if !ok {
		return date
	}
	return env.L.Tf("VisitDay", data)
}

// dateData is what the VisitDay and VisitWhen messages say of a date.
func dateData(env *Env, date string) (map[string]any, bool) {
	d, err := clock.ParseDate(date)
	if err != nil {
		return nil, false
	}
	return map[string]any{
		"Weekday":   env.T("Weekday" + strconv.Itoa(int(d.Weekday()))),
		"Day":       d.Day(),
		"Month":     int(d.Month()),
		"MonthName": d.Month().String()[:3], // the English messages' only
	}, true
}
