package app

import (
	"fyne.io/fyne/v2"

	"jiangsupass/offline"
)

// serviceNames are the translations of the service items' Chinese strings
// that every Env carries (screens.Env.ServiceNames): the ones the app
// ships, read once and shared with the store, which indexes the items
// under them for search. Should they fail to read, which the tests of
// offline rule out for the shipped file, the screens show the Chinese.
func serviceNames() *offline.ServiceNames {
	n, err := offline.EmbeddedServiceNames()
	if err != nil {
		fyne.LogError("service item translations", err)
		return nil
	}
	return n
}
