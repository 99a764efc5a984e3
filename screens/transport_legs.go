package screens

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
	"jiangsupass/transit"
)

// lineColor is a route's colour from its feed, or nil when the feed
// gives none: then it is drawn in the theme's primary colour (colorBar;
// a map's nil colour).
func lineColor(d *transportData, route int) color.Color {
	if c, err := parseHexColor(d.net.Routes[route].Color); err == nil {
		return c
	}
	return nil
}

// colorBar is a vertical strip in a line's colour beside a leg; nil draws
// it in the theme's primary colour, read again when the theme changes.
func colorBar(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	return widgets.Painted(r, func(p widgets.Palette) {
		r.FillColor = c
		if c == nil {
			r.FillColor = p.Color(theme.ColorNamePrimary)
		}
		pad := p.Size(theme.SizeNamePadding)
		r.SetMinSize(fyne.NewSize(pad*1.5, 0))
		r.CornerRadius = pad * 0.75
	})
}

// journeySummary is an option's first line: times, duration and changes.
func journeySummary(env *Env, j transit.Journey) string {
	mins := int(j.Arrive/60 - j.Depart/60) // as the clock times shown differ
	return env.L.Tf("TransportSummary", map[string]any{
		"Depart": j.Depart.Minutes(), "Arrive": j.Arrive.Minutes(), "Minutes": mins,
		"Changes": env.L.N("TransportChanges", j.Transfers(), map[string]any{"Count": j.Transfers()}),
	})
}

// placeName names a leg's end: a stop, or the query's own place.
func placeName(env *Env, d *transportData, stop int, own string) string {
	if stop < 0 {
		return own
	}
	return d.stopName(env, stop)
}

// legRows draws a journey's legs: each walk with its distance and time,
// each ride with its line, direction, stops and times; with every, each
// stop passed on a ride is listed with its time. In 长辈版 on a phone an
// option's ride is drawn as one tight block, with no line of its own
// for a change (the next ride starts there), so that a whole option is
// in view.
func legRows(env *Env, d *transportData, j transit.Journey, from, to string, every bool) fyne.CanvasObject {
	compact := env.Elder && env.Phone && !every
	box := container.NewVBox()
	if compact {
		box = widgets.NewTightVBox()
	}
	for i, l := range j.Legs {
		start, end := placeName(env, d, l.From, from), placeName(env, d, l.To, to)
		if i > 0 && l.Kind == transit.Ride && j.Legs[i-1].Kind == transit.Ride && !compact {
			box.Add(legText(env.L.Tf("TransportChangeAt", map[string]any{"Stop": start}), true))
		}
		switch l.Kind {
		case transit.Walk:
			mins := int(math.Ceil(float64(l.Arrive-l.Depart) / 60))
			text := env.L.Tf("TransportWalkLeg", map[string]any{"To": end, "Minutes": mins})
			if l.Meters > 0 {
				text = env.L.Tf("TransportWalkLegMeters", map[string]any{"To": end, "Minutes": mins, "Meters": formatMeters(env, l.Meters)})
			}
			icon := canvas.NewImageFromResource(theme.NewThemedResource(theme.MoreHorizontalIcon()))
			icon.FillMode = canvas.ImageFillContain
			icon.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
			box.Add(container.NewBorder(nil, nil, icon, nil, legText(l.Depart.Minutes()+"  "+text, false)))
		case transit.Ride:
			title := widgets.NewWrappedLabelWithStyle(env.L.Tf("TransportRideLeg", map[string]any{
				"Line": d.routeName(env, l.Route), "Towards": d.towards(env, l.Terminus, l.Headsign)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			stops := len(l.Calls) - 1
			if compact {
				times := widgets.NewWrappedLabel(l.Depart.Minutes() + " " + start + "\n" + l.Arrive.Minutes() + " " + end)
				// The bar runs beside the words, not their padding, so that
				// two rides' bars keep a gap in the tight stack.
				inset := theme.InnerPadding() * 0.75
				bar := container.New(layout.NewCustomPaddedLayout(inset, inset, 0, 0), colorBar(lineColor(d, l.Route)))
				rows := widgets.NewTightVBox(title, times)
				for _, note := range rideNotes(env, l) {
					rows.Add(legText(note, true))
				}
				box.Add(container.NewBorder(nil, nil, bar, nil, rows))
				continue
			}
			body := container.NewVBox(title, legText(l.Depart.Minutes()+"  "+start, false))
			if every {
				for _, c := range l.Calls[1 : len(l.Calls)-1] {
					body.Add(legText(c.Arrival.Minutes()+"  "+d.stopName(env, c.Stop), true))
				}
			} else {
				body.Add(legText(env.L.N("TransportStops", stops, map[string]any{"Count": stops}), true))
			}
			body.Add(legText(l.Arrive.Minutes()+"  "+end, false))
			for _, note := range rideNotes(env, l) {
				body.Add(legText(note, true))
			}
			box.Add(container.NewBorder(nil, nil, colorBar(lineColor(d, l.Route)), nil, body))
		}
	}
	return box
}

// legText is a wrapped line of a leg; quiet lines are drawn smaller.
func legText(s string, quiet bool) fyne.CanvasObject {
	l := widgets.NewWrappedLabel(s)
	if quiet {
		l.SizeName = theme.SizeNameCaptionText
	}
	return l
}

// rideNotes are what a rider must know of a ride beyond its times: that
// it runs about every N minutes with no timetable (its times then assume
// the whole wait), and that boarding or getting off must be arranged by
// phoning the operator or telling the driver.
func rideNotes(env *Env, l transit.Leg) []string {
	var out []string
	if l.Headway > 0 {
		mins := int(math.Round(float64(l.Headway) / 60))
		out = append(out, env.L.N("TransportAboutEvery", mins, map[string]any{"Minutes": mins}))
	}
	switch l.Arrange {
	case transit.PhoneAgency:
		out = append(out, env.T("TransportPhoneAgency"))
	case transit.AskDriver:
		out = append(out, env.T("TransportAskDriver"))
	}
	return out
}
