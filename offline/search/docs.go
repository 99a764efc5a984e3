package search

import (
	"database/sql"
	"strings"
	"unicode/utf8"

	"jiangsupass/platform"
	"jiangsupass/textnorm"
)

// Doc is one thing that can be found, as its source gives it to the
// index.
type Doc struct {
	Kind, Ref string        // one of Kinds, and the ID of the thing in its own table
	Rank      int           // 0 is the most prominent (a 5A area, an interchange); below 1<<10
	Pos       int64         // orders docs of the same rank; unique in the kind, below 1<<30
	Title     platform.Text // what a hit shows
	Detail    platform.Text // the line under the title: city and lines, theme and department …
	Names     []string      // names and other words it is found by
	Body      []string      // descriptions: found, but ranked below names
	Lon, Lat  sql.NullFloat64
	Generated bool // made up by a documented rule, not official
}

// rowid is where the doc is stored.
func (d *Doc) rowid() int64 { return kindBase(d.Kind) + int64(d.Rank)<<30 + d.Pos }

// docPart is a part of a doc's names ("n") or descriptions ("b"): the
// unit the index matches queries against. Parts repeat across docs (the
// catalogue's items share their standard names, divisions and themes),
// so each distinct part is indexed once.
type docPart struct{ tag, text string }

// parts are the doc's distinct parts.
func (d *Doc) parts() []docPart {
	var out []docPart
	seen := map[docPart]bool{}
	add := func(tag string, fields []string) {
		for _, f := range fields {
			for _, p := range textnorm.SplitParts(f) {
				dp := docPart{tag, strings.TrimSpace(p)}
				if dp.text != "" && !seen[dp] {
					seen[dp] = true
					out = append(out, dp)
				}
			}
		}
	}
	add("n", d.Names)
	add("b", d.Body)
	return out
}

// Token caps: an index term is at most this many characters long; a longer
// query is looked up by its first characters and checked in full.
const (
	capCJK   = 6
	capLatin = 16
)

// capKey cuts a key to the length of an index term.
func capKey(k string) string {
	r, _ := utf8.DecodeRuneInString(k)
	limit := capLatin
	if textnorm.IsCJK(r) {
		limit = capCJK
	}
	n := 0
	for i := range k {
		if n == limit {
			return k[:i]
		}
		n++
	}
	return k
}

// partIndex is what a part is found by: its keys (as written and, for a
// Chinese name, in pinyin and in initials), each matched whole, as a
// prefix or as a substring; and its index terms, one from every unit
// onwards, so that any substring of a key that begins at a unit is a
// prefix of a term.
func partIndex(p docPart) (keys, terms []string) {
	cuts := []func(string) []string{textnorm.Units}
	if p.tag == "n" && textnorm.HasHan(p.text) {
		cuts = append(cuts, textnorm.PinyinUnits, textnorm.InitialUnits)
	}
	seen := map[string]bool{}
	for _, cut := range cuts {
		u := cut(p.text)
		k := strings.Join(u, "")
		if k == "" || seen["k"+k] {
			continue
		}
		seen["k"+k] = true
		keys = append(keys, k)
		for i := range u {
			var b strings.Builder
			for _, x := range u[i:] {
				b.WriteString(x)
				if b.Len() >= 3*capLatin {
					break
				}
			}
			if t := capKey(b.String()); !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	return keys, terms
}
