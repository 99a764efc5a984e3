// Package seed reads the seed snapshot that ships in package assets — the
// open-data files about Jiangsu and the project's own translations — into
// plain structs, checking every row and the references between files.
//
// Both the app's local store (package offline) and the reference platform
// server (package platform/server) are built from it, so the two start
// from the same data. It imports neither Fyne nor SQL.
package seed

// Text is a piece of content in several languages, keyed by BCP 47 tag:
// "zh-Hans", "en", "zh-Hant", "ja", "ko".
type Text = map[string]string

// The content languages of the seed.
const (
	LangZhHans = "zh-Hans"
	LangEn     = "en"
	LangZhHant = "zh-Hant"
	LangJa     = "ja"
	LangKo     = "ko"
)
