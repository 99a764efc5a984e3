package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// SettingsID is Settings, under Me: language, 长辈版, theme, the state of
// the offline data and the sync. Param may name a section (SettingsSync
// …): Settings then opens scrolled to it.
const SettingsID ID = "settings"

func init() {
	Register(Screen{ID: SettingsID, Tab: TabMe, Title: "SettingsTitle", Icon: theme.IconNameSettings,
		Tile: "SettingsTile", OnHome: true, Build: buildSettings})
}

func buildSettings(env *Env, r Route) fyne.CanvasObject {
	sections := []struct {
		name string
		obj  fyne.CanvasObject
	}{
		{SettingsLanguage, languageSection(env)},
		{SettingsDisplay, displaySection(env)},
		{SettingsData, dataSection(env)},
		{SettingsSync, syncSection(env)},
	}
	box := container.NewVBox()
	var target fyne.CanvasObject
	for i, sec := range sections {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(sec.obj)
		if sec.name == r.Param {
			target = sec.obj
		}
	}
	return scrollToSection(container.NewPadded(box), target)
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
	elder := widgets.NewWrapCheck(env.T("SettingsElder"), nil)
	elder.SetChecked(env.Elder)
	elder.SetOnChanged(env.Prefs.SetElder)
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

// formatTime shows a time in China, or "never" for the zero time.
func formatTime(env *Env, t time.Time) string {
	if t.IsZero() {
		return env.T("Never")
	}
	return stamp(t)
}
