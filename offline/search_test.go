package offline

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"jiangsupass/offline/search"
)

// TestSearchTopResult checks the best hit of queries in every script
// against the shipped data.
func TestSearchTopResult(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	for _, tc := range []struct {
		query, kind, titleHas string
		match                 int
	}{
		{"社保", search.KindService, "", search.MatchExact}, // the theme of the social-security items
		{"护照", search.KindService, "普通护照签发", search.MatchContains},
		{"zzy", search.KindAttraction, "拙政园", search.MatchExact}, // initials of a part of 苏州园林（拙政园、虎丘山、留园）
		{"zhongshanling", search.KindAttraction, "中山陵", search.MatchPrefix},
		{"ZhongShan Ling", search.KindAttraction, "中山陵", search.MatchPrefix},
		{"Sun Yat-sen Mausoleum", search.KindAttraction, "中山陵", search.MatchPrefix},
		{"xinjiekou", search.KindStation, "新街口", search.MatchExact},
		{"xin jie kou", search.KindStation, "新街口", search.MatchExact},
		{"Xīnjiēkǒu", search.KindStation, "新街口", search.MatchExact},
		{"Humble Administrator", search.KindAttraction, "拙政园", search.MatchPrefix},
		{"humble administrator's garden", search.KindAttraction, "拙政园", search.MatchExact},
		{"zhuozhengyuan", search.KindAttraction, "拙政园", search.MatchExact},
		{"zhuo zheng yuan", search.KindAttraction, "拙政园", search.MatchExact},
		{"中山", search.KindAttraction, "中山陵", search.MatchContains},
		{"孙中山", search.KindAttraction, "中山陵", search.MatchDescription},
		{"sb", search.KindService, "", search.MatchExact},
		{"南京南", search.KindHub, "南京南", search.MatchExact},
		{"政务服务中心", search.KindHall, "政务服务中心", search.MatchContains},
		{"居民身份证申领、换领", search.KindService, "居民身份证申领", search.MatchPrefix},
	} {
		res, err := s.Search(ctx, tc.query, search.Options{})
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		top, ok := res.Top()
		if !ok {
			t.Errorf("%q: nothing found", tc.query)
			continue
		}
		title := top.Title[LangZhHans]
		if top.Kind != tc.kind || !strings.Contains(title, tc.titleHas) || top.Match < tc.match {
			t.Errorf("%q: top is %s %q (match %d), want a %s with %q (match ≥ %d)", tc.query, top.Kind, title, top.Match,
				tc.kind, tc.titleHas, tc.match)
		}
		if tc.query == "社保" || tc.query == "sb" {
			for _, h := range res.Groups[0].Hits {
				if !strings.Contains(h.Detail[LangZhHans], "社保") {
					t.Errorf("%q: %q is not a social-security item (%s)", tc.query, h.Title[LangZhHans], h.Detail[LangZhHans])
				}
			}
		}
	}
}

// TestSearchNoMatch gives an empty result with suggestions that
// themselves find something.
func TestSearchNoMatch(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	for _, q := range []string{"qqqqxx", "拙政园xyz"} {
		res, err := s.Search(ctx, q, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Empty() || len(res.Suggestions) == 0 {
			t.Fatalf("%q: groups %d, suggestions %v; want none and some", q, len(res.Groups), res.Suggestions)
		}
		for _, sug := range res.Suggestions {
			r, err := s.Search(ctx, sug, search.Options{})
			if err != nil || r.Empty() {
				t.Errorf("%q: suggestion %q finds nothing (%v)", q, sug, err)
			}
		}
	}
	res, _ := s.Search(ctx, "拙政园xyz", search.Options{})
	if res.Suggestions[0] != "拙政园" {
		t.Errorf("suggestions for a typo after 拙政园: %v", res.Suggestions)
	}
}

// TestSearchFollowsChanges re-indexes a changed, an added and a removed
// item on the next search, and orders equal hits by distance.
func TestSearchFollowsChanges(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	if _, err := s.Search(ctx, "x", search.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO service_items (id, audience, theme, name, department, handling_level, notes, source)
		VALUES (900, '个人', '文旅', '导游证核发测试', '江苏省文化和旅游厅', '省级', '', 'test')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE service_items SET name = '普通签证测试' WHERE name LIKE '普通护照签发%'"); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]bool{"导游证": true, "dyz": true, "普通护照签发": false, "普通签证测试": true} {
		res, err := s.Search(ctx, q, search.Options{Kinds: []string{search.KindService}})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Empty() != want {
			t.Errorf("%q after changes: found %v, want %v", q, !res.Empty(), want)
		}
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM service_items WHERE id = 900"); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "导游证", search.Options{}); !res.Empty() {
		t.Errorf("a deleted item is still found")
	}
	// Of the interchanges 南京站 and 南京南站, equally good matches, the
	// one nearer comes first.
	for _, tc := range []struct {
		near orb.Point
		want string
	}{{orb.Point{118.7915, 31.9729}, "南京南站"}, {orb.Point{118.7928, 32.0907}, "南京站"}} {
		res, err := s.Search(ctx, "nanjing", search.Options{Kinds: []string{search.KindStation}, Near: &tc.near})
		if err != nil || res.Empty() {
			t.Fatalf("nanjing stations: %v", err)
		}
		if top, _ := res.Top(); top.Title[LangZhHans] != tc.want {
			t.Errorf("nearest station matching nanjing to %v: %q, want %q", tc.near, top.Title[LangZhHans], tc.want)
		}
	}
}
