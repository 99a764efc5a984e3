package offline

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestFavouritesPersist marks two attractions, unmarks one, reopens the
// file, and finds the other still marked; marking twice keeps one row.
func TestFavouritesPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fav.db")
	s, _ := openAt(t, path)
	for _, id := range []string{"5a-001", "5a-002", "5a-002"} {
		if err := s.SetFavourite(ctx, FavouriteAttraction, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetFavourite(ctx, FavouriteAttraction, "5a-001", false); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, _ = openAt(t, path)
	got, err := s.Favourites(ctx, FavouriteAttraction)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []string{"5a-002"}) {
		t.Errorf("favourites after reopening = %v, want [5a-002]", got)
	}
	for id, want := range map[string]bool{"5a-001": false, "5a-002": true, "5a-999": false} {
		on, err := s.IsFavourite(ctx, FavouriteAttraction, id)
		if err != nil || on != want {
			t.Errorf("IsFavourite(%s) = %v, %v; want %v", id, on, err, want)
		}
	}
}

// TestFavouritesOrderAndErrors lists the newest first and refuses an empty
// ID without storing anything.
func TestFavouritesOrderAndErrors(t *testing.T) {
	ctx := context.Background()
	now := testNow
	s, _, err := Open(ctx, filepath.Join(t.TempDir(), "f.db"), Options{Anchors: testAnchors, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range []string{"a", "b", "c"} {
		now = now.Add(time.Minute)
		if err := s.SetFavourite(ctx, FavouriteAttraction, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetFavourite(ctx, FavouriteAttraction, "", true); err == nil {
		t.Error("an empty ID was accepted")
	}
	got, _ := s.Favourites(ctx, FavouriteAttraction)
	if !reflect.DeepEqual(got, []string{"c", "b", "a"}) {
		t.Errorf("order = %v, want [c b a]", got)
	}
	if other, _ := s.Favourites(ctx, "service"); len(other) != 0 {
		t.Errorf("another kind holds %v", other)
	}
}
