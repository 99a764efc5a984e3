package screens

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline/search"
	"jiangsupass/screens/widgets"
)

// SearchID is the search of everything offline: the app's own screens
// (电子社保卡, 苏服码 …, "In this app"), attractions, stations, hubs,
// places, service halls and service items, in hanzi, pinyin, initials or
// English, as the user types. Param is the query.
const SearchID ID = "search"

func init() {
	Register(Screen{ID: SearchID, Tab: TabHome, Title: "SearchTitle", Icon: theme.IconNameSearch, Build: buildSearch,
		Samples: func(*Env) []Route {
			return []Route{{Screen: SearchID, Param: "社保"}, {Screen: SearchID, Param: "zhongshanling"},
				{Screen: SearchID, Param: "qqxxzz"}}
		}})
}

// searchKindInfo is how a kind's group is titled and drawn.
var searchKindInfo = map[string]struct {
	title string
	icon  fyne.ThemeIconName
}{
	search.KindAttraction: {"SearchKindAttraction", theme.IconNameMediaPhoto},
	search.KindStation:    {"SearchKindStation", theme.IconNameMediaRecord},
	search.KindHub:        {"SearchKindHub", theme.IconNameNavigateNext},
	search.KindPlace:      {"SearchKindPlace", theme.IconNameHome},
	search.KindHall:       {"SearchKindHall", theme.IconNameAccount},
	search.KindService:    {"SearchKindService", theme.IconNameDocument},
}

func buildSearch(env *Env, r Route) fyne.CanvasObject {
	results := container.NewVBox()
	entry := widgets.NewEntry()
	entry.SetPlaceHolder(env.T("SearchPlaceholder"))
	var latest latestOnly
	run := func(q string) {
		if strings.TrimSpace(q) == "" {
			latest.stop()
			results.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("SearchHint"))}
			results.Refresh()
			return
		}
		var res search.Result
		var apps []Screen
		var err error
		latest.load(env, func(ctx context.Context) {
			res, err = env.Store.Search(ctx, q, search.Options{PerKind: 8})
			apps = appScreensFor(env, q)
		}, func() {
			results.Objects = []fyne.CanvasObject{withAppScreens(env, apps, res, err, entry)}
			results.Refresh()
		})
	}
	entry.SetText(r.Param)
	entry.OnChanged = run
	run(r.Param)
	entry.CursorColumn = len([]rune(r.Param))
	if env.Window != nil {
		fyne.Do(func() { env.Window.Canvas().Focus(entry) })
	}
	return container.NewBorder(container.NewPadded(entry), nil, nil, nil,
		container.NewVScroll(container.NewPadded(results)))
}

// latestOnly runs loads of which only the newest counts, as a search as
// the user types: starting one cancels the one before (its statements stop
// in SQLite), whose results are then never applied. Its methods run on the
// UI goroutine.
type latestOnly struct {
	seq    int
	cancel context.CancelFunc
}

// load runs work through env.Load with a context that the next load (or
// stop) cancels, then apply, unless a newer load started meanwhile.
func (l *latestOnly) load(env *Env, work func(ctx context.Context), apply func()) {
	l.stop()
	mine := l.seq
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	env.Load(func(lctx context.Context) {
		defer context.AfterFunc(lctx, cancel)()
		work(ctx)
	}, func() {
		if mine == l.seq {
			apply()
		}
	})
}

// stop cancels the load under way, if any; its results are not applied.
func (l *latestOnly) stop() {
	l.seq++
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// searchResults draws an answer: its groups, or what to try instead; a
// query cut to the search's bounds says so first.
func searchResults(env *Env, res search.Result, err error, entry *widgets.Entry) fyne.CanvasObject {
	if err != nil {
		fyne.LogError("search", err)
		return widgets.NewMessage(theme.ErrorIcon(), env.T("SearchErrorTitle"), env.T("StoreReadError"), "", nil)
	}
	body := searchAnswer(env, res, entry)
	if !res.Truncated {
		return body
	}
	return container.NewVBox(widgets.NewWrappedLabel(env.L.Tf("SearchTruncated",
		map[string]any{"Characters": search.MaxQueryRunes, "Words": search.MaxQueryTerms})), body)
}

// searchAnswer draws the groups of an answer, or what to try instead.
func searchAnswer(env *Env, res search.Result, entry *widgets.Entry) fyne.CanvasObject {
	if res.Empty() {
		box := container.NewVBox(widgets.NewMessage(theme.SearchIcon(), env.T("SearchNoneTitle"),
			env.L.Tf("SearchNoneBody", map[string]any{"Query": res.Query}), "", nil))
		if len(res.Suggestions) > 0 {
			row := container.NewGridWithColumns(2)
			for _, s := range res.Suggestions {
				row.Add(widget.NewButton(s, func() { entry.SetText(s) }))
			}
			box.Add(widgets.NewSection(env.T("SearchTryInstead"), row))
		}
		return box
	}
	box := container.NewVBox()
	for _, g := range res.Groups {
		info := searchKindInfo[g.Kind]
		var rows []fyne.CanvasObject
		for _, h := range g.Hits {
			sub := h.Detail.In(env.L.Lang())
			if h.Generated {
				sub = strings.TrimSpace(sub + " · " + env.T("GeneratedLabel"))
			}
			rows = append(rows, widgets.NewTile(theme.Icon(info.icon), h.Title.In(env.L.Lang()), sub, func() { openHit(env, h) }))
		}
		box.Add(widgets.NewSection(env.T(info.title), rows...))
	}
	return box
}

// openHit shows the screen of what a hit found.
func openHit(env *Env, h search.Hit) {
	switch h.Kind {
	case search.KindAttraction:
		env.Nav.Go(Route{Screen: AttractionID, Param: h.Ref})
	case search.KindStation:
		env.Nav.Go(Route{Screen: StationID, Param: h.Ref})
	case search.KindHub:
		var station string
		env.Load(func(ctx context.Context) {
			hubs, err := env.Store.Hubs(ctx)
			if err != nil {
				fyne.LogError("hubs", err)
			}
			for _, hb := range hubs {
				if hb.Name == h.Ref {
					station = hb.StationID
				}
			}
		}, func() {
			if station != "" {
				env.Nav.Go(Route{Screen: StationID, Param: station})
			}
		})
	case search.KindPlace:
		code := h.Ref
		if len(code) == 6 && code != "320000" {
			code = code[:4] + "00"
			env.Nav.Go(Route{Screen: MapID, Param: "city:" + code})
			return
		}
		env.Nav.Go(Route{Screen: MapID, Param: "province"})
	case search.KindHall:
		env.Nav.Go(Route{Screen: HallID, Param: h.Ref})
	case search.KindService:
		env.Nav.Go(Route{Screen: ServiceItemID, Param: h.Ref})
	}
}

// homeSearchBar is the search box on Home: typing opens the search with
// what was typed, which goes on searching as the user types.
func homeSearchBar(env *Env) fyne.CanvasObject {
	entry := widgets.NewEntry()
	entry.SetPlaceHolder(env.T("SearchPlaceholder"))
	entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	entry.OnChanged = func(q string) {
		if strings.TrimSpace(q) != "" {
			env.Nav.Go(Route{Screen: SearchID, Param: q})
		}
	}
	return entry
}
