package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	greeting := widget.NewLabelWithStyle(env.T(greetingID(clock.In(env.Now()).Hour())), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	greeting.SizeName = theme.SizeNameHeadingText
	intro := widgets.NewWrappedLabel(env.T("HomeIntro"))

	box := container.NewVBox(greeting, intro, homeSearchBar(env))
	if env.Notice != "" {
		box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.Notice)))
	}
	if !env.Elder {
		box.Add(offlineSummary(env))
	}
	box.Add(homeTiles(env))
	return container.NewVScroll(container.NewPadded(box))
}

// homeTiles shows a tile for each screen that asks for one; 长辈版 shows
// them in one column of large tiles.
func homeTiles(env *Env) fyne.CanvasObject {
	cols := 2
	if env.Elder || env.Phone {
		cols = 1
	}
	if !env.Phone && !env.Elder {
		cols = 3
	}
	grid := container.NewGridWithColumns(cols)
	for _, s := range All() {
		if !s.OnHome || !env.Shows(s.ID) {
			continue
		}
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
