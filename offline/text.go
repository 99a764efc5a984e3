package offline

import (
	"encoding/json"

	"jiangsupass/platform"
)

// Language tags (BCP 47) that content in the store is translated into, in
// the order the app offers them; platform owns them.
const (
	LangZhHans = platform.LangZhHans // Simplified Chinese, the language of the sources
	LangEn     = platform.LangEn     // English
	LangZhHant = platform.LangZhHant // Traditional Chinese
	LangJa     = platform.LangJa     // Japanese
	LangKo     = platform.LangKo     // Korean
)

// Languages lists the content languages in the order the app offers them.
var Languages = platform.Languages

// Text is a piece of content in several languages, keyed by BCP 47 tag:
// the platform's own type, so that a synced text is stored and shown
// without conversion. Text.In picks the reader's language.
type Text = platform.Text

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
