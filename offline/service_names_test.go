package offline

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
	"unicode"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/platform/server"
)

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// guideLiterals are the string literals with Chinese characters in
// catalogue_guide.go's code (comments are not read).
func guideLiterals(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "catalogue_guide.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if hasHan(s) {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}

// serviceStrings are the Chinese strings the service screens show, by
// kind: those of the seed's items, of the generated catalogue (its
// handling levels), of the generated guide of every item and of every
// literal in catalogue_guide.go.
func serviceStrings(t *testing.T) map[string]map[string]bool {
	t.Helper()
	d, err := seed.Load(assets.Data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]bool{}
	add := func(kind, s string) {
		if s == "" {
			return
		}
		if want[kind] == nil {
			want[kind] = map[string]bool{}
		}
		want[kind][s] = true
	}
	for _, sv := range d.Services {
		add("name", sv.Name)
		add("audience", sv.Audience)
		add("theme", sv.Theme)
		add("department", sv.Department)
		add("level", sv.Handling)
		add("note", sv.Notes)
		g := GuideFor(ServiceItem{Name: sv.Name, Audience: sv.Audience, Theme: sv.Theme, Department: sv.Department})
		for _, s := range append([]string{g.Applicant, g.TimeLimit, g.Fee}, g.Materials...) {
			add("guide", s)
		}
	}
	// One round of the generated catalogue has every division level.
	for _, it := range server.CatalogueItems(d, len(d.Services)*len(d.Divisions)) {
		add("level", it.HandlingLevel)
	}
	for _, s := range guideLiterals(t) {
		if !want["theme"][s] && !want["audience"][s] { // guideRules' keys, GuideFor's test of 法人
			add("guide", s)
		}
	}
	return want
}

// TestServiceTranslationsComplete holds service_items_i18n.csv to the
// data: every Chinese string the service screens show has a row of its
// kind with every language filled, and every row is such a string.
func TestServiceTranslationsComplete(t *testing.T) {
	data, err := assets.Data.ReadFile("data/" + seed.FileServiceI18n)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := seed.ParseServiceI18n(seed.FileServiceI18n, data)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]seed.ServiceI18n{}
	for _, r := range rows {
		have[r.Zh] = r
	}
	want := serviceStrings(t)
	n := 0
	for kind, set := range want {
		for s := range set {
			n++
			r, ok := have[s]
			switch {
			case !ok:
				t.Errorf("%s %q has no row", kind, s)
			case r.Kind != kind:
				t.Errorf("%s %q: row on line %d is of kind %s", kind, s, r.Line, r.Kind)
			}
			for _, l := range Languages[1:] {
				if ok && r.Names[l] == "" {
					t.Errorf("%s %q: no %s", kind, s, l)
				}
			}
		}
	}
	for _, r := range rows {
		if !want[r.Kind][r.Zh] {
			t.Errorf("line %d: %s %q is not shown by the service screens", r.Line, r.Kind, r.Zh)
		}
		for _, l := range []string{LangEn, LangKo} { // kanji and hanzi may rightly be the same
			if r.Names[l] == r.Zh || hasHan(r.Names[l]) {
				t.Errorf("line %d: the %s of %q is written in hanzi: %q", r.Line, l, r.Zh, r.Names[l])
			}
		}
	}
	// 66 names, 2 audiences, 18 themes, 15 departments, 38 + 2 levels, 13 notes, 22 of the guide.
	if len(rows) != n || n != 176 {
		t.Errorf("%d rows for %d strings, want 176", len(rows), n)
	}
}

// TestServiceNamesIn looks strings up in every language.
func TestServiceNamesIn(t *testing.T) {
	n, err := EmbeddedServiceNames()
	if err != nil {
		t.Fatal(err)
	}
	passport := "普通护照签发（首次、换发、补发）"
	for _, tc := range []struct{ lang, zh, want string }{
		{LangEn, "江苏省公安厅", "Jiangsu Provincial Public Security Department"},
		{LangEn, passport, "Ordinary passport (first issue, renewal, replacement)"},
		{LangJa, passport, "一般パスポート（旅券）の発給（新規・更新・再発給）"},
		{LangKo, passport, "일반 여권 발급(신규·갱신·재발급)"},
		{LangZhHant, passport, "普通護照簽發（首次、換發、補發）"},
		{LangZhHans, passport, passport},
		{LangEn, "即办", "On the spot"},
		// A generated item's name is not taken apart: it stays Chinese.
		{LangEn, passport + "（南京市·情形1）", passport + "（南京市·情形1）"},
		{LangEn, "平台新增事项", "平台新增事项"},
		{"fr", passport, passport},
	} {
		if got := n.In(tc.lang, tc.zh); got != tc.want {
			t.Errorf("In(%s, %q) = %q, want %q", tc.lang, tc.zh, got, tc.want)
		}
	}
	var none *ServiceNames
	if got := none.In(LangEn, passport); got != passport || none.All(passport) != nil || none.Version() != "" {
		t.Errorf("a nil ServiceNames translated %q to %q", passport, got)
	}
	if n.Len() != 176 || n.Version() == "" {
		t.Errorf("Len %d, Version %q", n.Len(), n.Version())
	}
	if again, _ := EmbeddedServiceNames(); again != n {
		t.Error("EmbeddedServiceNames read the file again")
	}
}
