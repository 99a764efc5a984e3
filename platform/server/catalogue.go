package server

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/platform"
)

// ProvincialCatalogueSize is the number of government service items the
// province lists online; GenerateCatalogue(ctx, ProvincialCatalogueSize)
// makes a catalogue of that scale.
const ProvincialCatalogueSize = 134_800

// GeneratedIDBase is added to the position of a generated item to make
// its ID, clear of the standard items' row numbers.
const GeneratedIDBase = 1_000_000

// levelNames are the handling levels of generated items, by division
// level.
var levelNames = map[string]string{"province": "省级", "prefecture": "市级", "county": "县级"}

// CatalogueItems makes n generated service items by this rule, which the
// README documents:
//
//   - the standard items are the rows of jiangsu_gov_services_seed.csv (66),
//     in file order; the divisions are the province, its 13 cities and 104
//     county-level units of jiangsu_divisions.csv (118), in file order;
//   - round r = 1, 2, … lists, for each division, each standard item as
//     handled there in situation r (办理情形 r): 7,788 items a round;
//   - item k (1-based, over the rounds in order) has ID 1,000,000 + k,
//     the standard item's audience, theme and department, the division's
//     level as handling level, the name "<item>（<division>·情形r）",
//     generated = true and a source saying it is generated;
//   - the list stops after n items (134,800 is 17 whole rounds and the
//     first 2,404 items of the 18th).
func CatalogueItems(d *seed.Data, n int) []*platform.ServiceItem {
	out := make([]*platform.ServiceItem, 0, n)
	if len(d.Services) == 0 || len(d.Divisions) == 0 {
		return out
	}
	for r := 1; len(out) < n; r++ {
		for _, dv := range d.Divisions {
			for _, sv := range d.Services {
				if len(out) == n {
					return out
				}
				k := len(out) + 1
				out = append(out, &platform.ServiceItem{ID: int64(GeneratedIDBase + k), Audience: sv.Audience,
					Theme: sv.Theme, Name: fmt.Sprintf("%s（%s·情形%d）", sv.Name, dv.Name, r),
					Department: sv.Department, HandlingLevel: levelNames[dv.Level],
					Notes:        "generated: standard item " + strconv.FormatInt(sv.ID, 10) + " of the seed, round " + strconv.Itoa(r),
					DivisionCode: dv.Code, Generated: true, Source: sourceGenerated})
			}
		}
	}
	return out
}

// GenerateCatalogue makes sure the generated catalogue has n items: it
// adds the ones missing (a catalogue is never shrunk), in one transaction.
func (s *Server) GenerateCatalogue(ctx context.Context, n int) error {
	var have int
	if err := s.db.QueryRowContext(ctx, s.sq.generatedItems, platform.ServiceItems, GeneratedIDBase).Scan(&have); err != nil {
		return fmt.Errorf("generate catalogue: %w", err)
	}
	if have >= n {
		return nil
	}
	d, err := seed.Load(assets.Data)
	if err != nil {
		return fmt.Errorf("generate catalogue: %w", err)
	}
	all := CatalogueItems(d, n)
	err = s.inTx(ctx, func(tx *sql.Tx, w *writer) error {
		// Nodes starting together with one catalogue size make it once:
		// the count is taken again under the lock.
		if err := s.eng.lock(ctx, tx, "catalogue"); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.sq.generatedItems, platform.ServiceItems, GeneratedIDBase).Scan(&have); err != nil {
			return err
		}
		for _, it := range all[min(have, len(all)):] {
			body, err := encodeItem(platform.ServiceItems, it)
			if err != nil {
				return err
			}
			if _, err := w.put(ctx, platform.ServiceItems, it.ItemID(), body); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("generate catalogue: %w", err)
	}
	s.log.Printf("generated service catalogue: %d items (labelled generated)", n)
	return nil
}
