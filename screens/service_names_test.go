package screens

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

const passportZh = "普通护照签发（首次、换发、补发）"

// translatedEnv is testEnv with the translations the app ships.
func translatedEnv(t *testing.T, lang string) (*Env, *offline.ServiceNames) {
	t.Helper()
	env, _ := testEnv(t, lang)
	n, err := offline.EmbeddedServiceNames()
	if err != nil {
		t.Fatal(err)
	}
	env.ServiceNames = n
	return env, n
}

// untranslated are the texts under o, less the allowed ones, that hold a
// Chinese character; Japanese kanji count too, so it suits only the
// languages written without hanzi.
func untranslated(o fyne.CanvasObject, allowed ...string) []string {
	var out []string
	for _, s := range labelTexts(o) {
		if !slices.Contains(allowed, s) && strings.ContainsFunc(s, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			out = append(out, s)
		}
	}
	return out
}

// TestServiceItemTranslated opens the passport item in English,
// Japanese, Korean and Traditional Chinese: its name, audience, theme,
// department, handling level and guide read in the language, the official
// Chinese name stands under the title with what to do with it, and a note
// says whose the translation is.
func TestServiceItemTranslated(t *testing.T) {
	for _, lang := range []string{"en", "ja", "ko", "zh-Hant"} {
		t.Run(lang, func(t *testing.T) {
			env, n := translatedEnv(t, lang)
			o := buildServiceItem(env, Route{Screen: ServiceItemID, Param: "7"})
			w := show(t, o)
			capture(t, w, "service-item-7-translated-"+lang)
			for _, want := range []string{
				n.In(lang, passportZh), passportZh, env.T("ServiceItemShowChinese"), env.T("ServiceItemTranslationNote"),
				n.In(lang, "个人"), n.In(lang, "出入境"), n.In(lang, "江苏省公安厅"), n.In(lang, "设区市公安局出入境管理部门"),
				n.In(lang, "本人，或其委托的代理人"), n.In(lang, "7个工作日"), n.In(lang, "按国家规定标准收费"),
				"· " + n.In(lang, "居民身份证") + "\n· " + n.In(lang, "近期免冠证件照片") + "\n· " + n.In(lang, "原出入境证件（换发、补发时）"),
			} {
				if !showsText(o, want) {
					t.Errorf("no %q; the page shows %q", want, labelTexts(o))
				}
			}
			if lang == "en" || lang == "ko" {
				if bad := untranslated(o, passportZh, env.T("ServiceItemNoVisit")); len(bad) > 0 { // 不见面 is the term to ask for
					t.Errorf("still in Chinese: %q", bad)
				}
			}
			if showsText(o, "江苏省公安厅") {
				t.Error("the department is shown in Simplified Chinese")
			}
		})
	}
}

// TestServiceItemChineseUnchanged: in Simplified Chinese the page reads
// as it did before the translations, with no official-name line or note.
func TestServiceItemChineseUnchanged(t *testing.T) {
	env, _ := translatedEnv(t, "zh-Hans")
	got := labelTexts(buildServiceItem(env, Route{Screen: ServiceItemID, Param: "7"}))
	env.ServiceNames = nil
	want := labelTexts(buildServiceItem(env, Route{Screen: ServiceItemID, Param: "7"}))
	if !slices.Equal(got, want) {
		t.Errorf("with translations the page shows %q, without %q", got, want)
	}
	if !slices.Contains(got, passportZh) || !slices.Contains(got, "江苏省公安厅") ||
		slices.Contains(got, env.T("ServiceItemTranslationNote")) {
		t.Errorf("the page shows %q", got)
	}
}

// TestCatalogueTranslated lists the catalogue in English, Japanese,
// Korean and Traditional Chinese: rows and the theme and department
// filters read in the language, and the search finds the passport by its
// translated name.
func TestCatalogueTranslated(t *testing.T) {
	for _, tc := range []struct{ lang, query string }{
		{"en", "passport"}, {"ja", "パスポート"}, {"ko", "여권"}, {"zh-Hant", "護照"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			env, n := translatedEnv(t, tc.lang)
			o := buildCatalogue(env, Route{Screen: CatalogueID})
			w := show(t, o)
			first := "居民身份证申领、换领、补领"
			for _, want := range []string{n.In(tc.lang, first), n.In(tc.lang, "个人") + " · " + n.In(tc.lang, "户籍") + " · " + n.In(tc.lang, "江苏省公安厅")} {
				if !showsText(o, want) {
					t.Errorf("no %q; the list shows %q", want, labelTexts(o))
				}
			}
			if showsText(o, first) {
				t.Errorf("%q is shown in Simplified Chinese", first)
			}
			sel := find[*widget.Select](o)
			if len(sel) < 3 || !slices.Contains(sel[1].Options, n.In(tc.lang, "出入境")) ||
				!slices.Contains(sel[2].Options, n.In(tc.lang, "江苏省公安厅")) || slices.Contains(sel[2].Options, "江苏省公安厅") {
				t.Fatalf("filters %v", sel)
			}
			// A translated theme still filters by the data's own.
			sel[1].SetSelected(n.In(tc.lang, "出入境"))
			if !showsText(o, n.In(tc.lang, passportZh)) || showsText(o, n.In(tc.lang, first)) {
				t.Errorf("theme 出入境 lists %q", labelTexts(o))
			}
			sel[1].SetSelectedIndex(0)
			test.Type(find[*widgets.Entry](o)[0], tc.query)
			capture(t, w, "catalogue-search-"+tc.lang)
			rows := labelTexts(find[*widget.List](o)[0])
			if len(rows) == 0 || rows[0] != n.In(tc.lang, passportZh) {
				t.Errorf("%q lists %q, want the passport first", tc.query, rows)
			}
		})
	}
}

// TestGeneratedItemStaysChinese: a generated item's name, which the
// translations do not take apart, stays Chinese and keeps its label;
// its theme and department are translated.
func TestGeneratedItemStaysChinese(t *testing.T) {
	env, n := translatedEnv(t, "en")
	items := syncedCatalogue(t, env, 70)
	var gen string
	var name string
	for _, it := range items {
		if it.Generated && it.Theme == "出入境" {
			gen, name = strconv.FormatInt(it.ID, 10), it.Name
			break
		}
	}
	o := buildServiceItem(env, Route{Screen: ServiceItemID, Param: gen})
	for _, want := range []string{name, env.T("ServiceItemGenerated"), n.In("en", "江苏省公安厅"), env.T("ServiceItemTranslationNote")} {
		if !showsText(o, want) {
			t.Errorf("no %q; the page shows %q", want, labelTexts(o))
		}
	}
	if showsText(o, env.T("ServiceItemShowChinese")) {
		t.Error("a Chinese title is asked to be shown as Chinese")
	}
}

// TestAppointmentNamesTheServiceInTheReadersLanguage: booking a hall visit
// for the passport item names it in the reader's language, as its page
// does; in Simplified Chinese, by its official name.
func TestAppointmentNamesTheServiceInTheReadersLanguage(t *testing.T) {
	for lang, want := range map[string]string{"en": "Ordinary passport", "zh-Hans": "普通护照签发"} {
		env, _ := translatedEnv(t, lang)
		screen := buildAppointment(env, Route{Screen: AppointmentID, Param: "7"})
		show(t, screen)
		if labelWith(screen, want) == "" {
			t.Errorf("%s: the booking does not name the service %q: %q", lang, want, labelTexts(screen))
		}
	}
}
