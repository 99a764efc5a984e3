package assets

import _ "embed"

// FontRegular is the regular weight of the bundled CJK font, Noto Sans CJK SC
// cut down to the characters the app shows: Latin with pinyin tone marks,
// Simplified and Traditional Chinese, Japanese kana and kanji, Korean Hangul,
// and every character of the translations and the seed data. The theme hands
// it to Fyne so that text renders on machines with no CJK font installed.
// See fonts/README.md for what it covers and tools/font/build.sh to rebuild it.
//
//go:embed fonts/NotoSansCJKsc-Regular-subset.otf
var FontRegular []byte

// FontBold is the bold weight of the bundled CJK font, with the same
// characters as FontRegular.
//
//go:embed fonts/NotoSansCJKsc-Bold-subset.otf
var FontBold []byte

// FontLicence is the copyright notice and the SIL Open Font License 1.1 under
// which FontRegular and FontBold are distributed, as plain UTF-8 text for the
// About screen.
//
//go:embed fonts/LICENSE-OFL.txt
var FontLicence []byte
