package server

import (
	"context"
	"encoding/json"
	"testing"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// TestPOIsCarryNames: the railway stations and airports the server
// serves carry their names in every language, as attractions do
// (name_i18n), written by the rule the app uses.
func TestPOIsCarryNames(t *testing.T) {
	_, hs, _ := openTest(t, Options{Now: clocktest.Fixed()})
	c := platform.NewClient(hs.URL, platform.Options{})
	p, err := c.Pull(context.Background(), platform.POIs, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]platform.Text{
		"南京南":          {"zh-Hans": "南京南", "en": "Nanjing South Railway Station", "ja": "南京南駅"},
		"南京禄口国际机场 NKG": {"en": "Nanjing Lukou International Airport", "zh-Hant": "南京祿口國際機場"},
	}
	found := 0
	for _, u := range p.Upserts {
		var poi platform.POI
		if err := json.Unmarshal(u, &poi); err != nil {
			t.Fatal(err)
		}
		if poi.NameI18n["en"] == "" {
			t.Errorf("%s has no English name", poi.Name)
		}
		for lang, name := range want[poi.Name] {
			found++
			if poi.NameI18n[lang] != name {
				t.Errorf("%s in %s: %q, want %q", poi.Name, lang, poi.NameI18n[lang], name)
			}
		}
	}
	if found != 5 {
		t.Errorf("checked %d names of the two hubs, want 5", found)
	}
}
