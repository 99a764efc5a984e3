// Package offline is the app's local store: a SQLite replica of the
// platform's data that works from the first launch, with no network.
//
// [Open] creates or opens the database file, applies the schema migrations
// it has not yet seen, and on the first run imports the seed snapshot that
// ships inside the binary (package assets). Screens read it through typed
// queries such as [Store.Attractions] and [Store.Stations]; no other package
// writes SQL against it but package offline/search, which keeps the search
// index in its own tables of the same database and which [Store.Search]
// brings up to date from the store's tables before it answers.
//
// A file at the store's path that cannot be used (not a SQLite database, a
// database of another program, a damaged one, or one written by a newer
// version of the app) is never deleted: Open moves it aside, rebuilds the
// store from the seed and reports what it did in a [Recovery].
//
// Coordinates are WGS84 longitude/latitude throughout. Every seeded row
// keeps the source it came from, so the app can show attribution.
//
// A [SyncEngine] keeps the replica current from a platform server (package
// platform): each collection has a cursor, and each page of changes is
// applied together with its cursor in one transaction. The user's requests
// (orders, appointments, feedback, card loss) go into an outbox in the
// same transaction as their local effect and are delivered with an
// idempotency key; a pull leaves alone the rows a pending request changed.
//
// The package does not import Fyne; it is safe for concurrent use from any
// goroutine.
package offline
