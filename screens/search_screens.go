package screens

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/offline/search"
	"jiangsupass/screens/widgets"
	"jiangsupass/textnorm"
	"jiangsupass/translations"
)

// searchableScreen is one of the app's own screens that search offers:
// found by its title in every language, by other titles that lead to it
// (messages: 预约 leads to the halls, where visits are booked) and by the
// words people search it by, each also in pinyin and by its initials.
type searchableScreen struct {
	id       ID
	messages []string // message ids of other names, in every language
	words    []string // search words, never shown
}

// searchableScreens are the screens search offers, in the order it lists
// equally good matches.
var searchableScreens = []searchableScreen{
	{CardID, nil, []string{"社保", "社保卡", "社会保障卡", "医保", "social security", "SSC", "medical insurance"}},
	{ServiceCodeID, nil, []string{"苏服码", "service code", "QR code"}},
	{HallsID, []string{"AppointmentTitle"}, []string{"预约", "办事大厅", "政务大厅", "appointment", "book a visit"}},
	{HotlineID, []string{"FeedbackTitle"}, []string{"12345", "热线", "投诉", "留言", "complaint", "feedback"}},
	{TransportID, []string{"PlannerTitle"}, []string{"公交", "地铁", "换乘", "bus", "metro", "subway", "route"}},
	{MapID, nil, []string{"地图", "map"}},
	{NearbyID, nil, []string{"附近", "周边", "nearby"}},
	{AttractionsID, nil, []string{"景点", "景区", "旅游", "sights", "scenic"}},
	{TicketsID, nil, []string{"门票", "电子票", "tickets", "e-ticket"}},
	{CatalogueID, nil, []string{"办事", "事项", "办事指南", "services"}},
	{ProgressID, nil, []string{"进度", "办件", "progress"}},
	{VerifyID, nil, []string{"核验", "扫码", "verify", "scan"}},
	{SettingsID, []string{"SettingsElder"}, []string{"设置", "语言", "长辈版", "settings", "language", "large text"}},
}

// maxAppScreens is the most screens search offers at once.
const maxAppScreens = 4

// appScreensFor returns the app's screens whose names match q, best first:
// a name that is the query, then one that begins with it, then one that
// contains it. It runs off the UI goroutine; its cost is a few dozen short
// names, whatever q is (q is cut to search.MaxQueryRunes).
func appScreensFor(env *Env, q string) []Screen {
	key := screenKey(q)
	if key == "" || (utf8.RuneCountInString(key) < 2 && !hasHanzi(key)) {
		return nil // one letter matches too much
	}
	if utf8.RuneCountInString(key) > search.MaxQueryRunes {
		return nil
	}
	locs := make([]*translations.Localizer, 0, len(translations.Languages))
	for _, l := range translations.Languages {
		if loc, err := translations.New(l.Tag); err == nil {
			locs = append(locs, loc)
		}
	}
	type found struct {
		s     Screen
		grade int
	}
	var out []found
	for _, ss := range searchableScreens {
		s, ok := Lookup(ss.id)
		if !ok || !env.Shows(ss.id) {
			continue
		}
		names := slices.Clone(ss.words)
		for _, loc := range locs {
			names = append(names, loc.T(s.Title))
			for _, m := range ss.messages {
				names = append(names, loc.T(m))
			}
		}
		best := 0
		for _, n := range names {
			best = max(best, nameGrade(n, key))
		}
		if best > 0 {
			out = append(out, found{s, best})
		}
	}
	slices.SortStableFunc(out, func(a, b found) int { return b.grade - a.grade })
	screens := make([]Screen, 0, min(len(out), maxAppScreens))
	for _, f := range out[:min(len(out), maxAppScreens)] {
		screens = append(screens, f.s)
	}
	return screens
}

// nameGrade grades how well a name matches a key: 3 when it is the name,
// 2 when the name begins with it, 1 when it contains it, as written or in
// pinyin (whole or initials); 0 when it does not match.
func nameGrade(name, key string) int {
	forms := []string{screenKey(name)}
	if hasHanzi(name) {
		syl := strings.Fields(textnorm.Pinyin(name))
		var ini strings.Builder
		for _, s := range syl {
			r, _ := utf8.DecodeRuneInString(s)
			ini.WriteRune(r)
		}
		forms = append(forms, strings.Join(syl, ""), ini.String())
	}
	grade := 0
	for _, f := range forms {
		switch {
		case f == key:
			return 3
		case strings.HasPrefix(f, key):
			grade = max(grade, 2)
		case strings.Contains(f, key):
			grade = max(grade, 1)
		}
	}
	return grade
}

// screenKey is a name or query as it is compared: lower-case, without
// spaces or punctuation.
func screenKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// hasHanzi reports whether s has a Chinese character.
func hasHanzi(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// withAppScreens puts the screens found above the data's results; when
// the data has nothing, the screens alone are the answer.
func withAppScreens(env *Env, apps []Screen, res search.Result, err error, entry *widgets.Entry) fyne.CanvasObject {
	if len(apps) == 0 {
		return searchResults(env, res, err, entry)
	}
	if err == nil && res.Empty() {
		return appScreensSection(env, apps)
	}
	return container.NewVBox(appScreensSection(env, apps), searchResults(env, res, err, entry))
}

// appScreensSection is the "In this app" section: a tile per screen.
func appScreensSection(env *Env, found []Screen) fyne.CanvasObject {
	rows := make([]fyne.CanvasObject, 0, len(found))
	for _, s := range found {
		route := Route{Screen: s.ID}
		sub := ""
		if s.Tile != "" {
			sub = env.T(s.Tile)
		}
		rows = append(rows, widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), sub, func() { env.Nav.Go(route) }))
	}
	return widgets.NewSection(env.T("SearchInApp"), rows...)
}
