package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// LineID is a metro line: its stations in order along a bar of its colour;
// a station leads to its departures. Param is the line's ID.
const LineID ID = "transport-line"

func init() {
	Register(Screen{ID: LineID, Tab: TabTransport, Title: "LineTitle", Icon: theme.IconNameList, Build: buildLine,
		Samples: func(*Env) []Route { return []Route{{Screen: LineID, Param: "nj-2号线"}} }})
}

func buildLine(env *Env, r Route) fyne.CanvasObject {
	return withTransport(env, r, func(d *transportData) fyne.CanvasObject { return lineView(env, d, r) })
}

func lineView(env *Env, d *transportData, r Route) fyne.CanvasObject {
	var line offline.MetroLine
	found := false
	for _, l := range d.lines {
		if l.ID == r.Param {
			line, found = l, true
		}
	}
	if !found {
		return widgets.NewMessage(theme.QuestionIcon(), env.T("LineMissingTitle"), env.T("LineMissingBody"),
			env.T("TransportAllLines"), func() { env.Nav.Go(Route{Screen: TransportID}) })
	}
	var c color.Color // nil: the theme's primary colour
	if lc, err := parseHexColor(line.Color); err == nil {
		c = lc
	}
	name := widgets.NewWrappedLabelWithStyle(d.lineName(env, line), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	head := container.NewVBox(container.NewBorder(nil, nil, colorBar(c), nil, name), estimatedBanner(env))
	if i, ok := d.lineRoute[line.ID]; ok {
		if deps := d.net.NextDepartures(line.StationIDs[0], 0, 1); len(deps) > 0 {
			for _, dep := range deps {
				if dep.Route == i {
					head.Add(widgets.NewWrappedLabel(env.L.Tf("LineFirstTrain", map[string]any{"Time": dep.Times[0].Minutes()})))
					head.Add(beijingTimeNote(env))
					break
				}
			}
		}
	}
	ids := line.StationIDs
	list := widget.NewList(func() int { return len(ids) }, func() fyne.CanvasObject {
		rail, dot := canvas.NewRectangle(c), canvas.NewCircle(nil)
		mark := widgets.Painted(container.New(stationMark{}, rail, dot), func(p widgets.Palette) {
			ink := c
			if ink == nil {
				ink = p.Color(theme.ColorNamePrimary)
			}
			rail.FillColor, dot.StrokeColor = ink, ink
			dot.FillColor, dot.StrokeWidth = p.Color(theme.ColorNameBackground), p.Size(theme.SizeNamePadding)
		})
		label := widget.NewLabel("")
		return rowWithMinHeight(container.NewBorder(nil, nil, mark, nil, label))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		body := rowBody(o).(*fyne.Container)
		s := d.stations[ids[i]]
		text := stationName(env, s)
		if others := otherLines(s.Lines, line.Name); len(others) > 0 {
			text += "  ⇄ " + lineLabels(env, others)
		}
		body.Objects[0].(*widget.Label).SetText(text)
	})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		env.Nav.Go(Route{Screen: StationID, Param: ids[i]})
	}
	return widgets.NewHeadOver(container.NewPadded(head), list, headShare)
}

// otherLines lists the lines other than this one.
func otherLines(lines []string, this string) []string {
	var out []string
	for _, l := range lines {
		if l != this {
			out = append(out, l)
		}
	}
	return out
}

// stationMark lays out a line's rail (the first object) down the middle of
// a row, and a station's dot (the second) at its centre.
type stationMark struct{}

func (stationMark) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := theme.Padding() * 1.5
	objs[0].Resize(fyne.NewSize(w, size.Height))
	objs[0].Move(fyne.NewPos((size.Width-w)/2, 0))
	d := theme.IconInlineSize() * 0.6
	objs[1].Resize(fyne.NewSquareSize(d))
	objs[1].Move(fyne.NewPos((size.Width-d)/2, (size.Height-d)/2))
}

func (stationMark) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(theme.IconInlineSize(), 0)
}
