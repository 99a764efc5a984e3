package codes

import (
	"crypto/ecdsa"
	"testing"
	"time"
)

// t0 is the tests' clock: a weekday morning.
var t0 = time.Date(2026, 5, 1, 9, 30, 5, 0, time.UTC)

// fixture is a trust list of the four Delta issuers, Jiangsu's issuer, one
// device and a verifier.
type fixture struct {
	trust    *TrustList
	issuer   *Issuer
	device   *Device
	verifier *Verifier
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureAt(t, t0)
}

// newFixtureAt is a fixture whose trust list was issued at now, its keys
// valid from a year before.
func newFixtureAt(t testing.TB, now time.Time) *fixture {
	t.Helper()
	tl, err := DemoTrustList(1, now.Add(-365*24*time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignTrustList(tl, DemoKey(DemoAnchorLabel))
	if err != nil {
		t.Fatal(err)
	}
	opened, err := OpenTrustList(signed, DemoAnchors())
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{trust: opened, issuer: mustIssuer(t, "CN-JS", DemoIssuerKey("CN-JS", 1)), device: mustDevice(t), verifier: NewVerifier()}
}

func mustIssuer(t testing.TB, id string, key *ecdsa.PrivateKey) *Issuer {
	t.Helper()
	i, err := NewIssuer(id, key)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func mustDevice(t testing.TB) *Device {
	t.Helper()
	d, err := NewDevice()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// credential issues a credential of kind for dev, valid for three days
// around t0.
func (f *fixture) credential(t testing.TB, iss *Issuer, dev *Device, kind Kind) []byte {
	t.Helper()
	b, err := iss.Issue(Credential{
		Kind: kind, NotBefore: t0.Add(-time.Hour).Unix(), Expires: t0.Add(72 * time.Hour).Unix(),
		DeviceKey: dev.PublicKey(), Holder: "张*", Ref: "3201**********1234",
		Extra: map[string]string{"city": "320100"},
	}, t0.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// code presents a fresh credential of kind at time at.
func (f *fixture) code(t testing.TB, kind Kind, at time.Time) string {
	t.Helper()
	c, err := f.device.Present(f.credential(t, f.issuer, f.device, kind), at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
