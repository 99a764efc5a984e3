package screens

import (
	"context"
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// TransportID is the Transport tab: the way into the journey planner, and
// the metro lines of every city in their colours, filtered by city.
const TransportID ID = "transport"

func init() {
	Register(Screen{ID: TransportID, Tab: TabTransport, Root: true, Title: "TransportTitle",
		Icon: theme.IconNameMailSend, Tile: "TransportTile", OnHome: true, Build: buildTransport})
}

func buildTransport(env *Env, r Route) fyne.CanvasObject {
	return withTransport(env, r, func(d *transportData) fyne.CanvasObject { return linesView(env, d) })
}

// withTransport shows the loading state, loads the transport data off the
// UI thread, then shows view of it, or the error state with a retry.
func withTransport(env *Env, r Route, view func(d *transportData) fyne.CanvasObject) fyne.CanvasObject {
	content := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var d *transportData
	var err error
	env.Load(func(ctx context.Context) {
		d, err = loadTransport(ctx, env)
	}, func() {
		if err != nil {
			content.Objects = []fyne.CanvasObject{transportError(env, r)}
		} else {
			content.Objects = []fyne.CanvasObject{view(d)}
		}
		content.Refresh()
	})
	return content
}

// transportError is the state shown when the transport data cannot be
// read: what happened and a way to try again.
func transportError(env *Env, retry Route) fyne.CanvasObject {
	return widgets.NewMessage(theme.ErrorIcon(), env.T("TransportErrorTitle"), env.T("TransportErrorBody"),
		env.T("TransportTryAgain"), func() { env.Nav.Go(retry) })
}

// estimatedBanner says that times come from a rule, not an operator.
func estimatedBanner(env *Env) fyne.CanvasObject {
	return widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("TransportEstimated")))
}

// linesView is the planner button, the city filter and the list of lines.
func linesView(env *Env, d *transportData) fyne.CanvasObject {
	plan := widget.NewButtonWithIcon(env.T("PlannerTitle"), theme.NavigateNextIcon(), func() {
		env.Nav.Go(Route{Screen: PlannerID})
	})
	plan.Importance = widget.HighImportance

	codes := map[string]bool{}
	for _, l := range d.lines {
		codes[l.CityCode] = true
	}
	var cityCodes []string
	for c := range codes {
		cityCodes = append(cityCodes, c)
	}
	sort.Strings(cityCodes)
	all := env.T("TransportAllCities")
	names := []string{all}
	for _, c := range cityCodes {
		names = append(names, d.cities[c])
	}
	shown := d.lines
	list := widget.NewList(func() int { return len(shown) }, func() fyne.CanvasObject { return newLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { setLineRow(env, d, o, shown[i]) })
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		env.Nav.Go(Route{Screen: LineID, Param: shown[i].ID})
	}
	filter := widget.NewSelect(names, func(name string) {
		shown = nil
		for _, l := range d.lines {
			if name == all || d.cities[l.CityCode] == name {
				shown = append(shown, l)
			}
		}
		list.Refresh()
		list.ScrollToTop()
	})
	noPlaceholder(filter)
	filter.SetSelectedIndex(0)
	notices := []fyne.CanvasObject{estimatedBanner(env)}
	if d.imported > 0 {
		notices = append(notices, widgets.NewBanner(theme.ConfirmIcon(), widgets.NewWrappedLabel(env.L.N("TransportFeedsLoaded", d.imported, nil))))
	}
	if b := feedErrorsBanner(env, d.failed); b != nil {
		notices = append(notices, b)
	}
	if b := feedWarningsBanner(env, d.skipped); b != nil {
		notices = append(notices, b)
	}
	find := widget.NewButtonWithIcon(env.T("TransportFindStation"), theme.SearchIcon(), func() {
		env.Nav.Go(stationPicker())
	})
	var actions fyne.CanvasObject = container.NewGridWithColumns(2, plan, find)
	if env.Phone || env.Elder {
		actions = container.NewVBox(plan, find)
	}
	city := container.NewBorder(nil, nil, widget.NewLabel(env.T("TransportCity")), nil, filter)
	head := container.NewVBox(notices...)
	head.Add(actions)
	head.Add(city)
	if env.Phone && env.Elder {
		// At 长辈版's size the notices fill the room above the lines:
		// what the user came to do comes first, the notices after.
		head = container.NewVBox(actions, city)
		for _, n := range notices {
			head.Add(n)
		}
	}
	// The wheel over the notices and buttons above scrolls the lines.
	return widgets.NewHeadOver(container.NewPadded(head), list, headShare)
}

// newLineRow is a line's row: a swatch of its colour, its name, and its
// terminals with the number of stations.
func newLineRow() fyne.CanvasObject {
	sw := widgets.NewSwatch(nil)
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sub := widget.NewLabel("")
	sub.SizeName = theme.SizeNameCaptionText
	sub.Truncation = fyne.TextTruncateEllipsis
	return rowWithMinHeight(container.NewBorder(nil, nil, container.NewCenter(sw), nil, container.NewVBox(title, sub)))
}

func setLineRow(env *Env, d *transportData, o fyne.CanvasObject, l offline.MetroLine) {
	body := rowBody(o).(*fyne.Container)
	sw := body.Objects[1].(*fyne.Container).Objects[0].(*widgets.Swatch)
	if c, err := parseHexColor(l.Color); err == nil {
		sw.SetColor(c)
	} else {
		sw.SetColor(nil)
	}
	texts := body.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(d.lineName(env, l))
	first, last := "", ""
	if n := len(l.StationIDs); n > 0 {
		first, last = stationName(env, d.stations[l.StationIDs[0]]), stationName(env, d.stations[l.StationIDs[n-1]])
	}
	texts[1].(*widget.Label).SetText(env.L.Tf("TransportLineSpan", map[string]any{
		"First": first, "Last": last, "Count": len(l.StationIDs)}))
}

// rowWithMinHeight makes a list row at least as tall as a tappable target.
func rowWithMinHeight(body fyne.CanvasObject) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, widgets.TargetSize()))
	return container.NewStack(spacer, body)
}

// rowBody is the body given to rowWithMinHeight.
func rowBody(row fyne.CanvasObject) fyne.CanvasObject { return row.(*fyne.Container).Objects[1] }
