package codes

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// Trust anchors are the public keys a verifier accepts trust lists from.
// They are data, not code: a file of PEM "PUBLIC KEY" blocks (PKIX, as
// `openssl ec -pubout` writes them), chosen when the app is built or named
// in its configuration.
const (
	// MaxAnchorsBytes is the largest anchors file read.
	MaxAnchorsBytes = 64 << 10
	// MaxAnchors is the most anchors one file may hold.
	MaxAnchors = 16
	// anchorBlock is the PEM type of an anchor.
	anchorBlock = "PUBLIC KEY"
)

// ErrNoAnchors is returned where trust anchors are needed and none were
// given.
var ErrNoAnchors = errors.New("codes: no trust anchors")

// ParseAnchors reads trust anchors from PEM text: each "PUBLIC KEY" block
// is a P-256 public key in PKIX form. Text outside the blocks (a comment
// saying whose keys they are) is ignored; a block of another type, a key
// of another curve, a file larger than MaxAnchorsBytes, more than
// MaxAnchors keys or none at all are errors.
func ParseAnchors(text []byte) ([]*ecdsa.PublicKey, error) {
	if len(text) > MaxAnchorsBytes {
		return nil, fmt.Errorf("trust anchors: %d bytes, more than the %d an anchors file may have", len(text), MaxAnchorsBytes)
	}
	var out []*ecdsa.PublicKey
	rest := text
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != anchorBlock {
			return nil, fmt.Errorf("trust anchors: a %q block; want %q", block.Type, anchorBlock)
		}
		if len(out) == MaxAnchors {
			return nil, fmt.Errorf("trust anchors: more than %d keys", MaxAnchors)
		}
		key, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("trust anchor %d: %w", len(out)+1, err)
		}
		ec, ok := key.(*ecdsa.PublicKey)
		if !ok || ec.Curve != elliptic.P256() {
			return nil, fmt.Errorf("trust anchor %d: not a P-256 key", len(out)+1)
		}
		out = append(out, ec)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("trust anchors: no %q block: %w", anchorBlock, ErrNoAnchors)
	}
	return out, nil
}

// EncodeAnchors writes anchors as PEM, after a comment line (which may be
// empty), in the form ParseAnchors reads.
func EncodeAnchors(comment string, anchors []*ecdsa.PublicKey) ([]byte, error) {
	var b bytes.Buffer
	if comment != "" {
		b.WriteString(comment + "\n")
	}
	for _, a := range anchors {
		der, err := x509.MarshalPKIXPublicKey(a)
		if err != nil {
			return nil, err
		}
		if err := pem.Encode(&b, &pem.Block{Type: anchorBlock, Bytes: der}); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// SharesAnchor reports whether any key of a is also in b.
func SharesAnchor(a, b []*ecdsa.PublicKey) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Equal(y) {
				return true
			}
		}
	}
	return false
}
