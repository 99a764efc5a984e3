package screens

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/offline/search"
	"jiangsupass/screens/widgets"
)

// HallsID lists the service halls, searched as the user types; HallID is
// one hall: address, hours, the services handled there, on the map.
const (
	HallsID ID = "halls"
	HallID  ID = "hall"
)

func init() {
	Register(Screen{ID: HallsID, Tab: TabServices, Title: "HallsTitle", Icon: theme.IconNameHome, Tile: "HallsTile",
		Build: buildHalls})
	Register(Screen{ID: HallID, Tab: TabServices, Title: "HallTitle", Icon: theme.IconNameHome, Build: buildHall,
		Samples: func(*Env) []Route { return []Route{{Screen: HallID, Param: "hall-320100"}} }})
}

func buildHalls(env *Env, _ Route) fyne.CanvasObject {
	body := container.NewStack(widgets.NewLoading(env.T("Loading")))
	search := widgets.NewEntry()
	search.SetPlaceHolder(env.T("HallsSearch"))
	seq := 0
	show := func(q string) {
		seq++
		mine := seq
		var halls []offline.ServiceHall
		var err error
		env.Load(func(ctx context.Context) { halls, err = findHalls(ctx, env.Store, q) }, func() {
			if mine != seq {
				return
			}
			switch {
			case err != nil:
				fyne.LogError("halls", err)
				body.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.ErrorIcon(), env.T("HallsErrorTitle"),
					env.T("StoreReadError"), "", nil)}
			case len(halls) == 0:
				body.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.SearchIcon(), env.T("HallsNoneTitle"),
					env.T("HallsNoneBody"), "", nil)}
			default:
				box := container.NewVBox()
				for _, h := range halls {
					box.Add(hallTile(env, h))
				}
				body.Objects = []fyne.CanvasObject{container.NewVScroll(box)}
			}
			body.Refresh()
		})
	}
	search.OnChanged = show
	show("")
	top := container.NewVBox(search, widgets.NewWrapButtonWithIcon(env.T("HallsOnMap"), theme.Icon(theme.IconNameGrid), func() {
		env.Nav.Go(Route{Screen: HallsMapID})
	}), widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("HallsGeneratedNote"))))
	return widgets.NewHeadOver(container.NewPadded(top), container.NewPadded(body), headShare)
}

// findHalls is every hall, or those the search finds for q.
func findHalls(ctx context.Context, st *offline.Store, q string) ([]offline.ServiceHall, error) {
	if strings.TrimSpace(q) == "" {
		return st.ServiceHalls(ctx)
	}
	res, err := st.Search(ctx, q, search.Options{Kinds: []string{search.KindHall}, PerKind: 200})
	if err != nil {
		return nil, err
	}
	var out []offline.ServiceHall
	for _, g := range res.Groups {
		for _, h := range g.Hits {
			hall, err := st.ServiceHall(ctx, h.Ref)
			if err != nil {
				return nil, err
			}
			out = append(out, hall)
		}
	}
	return out, nil
}

func buildHall(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var h offline.ServiceHall
	var items []offline.CatalogueItem
	var total int
	var err error
	env.Load(func(ctx context.Context) {
		if h, err = env.Store.ServiceHall(ctx, r.Param); err == nil {
			items, total, err = hallServices(ctx, env.Store, h)
		}
	}, func() {
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{gone(env, "HallMissingTitle", "HallMissingBody", "HallsTitle", HallsID)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "HallsErrorTitle", "hall", err, r)}
		default:
			holder.Objects = []fyne.CanvasObject{hallView(env, h, items, total)}
		}
		holder.Refresh()
	})
	return holder
}

// hallServices are the first items handled at a hall, those of its
// division and the seed's standard items, and how many there are.
func hallServices(ctx context.Context, st *offline.Store, h offline.ServiceHall) ([]offline.CatalogueItem, int, error) {
	return st.Catalogue(ctx, offline.CatalogueFilter{Division: h.DivisionCode, Limit: 12})
}

func hallView(env *Env, h offline.ServiceHall, items []offline.CatalogueItem, total int) fyne.CanvasObject {
	title := widgets.NewWrappedLabelWithStyle(hallName(env, h), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(title)
	if name := hallName(env, h); name != h.Name {
		box.Add(widgets.NewWrappedLabel(h.Name)) // the name on the door, for asking the way
	}
	if h.Generated {
		box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("HallGenerated"))))
	}
	where := env.T("HallNoPosition")
	if h.HasPoint {
		where = fmt.Sprintf("%.4f°N %.4f°E", h.Point.Lat(), h.Point.Lon())
	}
	box.Add(widgets.NewSection(env.T("HallInfo"),
		widgets.NewInfoRow(env.T("HallAddress"), h.Address),
		widgets.NewInfoRow(env.T("HallHours"), hallHours(env, h)+" "+env.T("BeijingTimeShort")),
		widgets.NewInfoRow(env.T("HallPosition"), where)))
	if h.HasPoint {
		box.Add(widgets.NewWrapButtonWithIcon(env.T("HallsOnMap"), theme.Icon(theme.IconNameGrid), func() {
			env.Nav.Go(Route{Screen: HallsMapID, Param: "hall:" + h.ID})
		}))
	}
	if env.Shows(CheckInID) && !env.Kiosk { // a kiosk checks in at its own hall only
		box.Add(widget.NewButtonWithIcon(env.T("CheckInHere"), theme.ConfirmIcon(), func() {
			env.Nav.Go(CheckInRoute(h.ID, ""))
		}))
	}
	var rows []fyne.CanvasObject
	rows = append(rows, widgets.NewWrappedLabel(env.L.Tf("HallServicesCount", map[string]any{"Count": total})))
	for _, it := range items {
		it := it
		rows = append(rows, widgets.NewTile(theme.DocumentIcon(), env.svc(it.Name), itemSubtitle(env, it), func() {
			env.Nav.Go(Route{Screen: ServiceItemID, Param: strconv.FormatInt(it.ID, 10)})
		}))
	}
	box.Add(widgets.NewSection(env.T("HallServices"), rows...))
	return container.NewVScroll(container.NewPadded(box))
}
