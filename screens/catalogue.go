package screens

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// CatalogueID is the government-service catalogue: browse by audience,
// theme, department and level, or search as you type.
const CatalogueID ID = "catalogue"

func init() {
	Register(Screen{ID: CatalogueID, Tab: TabServices, Title: "CatalogueTitle", Icon: theme.IconNameList,
		Tile: "CatalogueTile", Build: buildCatalogue})
}

// catalogueList is the catalogue screen's state.
type catalogueList struct {
	env    *Env
	facets offline.CatalogueFacets
	filter offline.CatalogueFilter
	query  string
	seq    int
	latest latestOnly // the query under way

	items []offline.CatalogueItem
	count *widgets.WrappedLabel
	list  *widget.List
	body  *fyne.Container
}

func buildCatalogue(env *Env, _ Route) fyne.CanvasObject {
	c := &catalogueList{env: env}
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var err error
	env.Load(func(ctx context.Context) { c.facets, err = env.Store.Facets(ctx) }, func() {
		if err != nil {
			holder.Objects = []fyne.CanvasObject{readFailed(env, "CatalogueErrorTitle", "catalogue", err, Route{Screen: CatalogueID})}
		} else {
			holder.Objects = []fyne.CanvasObject{c.view()}
		}
		holder.Refresh()
	})
	return holder
}

// view is the loaded screen: search box and filters over the list.
func (c *catalogueList) view() fyne.CanvasObject {
	env := c.env
	search := widgets.NewEntry()
	search.SetPlaceHolder(env.T("CatalogueSearch"))
	search.OnChanged = func(q string) { c.query = q; c.apply() }
	audOpts, audCodes := []string{env.T("FilterAllAudiences"), env.T("AudiencePerson"), env.T("AudienceBusiness")}, []string{"", "个人", "法人"}
	themeOpts, themeCodes := []string{env.T("FilterAllThemes")}, []string{""}
	for _, t := range c.facets.Themes {
		themeOpts, themeCodes = append(themeOpts, env.svc(t)), append(themeCodes, t)
	}
	deptOpts, deptCodes := []string{env.T("FilterAllDepartments")}, []string{""}
	for _, d := range c.facets.Departments {
		deptOpts, deptCodes = append(deptOpts, env.svc(d)), append(deptCodes, d)
	}
	levelOpts := []string{env.T("FilterAllLevels"), env.T("LevelProvince"), env.T("LevelCity"), env.T("LevelCounty")}
	levelCodes := []string{"", offline.LevelProvince, offline.LevelCity, offline.LevelCounty}
	filters := container.NewGridWithColumns(filterColumns(env),
		choice(audOpts, audCodes, func(v string) { c.filter.Audience = v; c.apply() }),
		choice(themeOpts, themeCodes, func(v string) { c.filter.Theme = v; c.apply() }),
		choice(deptOpts, deptCodes, func(v string) { c.filter.Department = v; c.apply() }),
		choice(levelOpts, levelCodes, func(v string) { c.filter.Level = v; c.apply() }))
	c.count = widgets.NewWrappedLabel("")
	top := container.NewVBox(search, filters, c.count)
	if c.facets.Generated > 0 {
		top.Add(widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.L.Tf("CatalogueGeneratedNote",
			map[string]any{"Count": c.facets.Generated}))))
	}
	c.list = widget.NewList(func() int { return len(c.items) }, newTwoLineRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(c.items) {
			setTwoLineRow(o, env.svc(c.items[i].Name), itemSubtitle(env, c.items[i]))
		}
	})
	c.list.OnSelected = func(i widget.ListItemID) {
		c.list.UnselectAll()
		if i >= 0 && i < len(c.items) {
			env.Nav.Go(Route{Screen: ServiceItemID, Param: strconv.FormatInt(c.items[i].ID, 10)})
		}
	}
	c.body = container.NewStack(c.list)
	c.apply()
	return widgets.NewHeadOver(container.NewPadded(top), c.body, headShare)
}

// itemSubtitle is an item's audience, theme and department, and whether
// it is generated.
func itemSubtitle(env *Env, it offline.CatalogueItem) string {
	s := env.svc(it.Audience) + " · " + env.svc(it.Theme) + " · " + env.svc(it.Department)
	if it.Generated {
		s += " · " + env.T("GeneratedLabel")
	}
	return s
}

// searchingAfter is how long a query may run before the catalogue says it
// is searching: shorter ones replace the list with no flicker.
const searchingAfter = 150 * time.Millisecond

// apply reads the page that the filters and the query select, as the user
// types: a newer change cancels the query under way, and one that runs
// longer than searchingAfter hides the old list behind "Searching…".
func (c *catalogueList) apply() {
	env := c.env
	c.seq++
	mine := c.seq
	f, q := c.filter, strings.TrimSpace(c.query)
	var page offline.CataloguePage
	var err error
	done := make(chan struct{})
	c.latest.load(env, func(ctx context.Context) {
		page, err = env.Store.SearchCatalogue(ctx, q, f)
	}, func() {
		close(done)
		c.show(page, err)
	})
	env.Load(func(ctx context.Context) {
		select {
		case <-done:
		case <-time.After(searchingAfter):
		case <-ctx.Done():
		}
	}, func() {
		select {
		case <-done:
		default:
			if mine == c.seq {
				c.searching()
			}
		}
	})
}

// searching hides the list, and the count that was about it, while a
// query runs.
func (c *catalogueList) searching() {
	c.count.SetText("")
	c.body.Objects = []fyne.CanvasObject{widgets.NewLoading(c.env.T("CatalogueSearching"))}
	c.body.Refresh()
}

// show puts a page in the list, with how many match.
func (c *catalogueList) show(page offline.CataloguePage, err error) {
	env := c.env
	if err != nil {
		fyne.LogError("catalogue", err)
		c.count.SetText("")
		c.body.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.ErrorIcon(), env.T("CatalogueErrorTitle"),
			env.T("StoreReadError"), "", nil)}
		c.body.Refresh()
		return
	}
	c.items = page.Items
	c.count.SetText(catalogueCount(env, len(page.Items), page.Total, page.More))
	if len(page.Items) == 0 {
		c.body.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.SearchIcon(), env.T("CatalogueNoneTitle"),
			env.T("CatalogueNoneBody"), "", nil)}
	} else {
		c.body.Objects = []fyne.CanvasObject{c.list}
		c.list.Refresh()
	}
	c.body.Refresh()
}

// catalogueCount says how many items match and how many of them are
// listed: "12 items", "first 200 of 6264", "first 200 of more than
// 10000".
func catalogueCount(env *Env, shown, total int, more bool) string {
	switch {
	case more:
		return env.L.Tf("CatalogueCountMore", map[string]any{"Shown": shown, "Total": total})
	case shown < total:
		return env.L.N("CatalogueCountFirst", total, map[string]any{"Shown": shown})
	}
	return env.L.N("CatalogueCountAll", total, nil)
}

// newTwoLineRow is a list row of a bold title over a line of detail.
func newTwoLineRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, sub)
}

// setTwoLineRow fills a row made by newTwoLineRow.
func setTwoLineRow(o fyne.CanvasObject, title, sub string) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(title)
	box.Objects[1].(*widget.Label).SetText(sub)
}
