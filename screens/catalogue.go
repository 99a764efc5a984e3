package screens

import (
	"context"
	"strconv"
	"strings"

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

	items []offline.CatalogueItem
	total int
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
	search := widget.NewEntry()
	search.SetPlaceHolder(env.T("CatalogueSearch"))
	search.OnChanged = func(q string) { c.query = q; c.apply() }
	audOpts, audCodes := []string{env.T("FilterAllAudiences"), env.T("AudiencePerson"), env.T("AudienceBusiness")}, []string{"", "个人", "法人"}
	themeOpts, themeCodes := []string{env.T("FilterAllThemes")}, []string{""}
	for _, t := range c.facets.Themes {
		themeOpts, themeCodes = append(themeOpts, t), append(themeCodes, t)
	}
	deptOpts, deptCodes := []string{env.T("FilterAllDepartments")}, []string{""}
	for _, d := range c.facets.Departments {
		deptOpts, deptCodes = append(deptOpts, d), append(deptCodes, d)
	}
	levelOpts := []string{env.T("FilterAllLevels"), env.T("LevelProvince"), env.T("LevelCity"), env.T("LevelCounty")}
	levelCodes := []string{"", offline.LevelProvince, offline.LevelCity, offline.LevelCounty}
	cols := 4
	if env.Phone || env.Elder {
		cols = 2
	}
	filters := container.NewGridWithColumns(cols,
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
			setTwoLineRow(o, c.items[i].Name, itemSubtitle(env, c.items[i]))
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
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, c.body)
}

// itemSubtitle is an item's audience, theme and department, and whether
// it is generated.
func itemSubtitle(env *Env, it offline.CatalogueItem) string {
	s := it.Audience + " · " + it.Theme + " · " + it.Department
	if it.Generated {
		s += " · " + env.T("GeneratedLabel")
	}
	return s
}

// apply reads the page that the filters and the query select; a query
// goes through the search index, as the user types.
func (c *catalogueList) apply() {
	env := c.env
	c.seq++
	mine := c.seq
	f, q := c.filter, strings.TrimSpace(c.query)
	var items []offline.CatalogueItem
	var total int
	var err error
	env.Load(func(ctx context.Context) {
		if q != "" {
			var res offline.SearchResult
			res, err = env.Store.Search(ctx, q, offline.SearchOptions{Kinds: []string{offline.KindService}, PerKind: 200})
			if err != nil {
				return
			}
			f.IDs = []int64{-1} // none found: an empty page
			for _, g := range res.Groups {
				for _, h := range g.Hits {
					if id, perr := strconv.ParseInt(h.Ref, 10, 64); perr == nil {
						f.IDs = append(f.IDs, id)
					}
				}
			}
		}
		items, total, err = env.Store.Catalogue(ctx, f)
	}, func() {
		if mine != c.seq {
			return
		}
		if err != nil {
			fyne.LogError("catalogue", err)
			c.body.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.ErrorIcon(), env.T("CatalogueErrorTitle"),
				env.T("StoreReadError"), "", nil)}
			c.body.Refresh()
			return
		}
		c.items, c.total = items, total
		c.count.SetText(env.L.Tf("CatalogueCount", map[string]any{"Shown": len(items), "Total": total}))
		if len(items) == 0 {
			c.body.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.SearchIcon(), env.T("CatalogueNoneTitle"),
				env.T("CatalogueNoneBody"), "", nil)}
		} else {
			c.body.Objects = []fyne.CanvasObject{c.list}
			c.list.Refresh()
		}
		c.body.Refresh()
	})
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
