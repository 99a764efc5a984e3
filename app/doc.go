// Package app is the composition root: it opens the store, chooses the
// language and theme, builds the navigation shell around the registered
// screens, and runs the window (or renders snapshots of every screen).
package app
