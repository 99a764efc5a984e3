package assets

import _ "embed"

// PinyinReadings is the hanzi→pinyin table that search uses: one line per
// toneless reading, "zhong<TAB>中钟忠…", each character under its default
// reading. Made by tools/pinyin/build.sh from the npm package pinyin-pro
// (MIT, see pinyin/LICENSE-pinyin-pro.txt).
//
//go:embed pinyin/readings.txt
var PinyinReadings string

// PinyinPhrases lists the words whose reading in context differs from
// their characters' default readings: "银行<TAB>yin hang".
//
//go:embed pinyin/phrases.txt
var PinyinPhrases string
