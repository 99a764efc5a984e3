package screens

import (
	"context"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/maps"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// AttractionsID is the list of attractions, with a search box, filters by
// city, category and grade, and sorting by name or distance.
const AttractionsID ID = "attractions"

func init() {
	Register(Screen{ID: AttractionsID, Tab: TabMap, Title: "AttractionsTitle", Icon: theme.IconNameMediaPhoto,
		Tile: "AttractionsTile", OnHome: true, Build: buildAttractions})
}

// attractionRow is an attraction as the list shows it.
type attractionRow struct {
	a      offline.Attraction
	meters float64             // from the user's location; -1 when not known
	level  *offline.CrowdLevel // how busy it was last known; nil when not known
}

// attractionList is the list screen's state.
type attractionList struct {
	env    *Env
	all    []attractionRow
	cities []offline.Division
	names  map[string]string
	loc    Location
	hasLoc bool

	query, city, category, grade string
	byDistance, favouritesOnly   bool
	favourites                   map[string]bool
	shown                        []attractionRow
	// leastBusy sorts by crowd level, least busy first (crowd.Level.Rank),
	// areas with no level last.
	leastBusy bool

	list  *widget.List
	body  *fyne.Container
	empty fyne.CanvasObject
}

func buildAttractions(env *Env, _ Route) fyne.CanvasObject {
	s := &attractionList{env: env}
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var err error
	env.Load(func(ctx context.Context) { err = s.load(ctx) }, func() {
		if err != nil {
			holder.Objects = []fyne.CanvasObject{readFailed(env, "AttractionsErrorTitle", "attractions", err, Route{Screen: AttractionsID})}
		} else {
			holder.Objects = []fyne.CanvasObject{s.view()}
		}
		holder.Refresh()
	})
	return holder
}

// load reads the attractions, the cities and the user's location.
func (s *attractionList) load(ctx context.Context) error {
	as, err := s.env.Store.Attractions(ctx, offline.AttractionFilter{})
	if err != nil {
		return err
	}
	if s.cities, err = s.env.Store.Cities(ctx); err != nil {
		return err
	}
	s.names = cityNames(s.cities, s.env.L.Lang())
	favs, err := s.env.Store.Favourites(ctx, offline.FavouriteAttraction)
	if err != nil {
		return err
	}
	s.favourites = make(map[string]bool, len(favs))
	for _, id := range favs {
		s.favourites[id] = true
	}
	if s.loc, s.hasLoc, err = currentLocation(ctx, s.env, ""); err != nil {
		return err
	}
	levels, err := s.env.Store.CrowdLevels(ctx)
	if err != nil {
		return err
	}
	for _, a := range as {
		row := attractionRow{a: a, meters: -1}
		if s.hasLoc && a.HasPoint {
			row.meters = maps.Distance(s.loc.Point, a.Point)
		}
		if l, ok := levels[a.ID]; ok {
			row.level = &l
		}
		s.all = append(s.all, row)
	}
	return nil
}

// view is the loaded screen: the search box and filters over the list.
func (s *attractionList) view() fyne.CanvasObject {
	env := s.env
	search := widgets.NewEntry()
	search.SetPlaceHolder(env.T("AttractionsSearch"))
	search.OnChanged = func(q string) { s.query = q; s.apply() }

	cityOpts, cityCodes := []string{env.T("FilterAllCities")}, []string{""}
	for _, c := range s.cities {
		cityOpts, cityCodes = append(cityOpts, c.Name.In(env.L.Lang())), append(cityCodes, c.Code)
	}
	catOpts, catCodes := []string{env.T("FilterAllCategories")}, []string{""}
	for _, c := range AttractionCategories {
		catOpts, catCodes = append(catOpts, env.T(categoryMessage(c))), append(catCodes, c)
	}
	gradeOpts, gradeCodes := []string{env.T("FilterAllGrades"), "5A", "4A"}, []string{"", "5A", "4A"}
	sortOpts := []string{env.T("SortByName"), env.T("SortByDistance"), env.T("SortLeastBusy")}

	filters := []fyne.CanvasObject{
		choice(cityOpts, cityCodes, func(v string) { s.city = v; s.apply() }),
		choice(catOpts, catCodes, func(v string) { s.category = v; s.apply() }),
		choice(gradeOpts, gradeCodes, func(v string) { s.grade = v; s.apply() }),
		choice(sortOpts, []string{"", "distance", "crowd"}, func(v string) {
			s.byDistance, s.leastBusy = v == "distance", v == "crowd"
			s.apply()
		}),
	}
	cols := filterColumns(env)
	favOnly := widget.NewCheck(env.T("FilterFavourites"), func(on bool) { s.favouritesOnly = on; s.apply() })
	top := container.NewVBox(search, container.NewGridWithColumns(cols, filters...), favOnly)
	if !s.hasLoc {
		top.Add(widgets.NewWrappedLabel(env.T("AttractionsNoLocation")))
	}
	s.list = widget.NewList(func() int { return len(s.shown) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		if i >= 0 && i < len(s.shown) {
			env.Nav.Go(Route{Screen: AttractionID, Param: s.shown[i].a.ID})
		}
	}
	s.empty = widgets.NewMessage(theme.SearchIcon(), env.T("AttractionsNoneTitle"), env.T("AttractionsNoneBody"), "", nil)
	s.body = container.NewStack(s.list)
	s.apply()
	return widgets.NewHeadOver(container.NewPadded(top), s.body, headShare)
}

// headShare is the most of a list screen's height that what is above the
// list (search, filters, notices) takes; beyond it that part scrolls, so
// that on a small phone in 长辈版 the list is still seen.
const headShare = 0.5

// filterColumns is how many filters a row holds: four on a desktop, two
// on a phone or in 长辈版, and one in 长辈版 on a phone, where two at its
// text size would cut each filter's choice short.
func filterColumns(env *Env) int {
	switch {
	case env.Elder && env.Phone:
		return 1
	case env.Elder || env.Phone:
		return 2
	}
	return 4
}

// choice is a Select over labels that reports the code of the one chosen;
// the first is chosen to begin with.
func choice(labels, codes []string, onChange func(code string)) *widget.Select {
	sel := widget.NewSelect(labels, nil)
	noPlaceholder(sel)
	sel.SetSelectedIndex(0)
	sel.OnChanged = func(string) { onChange(codes[sel.SelectedIndex()]) }
	return sel
}

// noPlaceholder keeps each select from asking for the width of Fyne's
// "(Select one)", which it shows only while nothing is chosen: a select
// that opens on a choice is then as narrow as its choices let it be, and
// fits beside its label on a 320-unit phone in 长辈版. (An empty
// placeholder is Fyne's default again; a space is not.)
func noPlaceholder(sels ...*widget.Select) {
	for _, s := range sels {
		s.PlaceHolder = " "
	}
}

// apply filters and sorts the rows and shows the list or the empty state.
func (s *attractionList) apply() {
	s.shown = s.shown[:0]
	for _, r := range s.all {
		a := r.a
		if (s.city == "" || a.CityCode == s.city) && (s.grade == "" || a.Grade == s.grade) &&
			(s.category == "" || categoryGroup(a.Category) == s.category) && matchesQuery(a, s.query) &&
			(!s.favouritesOnly || s.favourites[a.ID]) {
			s.shown = append(s.shown, r)
		}
	}
	lang := s.env.L.Lang()
	sort.SliceStable(s.shown, func(i, j int) bool {
		a, b := s.shown[i], s.shown[j]
		if s.leastBusy {
			if c := compareBusy(a.level, b.level); c != 0 {
				return c < 0
			}
		}
		if s.byDistance && a.meters != b.meters {
			if a.meters < 0 || b.meters < 0 {
				return b.meters < 0
			}
			return a.meters < b.meters
		}
		return a.a.Name.In(lang) < b.a.Name.In(lang)
	})
	if s.body == nil {
		return
	}
	if len(s.shown) == 0 {
		s.body.Objects = []fyne.CanvasObject{s.empty}
	} else {
		s.body.Objects = []fyne.CanvasObject{s.list}
	}
	s.body.Refresh()
	s.list.Refresh()
}

func (s *attractionList) newRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, sub)
}

func (s *attractionList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.shown) {
		return
	}
	r := s.shown[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(r.a.Name.In(s.env.L.Lang()))
	line := r.a.Grade + " · " + s.env.T(categoryMessage(categoryGroup(r.a.Category))) + " · " + s.names[r.a.CityCode]
	if r.meters >= 0 {
		line += " · " + formatMeters(s.env, r.meters)
	}
	if r.level != nil {
		line += " · " + crowdShort(s.env, *r.level)
	}
	box.Objects[1].(*widget.Label).SetText(line)
}
