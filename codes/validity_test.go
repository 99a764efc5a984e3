package codes

import (
	"crypto/ecdsa"
	"strings"
	"testing"
	"time"
)

// signUnchecked signs c with key as its issuer would, without the checks
// Issue makes: what someone holding a retired key could sign.
func signUnchecked(t testing.TB, key *ecdsa.PrivateKey, c Credential) []byte {
	t.Helper()
	kid, err := KeyID(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	payload, err := marshalCredential(&c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := signSign1(key, kid, payload)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rotatedTrust is the demo list with Jiangsu's first key retired at
// retired and its second key signing since then.
func rotatedTrust(t *testing.T, retired time.Time) *TrustList {
	t.Helper()
	tl, _ := DemoTrustList(2, retired.AddDate(-1, 0, 0), t0)
	old, _ := NewTrustedKey(&DemoIssuerKey("CN-JS", 1).PublicKey, retired.AddDate(-1, 0, 0), retired)
	next, _ := NewTrustedKey(&DemoIssuerKey("CN-JS", 2).PublicKey, retired, time.Time{})
	tl.Issuers[0].Keys = []TrustedKey{old, next}
	return resign(t, tl)
}

// TestBackDatedLongLivedRefused: the key of a Jiangsu generation retired
// a day ago stays on the list for what it signed before; someone holding
// it signs, back-dated to before the rotation, a credential valid for ten
// years. It is refused for its length, of each kind, while one that runs
// as long as its kind may still verifies.
func TestBackDatedLongLivedRefused(t *testing.T) {
	retired := t0.Add(-24 * time.Hour)
	trust := rotatedTrust(t, retired)
	dev := mustDevice(t)
	for _, kind := range Kinds {
		issued := retired.Add(-time.Hour)
		c := Credential{Issuer: "CN-JS", ID: make([]byte, CredentialIDLen), Kind: kind, IssuedAt: issued.Unix(),
			NotBefore: issued.Unix(), Expires: issued.AddDate(10, 0, 0).Unix(), DeviceKey: dev.PublicKey(), Holder: "张*"}
		c.ID[0] = byte(kind)
		code := mustPresent(t, dev, signUnchecked(t, DemoIssuerKey("CN-JS", 1), c), t0)
		expectReason(t, kind.String()+": back-dated, ten years", NewVerifier(), code, trust, t0, ReasonValidityTooLong)

		c.ID[1] = 1
		c.Expires = issued.Add(kind.LongestValidity()).Unix()
		code = mustPresent(t, dev, signUnchecked(t, DemoIssuerKey("CN-JS", 1), c), t0)
		if _, err := Check(code, trust, t0); err != nil {
			t.Errorf("%s: a credential of the longest validity: %v", kind, err)
		}
		c.ID[1] = 2
		c.Expires++
		code = mustPresent(t, dev, signUnchecked(t, DemoIssuerKey("CN-JS", 1), c), t0)
		expectReason(t, kind.String()+": a second longer", NewVerifier(), code, trust, t0, ReasonValidityTooLong)
	}
}

// TestIssuerRefusesOverLong: an issuer does not sign what no verifier
// would accept.
func TestIssuerRefusesOverLong(t *testing.T) {
	f := newFixture(t)
	for _, kind := range Kinds {
		_, err := f.issuer.Issue(Credential{Kind: kind, NotBefore: t0.Unix(), Expires: t0.Add(kind.LongestValidity() + time.Second).Unix(),
			DeviceKey: f.device.PublicKey(), Holder: "张*"}, t0)
		if err == nil || !strings.Contains(err.Error(), "longer") {
			t.Errorf("%s: issued a credential longer than its kind may run: %v", kind, err)
		}
	}
}

// TestRetiredKeyLeavesTheList: a retired key is needed until the longest
// validity of any kind has passed since it retired, and a list that still
// carries it after that is not signed.
func TestRetiredKeyLeavesTheList(t *testing.T) {
	retired := t0.AddDate(-5, 0, 0)
	k, _ := NewTrustedKey(&DemoIssuerKey("CN-JS", 1).PublicKey, retired.AddDate(-1, 0, 0), retired)
	last := retired.Add(LongestValidityOfAnyKind())
	if LongestValidityOfAnyKind() != LongestTicketValidity {
		t.Fatalf("longest validity of any kind %s", LongestValidityOfAnyKind())
	}
	for _, c := range []struct {
		at   time.Time
		want bool
	}{{retired, true}, {last.Add(-time.Second), true}, {last, false}, {t0, false}} {
		if got := k.Needed(c.at); got != c.want {
			t.Errorf("retired %s, needed at %s: %v, want %v", retired, c.at, got, c.want)
		}
	}
	current, _ := NewTrustedKey(&DemoIssuerKey("CN-JS", 2).PublicKey, retired, time.Time{})
	if !current.Needed(t0.AddDate(50, 0, 0)) {
		t.Error("a key that has not retired is not needed")
	}

	// Five years after the rotation, a list with the old key is refused;
	// a day before its end, it is signed.
	tl, _ := DemoTrustList(2, retired, t0)
	tl.Issuers[0].Keys = []TrustedKey{k, current}
	if _, err := SignTrustList(tl, DemoKey(DemoAnchorLabel)); err == nil {
		t.Error("signed a list that carries a key retired five years ago")
	}
	tl.IssuedAt = last.Add(-24 * time.Hour).Unix()
	if _, err := SignTrustList(tl, DemoKey(DemoAnchorLabel)); err != nil {
		t.Errorf("a key still needed: %v", err)
	}
}
