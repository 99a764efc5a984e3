package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// PickerID chooses a place for the planner: a searchable list of metro
// stations, railway stations, airports and attractions. Param is
// "field=from" or "field=to" followed by the planner's own parameters, to
// which it returns with the choice filled in; or "field=station", which
// lists the metro stations and opens the one chosen.
const PickerID ID = "transport-picker"

func init() {
	Register(Screen{ID: PickerID, Tab: TabTransport, Title: "PickerTitle", Icon: theme.IconNameSearch,
		Build: buildPicker, Samples: func(*Env) []Route {
			return []Route{{Screen: PickerID, Param: "field=to&from=station:nj-12&at=09:00"}}
		}})
}

func buildPicker(env *Env, r Route) fyne.CanvasObject {
	field, p := parsePicker(r.Param)
	content := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var choices []placeChoice
	var err error
	env.Load(func(ctx context.Context) {
		var d *transportData
		if d, err = loadTransport(ctx, env); err == nil {
			choices, err = placeChoices(ctx, env, d)
		}
		if field == pickStation {
			choices = stationChoices(choices)
		}
	}, func() {
		if err != nil {
			content.Objects = []fyne.CanvasObject{transportError(env, r)}
		} else {
			view, search := pickerView(env, choices, func(ref Place) {
				if field == pickStation {
					env.Nav.Go(Route{Screen: StationID, Param: ref.value})
					return
				}
				if field == "from" {
					p.from = ref
				} else {
					p.to = ref
				}
				env.Nav.Go(p.route())
			})
			content.Objects = []fyne.CanvasObject{view}
			// Typing goes to the search from the first key: the picker is
			// opened to type a place's name. (The load ends after the screen
			// is shown; a screen left meanwhile is not in the window, and
			// Focus then does nothing.)
			if env.Window != nil {
				defer env.Window.Canvas().Focus(search)
			}
		}
		content.Refresh()
	})
	return content
}

// pickerView is a search entry over the list of places; choosing one calls
// pick with its reference. It returns the view and its search entry.
func pickerView(env *Env, all []placeChoice, pick func(ref Place)) (fyne.CanvasObject, *widgets.Entry) {
	shown := all
	empty := widgets.NewMessage(theme.SearchIcon(), env.T("PickerNoneTitle"), env.T("PickerNoneBody"), "", nil)
	empty.Hide()
	list := widget.NewList(func() int { return len(shown) }, func() fyne.CanvasObject {
		title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		sub := widget.NewLabel("")
		sub.SizeName = theme.SizeNameCaptionText
		sub.Truncation = fyne.TextTruncateEllipsis
		return rowWithMinHeight(container.NewVBox(title, sub))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		texts := rowBody(o).(*fyne.Container).Objects
		texts[0].(*widget.Label).SetText(shown[i].title)
		texts[1].(*widget.Label).SetText(shown[i].subtitle)
	})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		pick(shown[i].ref)
	}
	search := widgets.NewEntry()
	search.SetPlaceHolder(env.T("PickerSearch"))
	search.OnChanged = func(q string) {
		shown = filterChoices(all, q)
		if len(shown) > 0 {
			empty.Hide()
		} else {
			empty.Show()
		}
		list.Refresh()
		list.ScrollToTop()
	}
	return container.NewBorder(container.NewPadded(search), nil, nil, nil, container.NewStack(list, empty)), search
}

// stationChoices keeps the metro stations.
func stationChoices(all []placeChoice) []placeChoice {
	var out []placeChoice
	for _, c := range all {
		if c.ref.kind == placeStation {
			out = append(out, c)
		}
	}
	return out
}
