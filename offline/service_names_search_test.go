package offline

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"jiangsupass/offline/search"
)

// TestSearchServiceTranslations finds a service item by its translated
// names, in Search and in the catalogue's search, on a real store.
func TestSearchServiceTranslations(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	const passport = "普通护照签发（首次、换发、补发）"
	for _, q := range []string{"passport", "Passport", "パスポート", "旅券", "여권", "護照"} {
		res, err := s.Search(ctx, q, search.Options{})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		top, ok := res.Top()
		if !ok || top.Kind != search.KindService || top.Title[LangZhHans] != passport {
			t.Errorf("Search(%q): top is %+v, want %s", q, top, passport)
			continue
		}
		if top.Title[LangEn] != "Ordinary passport (first issue, renewal, replacement)" ||
			!strings.Contains(top.Detail[LangEn], "Jiangsu Provincial Public Security Department") {
			t.Errorf("Search(%q): title %q, detail %q in English", q, top.Title[LangEn], top.Detail[LangEn])
		}
		page, err := s.SearchCatalogue(ctx, q, CatalogueFilter{})
		if err != nil {
			t.Fatalf("SearchCatalogue(%q): %v", q, err)
		}
		if len(page.Items) == 0 || page.Items[0].Name != passport {
			t.Errorf("SearchCatalogue(%q) = %d items, want %s first", q, len(page.Items), passport)
		}
	}
}

// TestSearchReindexesServicesOnNewTranslations: an index written under
// other translations (an older app) has its service items indexed again
// at the next search.
func TestSearchReindexesServicesOnNewTranslations(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	if _, err := s.Search(ctx, "passport", search.Options{}); err != nil {
		t.Fatal(err)
	}
	// As an older app left it: service docs without translations.
	if _, err := s.db.ExecContext(ctx, "UPDATE meta SET value = 'service-names-old' WHERE key = ?", metaServiceNames); err != nil {
		t.Fatal(err)
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := search.NewWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		if err := w.DeleteKind(ctx, search.KindService); err != nil {
			return err
		}
		return serviceDocsWith(ctx, tx, nil, "", nil, func(d *search.Doc) error { return w.Write(ctx, d) })
	}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, "passport", search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if top, ok := res.Top(); !ok || top.Kind != search.KindService {
		t.Errorf("after new translations, passport finds %+v", top)
	}
	n, _ := EmbeddedServiceNames()
	if v, _, err := getMeta(ctx, s.db, metaServiceNames); err != nil || v != n.Version() {
		t.Errorf("meta %s = %q (%v), want %q", metaServiceNames, v, err, n.Version())
	}
}
