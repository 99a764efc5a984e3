package offline

import "regexp"

// parseScenicI18n reads scenic_areas_i18n.csv: translations and category
// of the 5A areas, keyed by their Chinese name.
func parseScenicI18n(file string, data []byte) ([]scenicI18nRow, error) {
	var rows []scenicI18nRow
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"name"}, func(r csvRow) error {
		if err := require(r, "name"); err != nil {
			return err
		}
		row := scenicI18nRow{line: r.line, name: r.get("name"), category: r.opt("category"),
			names: Text{LangEn: r.opt("name_en"), LangZhHant: r.opt("name_zh_hant"), LangJa: r.opt("name_ja"), LangKo: r.opt("name_ko")},
			desc: Text{LangZhHans: r.opt("desc_zh_hans"), LangEn: r.opt("desc_en"), LangZhHant: r.opt("desc_zh_hant"),
				LangJa: r.opt("desc_ja"), LangKo: r.opt("desc_ko")}}
		if seen[row.name] {
			return r.errorf("name %q appears twice", row.name)
		}
		if row.category != "" && !categoryPattern.MatchString(row.category) {
			return r.errorf("category %q is not a lower-case identifier such as scenic_area", row.category)
		}
		seen[row.name] = true
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// categoryPattern is the form of an attraction category: a lower-case
// identifier such as "scenic_area" or "ancient_town".
var categoryPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// parseCitiesI18n reads cities_i18n.csv: the names of the province and the
// 13 cities in the other languages.
func parseCitiesI18n(file string, data []byte) ([]cityI18nRow, error) {
	var rows []cityI18nRow
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"gb_code"}, func(r csvRow) error {
		row := cityI18nRow{line: r.line, code: r.get("gb_code"), names: Text{
			LangZhHans: r.opt("name_zh_hans"), LangEn: r.opt("name_en"), LangZhHant: r.opt("name_zh_hant"),
			LangJa: r.opt("name_ja"), LangKo: r.opt("name_ko")}}
		if err := checkCode("gb_code", row.code, 6); err != nil {
			return r.errorf("%v", err)
		}
		if seen[row.code] {
			return r.errorf("gb_code %s appears twice", row.code)
		}
		seen[row.code] = true
		rows = append(rows, row)
		return nil
	})
	return rows, err
}
