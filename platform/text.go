package platform

import (
	"sort"
	"strings"
)

// Language tags (BCP 47) that content is translated into, in the order the
// app offers them.
const (
	LangZhHans = "zh-Hans" // Simplified Chinese, the language of the sources
	LangEn     = "en"      // English
	LangZhHant = "zh-Hant" // Traditional Chinese
	LangJa     = "ja"      // Japanese
	LangKo     = "ko"      // Korean
)

// Languages lists the content languages in the order the app offers them.
var Languages = []string{LangZhHans, LangEn, LangZhHant, LangJa, LangKo}

// Text is content in several languages, keyed by BCP 47 tag ("zh-Hans",
// "en", "zh-Hant", "ja", "ko"): on the wire, in the store and on screen.
type Text map[string]string

// clean drops empty values, so that an empty and a missing translation
// are the same thing on the wire.
func (t Text) clean() Text {
	if len(t) == 0 {
		return nil
	}
	out := Text{}
	for k, v := range t {
		if v != "" {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

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
