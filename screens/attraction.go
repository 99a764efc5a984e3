package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// AttractionID is an attraction's detail; the route's Param is its ID.
const AttractionID ID = "attraction"

func init() {
	Register(Screen{ID: AttractionID, Tab: TabMap, Title: "AttractionTitle", Icon: theme.IconNameMediaPhoto,
		Build: buildAttraction,
		Samples: func(*Env) []Route {
			return []Route{{Screen: AttractionID, Param: "5a-002"}} // the Confucius Temple, Nanjing
		}})
}

func buildAttraction(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var a offline.Attraction
	var city string
	var fav bool
	var ac areaCrowd
	var err error
	env.Load(func(ctx context.Context) {
		if a, err = env.Store.Attraction(ctx, r.Param); err != nil {
			return
		}
		var cities []offline.Division
		if cities, err = env.Store.Cities(ctx); err != nil {
			return
		}
		city = cityNames(cities, env.L.Lang())[a.CityCode]
		if fav, err = env.Store.IsFavourite(ctx, offline.FavouriteAttraction, a.ID); err != nil {
			return
		}
		ac, err = loadAreaCrowd(ctx, env, a.ID)
	}, func() {
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{attractionMissing(env)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "AttractionsErrorTitle", "attraction "+r.Param, err, r)}
		default:
			holder.Objects = []fyne.CanvasObject{attractionDetail(env, a, city, fav, newCrowdView(env, r, a.ID, ac))}
		}
		holder.Refresh()
	})
	return holder
}

// attractionDetail lays out what is known about an attraction, with how
// busy it is (crowd: a summary under its name, details further down).
// Opening hours and ticket prices are not in the data: hours say "not
// known", and tickets are left out rather than guessed.
func attractionDetail(env *Env, a offline.Attraction, city string, fav bool, crowd crowdView) fyne.CanvasObject {
	lang := env.L.Lang()
	name := widgets.NewWrappedLabelWithStyle(a.Name.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	kind := widgets.NewWrappedLabel(a.Grade + " · " + env.T(categoryMessage(categoryGroup(a.Category))))

	desc := a.Description.In(lang)
	if desc == "" {
		desc = env.T("AttractionNoDescription")
	}
	about := widgets.NewSection(env.T("AttractionAbout"), widgets.NewWrappedLabel(desc))

	facts := []fyne.CanvasObject{
		widgets.NewInfoRow(env.T("AttractionCity"), city),
		widgets.NewInfoRow(env.T("AttractionAddress"), a.Address),
		widgets.NewInfoRow(env.T("AttractionHours"), env.T("NotKnown")),
	}
	if a.YearRated > 0 {
		facts = append(facts, widgets.NewInfoRow(env.T("AttractionRated"), env.L.Tf("AttractionRatedYear", map[string]any{"Grade": a.Grade, "Year": a.YearRated})))
	}
	info := widgets.NewSection(env.T("AttractionFacts"), facts...)

	status := widgets.NewWrappedLabel("")
	status.Hide()
	favCheck := widget.NewCheck(env.T("AttractionFavourite"), nil)
	favCheck.SetChecked(fav)
	favCheck.OnChanged = func(on bool) {
		var err error
		env.Load(func(ctx context.Context) {
			err = env.Store.SetFavourite(ctx, offline.FavouriteAttraction, a.ID, on)
		}, func() {
			if err != nil {
				fyne.LogError("favourite", err)
				status.SetText(env.T("FavouriteSaveError"))
				status.Show()
			}
		})
	}
	actions := container.NewGridWithColumns(2, favCheck)
	if a.HasPoint {
		show := widget.NewButtonWithIcon(env.T("AttractionShowOnMap"), theme.ZoomFitIcon(), func() {
			env.Nav.Go(Route{Screen: MapID, Param: attractionMarkerPrefix + a.ID})
		})
		show.Importance = widget.HighImportance
		actions.Add(show)
		actions.Add(widget.NewButtonWithIcon(env.T("AttractionNearHere"), theme.MediaRecordIcon(), func() {
			env.Nav.Go(NearbyFrom(a.ID))
		}))
	}
	actions.Add(widget.NewButtonWithIcon(env.T("AttractionBuyTickets"), theme.ListIcon(), func() {
		env.Nav.Go(Route{Screen: BookingID, Param: "a=" + a.ID})
	}))
	if _, ok := Lookup(PlannerID); ok {
		actions.Add(widget.NewButtonWithIcon(env.T("AttractionGetThere"), theme.NavigateNextIcon(), func() {
			env.Nav.Go(PlannerRoute(Place{}, AttractionPlace(a.ID)))
		}))
	}
	if env.Phone || env.Elder {
		actions = container.NewGridWithColumns(1, actions.Objects...)
	}
	source := widgets.NewWrappedLabel(sourceAttribution(env, a.Source))
	source.SizeName = theme.SizeNameCaptionText

	box := container.NewVBox(name, kind, crowd.summary, actions, status, crowd.details, about, info, source)
	return container.NewVScroll(container.NewPadded(box))
}
