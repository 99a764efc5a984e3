// Package placename writes the names of metro stations, metro lines,
// railway stations and airports in every language the app offers, from
// their Chinese names: English by the operators' rule (pinyin, generic
// words translated: 珠江路 → "Zhujiang Road", 南京南站 → "Nanjing South
// Railway Station", 1号线 → "Line 1"), Traditional Chinese and Japanese
// kanji by character tables, Korean as the English with the Chinese
// beside it. assets/data/CONTENT.md states the rule for each language; the
// tables and the overrides for names the rule gets wrong are data files
// beside it (placename_chars.csv, placename_overrides.csv).
//
// It also holds the hanzi→pinyin table that search matches pinyin with,
// so that a name's pinyin and its English agree.
//
// The package imports nothing of Fyne and keeps no state but tables read
// once from the embedded assets.
package placename
