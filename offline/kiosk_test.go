package offline

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"jiangsupass/platform"
)

// TestForgetVisitor: a visitor's session, card and favourite in a memory
// store are all gone after the kiosk reset, and public data stays.
func TestForgetVisitor(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, "", Options{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveSession(ctx, Session{SignedInAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCard(ctx, CardRecord{Card: platform.Card{}, FetchedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFavourite(ctx, "attraction", "x", true); err != nil {
		t.Fatal(err)
	}
	if n, err := s.VisitorRows(ctx); err != nil || n != 3 {
		t.Fatalf("visitor rows before the reset: %d, %v; want 3", n, err)
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ForgetVisitor(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := s.VisitorRows(ctx); err != nil || n != 0 {
		t.Errorf("visitor rows after the reset: %d, %v", n, err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, ErrSignedOut) {
		t.Errorf("session after the reset: %v", err)
	}
	if after, err := s.Stats(ctx); err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("public data changed: %+v → %+v, %v", before, after, err)
	}
}
