package screens

import (
	"context"

	"fyne.io/fyne/v2"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
)

// followTheme keeps m's basemap in the style of the theme in force: when
// the theme changes under a shown map (the system turning dark at dusk,
// which the app follows with no rebuild), m is given the basemap of the
// new style, where it stands. style is the one m is drawn in now.
func followTheme(env *Env, m *mapview.Map, style maps.Style) {
	m.OnThemeChange = func() {
		want := mapStyle(env)
		if want == style {
			return
		}
		style = want
		var src maps.TileSource
		var err error
		env.Load(func(ctx context.Context) {
			src, _, err = mapSource(ctx, env, want)
		}, func() {
			switch {
			case want != style:
				return // the theme changed again meanwhile
			case err != nil:
				fyne.LogError("map in the new theme", err)
				return // the old basemap stays
			}
			m.Background = want.Background
			m.SetSource(src)
		})
	}
}
