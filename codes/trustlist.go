package codes

import (
	"bytes"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"sort"
	"time"
)

// TrustList is the signed list a verifier trusts: the issuers with their
// keys, and the revoked credentials. It is signed by a trust anchor, so it
// can be synced over any channel.
type TrustList struct {
	Seq        int64           `cbor:"1,keyasint"` // grows with every new list; an older one never replaces a newer
	IssuedAt   int64           `cbor:"2,keyasint"` // Unix seconds
	NextUpdate int64           `cbor:"3,keyasint"` // Unix seconds: fetch a new list before then
	Issuers    []TrustedIssuer `cbor:"4,keyasint"`
	Revoked    [][]byte        `cbor:"5,keyasint"` // credential ids

	keys    map[string]keyEntry // key id → key and issuer
	revoked map[string]bool
}

// TrustedIssuer is one issuer of credentials, e.g. Jiangsu or Shanghai in
// the Yangtze River Delta's mutual recognition of codes.
type TrustedIssuer struct {
	ID     string            `cbor:"1,keyasint"` // e.g. "CN-JS"
	Region string            `cbor:"2,keyasint"` // administrative division code, e.g. "320000"
	Names  map[string]string `cbor:"3,keyasint"` // language tag → name
	Keys   []TrustedKey      `cbor:"4,keyasint"`
}

// Name is the issuer's name in lang, else in Chinese, else its id.
func (t *TrustedIssuer) Name(lang string) string {
	if n := t.Names[lang]; n != "" {
		return n
	}
	if n := t.Names["zh-Hans"]; n != "" {
		return n
	}
	return t.ID
}

// TrustedKey is one signing key of an issuer. Keys rotate: a new key is
// added, and the old one stays (with Until set) for as long as credentials
// it signed can be valid, the longest validity of any kind after Until
// ([TrustedKey.Needed]); then it leaves the list.
type TrustedKey struct {
	Kid       []byte `cbor:"1,keyasint"`
	PublicKey []byte `cbor:"2,keyasint"` // uncompressed SEC 1 P-256 point
	From      int64  `cbor:"3,keyasint"` // signs credentials issued at or after (Unix seconds)
	Until     int64  `cbor:"4,keyasint"` // and before (0: no end yet)
}

type keyEntry struct {
	pub    *ecdsa.PublicKey
	raw    []byte
	from   int64
	until  int64
	issuer *TrustedIssuer
}

// SignTrustList signs tl with a trust anchor's key. It refuses a list
// that still carries a retired key nothing of which can be valid at the
// list's issue time (see [TrustedKey.Needed]): whoever builds a list
// leaves such keys out.
func SignTrustList(tl *TrustList, anchor *ecdsa.PrivateKey) ([]byte, error) {
	kid, err := KeyID(&anchor.PublicKey)
	if err != nil {
		return nil, err
	}
	if err := tl.index(); err != nil {
		return nil, fmt.Errorf("sign trust list: %w", err)
	}
	for _, iss := range tl.Issuers {
		for _, k := range iss.Keys {
			if !k.Needed(time.Unix(tl.IssuedAt, 0)) {
				return nil, fmt.Errorf("sign trust list: issuer %s: key %x retired at %s and signed nothing still valid",
					iss.ID, k.Kid, time.Unix(k.Until, 0).UTC())
			}
		}
	}
	payload, err := encMode.Marshal(tl)
	if err != nil {
		return nil, fmt.Errorf("sign trust list: %w", err)
	}
	return signSign1(anchor, kid, payload)
}

// OpenTrustList checks a signed trust list against the anchors and reads
// it. An unknown anchor or a bad signature refuses the whole list.
func OpenTrustList(b []byte, anchors []*ecdsa.PublicKey) (*TrustList, error) {
	p, err := decodeSign1(b)
	if err != nil {
		return nil, fmt.Errorf("trust list: %w", err)
	}
	var anchor *ecdsa.PublicKey
	for _, a := range anchors {
		if kid, err := KeyID(a); err == nil && bytes.Equal(kid, p.kid) {
			anchor = a
			break
		}
	}
	if anchor == nil {
		return nil, fail(ReasonUnknownIssuer, "trust list signed by unknown anchor %x", p.kid)
	}
	if !p.verify(anchor) {
		return nil, fail(ReasonBadSignature, "trust list signature does not match")
	}
	return decodeTrustList(p.msg.Payload)
}

// decodeTrustList reads and indexes the content of a trust list.
func decodeTrustList(b []byte) (*TrustList, error) {
	var tl TrustList
	if err := decMode.Unmarshal(b, &tl); err != nil {
		return nil, fmt.Errorf("trust list: %w", cborFailure("content", err))
	}
	if err := tl.index(); err != nil {
		return nil, fail(ReasonMalformed, "trust list: %w", err)
	}
	return &tl, nil
}

// index checks the list and builds its lookups: every key id must be the
// key id of its key, and appear once.
func (tl *TrustList) index() error {
	tl.keys = map[string]keyEntry{}
	tl.revoked = map[string]bool{}
	for i := range tl.Issuers {
		iss := &tl.Issuers[i]
		if iss.ID == "" {
			return errors.New("issuer without id")
		}
		for _, k := range iss.Keys {
			pub, err := parsePublicKey(k.PublicKey)
			if err != nil {
				return fmt.Errorf("issuer %s: key %x: %w", iss.ID, k.Kid, err)
			}
			kid, err := KeyID(pub)
			if err != nil {
				return err
			}
			if !bytes.Equal(kid, k.Kid) {
				return fmt.Errorf("issuer %s: key id %x does not match its key (%x)", iss.ID, k.Kid, kid)
			}
			if _, dup := tl.keys[string(kid)]; dup {
				return fmt.Errorf("key id %x listed twice", kid)
			}
			tl.keys[string(kid)] = keyEntry{pub: pub, raw: k.PublicKey, from: k.From, until: k.Until, issuer: iss}
		}
	}
	for _, id := range tl.Revoked {
		tl.revoked[string(id)] = true
	}
	return nil
}

// Issuer returns the issuer with id.
func (tl *TrustList) Issuer(id string) (*TrustedIssuer, bool) {
	for i := range tl.Issuers {
		if tl.Issuers[i].ID == id {
			return &tl.Issuers[i], true
		}
	}
	return nil, false
}

// IsRevoked reports whether the credential with id is revoked.
func (tl *TrustList) IsRevoked(id []byte) bool { return tl.revoked[string(id)] }

// Stale reports whether the list is past its next update at now.
func (tl *TrustList) Stale(now time.Time) bool {
	return tl.NextUpdate != 0 && now.Unix() >= tl.NextUpdate
}

// IssuerIDs lists the issuers' ids, sorted.
func (tl *TrustList) IssuerIDs() []string {
	out := make([]string, 0, len(tl.Issuers))
	for _, i := range tl.Issuers {
		out = append(out, i.ID)
	}
	sort.Strings(out)
	return out
}

// NewTrustedKey describes pub as a key that signs from from (and, when
// until is not zero, until until).
func NewTrustedKey(pub *ecdsa.PublicKey, from, until time.Time) (TrustedKey, error) {
	kid, err := KeyID(pub)
	if err != nil {
		return TrustedKey{}, err
	}
	raw, err := pub.Bytes()
	if err != nil {
		return TrustedKey{}, err
	}
	k := TrustedKey{Kid: kid, PublicKey: raw, From: from.Unix()}
	if !until.IsZero() {
		k.Until = until.Unix()
	}
	return k, nil
}
