package translations

import (
	"strings"

	"golang.org/x/text/language"
)

// Default is the language used when nothing else chooses one.
const Default = "zh-Hans"

// Language is one language the app is translated into.
type Language struct {
	Tag    string // BCP 47 tag, also the message file's name: zh-Hans.toml
	Native string // the language's name in itself, as a picker shows it
}

// Languages lists every supported language in the order a picker shows them.
var Languages = []Language{
	{Tag: "zh-Hans", Native: "简体中文"},
	{Tag: "en", Native: "English"},
	{Tag: "zh-Hant", Native: "繁體中文"},
	{Tag: "ja", Native: "日本語"},
	{Tag: "ko", Native: "한국어"},
}

var matcher = language.NewMatcher([]language.Tag{
	language.SimplifiedChinese, // first: the matcher's fallback
	language.English,
	language.TraditionalChinese,
	language.Japanese,
	language.Korean,
})

// Supported reports whether tag names one of Languages exactly.
func Supported(tag string) bool {
	for _, l := range Languages {
		if l.Tag == tag {
			return true
		}
	}
	return false
}

// Match returns the supported language that best fits the first usable
// candidate, in order: a flag, then a saved setting, then the system locale.
// Empty or unparsable candidates are skipped; with none left it returns
// Default. Locales such as "zh_TW.UTF-8", "zh-HK" or "en-GB" map to the
// nearest supported language.
func Match(candidates ...string) string {
	for _, c := range candidates {
		c = normaliseLocale(c)
		if c == "" {
			continue
		}
		if Supported(c) {
			return c
		}
		tag, err := language.Parse(c)
		if err != nil {
			continue
		}
		_, idx, conf := matcher.Match(tag)
		if conf == language.No {
			continue
		}
		return Languages[idx].Tag
	}
	return Default
}

// normaliseLocale turns a POSIX locale ("zh_CN.UTF-8@x") into a BCP 47 tag.
func normaliseLocale(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "C" || s == "POSIX" {
		return ""
	}
	return strings.ReplaceAll(s, "_", "-")
}
