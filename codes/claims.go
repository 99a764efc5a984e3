package codes

import (
	"bytes"
	"fmt"
)

// A credential is signed as a CBOR Web Token (RFC 8392): each claim that
// the IANA CWT registry defines keeps its registered key and meaning, so a
// CWT or EU DCC tool reads the dates and the issuer right, and what is this
// app's own sits in one claim in the private-use range (keys below
// -65536), as the EU DCC's health certificate sits in a claim of its own.
// The keys are in the struct tags of cwtClaims:
//
//	1 iss  the issuer's id
//	4 exp  valid while now < exp
//	5 nbf  valid from
//	6 iat  issued at
//	7 cti  the credential's id, what a revocation names
//	8 cnf  (RFC 8747) the device key the presenter proves it holds, as a COSE_Key
//	-65537 this app's claims: kind, holder, masked number, extras

// COSE_Key values for an EC2 P-256 public key (RFC 9052 §7, RFC 9053
// §7.1): kty (label 1) EC2, crv (label -1) P-256, and x (-2) and y (-3)
// of 32 bytes each.
const (
	keyKtyEC2  = 2
	keyCrvP256 = 1
	p256Coord  = 32
)

// cwtClaims is a credential as it is signed.
type cwtClaims struct {
	Iss  string       `cbor:"1,keyasint"`
	Exp  int64        `cbor:"4,keyasint"`
	Nbf  int64        `cbor:"5,keyasint"`
	Iat  int64        `cbor:"6,keyasint"`
	Cti  []byte       `cbor:"7,keyasint"`
	Cnf  confirmation `cbor:"8,keyasint"`
	Pass passClaims   `cbor:"-65537,keyasint"`
}

// confirmation is the cnf claim: the device's key as a COSE_Key, under
// the cnf member COSE_Key (1).
type confirmation struct {
	Key coseKey `cbor:"1,keyasint"`
}

// coseKey is an EC2 public key: kty, crv, x and y.
type coseKey struct {
	Kty int    `cbor:"1,keyasint"`
	Crv int    `cbor:"-1,keyasint"`
	X   []byte `cbor:"-2,keyasint"`
	Y   []byte `cbor:"-3,keyasint"`
}

// passClaims are the claims no registry defines, under -65537.
type passClaims struct {
	Kind   Kind              `cbor:"1,keyasint"`
	Holder string            `cbor:"2,keyasint"`
	Ref    string            `cbor:"3,keyasint,omitempty"`
	Extra  map[string]string `cbor:"4,keyasint,omitempty"`
}

// claimsOf lays c out as CWT claims. The device key must be an
// uncompressed SEC 1 P-256 point.
func claimsOf(c *Credential) (cwtClaims, error) {
	if len(c.DeviceKey) != 1+2*p256Coord || c.DeviceKey[0] != 4 {
		return cwtClaims{}, fmt.Errorf("device key of %d bytes is not an uncompressed P-256 point", len(c.DeviceKey))
	}
	return cwtClaims{
		Iss: c.Issuer, Exp: c.Expires, Nbf: c.NotBefore, Iat: c.IssuedAt, Cti: c.ID,
		Cnf: confirmation{Key: coseKey{Kty: keyKtyEC2, Crv: keyCrvP256,
			X: c.DeviceKey[1 : 1+p256Coord], Y: c.DeviceKey[1+p256Coord:]}},
		Pass: passClaims{Kind: c.Kind, Holder: c.Holder, Ref: c.Ref, Extra: c.Extra},
	}, nil
}

// credential reads the claims back into a Credential.
func (w *cwtClaims) credential() (*Credential, error) {
	k := w.Cnf.Key
	if k.Kty != keyKtyEC2 || k.Crv != keyCrvP256 || len(k.X) != p256Coord || len(k.Y) != p256Coord {
		return nil, fmt.Errorf("cnf: not an EC2 P-256 key (kty %d, crv %d, x of %d bytes, y of %d)", k.Kty, k.Crv, len(k.X), len(k.Y))
	}
	return &Credential{
		Issuer: w.Iss, ID: w.Cti, Kind: w.Pass.Kind, IssuedAt: w.Iat, NotBefore: w.Nbf, Expires: w.Exp,
		DeviceKey: append(append([]byte{4}, k.X...), k.Y...),
		Holder:    w.Pass.Holder, Ref: w.Pass.Ref, Extra: w.Pass.Extra,
	}, nil
}

// marshalCredential is the CBOR payload an issuer signs for c.
func marshalCredential(c *Credential) ([]byte, error) {
	w, err := claimsOf(c)
	if err != nil {
		return nil, err
	}
	return encMode.Marshal(w)
}

// firstLayout is the claim layout of the first codes, keys 1 to 10 in
// the order of the Go struct, which clashed with the CWT registry (its 4
// was the issue time, CWT's exp; its 6 the expiry, CWT's iat). Codes
// in it are refused with their own reason, so that a verifier can say the
// holder's app must renew them, not that they are forged.
type firstLayout struct {
	Issuer    string            `cbor:"1,keyasint"`
	ID        []byte            `cbor:"2,keyasint"`
	Kind      Kind              `cbor:"3,keyasint"`
	IssuedAt  int64             `cbor:"4,keyasint"`
	NotBefore int64             `cbor:"5,keyasint"`
	Expires   int64             `cbor:"6,keyasint"`
	DeviceKey []byte            `cbor:"7,keyasint"`
	Holder    string            `cbor:"8,keyasint"`
	Ref       string            `cbor:"9,keyasint,omitempty"`
	Extra     map[string]string `cbor:"10,keyasint,omitempty"`
}

// inFirstLayout reports whether b is a credential in the first claim
// layout: it reads as one, with an id and a device key of their lengths.
func inFirstLayout(b []byte) bool {
	var old firstLayout
	return decMode.Unmarshal(b, &old) == nil && len(old.ID) == CredentialIDLen &&
		len(old.DeviceKey) == 1+2*p256Coord && bytes.HasPrefix(old.DeviceKey, []byte{4})
}
