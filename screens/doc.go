// Package screens holds every screen of the app, one file each, and the
// registry they add themselves to. A screen is built from an Env (the
// store, the localizer, navigation, preferences) and a Route; it holds no
// business logic of its own beyond asking the store and showing the answer.
package screens
