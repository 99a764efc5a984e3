package offline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"jiangsupass/platform/server"
)

// beginSignInAs starts a sign-in of demo account on the store's server.
func beginSignInAs(t *testing.T, s *Store, ps *platformServer, account int) *SignInOffer {
	t.Helper()
	ctx := context.Background()
	c := testClient(ps.HTTP.URL, nil)
	phone := server.DemoAccounts[account].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	o, err := s.BeginSignIn(ctx, c, phone, ps.code(phone))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// syncedSignedOut is a store synced from a reference server on loopback,
// no one signed in.
func syncedSignedOut(t *testing.T) (*Store, *platformServer) {
	t.Helper()
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	s := openSyncStore(t)
	if err := s.UseServer(ctx, ps.HTTP.URL); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, testClient(ps.HTTP.URL, nil), fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	return s, ps
}

// TestSignedOutVisitorsFollowTheChoice: a tourist saves a visitor signed
// out and has no request waiting; the sign-in still asks, naming the
// visitor, and the visitor follows the answer: taken on, it is the
// resident's with the same ID (a booking in progress still finds it);
// removed, it is gone; left, it is out of the resident's sight and back
// for the next sign-in that takes it on. What stays is sealed under a new
// key: the old one no longer opens the record.
func TestSignedOutVisitorsFollowTheChoice(t *testing.T) {
	for _, fate := range []Fate{Adopt, Remove, Leave} {
		t.Run(map[Fate]string{Adopt: "adopt", Remove: "remove", Leave: "leave"}[fate], func(t *testing.T) {
			ctx := context.Background()
			s, ps := syncedSignedOut(t)
			v, err := s.SaveVisitor(ctx, Visitor{Name: "Alex Smith", DocKind: "passport", DocNumber: "GB1234567"})
			if err != nil {
				t.Fatal(err)
			}
			oldKey, err := os.ReadFile(filepath.Join(filepath.Dir(s.path), PersonalKeyFile))
			if err != nil {
				t.Fatal(err)
			}
			o := beginSignInAs(t, s, ps, 0)
			if !o.Asks() || len(o.SignedOutVisitors) != 1 || o.SignedOutVisitors[0].ID != v.ID || o.OthersVisitors != 0 {
				t.Fatalf("offer with a visitor saved signed out and no request: asks %v, visitors %+v, others %d",
					o.Asks(), o.SignedOutVisitors, o.OthersVisitors)
			}
			if _, err := o.Finish(ctx, SignInChoice{SignedOut: fate}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Visitors(ctx)
			if err != nil {
				t.Fatal(err)
			}
			switch fate {
			case Adopt:
				if len(got) != 1 || got[0] != v {
					t.Fatalf("the visitor taken on: %+v, want %+v", got, v)
				}
			default:
				if len(got) != 0 {
					t.Fatalf("the resident sees %+v, which they did not take on", got)
				}
			}
			var sealed []byte
			err = s.db.QueryRowContext(ctx, "SELECT sealed FROM personal_records WHERE name = ?", recVisitors).Scan(&sealed)
			if fate == Remove {
				if err == nil {
					t.Fatal("the visitors removed by choice are still stored")
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				old, _ := newAEAD(oldKey)
				if _, err := unseal(old, recVisitors, sealed); err == nil {
					t.Error("the visitors kept are still sealed under the key of before the sign-in")
				}
			}
			if fate != Leave {
				return
			}
			if err := s.SignOut(ctx); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Visitors(ctx); len(got) != 0 {
				t.Errorf("a sign-out left visitors: %+v", got)
			}
		})
	}
}

// TestOtherResidentsVisitors: a resident's saved visitors are another
// person's for whoever signs in next: counted in the question, never
// shown, kept for them or removed as chosen.
func TestOtherResidentsVisitors(t *testing.T) {
	for _, fate := range []Fate{Leave, Remove} {
		t.Run(map[Fate]string{Leave: "leave", Remove: "remove"}[fate], func(t *testing.T) {
			ctx := context.Background()
			s, ps := syncedSignedOut(t)
			if _, err := beginSignInAs(t, s, ps, 0).Finish(ctx, SignInChoice{}); err != nil {
				t.Fatal(err)
			}
			v, err := s.SaveVisitor(ctx, Visitor{Name: "王小明", DocKind: "id_card", DocNumber: "320102198503151230"})
			if err != nil {
				t.Fatal(err)
			}
			o := beginSignInAs(t, s, ps, 1)
			if !o.Asks() || o.OthersVisitors != 1 || len(o.SignedOutVisitors) != 0 {
				t.Fatalf("offer to a second resident: visitors %+v, others' %d", o.SignedOutVisitors, o.OthersVisitors)
			}
			if _, err := o.Finish(ctx, SignInChoice{Others: fate}); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Visitors(ctx); len(got) != 0 {
				t.Fatalf("the second resident sees the first's visitors: %+v", got)
			}
			if _, err := beginSignInAs(t, s, ps, 0).Finish(ctx, SignInChoice{}); err != nil {
				t.Fatal(err)
			}
			got, _ := s.Visitors(ctx)
			if fate == Leave && (len(got) != 1 || got[0] != v) || fate == Remove && len(got) != 0 {
				t.Errorf("back to the first resident after %v: %+v", fate, got)
			}
		})
	}
}

// TestLegacyVisitorList: a list saved signed out before visitors had
// owners (a bare list) is the signed-out person's at the next sign-in.
func TestLegacyVisitorList(t *testing.T) {
	ctx := context.Background()
	s, ps := syncedSignedOut(t)
	v := Visitor{ID: "a1", Name: "Alex Smith", DocKind: "passport", DocNumber: "GB1234567"}
	if err := s.putPersonal(ctx, recVisitors, []Visitor{v}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Visitors(ctx); err != nil || len(got) != 1 {
		t.Fatalf("legacy list read signed out: %+v, %v", got, err)
	}
	o := beginSignInAs(t, s, ps, 0)
	if len(o.SignedOutVisitors) != 1 {
		t.Fatalf("the legacy list is not offered: %+v", o.SignedOutVisitors)
	}
	if _, err := o.Finish(ctx, SignInChoice{SignedOut: Adopt}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Visitors(ctx); len(got) != 1 || got[0] != v {
		t.Errorf("the legacy visitor taken on: %+v", got)
	}
}
