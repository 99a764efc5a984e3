package codes

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"fmt"
	"time"
)

// DemoKey derives a P-256 key from a label. The reference platform and the
// tests use such keys so that a reference server and its tests started
// apart agree on them. The labels are public, so these keys protect
// nothing: a real deployment signs with keys of its own and gives the app
// its own anchors (see assets/trust). The app itself never calls this.
func DemoKey(label string) *ecdsa.PrivateKey {
	for i := 0; ; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("jiangsupass demo key %d %s", i, label)))
		if key, err := ecdsa.ParseRawPrivateKey(p256, sum[:]); err == nil {
			return key
		}
	}
}

// DemoAnchorLabel names the demo trust anchor's key.
const DemoAnchorLabel = "trust anchor 1"

// DemoAnchors are the reference platform's demo trust anchors: the public
// half of DemoKey(DemoAnchorLabel). The reference server and tests trust
// them; the app trusts the anchors it is built or configured with, which in
// a development build are these, written out in assets/trust.
func DemoAnchors() []*ecdsa.PublicKey {
	return []*ecdsa.PublicKey{&DemoKey(DemoAnchorLabel).PublicKey}
}

// DemoIssuerKey is the demo key of generation gen of an issuer: a rotation
// moves an issuer from one generation to the next.
func DemoIssuerKey(issuerID string, gen int) *ecdsa.PrivateKey {
	return DemoKey(fmt.Sprintf("issuer %s generation %d", issuerID, gen))
}

// DemoTrustList is the trust list of the four Delta issuers with their
// first-generation demo keys, valid from since, to be signed with the demo
// anchor.
func DemoTrustList(seq int64, since, now time.Time) (*TrustList, error) {
	tl := &TrustList{Seq: seq, IssuedAt: now.Unix(), NextUpdate: now.Add(7 * 24 * time.Hour).Unix()}
	for _, d := range DeltaIssuers {
		k, err := NewTrustedKey(&DemoIssuerKey(d.ID, 1).PublicKey, since, time.Time{})
		if err != nil {
			return nil, err
		}
		tl.Issuers = append(tl.Issuers, TrustedIssuer{ID: d.ID, Region: d.Region, Names: d.Names, Keys: []TrustedKey{k}})
	}
	return tl, nil
}
