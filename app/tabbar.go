package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// phoneTabs is the bottom tab bar: a tab for each area. In 长辈版 it shows
// Home, Services and a More tab for the other areas (screens.ElderBar),
// so that on a 320-unit phone each tab is still a 60-unit target with its
// label at 长辈版's size; the tab marked is More while an area under it
// is shown.
func phoneTabs(s *Shell, env *screens.Env, sc screens.Screen) fyne.CanvasObject {
	tabs, active := s.tabs(), s.activeTab(sc)
	if env.Elder {
		bar, more := screens.ElderBar(tabs)
		if m, ok := screens.Lookup(screens.MoreID); ok && len(more) > 0 && env.Shows(screens.MoreID) {
			tabs = append(bar, m)
			if !slices.ContainsFunc(bar, func(t screens.Screen) bool { return t.Tab == active }) {
				active = screens.TabMore
			}
		}
	}
	grid := container.NewGridWithColumns(max(1, len(tabs)))
	for _, t := range tabs {
		b := widgets.NewNavButton(theme.Icon(t.Icon), env.T(t.Title), t.Tab == active, true, func() {
			s.Go(screens.Route{Screen: t.ID})
		})
		if env.Elder {
			b.LeastTextSize = theme.CaptionTextSize() // 长辈版's text never shrinks
		}
		grid.Add(b)
	}
	return grid
}
