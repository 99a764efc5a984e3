package search

import (
	"context"
	"fmt"
	"sort"
	"unicode/utf8"

	"jiangsupass/platform"
	"jiangsupass/textnorm"
)

// suggestionCount is how many suggestions an empty result offers.
const suggestionCount = 4

// suggest offers things to search for when key found nothing: the names
// found by the longest beginning of key that finds a name (a typo at the
// end), else the most prominent attractions and a service theme.
//
// The beginnings of key longer than an index term share one lookup of the
// index (termParts), so a long key costs at most capLatin+1 lookups.
func (x Index) suggest(ctx context.Context, key string) ([]string, error) {
	found := map[string][]termPart{} // by index term
	for k := key; utf8.RuneCountInString(k) > 1; {
		_, size := utf8.DecodeLastRuneInString(k)
		k = k[:len(k)-size]
		term := capKey(k)
		parts, ok := found[term]
		if !ok {
			var err error
			if parts, err = x.termParts(ctx, term); err != nil {
				return nil, err
			}
			found[term] = parts
		}
		out, err := x.partNames(ctx, gradeParts(parts, k))
		if err != nil || len(out) > 0 {
			return out, err
		}
	}
	lo, hi := KindRange(KindAttraction)
	rows, err := x.db.QueryContext(ctx, `SELECT title FROM search_docs WHERE rowid >= ? AND rowid < ? ORDER BY rowid LIMIT ?`,
		lo, hi, suggestionCount-1)
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	defer rows.Close()
	out := []string{"社保"}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		t, err := decodeText(raw)
		if err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		out = append(out, firstPart(t[platform.LangZhHans]))
	}
	return out, rows.Err()
}

// partNames are the names (not descriptions) among the matched parts m,
// best matched first, at most suggestionCount.
func (x Index) partNames(ctx context.Context, m map[int64]partMatch) ([]string, error) {
	type cand struct {
		id    int64
		grade int
	}
	var cs []cand
	for id, pm := range m {
		if pm.grade > MatchDescription {
			cs = append(cs, cand{id, pm.grade})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].grade != cs[j].grade {
			return cs[i].grade > cs[j].grade
		}
		return cs[i].id < cs[j].id
	})
	var out []string
	for _, c := range cs[:min(len(cs), suggestionCount)] {
		var text string
		if err := x.db.QueryRowContext(ctx, "SELECT text FROM search_parts WHERE id = ?", c.id).Scan(&text); err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		out = append(out, text)
	}
	return out, nil
}

// firstPart is a name without what its brackets or dashes add.
func firstPart(s string) string {
	if p := textnorm.SplitParts(s); len(p) > 0 {
		return p[0]
	}
	return s
}
