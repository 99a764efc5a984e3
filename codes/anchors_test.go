package codes

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestParseAnchors reads anchors files, good and bad.
func TestParseAnchors(t *testing.T) {
	demo, err := EncodeAnchors("The reference platform's demo anchor.", DemoAnchors())
	if err != nil {
		t.Fatal(err)
	}
	second := &DemoKey("another anchor").PublicKey
	two, err := EncodeAnchors("", []*ecdsa.PublicKey{&DemoKey(DemoAnchorLabel).PublicKey, second})
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&p384.PublicKey)
	wrongCurve := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	private := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: []byte{1, 2, 3}})
	var many []*ecdsa.PublicKey
	for range MaxAnchors + 1 {
		many = append(many, second)
	}
	tooMany, _ := EncodeAnchors("", many)
	cases := []struct {
		name string
		text []byte
		keys int
		err  string
	}{
		{"one anchor after a comment", demo, 1, ""},
		{"two anchors", two, 2, ""},
		{"nothing", nil, 0, "no \"PUBLIC KEY\" block"},
		{"only words", []byte("no keys here\n"), 0, "no \"PUBLIC KEY\" block"},
		{"a private key", private, 0, "a \"EC PRIVATE KEY\" block"},
		{"a P-384 key", wrongCurve, 0, "not a P-256 key"},
		{"a broken key", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("not DER")}), 0, "trust anchor 1"},
		{"too many", tooMany, 0, "more than 16 keys"},
		{"too large", append(bytes.Repeat([]byte("#"), MaxAnchorsBytes), demo...), 0, "more than the 65536"},
	}
	for _, c := range cases {
		got, err := ParseAnchors(c.text)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || len(got) != c.keys {
			t.Errorf("%s: %d keys, %v; want %d", c.name, len(got), err, c.keys)
		}
	}
	if _, err := ParseAnchors(nil); !errors.Is(err, ErrNoAnchors) {
		t.Errorf("an empty file: %v, want ErrNoAnchors", err)
	}
}

// TestDemoAnchorsFile: the demo anchors file the app embeds in a
// development build holds exactly the reference platform's demo anchor,
// and the release build's placeholder holds it too (so that a release
// built from it refuses to start without --demo).
func TestDemoAnchorsFile(t *testing.T) {
	for _, name := range []string{"demo-anchors.pem", "release-anchors.pem"} {
		b, err := os.ReadFile("../assets/trust/" + name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseAnchors(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 || !got[0].Equal(DemoAnchors()[0]) {
			t.Errorf("%s does not hold the demo anchor alone", name)
		}
	}
}

// TestSharesAnchor: a set shares an anchor with another when any key is in
// both.
func TestSharesAnchor(t *testing.T) {
	a, b := &DemoKey("a").PublicKey, &DemoKey("b").PublicKey
	if !SharesAnchor([]*ecdsa.PublicKey{b, a}, []*ecdsa.PublicKey{&DemoKey("a").PublicKey}) {
		t.Error("the same key in both is not found")
	}
	if SharesAnchor([]*ecdsa.PublicKey{a}, []*ecdsa.PublicKey{b}) || SharesAnchor(nil, []*ecdsa.PublicKey{a}) {
		t.Error("different keys are taken for the same")
	}
}

// FuzzParseAnchors: no anchors file makes the reader panic, and what it
// accepts it writes back to the same keys.
func FuzzParseAnchors(f *testing.F) {
	demo, _ := EncodeAnchors("# demo", DemoAnchors())
	f.Add(demo)
	f.Add([]byte("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, err := ParseAnchors(b)
		if err != nil {
			return
		}
		again, err := EncodeAnchors("", keys)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseAnchors(again)
		if err != nil || len(back) != len(keys) {
			t.Fatalf("written back: %d keys, %v; want %d", len(back), err, len(keys))
		}
	})
}
