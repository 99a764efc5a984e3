package offline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"sync"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
)

// ServiceNames holds the project's translations of the Chinese strings
// the service screens show: item names, audiences, themes, departments,
// handling levels, notes and the wording of the generated guide
// (assets/data/service_items_i18n.csv). The platform delivers these in
// Chinese only. A string with no translation (an item the platform adds
// later, a generated item named "<item>（<division>·情形r）") stays
// Chinese: names are looked up whole, never taken apart.
//
// A nil *ServiceNames translates nothing. It is safe for concurrent use.
type ServiceNames struct {
	byZh    map[string]Text
	version string
}

// NewServiceNames makes the lookup of rows; version names the table, so
// that what was built from another (the search index) can tell.
func NewServiceNames(rows []seed.ServiceI18n, version string) *ServiceNames {
	n := &ServiceNames{byZh: make(map[string]Text, len(rows)), version: version}
	for _, r := range rows {
		t := Text{LangZhHans: r.Zh}
		for l, v := range r.Names {
			t[l] = v
		}
		n.byZh[r.Zh] = t
	}
	return n
}

// LoadServiceNames reads the translations from the seed file system fsys
// (data/service_items_i18n.csv).
func LoadServiceNames(fsys fs.FS) (*ServiceNames, error) {
	data, err := fs.ReadFile(fsys, path.Join(seed.Dir, seed.FileServiceI18n))
	if err != nil {
		return nil, fmt.Errorf("service translations: %w", err)
	}
	rows, err := seed.ParseServiceI18n(seed.FileServiceI18n, data)
	if err != nil {
		return nil, fmt.Errorf("service translations: %w", err)
	}
	sum := sha256.Sum256(data)
	return NewServiceNames(rows, "service-names-"+hex.EncodeToString(sum[:8])), nil
}

// embeddedServiceNames is LoadServiceNames of assets.Data, read once.
var embeddedServiceNames = sync.OnceValues(func() (*ServiceNames, error) { return LoadServiceNames(assets.Data) })

// EmbeddedServiceNames returns the translations the app ships, read once
// and shared: the app hands them to the screens, and the store indexes
// the service items under them for search.
func EmbeddedServiceNames() (*ServiceNames, error) { return embeddedServiceNames() }

// In returns zh in lang: its translation, or zh unchanged in Simplified
// Chinese, when there is none, or for a nil ServiceNames.
func (n *ServiceNames) In(lang, zh string) string {
	if v, ok := n.Translated(lang, zh); ok {
		return v
	}
	return zh
}

// Translated returns zh's translation into lang and true, or "" and
// false when there is none (and always for Simplified Chinese).
func (n *ServiceNames) Translated(lang, zh string) (string, bool) {
	if n == nil || lang == LangZhHans {
		return "", false
	}
	v := n.byZh[zh][lang]
	return v, v != ""
}

// All returns zh in every content language, zh-Hans first, or nil when
// zh has no translation.
func (n *ServiceNames) All(zh string) Text {
	if n == nil {
		return nil
	}
	return maps.Clone(n.byZh[zh])
}

// Len is how many strings have translations.
func (n *ServiceNames) Len() int {
	if n == nil {
		return 0
	}
	return len(n.byZh)
}

// Version names the translations (a hash of their file); "" for nil.
func (n *ServiceNames) Version() string {
	if n == nil {
		return ""
	}
	return n.version
}
