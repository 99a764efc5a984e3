package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
)

// MeID is the Me tab: the user's own corner, and the way to Settings and
// About.
const MeID ID = "me"

func init() {
	Register(Screen{ID: MeID, Tab: TabMe, Root: true, Title: "TabMe", Icon: theme.IconNameAccount, Tile: "MeTile", OnHome: true, Build: buildMe})
}

func buildMe(env *Env, _ Route) fyne.CanvasObject {
	intro := widgets.NewWrappedLabel(env.T("MeIntro"))
	box := container.NewVBox(intro)
	for _, s := range All() {
		if s.Tab != TabMe || s.Root {
			continue
		}
		route := Route{Screen: s.ID}
		box.Add(widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), env.T(s.Tile), func() { env.Nav.Go(route) }))
	}
	return container.NewVScroll(container.NewPadded(box))
}
