package codes

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"math/big"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// TestCOSESign1IndependentCheck reads a credential with a generic CBOR
// decoder, rebuilds its Sig_structure byte by byte as RFC 9052 §4.4 spells
// it, and checks the ES256 signature with crypto/ecdsa's ASN.1 verifier:
// none of the package's own COSE code is used.
func TestCOSESign1IndependentCheck(t *testing.T) {
	f := newFixture(t)
	msg := f.credential(t, f.issuer, f.device, KindService)

	var tagged cbor.Tag
	if err := cbor.Unmarshal(msg, &tagged); err != nil || tagged.Number != 18 {
		t.Fatalf("not a tag-18 COSE_Sign1: %v, tag %d", err, tagged.Number)
	}
	arr, ok := tagged.Content.([]any)
	if !ok || len(arr) != 4 {
		t.Fatalf("COSE_Sign1 is %T of %d, want an array of 4", tagged.Content, len(arr))
	}
	protected, _ := arr[0].([]byte)
	payload, _ := arr[2].([]byte)
	sig, _ := arr[3].([]byte)

	pub := &DemoIssuerKey("CN-JS", 1).PublicKey
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	// {1: -7, 4: h'kid'}: map(2), 1, -7, 4, bytes(8), kid.
	wantProt := append([]byte{0xA2, 0x01, 0x26, 0x04, 0x48}, sum[:8]...)
	if !bytes.Equal(protected, wantProt) {
		t.Fatalf("protected header %x, want %x", protected, wantProt)
	}

	// ["Signature1", protected, h'', payload]
	var tbs []byte
	tbs = append(tbs, 0x84, 0x6A)
	tbs = append(tbs, "Signature1"...)
	tbs = append(tbs, bstrHead(len(protected))...)
	tbs = append(tbs, protected...)
	tbs = append(tbs, 0x40)
	tbs = append(tbs, bstrHead(len(payload))...)
	tbs = append(tbs, payload...)
	h := sha256.Sum256(tbs)
	if len(sig) != 64 {
		t.Fatalf("signature of %d bytes, want 64", len(sig))
	}
	asn, err := asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])})
	if err != nil {
		t.Fatal(err)
	}
	if !ecdsa.VerifyASN1(pub, h[:], asn) {
		t.Fatal("the ES256 signature does not verify over the hand-built Sig_structure")
	}
	tbs[len(tbs)-1] ^= 1
	h = sha256.Sum256(tbs)
	if ecdsa.VerifyASN1(pub, h[:], asn) {
		t.Fatal("the check accepts a changed Sig_structure: it could not fail")
	}
}

// bstrHead is the CBOR head of a byte string of n bytes.
func bstrHead(n int) []byte {
	switch {
	case n < 24:
		return []byte{0x40 | byte(n)}
	case n < 256:
		return []byte{0x58, byte(n)}
	}
	return []byte{0x59, byte(n >> 8), byte(n)}
}

// TestKeyIDOfPoint: the key id worked out from the point alone (and so
// KeyID) equals the SHA-256 of the key's DER built by crypto/x509, for
// random keys.
func TestKeyIDOfPoint(t *testing.T) {
	for i := 0; i < 20; i++ {
		d, err := NewDevice()
		if err != nil {
			t.Fatal(err)
		}
		pub, err := parsePublicKey(d.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(der)
		want := sum[:KeyIDLen]
		if got := keyIDOfPoint(d.PublicKey()); !bytes.Equal(got, want) {
			t.Fatalf("key id %x from the point, %x from the DER", got, want)
		}
		if got, err := KeyID(pub); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("KeyID %x (%v), %x from the DER", got, err, want)
		}
	}
}

// TestSign1Tags: a COSE_Sign1 is read with its tag in the one-byte form
// only: the two-byte form of tag 18, no tag, and any other tag are
// refused, so that no one can re-encode a signed message into other text.
func TestSign1Tags(t *testing.T) {
	fx := newFixture(t)
	tagged := fx.credential(t, fx.issuer, fx.device, KindCard)
	if tagged[0] != 0xD2 {
		t.Fatalf("credential starts with %#x, want tag 18 (0xD2)", tagged[0])
	}
	body := tagged[1:]
	for _, c := range []struct {
		name string
		b    []byte
		ok   bool
	}{
		{"one-byte tag 18", tagged, true},
		{"two-byte tag 18", append([]byte{0xD8, 18}, body...), false},
		{"no tag", body, false},
		{"tag 17 (COSE_Mac0)", append([]byte{0xD1}, body...), false},
		{"tag 98 (COSE_Sign)", append([]byte{0xD8, 98}, body...), false},
		{"a tag and nothing", []byte{0xD2}, false},
	} {
		p, err := decodeSign1(c.b)
		if c.ok && (err != nil || !bytes.Equal(p.msg.Signature, mustDecodeSign1(t, tagged).msg.Signature)) {
			t.Errorf("%s: %v", c.name, err)
		}
		if !c.ok && err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func mustDecodeSign1(t *testing.T, b []byte) *parsedSign1 {
	t.Helper()
	p, err := decodeSign1(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func FuzzDecodeSign1(f *testing.F) {
	fx := newFixture(f)
	f.Add(fx.credential(f, fx.issuer, fx.device, KindCard))
	f.Add([]byte{0xD2, 0x84, 0x40, 0xA0, 0x40, 0x40})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodeSign1(b)
		if err != nil {
			if ReasonOf(err) == ReasonNone {
				t.Fatal("an error without a reason")
			}
			return
		}
		if len(p.kid) != KeyIDLen || len(p.msg.Signature) != es256SigLen {
			t.Fatalf("accepted a message with kid %x and signature of %d bytes", p.kid, len(p.msg.Signature))
		}
	})
}

func FuzzReadCredential(f *testing.F) {
	fx := newFixture(f)
	f.Add(fx.credential(f, fx.issuer, fx.device, KindTicket))
	_, msg, _ := unwrap(oldLayoutCode(f, fx, KindTicket))
	if d, err := decodeSign1(msg); err == nil {
		var p presentation
		if decMode.Unmarshal(d.msg.Payload, &p) == nil {
			f.Add(p.Credential) // a credential in the old claim layout
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ReadCredential(b)
		if err == nil && c.check() != nil {
			t.Fatal("read a credential that fails its own check")
		}
	})
}
