package codes

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestBase45RFCExamples checks the examples of RFC 9285 §4.
func TestBase45RFCExamples(t *testing.T) {
	for _, c := range []struct{ plain, encoded string }{
		{"AB", "BB8"},
		{"Hello!!", "%69 VD92EX0"},
		{"base-45", "UJCLQE7W581"},
		{"ietf!", "QED8WEX0"},
		{"", ""},
	} {
		if got := Base45Encode([]byte(c.plain)); got != c.encoded {
			t.Errorf("encode %q = %q, want %q", c.plain, got, c.encoded)
		}
		got, err := Base45Decode(c.encoded)
		if err != nil || string(got) != c.plain {
			t.Errorf("decode %q = %q, %v; want %q", c.encoded, got, err, c.plain)
		}
	}
}

func TestBase45RoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		got, err := Base45Decode(Base45Encode(b))
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %d bytes: %x, %v", n, got, err)
		}
	}
}

func TestBase45Refuses(t *testing.T) {
	for _, s := range []string{
		"GGW",  // 65536: above a triplet's range (RFC 9285 §6)
		":::",  // far above
		"BB8A", // a lone last character
		"bb8",  // lower case is not in the alphabet
		"BB\x00",
		"Z:", // 35 + 44*45 = 2015: above a pair's range
	} {
		if b, err := Base45Decode(s); err == nil {
			t.Errorf("decode %q = %x, want an error", s, b)
		}
	}
}

func FuzzBase45Decode(f *testing.F) {
	for _, s := range []string{"BB8", "%69 VD92EX0", "GGW", "", "A", "::::::", "QED8WEX0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := Base45Decode(s)
		if err != nil {
			return
		}
		if again := Base45Encode(b); again != s {
			t.Fatalf("decode %q then encode = %q", s, again)
		}
	})
}
