package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
)

// ServicesID is the Services tab: the resident's codes and card, and the
// other citizen services, one tile each.
const ServicesID ID = "services"

func init() {
	Register(Screen{ID: ServicesID, Tab: TabServices, Root: true, Title: "TabServices", Icon: theme.IconNameList,
		Build: buildServices})
}

// servicesFirst are the tiles residents open daily, shown first.
var servicesFirst = []ID{ServiceCodeID, CardID}

func buildServices(env *Env, _ Route) fyne.CanvasObject {
	box := container.NewVBox(widgets.NewWrappedLabel(env.T("ServicesIntro")))
	add := func(s Screen) {
		route := Route{Screen: s.ID}
		box.Add(widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), env.T(s.Tile), func() { env.Nav.Go(route) }))
	}
	for _, id := range servicesFirst {
		if s, ok := Lookup(id); ok {
			add(s)
		}
	}
	for _, s := range All() {
		// Screens without a tile show one item of many and are reached
		// from a list.
		if s.Tab != TabServices || s.Root || s.Tile == "" || slices.Contains(servicesFirst, s.ID) {
			continue
		}
		add(s)
	}
	return container.NewVScroll(container.NewPadded(box))
}
