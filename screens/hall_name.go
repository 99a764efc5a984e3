package screens

import (
	"strings"
	"unicode"

	"jiangsupass/offline"
)

// Halls carry a Chinese name only. A generated hall's name follows its
// rule, "<division>政务服务中心", so a reader who does not read Chinese
// can be given the same name in English by the same rule, the division
// in pinyin: 玄武区政务服务中心 is "Xuanwu District Government Service
// Centre". Japanese readers keep the Chinese name, which they can read.
// A hall's own page shows the Chinese name too, for asking the way.

// hallNameSuffix ends every generated hall's name.
const hallNameSuffix = "政务服务中心"

// hallName is the hall's name as the user reads it.
func hallName(env *Env, h offline.ServiceHall) string {
	if !readsPinyinNames(env.L.Lang()) || !h.Generated {
		return h.Name
	}
	division, ok := strings.CutSuffix(h.Name, hallNameSuffix)
	if !ok || division == "" {
		return h.Name
	}
	pinyin := divisionInPinyin(division)
	if pinyin == "" {
		return h.Name
	}
	return env.L.Tf("HallNameRule", map[string]any{"Division": pinyin})
}

// readsPinyinNames reports whether a language is better served by a
// place's pinyin than by its hanzi.
func readsPinyinNames(lang string) bool { return lang == "en" || lang == "ko" }

// divisionInPinyin writes a division's name as Chinese place names are
// written in pinyin: the proper name joined and capitalised, then what
// kind of division it is (南京市 → Nanjing, 玄武区 → Xuanwu District,
// 江苏省 → Jiangsu Province, 沛县 → Pei County), or "" when it has no
// hanzi the pinyin table knows.
func divisionInPinyin(name string) string {
	kinds := []struct{ suffix, english string }{{"省", " Province"}, {"市", ""}, {"区", " District"}, {"县", " County"}}
	kind := ""
	for _, k := range kinds {
		if base, ok := strings.CutSuffix(name, k.suffix); ok && base != "" {
			name, kind = base, k.english
			break
		}
	}
	syllables := strings.Fields(offline.Pinyin(name))
	if len(syllables) == 0 {
		return "" // no hanzi the pinyin table knows
	}
	// A name of up to three syllables is one word; a longer one is
	// written two syllables a word (苏州工业园 → Suzhou Gongye Yuan).
	perWord := 2
	if len(syllables) <= 3 {
		perWord = 3
	}
	var words []string
	for i := 0; i < len(syllables); i += perWord {
		w := []rune(strings.Join(syllables[i:min(i+perWord, len(syllables))], ""))
		w[0] = unicode.ToUpper(w[0])
		words = append(words, string(w))
	}
	return strings.Join(words, " ") + kind
}

// hallHours is a hall's opening hours as the user reads them: the
// generated halls' hours in their language, others as published.
func hallHours(env *Env, h offline.ServiceHall) string {
	if h.Generated && h.Hours == offline.GeneratedHallHours {
		return env.T("HallHoursWeekdays")
	}
	return h.Hours
}
