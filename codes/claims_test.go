package codes

import (
	"bytes"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// TestClaimsAreCWT reads a credential's payload with a generic CBOR
// decoder, as any CWT tool would, and finds each registered claim of RFC
// 8392 under its registered key with its meaning (iss 1, exp 4, nbf 5,
// iat 6, cti 7), the device key as a COSE_Key in cnf (8, RFC 8747), and
// nothing else but the one private-use claim.
func TestClaimsAreCWT(t *testing.T) {
	f := newFixture(t)
	issued := t0.Add(-time.Hour)
	signed := f.credential(t, f.issuer, f.device, KindTicket)
	var tagged cbor.Tag
	if err := cbor.Unmarshal(signed, &tagged); err != nil {
		t.Fatal(err)
	}
	var claims map[int64]any
	if err := cbor.Unmarshal(tagged.Content.([]any)[2].([]byte), &claims); err != nil {
		t.Fatal(err)
	}
	num := func(k int64) int64 {
		switch v := claims[k].(type) {
		case uint64:
			return int64(v)
		case int64:
			return v
		}
		t.Fatalf("claim %d is %T", k, claims[k])
		return 0
	}
	if claims[1] != "CN-JS" {
		t.Errorf("iss (1) = %v", claims[1])
	}
	if got := num(4); got != t0.Add(72*time.Hour).Unix() {
		t.Errorf("exp (4) = %d, want the end of validity %d", got, t0.Add(72*time.Hour).Unix())
	}
	if got := num(5); got != issued.Unix() {
		t.Errorf("nbf (5) = %d", got)
	}
	if got := num(6); got != issued.Unix() {
		t.Errorf("iat (6) = %d, want the issue time %d", got, issued.Unix())
	}
	if id, _ := claims[7].([]byte); len(id) != CredentialIDLen {
		t.Errorf("cti (7) = %v", claims[7])
	}
	cnf, _ := claims[8].(map[any]any)
	key, _ := cnf[uint64(1)].(map[any]any)
	x, _ := key[int64(-2)].([]byte)
	y, _ := key[int64(-3)].([]byte)
	if key[uint64(1)] != uint64(2) || key[int64(-1)] != uint64(1) ||
		!bytes.Equal(append(append([]byte{4}, x...), y...), f.device.PublicKey()) {
		t.Errorf("cnf (8) = %v, want the device's key as an EC2 P-256 COSE_Key", claims[8])
	}
	pass, _ := claims[-65537].(map[any]any)
	if pass[uint64(1)] != uint64(KindTicket) || pass[uint64(2)] != "张*" {
		t.Errorf("the private claim (-65537) = %v", claims[-65537])
	}
	if len(claims) != 7 {
		t.Errorf("%d claims, want 7: %v", len(claims), claims)
	}
}

// oldLayoutCode is a code whose credential is in the first claim layout,
// correctly signed by a trusted key: what an app from before the CWT keys
// shows.
func oldLayoutCode(t testing.TB, f *fixture, kind Kind) string {
	t.Helper()
	payload, err := encMode.Marshal(firstLayout{Issuer: "CN-JS", ID: make([]byte, CredentialIDLen), Kind: kind,
		IssuedAt: t0.Add(-time.Hour).Unix(), NotBefore: t0.Add(-time.Hour).Unix(), Expires: t0.Add(72 * time.Hour).Unix(),
		DeviceKey: f.device.PublicKey(), Holder: "张*"})
	if err != nil {
		t.Fatal(err)
	}
	cred, err := signSign1(f.issuer.key, f.issuer.kid, payload)
	if err != nil {
		t.Fatal(err)
	}
	code, err := f.device.wrap(kind, cred, t0)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// TestOldLayoutRefused: a code in the first layout is refused with its
// own reason, and the holder's device cannot present its credential
// either (its app renews it on the next sync).
func TestOldLayoutRefused(t *testing.T) {
	f := newFixture(t)
	for _, kind := range Kinds {
		expectReason(t, kind.String()+" in the old layout", NewVerifier(), oldLayoutCode(t, f, kind), f.trust, t0, ReasonOldFormat)
	}
	_, msg, err := unwrap(oldLayoutCode(t, f, KindService))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := decodeSign1(msg)
	var p presentation
	if err := decMode.Unmarshal(d.msg.Payload, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCredential(p.Credential); ReasonOf(err) != ReasonOldFormat {
		t.Errorf("reading an old credential: %v", err)
	}
	if _, err := f.device.Present(p.Credential, t0); ReasonOf(err) != ReasonOldFormat {
		t.Errorf("presenting an old credential: %v", err)
	}
}
