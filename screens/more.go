package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
)

// MoreID is 长辈版's More tab on a phone: a large entry for each area its
// tab bar leaves out, so that every area stays a tap away.
const MoreID ID = "more"

// TabMore is the area of the More screen. It is not in TabOrder: only
// 长辈版's phone tab bar shows it (see ElderBar).
const TabMore Tab = "more"

// elderBarTabs are the areas 长辈版's phone tab bar shows before More:
// Home, which opens with the card, the 苏服码 and 12345, and Services. With
// three tabs each is wide enough for a 60-unit target and its label at
// 长辈版's size on a 320-unit phone, in every language.
var elderBarTabs = []Tab{TabHome, TabServices}

func init() {
	Register(Screen{ID: MoreID, Tab: TabMore, Root: true, Title: "TabMore", Icon: theme.IconNameMoreHorizontal, Build: buildMore})
}

// ElderBar splits the tab roots a shell shows, in order, into those
// 长辈版's phone tab bar shows and those it leaves to More. Three or fewer
// all go on the bar, and more is then empty.
func ElderBar(tabs []Screen) (bar, more []Screen) {
	if len(tabs) <= len(elderBarTabs)+1 {
		return tabs, nil
	}
	for _, t := range tabs {
		if slices.Contains(elderBarTabs, t.Tab) {
			bar = append(bar, t)
		} else {
			more = append(more, t)
		}
	}
	if len(more) == 1 { // More would hold one area: show it instead
		return tabs, nil
	}
	return bar, more
}

// buildMore lists the areas 长辈版's tab bar leaves out, one large tile
// each, in the navigation's order.
func buildMore(env *Env, _ Route) fyne.CanvasObject {
	var shown []Screen
	for _, t := range Tabs() {
		if env.Shows(t.ID) {
			shown = append(shown, t)
		}
	}
	bar, more := ElderBar(shown)
	if len(more) == 0 {
		more = bar // a bar with room for every area: list them all
	}
	grid := container.NewGridWithColumns(1)
	for _, s := range more {
		route, sub := Route{Screen: s.ID}, ""
		if s.Tile != "" {
			sub = env.T(s.Tile)
		}
		grid.Add(widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), sub, func() { env.Nav.Go(route) }))
	}
	return container.NewVScroll(container.NewPadded(grid))
}
