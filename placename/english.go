package placename

import (
	"strings"
	"unicode"
)

// English names follow the rule of the metro operators and railways of
// Jiangsu (as their signs write them):
//
//   - a proper name is its pinyin, the syllables of one word joined, the
//     word capitalised, with an apostrophe where a syllable beginning
//     with a, o or e would otherwise run into the one before (西安门 →
//     Xi'anmen), and ü written ü (绿博园 → Lüboyuan);
//   - a generic word at the end is translated (珠江路 → Zhujiang Road,
//     天印大道 → Tianyin Avenue, 五塘广场 → Wutang Square, 禄口机场 →
//     Lukou Airport); a station whose name ends in 站 is a railway station
//     (南京站 → Nanjing Railway Station), and 高铁 before it is dropped;
//   - a direction at the end is a word after the name (南京南站 → Nanjing
//     South Railway Station, 翔宇路北 → Xiangyu Road North), and a
//     direction before 路 is part of the road's name (柳洲东路 → Liuzhou
//     East Road);
//   - a city at the start is a word of its own (南京禄口国际机场 → Nanjing
//     Lukou International Airport);
//   - names and words the operators translate, or the table reads wrongly,
//     come from placename_overrides.csv.

// generic is a word at the end of a name and its English; minRest is how
// many characters must come before it for it to be read so (云南路 is
// Yunnan Road, not Yun South Road; 石路 is Shilu and 南大街 Nandajie, as
// the operators keep a name of one syllable and its generic word whole).
// A name that is only a generic word of two characters or more is its
// English (体育公园 → Sports Park).
type generic struct {
	zh, en  string
	minRest int
}

// generics are the translated words, longest first where one ends
// another.
var generics = []generic{
	{"国际机场", "International Airport", 1}, {"机场", "Airport", 1},
	{"火车站", "Railway Station", 1}, {"高铁站", "Railway Station", 1}, {"站", "Railway Station", 1},
	{"体育公园", "Sports Park", 1}, {"湿地公园", "Wetland Park", 1}, {"公园", "Park", 1},
	{"体育中心", "Sports Center", 1}, {"中心", "Center", 1},
	{"广场", "Square", 1}, {"大道", "Avenue", 2}, {"大街", "Street", 2}, {"马路", "Road", 2},
	{"东路", "East Road", 2}, {"西路", "West Road", 2}, {"南路", "South Road", 2}, {"北路", "North Road", 2},
	{"中路", "Middle Road", 2}, {"路", "Road", 2}, {"街", "Street", 2},
	{"大学", "University", 1}, {"学院", "College", 1}, {"校区", "Campus", 1}, {"开发区", "Development Zone", 1},
	{"大桥", "Bridge", 1}, {"博物馆", "Museum", 1}, {"美术馆", "Art Museum", 1}, {"医院", "Hospital", 1},
	{"中学", "Middle School", 1}, {"学校", "School", 1}, {"线", "Line", 1},
}

// directions are the directions a name may end with.
var directions = map[rune]string{'东': "East", '南': "South", '西': "West", '北': "North"}

// english writes a name of hanzi in English by the rule above. Parts
// separated by · are written each on its own.
func english(name string) string {
	if strings.ContainsRune(name, '·') {
		parts := strings.Split(name, "·")
		for i, p := range parts {
			parts[i] = english(p)
		}
		return strings.Join(parts, " · ")
	}
	if base, ok := strings.CutPrefix(name, "高铁"); ok && strings.HasSuffix(base, "站") {
		name = base
	}
	return englishRun([]rune(strings.TrimSpace(name)))
}

// englishRun writes a run of hanzi (no separators) in English.
func englishRun(r []rune) string {
	if len(r) == 0 {
		return ""
	}
	t := tables()
	if en, ok := t.english[string(r)]; ok {
		return en
	}
	// A known name or word at the end (苏州奥体中心, 吴江人民广场).
	for i := max(1, len(r)-t.maxWord); i < len(r); i++ {
		if en, ok := t.english[string(r[i:])]; ok {
			return englishRun(r[:i]) + " " + en
		}
	}
	s := string(r)
	for _, g := range generics {
		rest, ok := strings.CutSuffix(s, g.zh)
		switch {
		case !ok:
		case rest == "" && len(r) >= 2:
			return g.en
		case len([]rune(rest)) >= g.minRest && rest != "":
			return englishRun([]rune(rest)) + " " + g.en
		}
	}
	if d, ok := directions[r[len(r)-1]]; ok && len(r) >= 3 {
		return englishRun(r[:len(r)-1]) + " " + d
	}
	// A city at the start (南京禄口).
	for i := min(len(r)-1, t.maxWord); i >= 1; i-- {
		if en, ok := t.english[string(r[:i])]; ok && t.cities[string(r[:i])] {
			return en + " " + englishRun(r[i:])
		}
	}
	return word(Pinyin().Syllables(r))
}

// word writes syllables as one word of pinyin: joined, capitalised, with
// an apostrophe before a, o or e after the first syllable, and v as ü.
func word(syllables []string) string {
	var b strings.Builder
	for _, s := range syllables {
		if s == "" {
			continue
		}
		if b.Len() > 0 && strings.ContainsRune("aoe", rune(s[0])) {
			b.WriteByte('\'')
		}
		if strings.HasPrefix(s, "lv") || strings.HasPrefix(s, "nv") {
			s = s[:1] + "ü" + s[2:]
		}
		b.WriteString(s)
	}
	w := []rune(b.String())
	if len(w) == 0 {
		return ""
	}
	w[0] = unicode.ToUpper(w[0])
	return string(w)
}
