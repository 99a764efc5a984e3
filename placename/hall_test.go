package placename

import "testing"

// TestHall: a generated hall is named from its division in every language,
// the English by the division's English name or, lacking one, its pinyin.
func TestHall(t *testing.T) {
	for _, c := range []struct {
		division       map[string]string
		zhHans, zhHant string
		en             string
	}{
		{map[string]string{ZhHans: "玄武区"}, "玄武区政务服务中心", "", "Xuanwu District Government Service Centre"},
		{map[string]string{ZhHans: "南京市", En: "Nanjing", ZhHant: "南京市"}, "南京市政务服务中心", "南京市政務服務中心", "Nanjing Government Service Centre"},
		{map[string]string{ZhHans: "江苏省", En: "Jiangsu", ZhHant: "江蘇省"}, "江苏省政务服务中心", "江蘇省政務服務中心", "Jiangsu Province Government Service Centre"},
		{map[string]string{ZhHans: "沛县"}, "沛县政务服务中心", "", "Pei County Government Service Centre"},
		{map[string]string{ZhHans: "苏州工业园区"}, "苏州工业园区政务服务中心", "", "Suzhou Gongye Yuan District Government Service Centre"},
	} {
		got := Hall(c.division)
		if got[ZhHans] != c.zhHans || got[ZhHant] != c.zhHant || got[En] != c.en || got[Ko] != c.en {
			t.Errorf("Hall(%v) = %v, want %s / %s / %s", c.division, got, c.zhHans, c.zhHant, c.en)
		}
		if _, ok := got[Ja]; ok {
			t.Errorf("Hall(%v) has a Japanese name %q; a Japanese reader is shown the Chinese", c.division, got[Ja])
		}
	}
	if got := Hall(map[string]string{En: "Nowhere"}); len(got) != 0 {
		t.Errorf("a division without a Chinese name: %v", got)
	}
}
