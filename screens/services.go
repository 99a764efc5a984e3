package screens

import (
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

func buildServices(env *Env, _ Route) fyne.CanvasObject {
	box := container.NewVBox(widgets.NewWrappedLabel(env.T("ServicesIntro")))
	for _, s := range All() {
		if s.Tab != TabServices || s.Root {
			continue
		}
		route := Route{Screen: s.ID}
		box.Add(widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), env.T(s.Tile), func() { env.Nav.Go(route) }))
	}
	return container.NewVScroll(container.NewPadded(box))
}
