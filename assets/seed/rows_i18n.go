package seed

import "regexp"

// ParseScenicI18n reads scenic_areas_i18n.csv: translations and category
// of the 5A areas, keyed by their Chinese name.
func ParseScenicI18n(file string, data []byte) ([]ScenicI18n, error) {
	var rows []ScenicI18n
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"name"}, func(r csvRow) error {
		if err := require(r, "name"); err != nil {
			return err
		}
		row := ScenicI18n{Line: r.Line, Name: r.get("name"), Category: r.opt("category"),
			Names: Text{LangEn: r.opt("name_en"), LangZhHant: r.opt("name_zh_hant"), LangJa: r.opt("name_ja"), LangKo: r.opt("name_ko")},
			Desc: Text{LangZhHans: r.opt("desc_zh_hans"), LangEn: r.opt("desc_en"), LangZhHant: r.opt("desc_zh_hant"),
				LangJa: r.opt("desc_ja"), LangKo: r.opt("desc_ko")}}
		if seen[row.Name] {
			return r.errorf("name %q appears twice", row.Name)
		}
		if row.Category != "" && !categoryPattern.MatchString(row.Category) {
			return r.errorf("category %q is not a lower-case identifier such as scenic_area", row.Category)
		}
		seen[row.Name] = true
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// categoryPattern is the form of an attraction category: a lower-case
// identifier such as "scenic_area" or "ancient_town".
var categoryPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ParseCitiesI18n reads cities_i18n.csv: the names of the province and the
// 13 cities in the other languages.
func ParseCitiesI18n(file string, data []byte) ([]CityI18n, error) {
	var rows []CityI18n
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"gb_code"}, func(r csvRow) error {
		row := CityI18n{Line: r.Line, Code: r.get("gb_code"), Names: Text{
			LangZhHans: r.opt("name_zh_hans"), LangEn: r.opt("name_en"), LangZhHant: r.opt("name_zh_hant"),
			LangJa: r.opt("name_ja"), LangKo: r.opt("name_ko")}}
		if err := checkCode("gb_code", row.Code, 6); err != nil {
			return r.errorf("%v", err)
		}
		if seen[row.Code] {
			return r.errorf("gb_code %s appears twice", row.Code)
		}
		seen[row.Code] = true
		rows = append(rows, row)
		return nil
	})
	return rows, err
}
