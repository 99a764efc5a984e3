package widgets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
)

// Line breaking for text that mixes Chinese, Japanese, Korean, Latin
// script and emoji. The places a line may break are Unicode's (the line
// breaking algorithm of UAX #14, as go-text/typesetting's segmenter finds
// them): between two ideographs or kana, at a space (dropped at the end
// of a line), after a hyphen or a slash, around an emoji; never inside a
// word or a number, before a small kana or closing punctuation, or after
// opening punctuation. On top of them stand the rules of Requirements for
// Chinese Text Layout (W3C clreq) that UAX #14 leaves to the typesetter,
// and two of the app's own:
//
//   - closing punctuation (，。、）」”’ and the like), small kana, the
//     prolonged sound mark and the middle dot never start a line, even
//     after a space, and opening punctuation (（「《“‘ and the like) never
//     ends one;
//   - Korean breaks only at spaces, as Korean is set (UAX #14 would break
//     between any two syllables);
//   - a range of numbers ("09:00–17:00") stays whole.
//
// Lines are then filled greedily. Fyne's own word wrapping breaks at the
// last space that fits and, with no space, anywhere: in Chinese with a
// space around a number ("第 1 版") it leaves most of a line empty, and it
// can start a line with "，".

// noLineStart are the characters that may not begin a line.
const noLineStart = "，。、；：？！）」』】〕〉》”’…‥・ー々〆ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" +
	"％‰℃,.;:?!)]}%·"

// noLineEnd are the characters that may not end a line.
const noLineEnd = "（「『【〔〈《“‘([{"

// unit is a piece of text that a line never breaks inside (unless it is
// wider than the line by itself), with the spaces that follow it.
type unit struct {
	text  string // the piece, without its trailing spaces
	space string // the spaces after it: kept inside a line, dropped at its end
}

// breakUnits cuts one paragraph (no newline in it) into units: between
// two units is a break opportunity of UAX #14 that the rules above keep.
// Invalid UTF-8 reads as U+FFFD, a byte at a time, as ranging over a
// string does.
func breakUnits(p string) []unit {
	var seg segmenter.Segmenter
	seg.InitWithString(p)
	valid := utf8.ValidString(p)
	var out []unit
	pos := 0 // where the segment starts in p, when p is valid
	for it := seg.LineIterator(); it.Next(); {
		var piece string
		if runes := it.Line().Text; valid {
			n := 0
			for _, r := range runes {
				n += utf8.RuneLen(r)
			}
			piece, pos = p[pos:pos+n], pos+n
		} else {
			piece = string(runes)
		}
		text := strings.TrimRightFunc(piece, unicode.IsSpace)
		space := piece[len(text):]
		if n := len(out); n > 0 && mustJoin(out[n-1], text) {
			out[n-1] = unit{text: out[n-1].text + out[n-1].space + text, space: space}
			continue
		}
		out = append(out, unit{text: text, space: space})
	}
	return out
}

// mustJoin reports whether the rules on top of UAX #14 forbid a break
// between prev and the text that follows it.
func mustJoin(prev unit, next string) bool {
	first, _ := utf8.DecodeRuneInString(next)
	last, _ := utf8.DecodeLastRuneInString(prev.text)
	if next != "" && strings.ContainsRune(noLineStart, first) {
		return true
	}
	if prev.text != "" && strings.ContainsRune(noLineEnd, last) {
		return true
	}
	if prev.space != "" || prev.text == "" || next == "" {
		return false
	}
	if isHangul(last) && isWordRune(first) || isHangul(first) && isWordRune(last) {
		return true
	}
	return isRangeDash(prev.text) && unicode.IsDigit(first)
}

// isHangul reports whether r is a Korean letter.
func isHangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

// isWordRune reports whether r is a letter or a digit of a script that
// breaks only at spaces: not an ideograph or a kana.
func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r) &&
		!unicode.Is(unicode.Hiragana, r) && !unicode.Is(unicode.Katakana, r)
}

// isRangeDash reports whether text ends with a digit and a dash, the
// first half of a range of numbers.
func isRangeDash(text string) bool {
	dash, n := utf8.DecodeLastRuneInString(text)
	digit, _ := utf8.DecodeLastRuneInString(text[:len(text)-n])
	return unicode.Is(unicode.Pd, dash) && unicode.IsDigit(digit)
}

// breakLines wraps text into lines no wider than width, as measure
// measures a string. Newlines in text are kept.
func breakLines(text string, width float32, measure func(string) float32) []string {
	var lines []string
	for _, p := range strings.Split(text, "\n") {
		lines = append(lines, breakParagraph(p, width, measure)...)
	}
	return lines
}

// breakParagraph fills lines with whole units, greedily. A paragraph that
// fits is measured once; otherwise each unit is measured once and the
// widths added up, and each line is measured whole once to make sure
// (shaping across units can make a line a little wider than its parts).
func breakParagraph(p string, width float32, measure func(string) float32) []string {
	if measure(p) <= width {
		return []string{p}
	}
	units := breakUnits(p)
	var lines []string
	for len(units) > 0 {
		n := fillLine(units, width, measure)
		for n > 1 && measure(joinUnits(units[:n])) > width {
			n--
		}
		lines = append(lines, joinUnits(units[:n]))
		units = units[n:]
	}
	// A unit wider than the line by itself is cut where it must be.
	var out []string
	for _, l := range lines {
		out = append(out, cutToWidth(l, width, measure)...)
	}
	return out
}

// fillLine is how many of units fit on a line by their added widths; at
// least one.
func fillLine(units []unit, width float32, measure func(string) float32) int {
	used := measure(units[0].text)
	for i := 1; i < len(units); i++ {
		if sp := units[i-1].space; sp != "" {
			used += measure(sp)
		}
		used += measure(units[i].text)
		if used > width {
			return i
		}
	}
	return len(units)
}

// joinUnits is the text of a line of units, without the spaces after its
// last one.
func joinUnits(units []unit) string {
	var b strings.Builder
	for i, u := range units {
		if i > 0 {
			b.WriteString(units[i-1].space)
		}
		b.WriteString(u.text)
	}
	return b.String()
}

// cutToWidth cuts a line wider than width between grapheme clusters
// (UAX #29), so that a letter keeps its accents and an emoji sequence
// stays whole; a cluster wider than the line by itself is cut between
// runes.
func cutToWidth(l string, width float32, measure func(string) float32) []string {
	if measure(l) <= width {
		return []string{l}
	}
	var seg segmenter.Segmenter
	seg.InitWithString(l)
	var out []string
	var line []rune
	for it := seg.GraphemeIterator(); it.Next(); {
		g := it.Grapheme().Text
		if len(line) > 0 && measure(string(line)+string(g)) > width {
			out = append(out, string(line))
			line = line[:0]
		}
		if len(line) == 0 && len(g) > 1 && measure(string(g)) > width {
			out = append(out, cutRunes(g, width, measure)...)
			continue
		}
		line = append(line, g...)
	}
	if len(line) > 0 {
		out = append(out, string(line))
	}
	return out
}

// cutRunes cuts runes into pieces no wider than width, each at least one
// rune.
func cutRunes(runes []rune, width float32, measure func(string) float32) []string {
	var out []string
	for len(runes) > 0 {
		n := 1
		for n < len(runes) && measure(string(runes[:n+1])) <= width {
			n++
		}
		out = append(out, string(runes[:n]))
		runes = runes[n:]
	}
	return out
}
