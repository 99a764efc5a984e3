package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
)

// readFailed is the state of a screen whose data could not be read from
// the store: it logs err under what, says so under title, and offers
// Retry, which opens retry again.
func readFailed(env *Env, title, what string, err error, retry Route) fyne.CanvasObject {
	fyne.LogError(what, err)
	return widgets.NewMessage(theme.ErrorIcon(), env.T(title), env.T("StoreReadError"), env.T("Retry"),
		func() { env.Nav.Go(retry) })
}

// gone is the state of a screen whose subject is no longer in the data
// (removed by a sync, or a stale link): it says so and leads to the list
// the subject came from.
func gone(env *Env, title, body, listTitle string, list ID) fyne.CanvasObject {
	return widgets.NewMessage(theme.SearchIcon(), env.T(title), env.T(body), env.T(listTitle),
		func() { env.Nav.Go(Route{Screen: list}) })
}

// attractionMissing is the state of a screen whose attraction is gone.
func attractionMissing(env *Env) fyne.CanvasObject {
	return gone(env, "AttractionMissingTitle", "AttractionMissingBody", "AttractionsTitle", AttractionsID)
}

// serviceItemMissing is the state of a screen whose service item is gone.
func serviceItemMissing(env *Env) fyne.CanvasObject {
	return gone(env, "ServiceItemMissingTitle", "ServiceItemMissingBody", "CatalogueTitle", CatalogueID)
}
