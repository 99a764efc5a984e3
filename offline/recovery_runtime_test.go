package offline

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"jiangsupass/platform"
)

// damageWhileOpen opens a seeded store, which passes the start-up check,
// gives it a request waiting to be sent, and then damages the root page of
// its attractions on disk, as a failing disk would while the app runs.
func damageWhileOpen(t *testing.T) (*Store, Feedback) {
	t.Helper()
	ctx := context.Background()
	path := seededCopy(t)
	s, _ := openAt(t, path)
	fb, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "交通", Text: "站牌过时"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	smashPage(t, path, rootPage(t, path, "attractions"), 21)
	return s, fb
}

// waitRepair registers with OnRepair and returns what the first repair
// says.
func waitRepair(t *testing.T, s *Store) <-chan Recovery {
	t.Helper()
	ch := make(chan Recovery, 1)
	s.OnRepair(func(r Recovery, err error) {
		if err != nil {
			t.Errorf("repair: %v", err)
		}
		select {
		case ch <- r:
		default:
		}
	})
	return ch
}

// TestDamageMetWhileOpenIsRepaired: a query that meets damage fails with
// "malformed"; that alone starts a check and a repair, after which the
// same query answers, and the waiting request is still there.
func TestDamageMetWhileOpenIsRepaired(t *testing.T) {
	ctx := context.Background()
	s, fb := damageWhileOpen(t)
	repaired := waitRepair(t, s)
	if _, err := s.Attractions(ctx, AttractionFilter{}); !isDamage(err) {
		t.Fatalf("a query over the damaged page: %v, want SQLite's 'malformed'", err)
	}
	var rec Recovery
	select {
	case rec = <-repaired:
	case <-time.After(30 * time.Second):
		t.Fatal("the damage met by a query was not repaired")
	}
	if rec.Kind != Corrupt || rec.Salvaged.Pending != 1 {
		t.Errorf("Recovery = %+v", rec)
	}
	if as, err := s.Attractions(ctx, AttractionFilter{}); err != nil || len(as) != 26 {
		t.Fatalf("attractions after the repair: %d, %v", len(as), err)
	}
	sent, err := s.FeedbackSent(ctx)
	if err != nil || len(sent) != 1 || sent[0].LocalID != fb.LocalID || sent[0].Status != RequestPending {
		t.Errorf("feedback after the repair: %+v, %v", sent, err)
	}
}

// TestWritesDuringRepairAreKept writes favourites (one statement each) and
// feedback (a transaction each) without pause while the store is repaired
// under them: every write that succeeded is in the repaired store, none
// fails, and none is applied twice.
func TestWritesDuringRepairAreKept(t *testing.T) {
	ctx := context.Background()
	s, _ := damageWhileOpen(t)
	repaired := waitRepair(t, s)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var favs []string
	var feedback int
	var errs []error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			var err error
			if i%2 == 0 {
				id := fmt.Sprintf("w-%05d", i)
				if err = s.SetFavourite(ctx, FavouriteAttraction, id, true); err == nil {
					mu.Lock()
					favs = append(favs, id)
					mu.Unlock()
				}
			} else if _, err = s.SendFeedback(ctx, platform.FeedbackRequest{Category: "其他", Text: fmt.Sprint(i)}); err == nil {
				mu.Lock()
				feedback++
				mu.Unlock()
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}
	}()
	_, _ = s.Attractions(ctx, AttractionFilter{}) // meets the damage
	select {
	case <-repaired:
	case <-time.After(30 * time.Second):
		t.Fatal("not repaired")
	}
	time.Sleep(50 * time.Millisecond) // a few writes after the repair too
	close(stop)
	wg.Wait()
	if len(errs) > 0 {
		t.Errorf("%d writes failed during the repair, the first: %v", len(errs), errs[0])
	}
	got, err := s.Favourites(ctx, FavouriteAttraction)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, id := range got {
		have[id] = true
	}
	for _, id := range favs {
		if !have[id] {
			t.Errorf("favourite %s was written but is not in the repaired store", id)
		}
	}
	sent, err := s.FeedbackSent(ctx)
	if err != nil || len(sent) != feedback+1 {
		t.Errorf("feedback in the repaired store: %d, want the %d written and the first: %v", len(sent), feedback, err)
	}
	t.Logf("%d favourites and %d messages written around the repair", len(favs), feedback)
	if len(favs) == 0 || feedback == 0 {
		t.Error("nothing was written during the test")
	}
}
