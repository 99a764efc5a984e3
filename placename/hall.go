package placename

import (
	"strings"
	"unicode"
)

// HallSuffix ends the Chinese name of every generated government service
// centre (政务服务中心): 玄武区政务服务中心.
const HallSuffix = "政务服务中心"

// Hall is the name, in every language, of the government service centre
// the platform generates for a division, from the division's own name in
// each language (division[ZhHans] is its Chinese name, 玄武区; the others
// may be missing):
//
//   - zh-Hans: the division and 政务服务中心 (玄武区政务服务中心);
//   - zh-Hant: the division's Traditional name and 政務服務中心, when it
//     has one (the character tables cover station names, not every
//     division's), else none, and the reader is shown the zh-Hans;
//   - en: the division's English name, or its pinyin when it has none,
//     with what kind of division it is, and "Government Service Centre"
//     (Xuanwu District Government Service Centre, Nanjing Government
//     Service Centre, Jiangsu Province Government Service Centre);
//   - ko: the English, as the app names places for Korean readers that
//     have no Korean name of their own;
//   - ja: none, so that a Japanese reader is shown the Chinese name, which
//     they can read and ask the way with.
//
// It returns no names for a division without a Chinese name.
func Hall(division map[string]string) Names {
	zh := strings.TrimSpace(division[ZhHans])
	if zh == "" {
		return Names{}
	}
	out := Names{ZhHans: zh + HallSuffix}
	if hant := strings.TrimSpace(division[ZhHant]); hant != "" {
		out[ZhHant] = hant + "政務服務中心"
	}
	if en := divisionEnglish(zh, division[En]); en != "" {
		out[En] = en + " Government Service Centre"
		out[Ko] = out[En]
	}
	return out
}

// divisionKinds are the endings of a division's Chinese name and the word
// English writes after the name for them; a city (市) has none.
var divisionKinds = []struct{ zh, en string }{{"省", " Province"}, {"市", ""}, {"区", " District"}, {"县", " County"}}

// divisionEnglish writes a division in English: its English name (or,
// when it has none, its proper name in pinyin, joined and capitalised)
// and then what kind of division it is (江苏省 "Jiangsu" → Jiangsu
// Province, 南京市 → Nanjing, 玄武区 → Xuanwu District, 沛县 → Pei
// County). It is "" when the name has no hanzi the pinyin table knows.
func divisionEnglish(zh, en string) string {
	kind := ""
	for _, k := range divisionKinds {
		if base, ok := strings.CutSuffix(zh, k.zh); ok && base != "" {
			zh, kind = base, k.en
			break
		}
	}
	if en = strings.TrimSpace(en); en == "" {
		en = pinyinWords(zh)
	}
	if en == "" {
		return ""
	}
	return en + kind
}

// pinyinWords writes a name in pinyin: up to three syllables are one word;
// a longer name is written two syllables a word (苏州工业园 → Suzhou
// Gongye Yuan). Hanzi the table lacks are left out; "" when none is known.
func pinyinWords(zh string) string {
	var syllables []string
	for _, s := range Pinyin().Syllables([]rune(zh)) {
		if s != "" {
			syllables = append(syllables, s)
		}
	}
	if len(syllables) == 0 {
		return ""
	}
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
	return strings.Join(words, " ")
}
