// Package codestest signs trust lists and credentials with the reference
// platform's demo keys, for tests that need a terminal's view of real
// signed codes without a platform server. The app never imports it: the
// demo keys derive from public labels and protect nothing.
package codestest

import (
	"crypto/ecdsa"
	"testing"
	"time"

	"jiangsupass/codes"
)

// Anchors are the demo trust anchors: a store or verifier opened with them
// accepts the trust lists TrustList signs, and the reference server's.
func Anchors() []*ecdsa.PublicKey { return codes.DemoAnchors() }

// TrustList is the trust list of the four Delta issuers, their first keys
// valid from a year before now, issued at now with sequence number seq and
// the given credentials revoked, signed by the demo anchor.
func TrustList(t testing.TB, seq int64, now time.Time, revoked ...[]byte) []byte {
	t.Helper()
	tl, err := codes.DemoTrustList(seq, now.AddDate(-1, 0, 0), now)
	if err != nil {
		t.Fatal(err)
	}
	tl.Revoked = revoked
	signed, err := codes.SignTrustList(tl, codes.DemoKey(codes.DemoAnchorLabel))
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// Holder is a device holding one credential from Jiangsu's demo issuer.
type Holder struct {
	Device     *codes.Device
	Credential []byte // as signed
	ID         []byte // the credential's id, as a revocation names it
}

// NewHolder has Jiangsu's first demo issuer key sign c, bound to a new
// device, at issued.
func NewHolder(t testing.TB, c codes.Credential, issued time.Time) *Holder {
	t.Helper()
	dev, err := codes.NewDevice()
	if err != nil {
		t.Fatal(err)
	}
	iss, err := codes.NewIssuer("CN-JS", codes.DemoIssuerKey("CN-JS", 1))
	if err != nil {
		t.Fatal(err)
	}
	c.DeviceKey = dev.PublicKey()
	signed, err := iss.Issue(c, issued)
	if err != nil {
		t.Fatal(err)
	}
	read, err := codes.ReadCredential(signed)
	if err != nil {
		t.Fatal(err)
	}
	return &Holder{Device: dev, Credential: signed, ID: read.ID}
}

// Show is the code the holder's device shows at now.
func (h *Holder) Show(t testing.TB, now time.Time) string {
	t.Helper()
	code, err := h.Device.Present(h.Credential, now)
	if err != nil {
		t.Fatal(err)
	}
	return code
}
