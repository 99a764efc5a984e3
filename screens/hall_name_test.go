package screens

import (
	"testing"

	"jiangsupass/offline"
)

func TestHallName(t *testing.T) {
	en, _ := testEnv(t, "en")
	ja, _ := testEnv(t, "ja")
	for _, c := range []struct {
		name      string
		generated bool
		env       *Env
		want      string
	}{
		{"玄武区政务服务中心", true, en, "Xuanwu District Government Service Centre"},
		{"南京市政务服务中心", true, en, "Nanjing Government Service Centre"},
		{"江苏省政务服务中心", true, en, "Jiangsu Province Government Service Centre"},
		{"沛县政务服务中心", true, en, "Pei County Government Service Centre"},
		{"苏州工业园区政务服务中心", true, en, "Suzhou Gongye Yuan District Government Service Centre"},
		{"南京市政务服务中心", true, ja, "南京市政务服务中心"},
		{"南京市民中心", false, en, "南京市民中心"}, // a real hall keeps its own name
	} {
		if got := hallName(c.env, offline.ServiceHall{Name: c.name, Generated: c.generated}); got != c.want {
			t.Errorf("%s in %s: %q, want %q", c.name, c.env.L.Lang(), got, c.want)
		}
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
