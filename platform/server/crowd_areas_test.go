package server

import (
	"strings"
	"testing"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/crowd"
)

// TestEveryScenicAreaHasACapacity reads the capacity data the server
// ships: one row per 5A scenic area of the seed, by its ID, each
// generated (no published figure is in the shared data) with the inputs
// crowd.Estimate turns into its figures, and labelled so.
func TestEveryScenicAreaHasACapacity(t *testing.T) {
	areas, err := loadAreas(assets.Data)
	if err != nil {
		t.Fatal(err)
	}
	d, err := seed.Load(assets.Data)
	if err != nil {
		t.Fatal(err)
	}
	if len(areas) != len(d.Attractions) {
		t.Errorf("%d areas have a capacity, the seed has %d", len(areas), len(d.Attractions))
	}
	for _, a := range d.Attractions {
		c, ok := areas[a.ID]
		switch {
		case !ok:
			t.Errorf("%s (%s) has no capacity", a.ID, a.Name)
		case !c.Capacity.Generated || !strings.HasPrefix(c.Source, "generated"):
			t.Errorf("%s: %+v is not labelled generated", a.ID, c)
		case c.Capacity.Instant <= 0 || c.Capacity.Daily < c.Capacity.Instant || c.Dwell <= 0:
			t.Errorf("%s: %+v", a.ID, c)
		}
	}
}

// TestCapacityDataIsChecked refuses capacity rows that are not what they
// claim: figures that differ from their inputs' estimate, an unknown way
// of counting exits, an ID twice, other columns.
func TestCapacityDataIsChecked(t *testing.T) {
	head := strings.Join(capacityColumns, ",") + "\n"
	good := "5a-001,甲,garden,90000,3,540,120,counted,30000,120000,true,generated: test\n"
	if areas, err := parseAreas(strings.NewReader(head + good)); err != nil || areas["5a-001"].Capacity != (crowd.Capacity{Instant: 30000, Daily: 120000, Generated: true}) {
		t.Fatalf("a good row: %+v, %v", areas, err)
	}
	published := "5a-002,乙,garden,1,1,540,120,dwell,4100,18000,false,the area's own notice\n"
	if areas, err := parseAreas(strings.NewReader(head + published)); err != nil || areas["5a-002"].Capacity.Generated || areas["5a-002"].ExitsCounted {
		t.Errorf("a published row: %+v, %v", areas, err)
	}
	for name, body := range map[string]string{
		"figures off their inputs": head + strings.Replace(good, "30000,120000", "31000,120000", 1),
		"exits by magic":           head + strings.Replace(good, "counted", "magic", 1),
		"an ID twice":              head + good + good,
		"no source":                head + strings.Replace(good, "generated: test", "", 1),
		"a zero area":              head + strings.Replace(good, "90000,3", "0,3", 1),
		"other columns":            strings.Replace(head, "exits", "exit", 1) + good,
		"a short row":              head + "5a-001,甲\n",
	} {
		if _, err := parseAreas(strings.NewReader(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
