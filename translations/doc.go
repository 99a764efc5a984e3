// Package translations holds the app's user-facing messages, one go-i18n
// TOML file per language, and the Localizer that screens take their strings
// from. zh-Hans is the default language; every file holds every message id.
package translations
