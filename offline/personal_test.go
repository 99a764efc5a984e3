package offline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// signInPersonal signs a new store in as the first demo account and syncs
// the resident's side, on the live clock.
func signInPersonal(t *testing.T) (*Store, *platformServer, *platform.Client) {
	t.Helper()
	return signInPersonalOn(t, liveClock)
}

// signInPersonalOn is signInPersonal with the clock that the store and the
// platform share.
func signInPersonalOn(t *testing.T, now func() time.Time) (*Store, *platformServer, *platform.Client) {
	t.Helper()
	ctx := context.Background()
	ps := startPlatform(t, server.Options{Now: now})
	s, _, err := Open(ctx, seededCopy(t), Options{Anchors: testAnchors, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	c := testClient(ps.HTTP.URL, nil)
	signInStore(t, s, ps, c, 0)
	return s, ps, c
}

// TestPersonalDataIsSealedAtRest signs in, syncs the card, and searches
// the database file, its WAL and every file of the data directory for the
// card's numbers, the holder's name and the tokens in clear: none may be
// there. The key file is the user's alone; sign-out removes every
// personal row and the key.
func TestPersonalDataIsSealedAtRest(t *testing.T) {
	ctx := context.Background()
	s, _, c := signInPersonal(t)
	rec, err := s.Card(ctx)
	if err != nil {
		t.Fatal(err)
	}
	card := rec.Card
	if card.Name != server.DemoAccounts[0].Name || len(card.SocialNo) != 18 || card.CardNo == "" {
		t.Fatalf("card as synced: %+v", card)
	}
	secrets := map[string][]byte{
		"name": []byte(card.Name), "social security number": []byte(card.SocialNo), "card number": []byte(card.CardNo),
		"access token": []byte(c.Tokens().AccessToken), "refresh token": []byte(c.Tokens().RefreshToken),
	}
	dir := filepath.Dir(s.Path())
	if _, err := os.Stat(s.Path() + "-wal"); err != nil {
		t.Fatalf("the WAL is not there to search: %v", err)
	}
	searchDir(t, dir, secrets, 3)
	info, err := os.Stat(filepath.Join(dir, PersonalKeyFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want 0600", err, info.Mode().Perm())
	}

	searchCanFail(t, dir, secrets, "x"+card.SocialNo)

	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "personal_records"); n != 0 {
		t.Errorf("%d personal records after sign-out", n)
	}
	if _, err := os.Stat(filepath.Join(dir, PersonalKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("key file after sign-out: %v", err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, ErrSignedOut) {
		t.Errorf("session after sign-out: %v", err)
	}
	if _, _, err := s.SignedTrustList(ctx); err != nil {
		t.Errorf("the public trust list went with the sign-out: %v", err)
	}
	s.Close()
	searchDir(t, dir, secrets, 1)
}

// searchCanFail shows that the search of dir finds a secret once it is
// written in clear (as part of clear) in a file there.
func searchCanFail(t *testing.T, dir string, secrets map[string][]byte, clear string) {
	t.Helper()
	path := filepath.Join(dir, "clear.txt")
	if err := os.WriteFile(path, []byte(clear), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(path)
	if found := findIn(t, dir, secrets); len(found) == 0 {
		t.Fatal("the search missed a secret written in clear: it could never fail")
	}
}

// searchDir fails the test when any secret is in any file under dir, and
// when fewer than min database files were searched.
func searchDir(t *testing.T, dir string, secrets map[string][]byte, min int) {
	t.Helper()
	for _, f := range findIn(t, dir, secrets) {
		t.Errorf("found in clear: %s", f)
	}
	var dbFiles int
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".db" || filepath.Ext(e.Name()) == ".db-wal" || filepath.Ext(e.Name()) == ".db-shm" {
			dbFiles++
		}
	}
	if dbFiles < min {
		t.Errorf("searched %d database files, want at least %d", dbFiles, min)
	}
}

// findIn lists "what in which file" for every secret found under dir.
func findIn(t *testing.T, dir string, secrets map[string][]byte) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for what, v := range secrets {
			if len(v) > 0 && bytes.Contains(b, v) {
				found = append(found, what+" in "+filepath.Base(path))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestCodesWorkOffline shows a code from the synced credential with the
// server gone, and verifies it against the kept trust list.
func TestCodesWorkOffline(t *testing.T) {
	ctx := context.Background()
	s, ps, _ := signInPersonal(t)
	ps.HTTP.Close()
	tl, err := s.TrustList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v := codes.NewVerifier()
	for _, kind := range []string{platform.CredentialService, platform.CredentialCard} {
		shown, err := s.PresentCode(ctx, kind, liveClock())
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		res, err := v.Verify(shown.Text, tl, liveClock())
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if res.Credential.Holder != "张*" || res.Issuer.ID != "CN-JS" {
			t.Errorf("%s: verified %+v", kind, res.Credential)
		}
	}
	sess, _ := s.Session(ctx)
	if d := sess.ClockOffset; d < -5*time.Second || d > 5*time.Second {
		t.Errorf("clock offset %v between two clocks of one machine", d)
	}
}

// TestCardLossRevokesCardCode reports the card lost through the outbox:
// the card shows suspended, its credential is dropped, and the trust list
// revokes the code a thief might have copied; the service code still works.
func TestCardLossRevokesCardCode(t *testing.T) {
	ctx := context.Background()
	s, ps, c := signInPersonal(t)
	before, err := s.PresentCode(ctx, platform.CredentialCard, liveClock())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, platform.CardLoss, platform.CardLossRequest{Reason: "lost"}); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
	rec, _ := s.Card(ctx)
	if rec.Card.Status != platform.CardSuspended {
		t.Errorf("card status %q after the loss report", rec.Card.Status)
	}
	if _, err := s.PresentCode(ctx, platform.CredentialCard, liveClock()); !errors.Is(err, ErrNotFound) {
		t.Errorf("card code after the loss: %v", err)
	}
	tl, _ := s.TrustList(ctx)
	if _, err := codes.Check(before.Text, tl, liveClock()); codes.ReasonOf(err) != codes.ReasonRevoked {
		t.Errorf("the card code from before the loss: %v, want revoked", err)
	}
	if _, err := s.PresentCode(ctx, platform.CredentialService, liveClock()); err != nil {
		t.Errorf("service code after the card loss: %v", err)
	}
	if applied, _ := ps.Applied(ctx, platform.CardLoss); len(applied) != 1 {
		t.Errorf("the server applied %d loss reports", len(applied))
	}
}

// TestIssuerKeyRotation rotates Jiangsu's key on the server: codes of the
// old credential keep verifying on the new list, and a renewed credential
// is signed with the new key.
func TestIssuerKeyRotation(t *testing.T) {
	ctx := context.Background()
	s, ps, c := signInPersonal(t)
	old, _ := s.PresentCode(ctx, platform.CredentialService, liveClock())
	seq0, _, _ := s.SignedTrustList(ctx)
	if _, err := ps.RotateIssuerKey(ctx, "CN-JS"); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
	seq1, _, _ := s.SignedTrustList(ctx)
	tl, _ := s.TrustList(ctx)
	if seq1 <= seq0 {
		t.Errorf("trust list seq %d after the rotation, was %d", seq1, seq0)
	}
	if _, err := codes.Check(old.Text, tl, liveClock()); err != nil {
		t.Errorf("old credential after the rotation: %v", err)
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM personal_records WHERE name = ?", recCredPfx+platform.CredentialService); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
	fresh, err := s.PresentCode(ctx, platform.CredentialService, liveClock())
	if err != nil {
		t.Fatal(err)
	}
	res, err := codes.Check(fresh.Text, tl, liveClock())
	if err != nil {
		t.Fatal(err)
	}
	kid2, _ := codes.KeyID(&codes.DemoIssuerKey("CN-JS", 2).PublicKey)
	iss, _ := tl.Issuer("CN-JS")
	if len(iss.Keys) != 2 || !bytes.Equal(iss.Keys[1].Kid, kid2) || res.Issuer.ID != "CN-JS" {
		t.Errorf("keys after the rotation: %+v", iss.Keys)
	}
}

// TestSealedRecordsRefuseTampering: a changed byte or a record moved under
// another name does not open, and reading it changes nothing.
func TestSealedRecordsRefuseTampering(t *testing.T) {
	ctx := context.Background()
	s := openSyncStore(t)
	if err := s.SaveSession(ctx, Session{Profile: platform.Profile{Name: "王*"}}); err != nil {
		t.Fatal(err)
	}
	var sealed []byte
	if err := s.db.QueryRowContext(ctx, "SELECT sealed FROM personal_records WHERE name = 'session'").Scan(&sealed); err != nil {
		t.Fatal(err)
	}
	sealed[20] ^= 1
	if _, err := s.db.ExecContext(ctx, "UPDATE personal_records SET sealed = ? WHERE name = 'session'", sealed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, errSealed) {
		t.Errorf("changed record: %v", err)
	}
	if err := s.SaveCard(ctx, CardRecord{Card: platform.Card{Name: "王五"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE personal_records SET sealed = (SELECT sealed FROM personal_records WHERE name = 'card') WHERE name = 'session'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, errSealed) {
		t.Errorf("record moved under another name: %v", err)
	}
	if _, err := s.Card(ctx); err != nil {
		t.Errorf("the untouched record: %v", err)
	}
}

// TestKioskKeepsKeyInMemory: a store in memory seals with a key that
// never reaches a file.
func TestKioskKeepsKeyInMemory(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, "", Options{Memory: true, Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveSession(ctx, Session{Profile: platform.Profile{Name: "赵*"}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Session(ctx); err != nil || got.Profile.Name != "赵*" {
		t.Fatalf("session %+v, %v", got, err)
	}
	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, ErrSignedOut) {
		t.Errorf("after sign-out: %v", err)
	}
}

// TestOlderTrustListNeverReplacesNewer guards against a replayed old list
// bringing back a revoked credential.
func TestOlderTrustListNeverReplacesNewer(t *testing.T) {
	ctx := context.Background()
	s := openSyncStore(t)
	if ok, err := s.SaveSignedTrustList(ctx, 5, []byte("five")); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if ok, _ := s.SaveSignedTrustList(ctx, 4, []byte("four")); ok {
		t.Error("an older list replaced a newer one")
	}
	if seq, b, _ := s.SignedTrustList(ctx); seq != 5 || string(b) != "five" {
		t.Errorf("kept seq %d %q", seq, b)
	}
}

func FuzzUnseal(f *testing.F) {
	aead, _ := (&Store{memory: true}).personalAEAD(true)
	sealed, _ := seal(aead, "card", []byte(`{"Card":{}}`))
	f.Add("card", sealed)
	f.Add("session", []byte{})
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		if plain, err := unseal(aead, name, b); err == nil && name != "card" && bytes.Equal(b, sealed) {
			t.Fatalf("opened under %q: %s", name, plain)
		}
	})
}

// TestTrustListSyncsWithoutSignIn: a verifying terminal, never signed in,
// gets the signed trust list; a list signed by anyone but an anchor is
// refused and the kept one stays.
func TestTrustListSyncsWithoutSignIn(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	s := openSyncStore(t)
	if err := s.SyncPersonal(ctx, testClient(ps.HTTP.URL, nil)); err != nil {
		t.Fatal(err)
	}
	tl, err := s.TrustList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := tl.IssuerIDs(); len(got) != 4 {
		t.Errorf("issuers %v, want the four of the Delta", got)
	}
	seq, kept, _ := s.SignedTrustList(ctx)

	forged, _ := codes.DemoTrustList(seq+100, liveClock(), liveClock())
	signed, _ := codes.SignTrustList(forged, codes.DemoKey("not an anchor"))
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(platform.SignedTrustList{Seq: forged.Seq, Signed: signed})
	}))
	defer fake.Close()
	if err := s.SyncPersonal(ctx, testClient(fake.URL, nil)); codes.ReasonOf(err) != codes.ReasonUnknownIssuer {
		t.Errorf("forged list: %v", err)
	}
	if seq2, b, _ := s.SignedTrustList(ctx); seq2 != seq || !bytes.Equal(b, kept) {
		t.Errorf("the forged list replaced the kept one (seq %d → %d)", seq, seq2)
	}
}

// TestSyncFromBeforeSignOutWritesNothing: a sync that began before a
// sign-out cannot bring a record, or the key, back after it.
func TestSyncFromBeforeSignOutWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := openSyncStore(t)
	if err := s.SaveSession(ctx, Session{Profile: platform.Profile{Name: "钱*"}}); err != nil {
		t.Fatal(err)
	}
	epoch := s.personalEpoch()
	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.putPersonalIn(ctx, epoch, recCard, CardRecord{Card: platform.Card{Name: "钱七"}}); !errors.Is(err, ErrSignedOut) {
		t.Errorf("late write: %v", err)
	}
	if err := s.KeepTokens(ctx, "", platform.Tokens{AccessToken: "late"}); err != nil {
		t.Errorf("late tokens: %v", err)
	}
	if n := count(t, s, "personal_records"); n != 0 {
		t.Errorf("%d personal records after a late write", n)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(s.Path()), PersonalKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("key file after a late write: %v", err)
	}
}
