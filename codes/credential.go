package codes

import (
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"fmt"
	"time"
)

// Credential is what an issuer signs for one holder and one device: it
// names the holder (masked), its validity and the device's public key. It
// is signed as CWT claims (see claims.go): Issuer is iss, ID cti,
// IssuedAt iat, NotBefore nbf, Expires exp, DeviceKey the COSE_Key in cnf,
// and the rest the app's own claims.
type Credential struct {
	Issuer    string            // issuer id, e.g. "CN-JS"
	ID        []byte            // unique; what a revocation names
	Kind      Kind              // what codes it makes
	IssuedAt  int64             // Unix seconds
	NotBefore int64             // Unix seconds
	Expires   int64             // Unix seconds; valid while now < Expires
	DeviceKey []byte            // uncompressed SEC 1 P-256 point
	Holder    string            // the holder's name, masked
	Ref       string            // a masked number: card or ID number; may be empty
	Extra     map[string]string // what a kind adds (a ticket's attraction, date and slot); may be empty
}

// CredentialIDLen is the length of a credential id.
const CredentialIDLen = 16

// ValidFrom is the start of the credential's validity.
func (c *Credential) ValidFrom() time.Time { return time.Unix(c.NotBefore, 0) }

// ValidUntil is the end of the credential's validity.
func (c *Credential) ValidUntil() time.Time { return time.Unix(c.Expires, 0) }

// check refuses a credential that could never verify.
func (c *Credential) check() error {
	switch {
	case c.Kind.Prefix() == "":
		return fmt.Errorf("kind %d is not a known kind", c.Kind)
	case len(c.ID) != CredentialIDLen:
		return fmt.Errorf("id of %d bytes, want %d", len(c.ID), CredentialIDLen)
	case c.Expires <= c.NotBefore:
		return errors.New("validity ends before it begins")
	case c.Issuer == "":
		return errors.New("no issuer")
	case c.IssuedAt <= 0:
		return errors.New("no issue time")
	}
	if _, err := parsePublicKey(c.DeviceKey); err != nil {
		return fmt.Errorf("device key: %w", err)
	}
	return nil
}

// Issuer signs credentials with one key of one issuer.
type Issuer struct {
	id  string
	key *ecdsa.PrivateKey
	kid []byte
}

// NewIssuer makes an issuer named id (as in the trust list) that signs
// with key.
func NewIssuer(id string, key *ecdsa.PrivateKey) (*Issuer, error) {
	if id == "" {
		return nil, errors.New("new issuer: empty id")
	}
	kid, err := KeyID(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	return &Issuer{id: id, key: key, kid: kid}, nil
}

// ID is the issuer's id.
func (i *Issuer) ID() string { return i.id }

// KeyID is the key id of the issuer's signing key.
func (i *Issuer) KeyID() []byte { return append([]byte(nil), i.kid...) }

// Issue signs c as a COSE_Sign1. It fills in the issuer, a fresh id when c
// has none, and IssuedAt when zero.
func (i *Issuer) Issue(c Credential, now time.Time) ([]byte, error) {
	c.Issuer = i.id
	if c.ID == nil {
		c.ID = make([]byte, CredentialIDLen)
		if _, err := rand.Read(c.ID); err != nil {
			return nil, err
		}
	}
	if c.IssuedAt == 0 {
		c.IssuedAt = now.Unix()
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("issue credential: %w", err)
	}
	if err := c.checkLength(); err != nil {
		return nil, fmt.Errorf("issue credential: %w", err)
	}
	payload, err := marshalCredential(&c)
	if err != nil {
		return nil, fmt.Errorf("issue credential: %w", err)
	}
	return signSign1(i.key, i.kid, payload)
}

// ReadCredential reads a credential's content without checking its
// signature: what a holder's own device shows about its credential. A
// verifier checks signatures through [Verifier.Verify] instead.
func ReadCredential(b []byte) (*Credential, error) {
	p, err := decodeSign1(b)
	if err != nil {
		return nil, err
	}
	return decodeCredential(p.msg.Payload)
}

// decodeCredential reads the payload of a credential. A credential in
// the first claim layout is refused as ReasonOldFormat.
func decodeCredential(b []byte) (*Credential, error) {
	var w cwtClaims
	if err := decMode.Unmarshal(b, &w); err != nil {
		if inFirstLayout(b) {
			return nil, fail(ReasonOldFormat, "credential in the first claim layout, before the CWT claim keys")
		}
		return nil, cborFailure("credential", err)
	}
	c, err := w.credential()
	if err != nil {
		return nil, fail(ReasonMalformed, "credential: %w", err)
	}
	if err := c.check(); err != nil {
		return nil, fail(ReasonMalformed, "credential: %w", err)
	}
	return c, nil
}
