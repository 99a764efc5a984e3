package widgets

import (
	"strings"
	"unicode"
)

// Line breaking for text that mixes Chinese, Japanese, Korean and Latin
// script, after the rules of Requirements for Chinese Text Layout
// (W3C clreq) and Unicode's line breaking algorithm (UAX #14), in the
// small form the app's text needs:
//
//   - a line may break between two ideographs or kana, with no space;
//   - a line may break at a space, and the space is dropped there;
//   - a Latin, Korean or number word is not broken unless it is wider
//     than the line by itself;
//   - closing punctuation (，。、）」 and the like), small kana and the
//     prolonged sound mark never start a line, and opening punctuation
//     (（「《 and the like) never ends one.
//
// Fyne's own word wrapping breaks at the last space that fits and, with
// no space, anywhere: in Chinese with a space around a number ("第 1
// 版") it leaves most of a line empty, and it can start a line with "，".

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

// breakUnits cuts one paragraph (no newline in it) into units.
func breakUnits(p string) []unit {
	var out []unit
	var cur strings.Builder
	var space strings.Builder
	glue := false // the next rune joins the current unit (after opening punctuation)
	flush := func() {
		if cur.Len() > 0 || space.Len() > 0 {
			out = append(out, unit{text: cur.String(), space: space.String()})
		}
		cur.Reset()
		space.Reset()
	}
	prevWord := false // the last rune was part of a word (Latin, digits, Hangul)
	for _, r := range p {
		switch {
		case unicode.IsSpace(r):
			space.WriteRune(r)
			prevWord = false
			continue
		case space.Len() > 0 && strings.ContainsRune(noLineStart, r):
			cur.WriteString(space.String()) // no break before closing punctuation, space or not
			space.Reset()
		case space.Len() > 0 && !glue:
			flush()
		}
		switch {
		case strings.ContainsRune(noLineStart, r):
			// Joins what is before it, whatever that is.
		case glue:
			// Joins the opening punctuation before it.
		case breaksAround(r):
			if cur.Len() > 0 {
				flush()
			}
		case prevWord:
			// The word goes on.
		default:
			if cur.Len() > 0 {
				flush()
			}
		}
		cur.WriteRune(r)
		glue = strings.ContainsRune(noLineEnd, r)
		if r >= 0x80 || !strings.ContainsRune(noLineStart, r) {
			// ASCII punctuation keeps a word going (09:00, e.g.); any
			// other closing punctuation ends it.
			prevWord = !breaksAround(r) && !strings.ContainsRune(noLineStart, r) && !glue
		}
	}
	flush()
	return out
}

// breaksAround reports whether a line may break before and after r with
// no space: ideographs, kana and full-width forms.
func breaksAround(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF01 && r <= 0xFF60)
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

// cutToWidth cuts a line wider than width between runes.
func cutToWidth(l string, width float32, measure func(string) float32) []string {
	if measure(l) <= width {
		return []string{l}
	}
	var out []string
	runes := []rune(l)
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
