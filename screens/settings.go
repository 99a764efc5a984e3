package screens

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// SettingsID is Settings, under Me: language, 长辈版, theme, and the state
// of the offline data.
const SettingsID ID = "settings"

func init() {
	Register(Screen{ID: SettingsID, Tab: TabMe, Title: "SettingsTitle", Icon: theme.IconNameSettings,
		Tile: "SettingsTile", OnHome: true, Build: buildSettings})
}

func buildSettings(env *Env, _ Route) fyne.CanvasObject {
	box := container.NewVBox(
		languageSection(env),
		widget.NewSeparator(),
		displaySection(env),
		widget.NewSeparator(),
		dataSection(env),
		widget.NewSeparator(),
		syncSection(env),
	)
	return container.NewVScroll(container.NewPadded(box))
}

// languageSection offers every language by its own name, so that someone
// who cannot read the current one still finds theirs.
func languageSection(env *Env) fyne.CanvasObject {
	names := make([]string, len(translations.Languages))
	for i, l := range translations.Languages {
		names[i] = l.Native
	}
	current := env.L.Lang()
	radio := widget.NewRadioGroup(names, nil)
	for _, l := range translations.Languages {
		if l.Tag == current {
			radio.Selected = l.Native
		}
	}
	radio.OnChanged = func(name string) {
		for _, l := range translations.Languages {
			if l.Native == name && l.Tag != current {
				env.Prefs.SetLanguage(l.Tag)
			}
		}
	}
	radio.Required = true
	return widgets.NewSection(env.T("SettingsLanguage"), radio)
}

// displaySection holds 长辈版 and the theme.
func displaySection(env *Env) fyne.CanvasObject {
	elder := widget.NewCheck(env.T("SettingsElder"), nil)
	elder.Checked = env.Elder
	elder.OnChanged = env.Prefs.SetElder
	elderHint := widgets.NewWrappedLabel(env.T("SettingsElderHint"))
	elderHint.SizeName = theme.SizeNameCaptionText

	modes := []string{"system", "light", "dark"}
	labels := []string{env.T("ThemeSystem"), env.T("ThemeLight"), env.T("ThemeDark")}
	themeRadio := widget.NewRadioGroup(labels, nil)
	themeRadio.Horizontal = !env.Elder && !env.Phone
	themeRadio.Required = true
	for i, m := range modes {
		if m == env.Prefs.ThemeMode() {
			themeRadio.Selected = labels[i]
		}
	}
	themeRadio.OnChanged = func(label string) {
		for i, l := range labels {
			if l == label && modes[i] != env.Prefs.ThemeMode() {
				env.Prefs.SetThemeMode(modes[i])
			}
		}
	}
	return widgets.NewSection(env.T("SettingsDisplay"), elder, elderHint,
		widget.NewLabel(env.T("SettingsTheme")), themeRadio)
}

// dataSection says how big the offline data is and how current, read off
// the UI thread.
func dataSection(env *Env) fyne.CanvasObject {
	rows := container.NewVBox(widgets.NewLoading(env.T("Loading")))
	var stats offline.Stats
	var err error
	env.Load(func(ctx context.Context) { stats, err = env.Store.Stats(ctx) }, func() {
		if err != nil {
			rows.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("StoreReadError"))}
			rows.Refresh()
			return
		}
		rows.Objects = []fyne.CanvasObject{
			widgets.NewInfoRow(env.T("DataSize"), formatBytes(stats.SizeBytes)),
			widgets.NewInfoRow(env.T("DataSeeded"), formatTime(env, stats.SeededAt)),
			widgets.NewInfoRow(env.T("DataUpdated"), formatTime(env, stats.LastUpdated)),
			widgets.NewInfoRow(env.T("DataContents"), env.L.Tf("DataCounts", countsData(stats))),
			widgets.NewWrappedLabel(env.T("DataOfflineNote")),
		}
		rows.Refresh()
	})
	return widgets.NewSection(env.T("SettingsData"), rows)
}

// formatTime shows a time in China, or "never" for the zero time.
func formatTime(env *Env, t time.Time) string {
	if t.IsZero() {
		return env.T("Never")
	}
	return stamp(t)
}
