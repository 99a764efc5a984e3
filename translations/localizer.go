package translations

import (
	"embed"
	"fmt"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// fallback is the language whose messages stand in for a missing one.
const fallback = "zh-Hans"

var (
	bundlesMu sync.Mutex
	bundles   = map[string]*i18n.Bundle{}
)

// bundleFor parses the message files one language needs, once: its own
// and the fallback's. Start-up parses one or two files, not all five; a
// bundle is never changed once made, so Localizers share it safely.
func bundleFor(lang string) (*i18n.Bundle, error) {
	bundlesMu.Lock()
	defer bundlesMu.Unlock()
	if b, ok := bundles[lang]; ok {
		return b, nil
	}
	b := i18n.NewBundle(language.SimplifiedChinese)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	tags := []string{fallback}
	if lang != fallback {
		tags = append(tags, lang)
	}
	for _, tag := range tags {
		name := tag + ".toml"
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("translations: %w", err)
		}
		if _, err := b.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("translations: parse %s: %w", name, err)
		}
	}
	bundles[lang] = b
	return b, nil
}

// Localizer gives the messages of one language. Its zero value is not
// usable; make one with New.
type Localizer struct {
	lang string
	loc  *i18n.Localizer

	mu      sync.Mutex
	missing map[string]bool
}

// New returns a Localizer for lang (one of Languages; anything else is
// matched to the nearest). It fails only when a message file is malformed,
// which the package's tests rule out.
func New(lang string) (*Localizer, error) {
	lang = Match(lang)
	b, err := bundleFor(lang)
	if err != nil {
		return nil, err
	}
	return &Localizer{lang: lang, loc: i18n.NewLocalizer(b, lang), missing: map[string]bool{}}, nil
}

// Lang returns the language tag the Localizer speaks.
func (l *Localizer) Lang() string { return l.lang }

// T returns the message id in the Localizer's language.
func (l *Localizer) T(id string) string { return l.localize(id, nil, nil) }

// Tf returns the message id with its template fields filled from data, as
// in "{{.Name}}".
func (l *Localizer) Tf(id string, data map[string]any) string { return l.localize(id, data, nil) }

// N returns the plural form of id for count; the template sees .Count too.
func (l *Localizer) N(id string, count int, data map[string]any) string {
	d := map[string]any{"Count": count}
	for k, v := range data {
		d[k] = v
	}
	return l.localize(id, d, count)
}

func (l *Localizer) localize(id string, data map[string]any, count any) string {
	s, tag, err := l.loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil || s == "" || tag.String() != l.lang && !sameBase(tag.String(), l.lang) {
		l.mu.Lock()
		l.missing[id] = true
		l.mu.Unlock()
		if s == "" {
			return id
		}
	}
	return s
}

// sameBase reports whether go-i18n's tag names the Localizer's language
// (it may print zh-Hans as "zh-Hans" or the bare base for en, ja, ko).
func sameBase(got, want string) bool {
	g, err1 := language.Parse(got)
	w, err2 := language.Parse(want)
	return err1 == nil && err2 == nil && g == w
}

// Missing returns the ids that were asked for but had no message in the
// Localizer's language, so that tests can fail on any untranslated string.
func (l *Localizer) Missing() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]string, 0, len(l.missing))
	for id := range l.missing {
		out = append(out, id)
	}
	return out
}
