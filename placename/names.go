package placename

import (
	"regexp"
	"strings"
)

// Language tags of the names, as the app's content uses them.
const (
	ZhHans = "zh-Hans"
	En     = "en"
	ZhHant = "zh-Hant"
	Ja     = "ja"
	Ko     = "ko"
)

// Names is a name in each language, keyed by language tag.
type Names map[string]string

// Station is a metro station's name, from its Chinese name (新街口), in
// every language: English by the operators' rule (Xinjiekou), Traditional
// Chinese and Japanese kanji by the character tables (a railway station's
// 站 is 駅 in Japanese, an airport's 机场 空港), Korean as the English with
// the Chinese beside it: "Xinjiekou (新街口)".
func Station(zh string) Names {
	zh = strings.TrimSpace(zh)
	if zh == "" {
		return Names{}
	}
	en := english(zh)
	return Names{ZhHans: zh, En: en, ZhHant: traditional(zh), Ja: kanji(zh), Ko: beside(en, zh)}
}

// Hub is the name of a railway station ("rail") or an airport ("air") as
// the hub file writes it: a railway station by its station's name without
// 站 (南京南 → Nanjing South Railway Station), an airport by its full name,
// perhaps followed by its IATA code (南京禄口国际机场 NKG → Nanjing Lukou
// International Airport). Remarks of the source, in brackets or a
// question mark, are left out of the English and the other scripts; the
// Chinese is kept as written.
func Hub(name, kind string) Names {
	zh := strings.TrimSpace(name)
	if zh == "" {
		return Names{}
	}
	full := hubCore(zh)
	if kind == "rail" && !strings.HasSuffix(full, "站") {
		full += "站"
	}
	en := english(full)
	return Names{ZhHans: zh, En: en, ZhHant: traditional(full), Ja: kanji(full), Ko: beside(en, full)}
}

// iataCode is an airport's code after its name.
var iataCode = regexp.MustCompile(`\s+[A-Z]{3}$`)

// hubCore is a hub's name without its IATA code and the source's remarks:
// "南京禄口国际机场 NKG" → 南京禄口国际机场, "江阴(高铁)" → 江阴, "南通东?" → 南通东.
func hubCore(name string) string {
	name = iataCode.ReplaceAllString(name, "")
	if i := strings.IndexAny(name, "(（"); i > 0 {
		name = name[:i]
	}
	return strings.TrimSpace(strings.TrimRight(name, "?？"))
}

// numbered is a numbered line's name: "1号线", "S1号线".
var numbered = regexp.MustCompile(`^([A-Za-z]*[0-9]+)号线$`)

// Line is a metro line's name in every language: a numbered line is
// "Line 1", "Line S1" in English and 1호선 in Korean; a line that carries
// two numbers ("3号线/11号线") is "Line 3/11", 3/11호선; a named line is
// written by the rule for stations (宁滁线 → Ningchu Line).
func Line(zh string) Names {
	zh = strings.TrimSpace(zh)
	if zh == "" {
		return Names{}
	}
	var nums []string
	for _, part := range strings.Split(zh, "/") {
		m := numbered.FindStringSubmatch(part)
		if m == nil {
			nums = nil
			break
		}
		nums = append(nums, m[1])
	}
	if nums == nil {
		en := english(zh)
		return Names{ZhHans: zh, En: en, ZhHant: traditional(zh), Ja: kanji(zh), Ko: beside(en, zh)}
	}
	n := strings.Join(nums, "/")
	return Names{ZhHans: zh, En: "Line " + n, ZhHant: traditional(zh), Ja: kanji(zh), Ko: n + "호선"}
}

// traditional is s in Traditional Chinese characters.
func traditional(s string) string { return mapRunes(s, tables().hant) }

// kanji is s as Japanese writes a Chinese name: shinjitai kanji, with a
// railway station's 站 (火车站, 高铁站) as 駅 and an airport's 机场 as 空港.
func kanji(s string) string {
	for _, r := range []struct{ zh, ja string }{{"火车站", "駅"}, {"高铁站", "駅"}, {"站", "駅"}, {"机场", "空港"}} {
		if base, ok := strings.CutSuffix(s, r.zh); ok && base != "" {
			s = base + r.ja
			break
		}
	}
	return mapRunes(s, tables().kanji)
}

// beside is the English with the Chinese after it in brackets.
func beside(en, zh string) string {
	if en == "" || en == zh {
		return zh
	}
	return en + " (" + zh + ")"
}

// mapRunes replaces each character that m maps.
func mapRunes(s string, m map[rune]rune) string {
	return strings.Map(func(r rune) rune {
		if v, ok := m[r]; ok {
			return v
		}
		return r
	}, s)
}
