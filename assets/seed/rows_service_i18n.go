package seed

import (
	"fmt"
	"slices"
)

// FileServiceI18n is the project's translations of the Chinese strings the
// service screens show (item names, audiences, themes, departments,
// handling levels, notes and the generated guide's wording).
const FileServiceI18n = "service_items_i18n.csv"

// Bounds of a service translations file: it is read whole into memory.
const (
	MaxServiceI18nBytes = 1 << 20 // 1 MiB; the shipped file is about 40 KB
	MaxServiceI18nRows  = 5000    // the shipped file has under 200
)

// ServiceI18nKinds are the kinds of string a service translations row may
// translate: what the Chinese string is on the service screens.
var ServiceI18nKinds = []string{"name", "audience", "theme", "department", "level", "note", "guide"}

// ServiceI18n is one row of service_items_i18n.csv: a Chinese string of
// the service screens, as the data writes it, and its translations.
type ServiceI18n struct {
	Line  int
	Kind  string // one of ServiceI18nKinds
	Zh    string // the key: byte for byte the official Chinese wording
	Names Text   // en, zh-Hant, ja and ko; every one filled
}

// ParseServiceI18n reads service_items_i18n.csv (UTF-8, header row, RFC
// 4180). Every row needs a known kind, a Chinese string that no other row
// has, and all four translations. A file larger than MaxServiceI18nBytes
// or with more than MaxServiceI18nRows rows is refused.
func ParseServiceI18n(file string, data []byte) ([]ServiceI18n, error) {
	if len(data) > MaxServiceI18nBytes {
		return nil, &Error{File: file, Err: fmt.Errorf("the file is %d bytes, more than the %d allowed", len(data), MaxServiceI18nBytes)}
	}
	cols := []string{"kind", "zh", "en", "zh_hant", "ja", "ko"}
	var rows []ServiceI18n
	seen := map[string]int{}
	err := readCSV(file, data, cols, func(r csvRow) error {
		if len(rows) == MaxServiceI18nRows {
			return r.errorf("more than %d rows", MaxServiceI18nRows)
		}
		if err := require(r, cols...); err != nil {
			return err
		}
		row := ServiceI18n{Line: r.Line, Kind: r.get("kind"), Zh: r.get("zh"), Names: Text{
			LangEn: r.get("en"), LangZhHant: r.get("zh_hant"), LangJa: r.get("ja"), LangKo: r.get("ko")}}
		if !slices.Contains(ServiceI18nKinds, row.Kind) {
			return r.errorf("kind %q is not one of %v", row.Kind, ServiceI18nKinds)
		}
		if first, dup := seen[row.Zh]; dup {
			return r.errorf("zh %q appears twice (first on line %d)", row.Zh, first)
		}
		seen[row.Zh] = r.Line
		rows = append(rows, row)
		return nil
	})
	return rows, err
}
