package screens

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// ServiceItemID is a service item's detail: what it is, who may apply,
// what to bring, time limit, fee, whether it can be done online or
// without a visit and across the Yangtze River Delta, and the halls where
// it is handled. Param is the item's ID.
const ServiceItemID ID = "service-item"

func init() {
	Register(Screen{ID: ServiceItemID, Tab: TabServices, Title: "ServiceItemTitle", Icon: theme.IconNameDocument,
		Build: buildServiceItem, Samples: func(*Env) []Route {
			return []Route{{Screen: ServiceItemID, Param: "7"}}
		}})
}

func buildServiceItem(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var it offline.CatalogueItem
	var halls []offline.ServiceHall
	var err error
	env.Load(func(ctx context.Context) {
		id, perr := strconv.ParseInt(r.Param, 10, 64)
		if perr != nil {
			err = offline.ErrNotFound
			return
		}
		if it, err = env.Store.CatalogueItemByID(ctx, id); err == nil {
			halls, err = env.Store.HallsFor(ctx, it)
		}
	}, func() {
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{serviceItemMissing(env)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "CatalogueErrorTitle", "service item", err, r)}
		default:
			holder.Objects = []fyne.CanvasObject{serviceItemView(env, it, halls)}
		}
		holder.Refresh()
	})
	return holder
}

// yesNo is a translated yes or no.
func yesNo(env *Env, b bool) string {
	if b {
		return env.T("Yes")
	}
	return env.T("No")
}

func serviceItemView(env *Env, it offline.CatalogueItem, halls []offline.ServiceHall) fyne.CanvasObject {
	g := guideIn(env, it.ServiceItem, offline.GuideFor(it.ServiceItem))
	title := widgets.NewWrappedLabelWithStyle(env.svc(it.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(title)
	addOfficialName(env, box, it.Name)
	if it.Generated {
		box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("ServiceItemGenerated"))))
	}
	id := strconv.FormatInt(it.ID, 10)
	// 预约 first: Book is reached without scrolling, the halls follow.
	book := widget.NewButtonWithIcon(env.T("AppointmentBook"), theme.Icon(theme.IconNameCalendar), func() {
		env.Nav.Go(Route{Screen: AppointmentID, Param: id})
	})
	book.Importance = widget.HighImportance
	box.Add(book)
	box.Add(widgets.NewSection(env.T("ServiceItemWhat"), widgets.NewWrappedLabel(g.Summary),
		widgets.NewInfoRow(env.T("ServiceItemAudience"), env.svc(it.Audience)),
		widgets.NewInfoRow(env.T("ServiceItemTheme"), env.svc(it.Theme)),
		widgets.NewInfoRow(env.T("ServiceItemDepartment"), env.svc(it.Department)),
		widgets.NewInfoRow(env.T("ServiceItemLevel"), env.svc(it.HandlingLevel))))
	if it.Notes != "" && !it.Generated {
		box.Add(widgets.NewWrappedLabel(env.svc(it.Notes)))
	}
	if env.svcTranslating() {
		box.Add(widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("ServiceItemTranslationNote"))))
	}
	box.Add(widgets.NewSection(env.T("ServiceItemGuide"),
		widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("ServiceItemGuideGenerated"))),
		widgets.NewInfoRow(env.T("ServiceItemApplicant"), g.Applicant),
		widgets.NewInfoRow(env.T("ServiceItemMaterials"), "· "+strings.Join(g.Materials, "\n· ")),
		widgets.NewInfoRow(env.T("ServiceItemTimeLimit"), g.TimeLimit),
		widgets.NewInfoRow(env.T("ServiceItemFee"), g.Fee),
		widgets.NewInfoRow(env.T("ServiceItemOnline"), yesNo(env, g.Online)),
		widgets.NewInfoRow(env.T("ServiceItemNoVisit"), yesNo(env, g.NoVisit)),
		widgets.NewInfoRow(env.T("ServiceItemDelta"), yesNo(env, g.Delta))))
	where := []fyne.CanvasObject{
		widgets.NewWrapButtonWithIcon(env.T("HallsOnMap"), theme.Icon(theme.IconNameGrid), func() {
			env.Nav.Go(Route{Screen: HallsMapID, Param: "item:" + id})
		}),
	}
	// The halls (14 for an item of the province) are listed on demand.
	tiles := container.NewVBox()
	for _, h := range halls {
		tiles.Add(hallTile(env, h))
	}
	if len(halls) > 0 {
		// A button rather than an accordion: its title wraps on a narrow
		// phone in 长辈版, where an accordion's runs past the edge.
		tiles.Hide()
		show := widgets.NewWrapButtonWithIcon(env.L.N("ServiceItemHallsShow", len(halls), nil), theme.MenuExpandIcon(), nil)
		show.OnTapped = func() {
			if tiles.Visible() {
				tiles.Hide()
				show.SetIcon(theme.MenuExpandIcon())
				return
			}
			tiles.Show()
			show.SetIcon(theme.MenuDropUpIcon())
		}
		where = append(where, show, tiles)
	}
	box.Add(widgets.NewSection(env.T("ServiceItemWhere"), where...))
	return container.NewVScroll(container.NewPadded(box))
}

// addOfficialName adds, when the item's name is shown translated, its
// official Chinese name under the title, to show at the hall.
func addOfficialName(env *Env, box *fyne.Container, zh string) {
	if env.svc(zh) != zh {
		box.Add(widgets.NewWrappedLabelWithStyle(zh, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		box.Add(widgets.NewWrappedLabel(env.T("ServiceItemShowChinese")))
	}
}

// hallTile is a tile that opens a hall.
func hallTile(env *Env, h offline.ServiceHall) fyne.CanvasObject {
	sub := h.Address + " · " + hallHours(env, h)
	if h.Generated {
		sub += " · " + env.T("GeneratedLabel")
	}
	return widgets.NewTile(theme.Icon(theme.IconNameHome), hallName(env, h), sub, func() { env.Nav.Go(Route{Screen: HallID, Param: h.ID}) })
}
