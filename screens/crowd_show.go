package screens

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/clock"
	"jiangsupass/crowd"
	"jiangsupass/offline"
)

// How busy a scenic area is, as the screens show it (一图览文旅): a level
// is always a word and a colour together, never the colour alone, and a
// level that is not live says how old it is.

// levelStyle is a level's colour and the ink its word is written in on
// it, chosen to read at more than 4.5:1; fixed, like the map's marker
// colours, since they mean the same in light and dark mode.
type levelStyle struct {
	fill, ink color.NRGBA
}

var (
	inkLight = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	inkDark  = color.NRGBA{0x1f, 0x1f, 0x1f, 0xff}
)

// levelStyles are the levels' colours: green, yellow, orange, red.
var levelStyles = map[crowd.Level]levelStyle{
	crowd.Comfortable: {fill: color.NRGBA{0x1b, 0x7f, 0x3b, 0xff}, ink: inkLight},
	crowd.Moderate:    {fill: color.NRGBA{0xf2, 0xc2, 0x30, 0xff}, ink: inkDark},
	crowd.Busy:        {fill: color.NRGBA{0xf0, 0x8c, 0x00, 0xff}, ink: inkDark},
	crowd.Full:        {fill: color.NRGBA{0xc6, 0x28, 0x28, 0xff}, ink: inkLight},
}

// levelMessages name the levels.
var levelMessages = map[crowd.Level]string{
	crowd.Comfortable: "CrowdComfortable", crowd.Moderate: "CrowdModerate", crowd.Busy: "CrowdBusy", crowd.Full: "CrowdFull",
}

// levelWord is a level's name in the user's language (舒适, 较舒适, 拥挤,
// 饱和); "" for an unknown level.
func levelWord(env *Env, l crowd.Level) string {
	if id, ok := levelMessages[l]; ok {
		return env.T(id)
	}
	return ""
}

// levelPill is a level's word on its colour.
func levelPill(env *Env, l crowd.Level, size float32) fyne.CanvasObject {
	st := levelStyles[l]
	t := canvas.NewText(levelWord(env, l), st.ink)
	t.TextStyle.Bold = true
	t.TextSize = size
	bg := canvas.NewRectangle(st.fill)
	bg.CornerRadius = (size + theme.InnerPadding()) / 2
	return container.NewHBox(container.NewStack(bg, container.NewPadded(container.NewCenter(t))))
}

// asOfTime is when a level was known, in China: "14:05" on the day of the
// env's now there, else with its date, "12-02 14:05".
func asOfTime(env *Env, t time.Time) string {
	if clock.Date(t) == clock.Date(env.Now()) {
		return clock.In(t).Format("15:04")
	}
	return clock.In(t).Format("01-02 15:04")
}

// ageText is how long ago d was, in the user's language: "just now",
// "5 min ago", "2 h ago", "3 days ago".
func ageText(env *Env, d time.Duration) string {
	switch {
	case d < time.Minute:
		return env.T("AgeJustNow")
	case d < time.Hour:
		return env.L.N("AgeMinutes", int(d/time.Minute), nil)
	case d < 48*time.Hour:
		return env.L.N("AgeHours", int(d/time.Hour), nil)
	}
	return env.L.N("AgeDays", int(d/(24*time.Hour)), nil)
}

// crowdLine says how busy an area is: "Busy now: 78% of capacity · as of
// 14:05" while the level is live, "Last known: busy, 78% of capacity ·
// as of 14:05 (2 h ago), not live" when it is not.
func crowdLine(env *Env, c offline.CrowdLevel) string {
	data := map[string]any{"Level": levelWord(env, c.Level), "Percent": c.Percent, "Time": asOfTime(env, c.Known)}
	if c.Live {
		return env.L.Tf("CrowdNow", data)
	}
	data["Age"] = ageText(env, c.Age(env.Now()))
	return env.L.Tf("CrowdLastKnown", data)
}

// crowdNotes are what a level rests on: the capacity, labelled when it
// was generated, and the dwell-time estimate where exits are not counted.
func crowdNotes(env *Env, c offline.CrowdLevel) []string {
	capID := "CrowdCapacity"
	if c.Capacity.Generated {
		capID = "CrowdCapacityGenerated"
	}
	out := []string{env.L.Tf(capID, map[string]any{"Instant": groupDigits(c.Capacity.Instant), "Daily": groupDigits(c.Capacity.Daily)})}
	if c.Estimated {
		out = append(out, env.L.Tf("CrowdEstimated", map[string]any{"Minutes": c.DwellMinutes}))
	}
	return out
}

// groupDigits writes n with a comma every three digits: 60,000.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	var out []byte
	for i := range len(s) {
		if i > 0 && s[i-1] != '-' && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// crowdShort is a level where room is short, as in a list's row: "Busy
// 78%", with its age when it is not live: "Busy 78%, 2 h ago".
func crowdShort(env *Env, c offline.CrowdLevel) string {
	data := map[string]any{"Level": levelWord(env, c.Level), "Percent": c.Percent}
	if c.Live {
		return env.L.Tf("CrowdShort", data)
	}
	data["Age"] = ageText(env, c.Age(env.Now()))
	return env.L.Tf("CrowdShortOld", data)
}

// compareBusy orders two areas' levels least busy first: by level
// (crowd.Level.Rank), then by the share of capacity in use; an area with
// no level (nil) comes after every one with a level.
func compareBusy(a, b *offline.CrowdLevel) int {
	rank := func(c *offline.CrowdLevel) (int, int) {
		if c == nil {
			return crowd.Level("").Rank(), 0
		}
		return c.Level.Rank(), c.Percent
	}
	ra, pa := rank(a)
	rb, pb := rank(b)
	if ra != rb {
		return ra - rb
	}
	return pa - pb
}
