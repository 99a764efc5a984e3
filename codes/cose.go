package codes

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/big"

	"github.com/fxamacker/cbor/v2"
)

// COSE labels and values used here (RFC 9052, RFC 9053).
const (
	headerAlg    = 1    // protected header: algorithm
	headerKid    = 4    // protected header: key id
	algES256     = -7   // ECDSA w/ SHA-256 on P-256
	tagSign1     = 18   // CBOR tag of COSE_Sign1
	sign1TagByte = 0xD2 // tag 18 in its one-byte form: major type 6, value 18
	es256SigLen  = 64   // r || s, 32 bytes each
)

// KeyIDLen is the length of a key id: the first 8 bytes of the SHA-256 of
// the public key's SubjectPublicKeyInfo (DER), as in the EU DCC.
const KeyIDLen = 8

// KeyID returns the key id of a P-256 public key.
func KeyID(pub *ecdsa.PublicKey) ([]byte, error) {
	if pub == nil || pub.Curve != p256 {
		return nil, errors.New("key id: not a P-256 key")
	}
	point, err := pub.Bytes()
	if err != nil {
		return nil, fmt.Errorf("key id: %w", err)
	}
	return keyIDOfPoint(point), nil
}

// p256SPKIPrefix is the DER of a P-256 SubjectPublicKeyInfo before its
// 65-byte uncompressed point: SEQUENCE { SEQUENCE { id-ecPublicKey,
// prime256v1 }, BIT STRING with no unused bits }.
var p256SPKIPrefix = []byte{0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00}

// keyIDOfPoint is the key id of the P-256 key whose uncompressed point is
// given: the SHA-256 of its SubjectPublicKeyInfo, hashed as the fixed
// prefix and the point, with no DER built (a verifier works it out for
// every device key it meets).
func keyIDOfPoint(point []byte) []byte {
	h := sha256.New()
	h.Write(p256SPKIPrefix)
	h.Write(point)
	return h.Sum(nil)[:KeyIDLen]
}

// sign1 is a COSE_Sign1 message: [protected bstr, unprotected map,
// payload bstr, signature bstr].
type sign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected map[int]cbor.RawMessage
	Payload     []byte
	Signature   []byte
}

// protectedHeader is the content of the protected bucket.
type protectedHeader struct {
	Alg int    `cbor:"1,keyasint"`
	Kid []byte `cbor:"4,keyasint"`
}

// sigStructure is the Sig_structure signed for a COSE_Sign1:
// ["Signature1", body_protected, external_aad, payload].
type sigStructure struct {
	_           struct{} `cbor:",toarray"`
	Context     string
	Protected   []byte
	ExternalAAD []byte
	Payload     []byte
}

// toBeSigned returns the CBOR bytes of the Sig_structure of a message.
func toBeSigned(protected, payload []byte) ([]byte, error) {
	return encMode.Marshal(sigStructure{Context: "Signature1", Protected: protected, ExternalAAD: []byte{}, Payload: payload})
}

// signSign1 signs payload with key as a tagged COSE_Sign1 whose protected
// header names ES256 and kid.
func signSign1(key *ecdsa.PrivateKey, kid, payload []byte) ([]byte, error) {
	prot, err := encMode.Marshal(protectedHeader{Alg: algES256, Kid: kid})
	if err != nil {
		return nil, err
	}
	tbs, err := toBeSigned(prot, payload)
	if err != nil {
		return nil, err
	}
	sig, err := signES256(key, tbs)
	if err != nil {
		return nil, err
	}
	msg := sign1{Protected: prot, Unprotected: map[int]cbor.RawMessage{}, Payload: payload, Signature: sig}
	return encMode.Marshal(cbor.Tag{Number: tagSign1, Content: msg})
}

// signES256 signs the SHA-256 of msg and returns r || s, 64 bytes.
func signES256(key *ecdsa.PrivateKey, msg []byte) ([]byte, error) {
	h := sha256.Sum256(msg)
	r, s, err := ecdsa.Sign(rand.Reader, key, h[:])
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	out := make([]byte, es256SigLen)
	r.FillBytes(out[:32])
	s.FillBytes(out[32:])
	return out, nil
}

// verifyES256 checks a 64-byte r || s signature over the SHA-256 of msg.
func verifyES256(pub *ecdsa.PublicKey, msg, sig []byte) bool {
	if len(sig) != es256SigLen {
		return false
	}
	h := sha256.Sum256(msg)
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:])
	return ecdsa.Verify(pub, h[:], r, s)
}

// parsedSign1 is a decoded COSE_Sign1 with its header read.
type parsedSign1 struct {
	msg sign1
	kid []byte
}

// decodeSign1 reads a tagged COSE_Sign1 and its protected header. It
// checks the structure only, not the signature. Nothing outside the signed
// parts may vary: the message must start with tag 18 in its one-byte
// form, carry an empty unprotected header, and be exactly the bytes
// deterministic CBOR makes of it (no longer heads, no other tag form), so
// that no one can pad or alter a code without breaking a signature.
func decodeSign1(b []byte) (*parsedSign1, error) {
	if len(b) == 0 {
		return nil, fail(ReasonTruncated, "COSE_Sign1: no bytes")
	}
	if b[0] != sign1TagByte {
		return nil, fail(ReasonMalformed, "COSE_Sign1 without its tag (%d) in one byte: starts with %#x", tagSign1, b[0])
	}
	body := b[1:]
	var msg sign1
	if err := decMode.Unmarshal(body, &msg); err != nil {
		return nil, cborFailure("COSE_Sign1", err)
	}
	if len(msg.Unprotected) != 0 {
		return nil, fail(ReasonMalformed, "unprotected header with %d entries, want none", len(msg.Unprotected))
	}
	var h protectedHeader
	if err := decMode.Unmarshal(msg.Protected, &h); err != nil {
		return nil, cborFailure("protected header", err)
	}
	if h.Alg != algES256 {
		return nil, fail(ReasonMalformed, "algorithm %d, want ES256 (%d)", h.Alg, algES256)
	}
	if len(h.Kid) != KeyIDLen {
		return nil, fail(ReasonMalformed, "key id of %d bytes, want %d", len(h.Kid), KeyIDLen)
	}
	if len(msg.Signature) != es256SigLen {
		return nil, fail(ReasonMalformed, "signature of %d bytes, want %d", len(msg.Signature), es256SigLen)
	}
	msg.Unprotected = map[int]cbor.RawMessage{}
	if again, err := encMode.Marshal(msg); err != nil || !bytes.Equal(again, body) {
		return nil, fail(ReasonMalformed, "COSE_Sign1 not in deterministic CBOR")
	}
	return &parsedSign1{msg: msg, kid: h.Kid}, nil
}

// verify checks the message's signature with pub.
func (p *parsedSign1) verify(pub *ecdsa.PublicKey) bool {
	tbs, err := toBeSigned(p.msg.Protected, p.msg.Payload)
	if err != nil {
		return false
	}
	return verifyES256(pub, tbs, p.msg.Signature)
}

// cborFailure classifies a CBOR decoding error: input that ends early is
// truncated, anything else malformed.
func cborFailure(what string, err error) *Error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fail(ReasonTruncated, "%s: %w", what, err)
	}
	return fail(ReasonMalformed, "%s: %w", what, err)
}

// p256 is the only curve the codes use.
var p256 = elliptic.P256()

// parsePublicKey reads an uncompressed SEC 1 P-256 point.
func parsePublicKey(b []byte) (*ecdsa.PublicKey, error) {
	return ecdsa.ParseUncompressedPublicKey(p256, b)
}
