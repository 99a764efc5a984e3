package screens

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// HomeID is the Home screen: a greeting, what the offline data holds, and
// a tile for each area of the app.
const HomeID ID = "home"

func init() {
	Register(Screen{ID: HomeID, Tab: TabHome, Root: true, Title: "TabHome", Icon: theme.IconNameHome, Build: buildHome})
}

func buildHome(env *Env, _ Route) fyne.CanvasObject {
	greeting := widgets.NewWrappedLabelWithStyle(env.T(greetingID(clock.In(env.Now()).Hour())), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	greeting.SizeName = theme.SizeNameHeadingText
	notice := func(box *fyne.Container) {
		if env.Notice != "" {
			box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.Notice)))
		}
	}
	first, rest := homeEntries(env)
	box := container.NewVBox(greeting)
	if env.Elder {
		// 长辈版: what an older resident comes for is at the top, in
		// view on a phone; search and the tourist's entries follow.
		notice(box)
		box.Add(homeTiles(env, first))
		box.Add(homeSearchBar(env))
		box.Add(homeTiles(env, rest))
		return container.NewVScroll(container.NewPadded(box))
	}
	box.Add(widgets.NewWrappedLabel(env.T("HomeIntro")))
	box.Add(homeSearchBar(env))
	notice(box)
	box.Add(offlineSummary(env))
	box.Add(homeTiles(env, rest))
	return container.NewVScroll(container.NewPadded(box))
}

// elderFirst are the entries 长辈版 puts first on Home, in this order: the
// social-security card, the 苏服码 and the 12345 hotline.
var elderFirst = []ID{CardID, ServiceCodeID, HotlineID}

// homeEntries are the screens Home has a tile for: in 长辈版, first the
// elderFirst ones, then the rest (the tourist's first); otherwise first
// is empty and rest is every screen that asks for a tile, in the
// navigation's order.
func homeEntries(env *Env) (first, rest []Screen) {
	if env.Elder {
		for _, id := range elderFirst {
			if s, ok := Lookup(id); ok && env.Shows(id) {
				first = append(first, s)
			}
		}
	}
	for _, s := range All() {
		if s.OnHome && env.Shows(s.ID) && !(env.Elder && slices.Contains(elderFirst, s.ID)) {
			rest = append(rest, s)
		}
	}
	return first, rest
}

// homeTiles shows a tile for each of screens; 长辈版 and phones show them
// in one column of large tiles.
func homeTiles(env *Env, screens []Screen) fyne.CanvasObject {
	cols := 3
	if env.Elder || env.Phone {
		cols = 1
	}
	grid := container.NewGridWithColumns(cols)
	for _, s := range screens {
		route := Route{Screen: s.ID}
		grid.Add(widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), env.T(s.Tile), func() { env.Nav.Go(route) }))
	}
	return grid
}

// offlineSummary says what the app can do with no network: the counts of
// what the local store holds, loaded off the UI thread.
func offlineSummary(env *Env) fyne.CanvasObject {
	label := widgets.NewWrappedLabel(env.T("Loading"))
	var stats offline.Stats
	var err error
	env.Load(func(ctx context.Context) { stats, err = env.Store.Stats(ctx) }, func() {
		if err != nil {
			label.SetText(env.T("StoreReadError"))
			return
		}
		label.SetText(env.L.Tf("OfflineReady", countsData(stats)))
	})
	return widgets.NewBanner(theme.ConfirmIcon(), label)
}

// greetingID picks the greeting for the hour of the day.
func greetingID(hour int) string {
	switch {
	case hour < 5:
		return "GreetingNight"
	case hour < 11:
		return "GreetingMorning"
	case hour < 13:
		return "GreetingNoon"
	case hour < 18:
		return "GreetingAfternoon"
	}
	return "GreetingEvening"
}
