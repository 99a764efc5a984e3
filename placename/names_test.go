package placename

import (
	"testing"

	"jiangsupass/assets"
)

func TestTablesHaveNoBadRows(t *testing.T) {
	if _, err := loadTables(assets.Data); err != nil {
		t.Fatal(err)
	}
}

// TestOtherScripts holds the rule of each language to names written by
// hand: traditional characters, Japanese shinjitai with 駅 and 空港, and
// Korean as the English beside the Chinese (lines as 호선).
func TestOtherScripts(t *testing.T) {
	cases := []struct {
		got  Names
		lang string
		want string
	}{
		{Station("鼓楼"), ZhHant, "鼓樓"},
		{Station("夫子庙"), ZhHant, "夫子廟"},
		{Station("钟灵街"), ZhHant, "鍾靈街"},
		{Station("苏州火车站"), ZhHant, "蘇州火車站"},
		{Station("鼓楼"), Ja, "鼓楼"},
		{Station("五塘广场"), Ja, "五塘広場"},
		{Station("苏州火车站"), Ja, "蘇州駅"},
		{Station("南京南站"), Ja, "南京南駅"},
		{Station("禄口机场"), Ja, "禄口空港"},
		{Station("安德门"), Ja, "安徳門"},
		{Station("新街口"), Ko, "Xinjiekou (新街口)"},
		{Station("新街口"), ZhHans, "新街口"},
		{Hub("南京禄口国际机场 NKG", "air"), Ja, "南京禄口国際空港"},
		{Hub("南京南", "rail"), ZhHant, "南京南站"},
		{Hub("南京南", "rail"), ZhHans, "南京南"},
		{Hub("南通东?", "rail"), En, "Nantong East Railway Station"},
		{Hub("江阴(高铁)", "rail"), En, "Jiangyin Railway Station"},
		{Line("1号线"), ZhHant, "1號線"},
		{Line("1号线"), Ja, "1号線"},
		{Line("1号线"), Ko, "1호선"},
		{Line("3号线/11号线"), En, "Line 3/11"},
		{Line("1号线/S1号线"), Ko, "1/S1호선"},
		{Line("宁滁线"), En, "Ningchu Line"},
	}
	for _, c := range cases {
		if c.got[c.lang] != c.want {
			t.Errorf("%s in %s: %q, want %q", c.got[ZhHans], c.lang, c.got[c.lang], c.want)
		}
	}
}

// TestReadingOverridesReachSearch: the readings the override table
// corrects are those of the shared pinyin table, which search uses.
func TestReadingOverridesReachSearch(t *testing.T) {
	for word, want := range map[string]string{"小行": "xiaohang", "梦都大街": "mengdudajie", "团结圩": "tuanjiewei", "六合": "luhe"} {
		got := ""
		for _, s := range Pinyin().Syllables([]rune(word)) {
			got += s
		}
		if got != want {
			t.Errorf("%s reads %q, want %q", word, got, want)
		}
	}
}

func TestEmptyNames(t *testing.T) {
	if len(Station(" ")) != 0 || len(Hub("", "rail")) != 0 || len(Line("")) != 0 {
		t.Error("an empty name gave names")
	}
}
