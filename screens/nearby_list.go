package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// nearbyList lists the places found, nearest first, each opening its
// page; with none, it says so.
type nearbyList struct {
	env    *Env
	places []offline.NearbyPlace
	list   *widget.List
	object *fyne.Container // the list, or a message in its place
}

func newNearbyList(env *Env, open func(offline.NearbyPlace)) *nearbyList {
	l := &nearbyList{env: env, object: container.NewStack()}
	l.list = widget.NewList(func() int { return len(l.places) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(l.places) {
				return
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(placeTitle(env, l.places[i]))
			box.Objects[1].(*widget.Label).SetText(placeLine(env, l.places[i]))
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		l.list.UnselectAll()
		if i >= 0 && i < len(l.places) {
			open(l.places[i])
		}
	}
	return l
}

// show lists places; none found says that nothing of the kind is near.
func (l *nearbyList) show(places []offline.NearbyPlace, kind offline.PlaceKind) {
	l.places = places
	var o fyne.CanvasObject = l.list
	if len(places) == 0 {
		body := l.env.L.Tf("NearbyNoneWithin", map[string]any{"Distance": formatMeters(l.env, offline.DefaultNearbyRadius)})
		o = widgets.NewMessage(theme.SearchIcon(), l.env.T(nearbyKindName(kind)), body, "", nil)
	}
	l.object.Objects = []fyne.CanvasObject{o}
	l.object.Refresh()
	l.list.Refresh()
	l.list.ScrollToTop()
}

// failed says the places could not be read.
func (l *nearbyList) failed() {
	l.object.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.ErrorIcon(), l.env.T("NearbyErrorTitle"),
		l.env.T("StoreReadError"), "", nil)}
	l.object.Refresh()
}

// nearbyKindName is the message id of a filter choice's name.
func nearbyKindName(kind offline.PlaceKind) string {
	for _, k := range nearbyKinds {
		if k.kind == kind {
			return k.name
		}
	}
	return nearbyKinds[0].name
}

// nearbyTop says where distances are measured from, offers the filter,
// and keeping a point the user picked; on a desktop, it says that a tap
// on the map measures from there.
func nearbyTop(env *Env, o nearbyOrigin, kind offline.PlaceKind, setKind func(offline.PlaceKind)) fyne.CanvasObject {
	from := widgets.NewWrappedLabelWithStyle(o.fromLine(env), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	names := make([]string, len(nearbyKinds))
	for i, k := range nearbyKinds {
		names[i] = env.T(k.name)
	}
	filter := widget.NewSelect(names, nil)
	noPlaceholder(filter)
	for i, k := range nearbyKinds {
		if k.kind == kind {
			filter.SetSelectedIndex(i)
		}
	}
	if filter.SelectedIndex() < 0 {
		filter.SetSelectedIndex(0)
	}
	filter.OnChanged = func(string) { setKind(nearbyKinds[filter.SelectedIndex()].kind) }
	var keep fyne.CanvasObject
	if o.Source == LocationPicked || o.Source == locationCentre {
		keep = keepPointButton(env, o.Point)
	}
	top := container.NewVBox(from)
	if keep != nil && (env.Phone || env.Elder) {
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(env.T("NearbyShow")), nil, filter))
		top.Add(keep)
	} else {
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(env.T("NearbyShow")), keep, filter))
	}
	if !env.Phone {
		hint := widgets.NewWrappedLabel(env.T("NearbyTapHint"))
		hint.SizeName = theme.SizeNameCaptionText
		top.Add(hint)
	}
	return top
}

// keepPointButton keeps a point as the configured location, which Nearby
// measures from when opened with none.
func keepPointButton(env *Env, p orb.Point) *widget.Button {
	keep := widget.NewButtonWithIcon(env.T("NearbyRemember"), theme.DocumentSaveIcon(), nil)
	keep.OnTapped = func() {
		var err error
		env.Load(func(ctx context.Context) {
			err = env.Store.SetSetting(ctx, LocationSetting, formatLonLat(p))
		}, func() {
			if err != nil {
				fyne.LogError("remember location", err)
				keep.SetText(env.T("NearbyRememberError"))
				return
			}
			keep.SetText(env.T("NearbyRemembered"))
			keep.Disable()
		})
	}
	return keep
}
