package app

import (
	"context"
	"strconv"

	"jiangsupass/offline"
	"jiangsupass/translations"
)

// Setting keys in the store.
const (
	settingLanguage = "language"
	settingElder    = "elder"
	settingTheme    = "theme"
)

// prefs are the resolved display preferences: flag, then saved setting,
// then the system.
type prefs struct {
	lang  string
	elder bool
	theme ThemeMode
}

// resolvePrefs applies the precedence flag → setting → system.
func resolvePrefs(ctx context.Context, cfg Config, store *offline.Store, systemLocale string) prefs {
	saved := func(key string) string {
		if store == nil {
			return ""
		}
		v, _, _ := store.Setting(ctx, key)
		return v
	}
	p := prefs{
		lang:  translations.Match(cfg.Lang, saved(settingLanguage), systemLocale),
		theme: ThemeSystem,
	}
	if cfg.Theme != "" {
		p.theme = cfg.Theme
	} else if m, ok := ParseThemeMode(saved(settingTheme)); ok {
		p.theme = m
	}
	if cfg.Elder != nil {
		p.elder = *cfg.Elder
	} else if b, err := strconv.ParseBool(saved(settingElder)); err == nil {
		p.elder = b
	}
	return p
}
