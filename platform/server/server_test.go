package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
	"jiangsupass/platform/server/dbtest"
)

// openTest opens a server on a fresh database (dbtest: SQLite, or
// PostgreSQL under JSP_TEST_POSTGRES) behind a loopback listener. Its
// clock must be the tests' (clocktest), never the machine's: a test that
// leaves Options.Now nil fails here.
func openTest(t *testing.T, opt Options) (*Server, *httptest.Server, map[string]string) {
	t.Helper()
	codes := map[string]string{}
	opt.OnCode = func(phone, code string) { codes[phone] = code }
	db := dbtest.New(t)
	opt.CodeKey, opt.AdminTokenFile = db.CodeKey, db.AdminTokenFile
	s, err := Open(context.Background(), db.Path, opt)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() { hs.Close(); s.Close() })
	return s, hs, codes
}

// TestMutationAppliedOnce sends the same order twice with one key, and the
// key again with another body. It books a slot of the last day sold, which
// is open at the tests' now whatever hour that is.
func TestMutationAppliedOnce(t *testing.T) {
	ctx := context.Background()
	s, hs, codes := openTest(t, Options{Now: clocktest.Fixed()})
	c := platform.NewClient(hs.URL, platform.Options{})
	phone := DemoAccounts[1].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignIn(ctx, phone, "000000x"); err == nil {
		t.Fatal("a wrong code signed in")
	}
	if _, err := c.SignIn(ctx, phone, codes[phone]); err != nil {
		t.Fatal(err)
	}
	slot := lastSlot(t, s, 200)
	product := slot.AttractionID + "-adult"
	body := orderBody(slot, visitorsOf(product, 1, 3), nil)
	r1, err := c.Mutate(ctx, platform.Orders, "order-key-1", body)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := c.Mutate(ctx, platform.Orders, "order-key-1", body)
	if err != nil || string(r1.Body) != string(r2.Body) || r2.Status != http.StatusCreated {
		t.Errorf("the repeat was answered %d %s, first %s (%v)", r2.Status, r2.Body, r1.Body, err)
	}
	b, _ := s.Get(ctx, platform.TicketSlots, slot.ID)
	var after platform.TicketSlot
	_ = json.Unmarshal(b, &after)
	if after.Remaining != slot.Remaining-3 {
		t.Errorf("remaining %d after one order of 3 from %d", after.Remaining, slot.Remaining)
	}
	if list, _ := s.Applied(ctx, platform.Orders); len(list) != 1 {
		t.Errorf("%d orders applied", len(list))
	}
	other := orderBody(slot, visitorsOf(product, 1, 4), nil)
	_, err = c.Mutate(ctx, platform.Orders, "order-key-1", other)
	var pe *platform.Error
	if !errors.As(err, &pe) || pe.Status != http.StatusUnprocessableEntity || pe.Code != platform.CodeIdempotencyReuse {
		t.Errorf("a reused key with another body: %v", err)
	}
	// A refusal is stored with its key too.
	if _, err := s.Patch(ctx, platform.TicketSlots, slot.ID, []byte(`{"remaining":2}`)); err != nil {
		t.Fatal(err)
	}
	big := orderBody(slot, visitorsOf(product, 10, 5), nil)
	_, e1 := c.Mutate(ctx, platform.Orders, "too-many-1", big)
	_, e2 := c.Mutate(ctx, platform.Orders, "too-many-1", big)
	if !errors.As(e1, &pe) || pe.Code != platform.CodeSlotFull || e2 == nil || e1.Error() != e2.Error() {
		t.Errorf("a full slot: %v, then %v", e1, e2)
	}
}

// TestCatalogueRule checks the documented rule of the generated catalogue.
func TestCatalogueRule(t *testing.T) {
	d, err := seed.Load(assets.Data)
	if err != nil {
		t.Fatal(err)
	}
	items := CatalogueItems(d, ProvincialCatalogueSize)
	if len(items) != 134_800 || len(d.Services) != 66 || len(d.Divisions) != 118 {
		t.Fatalf("%d items from %d standard items × %d divisions", len(items), len(d.Services), len(d.Divisions))
	}
	perRound := 66 * 118
	if items[0].ID != 1_000_001 || !strings.HasSuffix(items[0].Name, "（江苏省·情形1）") {
		t.Errorf("first item %+v", items[0])
	}
	if !strings.Contains(items[perRound].Name, "·情形2）") || items[perRound].DivisionCode != "320000" {
		t.Errorf("first item of round 2: %+v", items[perRound])
	}
	last := items[len(items)-1]
	if !strings.Contains(last.Name, "·情形18）") || len(items)-17*perRound != 2404 {
		t.Errorf("last item %+v", last)
	}
	for _, it := range items {
		if !it.Generated || !strings.Contains(it.Source, "generated") {
			t.Fatalf("item %d is not labelled generated", it.ID)
		}
	}
}

// TestPagesCoverTheCollection pages through a collection and finds every
// item once, and a deletion as a tombstone after the cursor.
func TestPagesCoverTheCollection(t *testing.T) {
	ctx := context.Background()
	s, hs, _ := openTest(t, Options{Catalogue: 250, Now: clocktest.Fixed()})
	c := platform.NewClient(hs.URL, platform.Options{})
	seen := map[string]bool{}
	var cur platform.Cursor
	for {
		p, err := c.Pull(ctx, platform.ServiceItems, cur, 37)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range p.Upserts {
			var it platform.ServiceItem
			if err := json.Unmarshal(u, &it); err != nil {
				t.Fatal(err)
			}
			if seen[it.ItemID()] {
				t.Errorf("item %d sent twice", it.ID)
			}
			seen[it.ItemID()] = true
		}
		cur, _ = platform.ParseCursor(p.Next)
		if !p.HasMore {
			break
		}
	}
	if len(seen) != 66+250 {
		t.Errorf("%d items", len(seen))
	}
	if _, err := s.Delete(ctx, platform.ServiceItems, "1"); err != nil {
		t.Fatal(err)
	}
	p, err := c.Pull(ctx, platform.ServiceItems, cur, 37)
	if err != nil || len(p.Tombstones) != 1 || p.Tombstones[0] != "1" || len(p.Upserts) != 0 || p.Total != 1 {
		t.Errorf("after a deletion: %+v, %v", p, err)
	}
}
