package offline

import (
	"encoding/json"
	"sort"
	"strings"
)

// Language tags (BCP 47) that content in the store is translated into, in
// the order the app offers them.
const (
	LangZhHans = "zh-Hans" // Simplified Chinese, the language of the sources
	LangEn     = "en"      // English
	LangZhHant = "zh-Hant" // Traditional Chinese
	LangJa     = "ja"      // Japanese
	LangKo     = "ko"      // Korean
)

// Languages lists the content languages in the order the app offers them.
var Languages = []string{LangZhHans, LangEn, LangZhHant, LangJa, LangKo}

// Text is a piece of content in several languages, keyed by BCP 47 tag:
// "zh-Hans", "en", "zh-Hant", "ja", "ko".
type Text map[string]string

// In returns the text in lang, falling back to zh-Hans, then en, then any
// non-empty value (in the order of [Languages], then by tag). A regional tag
// such as "en-GB", "zh-CN" or "zh-TW" finds the language it belongs to.
// It returns "" only when the text is empty in every language.
func (t Text) In(lang string) string {
	if v := t[lang]; v != "" {
		return v
	}
	if v := t[baseLanguage(lang)]; v != "" {
		return v
	}
	for _, l := range Languages {
		if v := t[l]; v != "" {
			return v
		}
	}
	keys := make([]string, 0, len(t))
	for k, v := range t {
		if v != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	sort.Strings(keys)
	return t[keys[0]]
}

// baseLanguage maps a regional or script tag to the content language it is
// written in: zh-CN → zh-Hans, zh-TW → zh-Hant, en-GB → en. A tag it does
// not know is returned unchanged.
func baseLanguage(tag string) string {
	t := strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	switch {
	case t == "zh" || strings.HasPrefix(t, "zh-hans") || t == "zh-cn" || t == "zh-sg":
		return LangZhHans
	case strings.HasPrefix(t, "zh-hant") || t == "zh-tw" || t == "zh-hk" || t == "zh-mo":
		return LangZhHant
	}
	if i := strings.IndexByte(t, '-'); i > 0 {
		return t[:i]
	}
	return t
}

// encodeText stores t as a JSON object, leaving out empty values.
func encodeText(t Text) string {
	clean := make(map[string]string, len(t))
	for k, v := range t {
		if v != "" {
			clean[k] = v
		}
	}
	b, err := json.Marshal(clean) // a map of strings always marshals
	if err != nil {
		return "{}"
	}
	return string(b)
}

// decodeText reads a JSON object written by encodeText and makes sure the
// zh-Hans value is there, taken from the row's plain name column.
func decodeText(raw, zhHans string) (Text, error) {
	t := Text{}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &t); err != nil {
			return nil, err
		}
	}
	if t[LangZhHans] == "" && zhHans != "" {
		t[LangZhHans] = zhHans
	}
	return t, nil
}
