package screens

import (
	"testing"

	"jiangsupass/offline"
)

// TestHallName: a generated hall reads in the user's language, named
// from its division by the rule of placename.Hall; a real hall keeps its
// own name.
func TestHallName(t *testing.T) {
	en, _ := testEnv(t, "en")
	ja, _ := testEnv(t, "ja")
	zhHant, _ := testEnv(t, "zh-Hant")
	for _, c := range []struct {
		hall string
		env  *Env
		want string
	}{
		{"hall-320102", en, "Xuanwu District Government Service Centre"},
		{"hall-320100", en, "Nanjing Government Service Centre"},
		{"hall-320000", en, "Jiangsu Province Government Service Centre"},
		{"hall-320322", en, "Pei County Government Service Centre"},
		{"hall-320576", en, "Suzhou Gongye Yuan District Government Service Centre"},
		{"hall-320100", ja, "南京市政务服务中心"},
		{"hall-320000", zhHant, "江蘇省政務服務中心"},
	} {
		if got := hallName(c.env, mustHall(t, c.env, c.hall)); got != c.want {
			t.Errorf("%s in %s: %q, want %q", c.hall, c.env.L.Lang(), got, c.want)
		}
	}
	real := offline.ServiceHall{Name: "南京市民中心", Names: offline.Text{offline.LangZhHans: "南京市民中心"}}
	if got := hallName(en, real); got != "南京市民中心" {
		t.Errorf("a real hall in en: %q, want its own name", got)
	}
}

// TestHallHours: a generated hall's hours read in the user's language; a
// real hall's stay as published.
func TestHallHours(t *testing.T) {
	en, _ := testEnv(t, "en")
	if got := hallHours(en, offline.ServiceHall{Generated: true, Hours: offline.GeneratedHallHours}); got != "Mon–Fri 09:00–17:00" {
		t.Errorf("generated hours in English: %q", got)
	}
	if got := hallHours(en, offline.ServiceHall{Hours: "周一至周六 08:30–17:30"}); got != "周一至周六 08:30–17:30" {
		t.Errorf("published hours: %q", got)
	}
}
