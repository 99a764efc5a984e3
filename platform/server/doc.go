// Package server is the reference platform server: it implements the
// contract in platform/openapi.yaml over its own SQLite database, so that
// the app can be developed and tested against something real when no
// provincial API can be reached.
//
// The data is seeded from the same snapshot as the app (package
// assets/seed). Every change gets the next number of one changelog; a
// sync page returns the items of a collection whose last change comes
// after the client's cursor, deletions as tombstones. Mutations are
// applied once per Idempotency-Key, and the answer is stored with the key
// so that a repeat is answered the same way. Sign-in is by phone and a
// one-time code, which the server writes to its log (see DemoAccounts).
//
// Each feature (sync, auth, mutations, admin) registers its routes from
// its own file with addFeature, so a new feature is a new file.
package server
