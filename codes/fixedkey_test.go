package codes

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"filippo.io/nistec"
)

// ecdsaVerify is the reference: crypto/ecdsa's check of r || s over hash.
func ecdsaVerify(pub *ecdsa.PublicKey, hash [32]byte, sig []byte) bool {
	if len(sig) != es256SigLen {
		return false
	}
	return ecdsa.Verify(pub, hash[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:]))
}

func mustFixedKey(t testing.TB, pub *ecdsa.PublicKey) *fixedKey {
	t.Helper()
	k, err := newFixedKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// sigOf writes r and s as a 64-byte signature, each reduced to 32 bytes
// (values of 2^256 or more are cut, as a forger could not send them).
func sigOf(r, s *big.Int) []byte {
	return append(low32(r), low32(s)...)
}

// low32 is the low 32 bytes of v, big-endian.
func low32(v *big.Int) []byte {
	b := new(big.Int).Mod(v, new(big.Int).Lsh(big.NewInt(1), 256))
	return b.FillBytes(make([]byte, 32))
}

// TestFixedKeyAgreesWithECDSA: for random keys and messages, the table
// check and crypto/ecdsa agree on valid signatures, on every one-bit
// change of them, on a signature for another message, and on the edge
// values of r and s.
func TestFixedKeyAgreesWithECDSA(t *testing.T) {
	rng := mrand.New(mrand.NewPCG(1, 2))
	n := p256N
	nMinus1 := new(big.Int).Sub(n, big.NewInt(1))
	for key := 0; key < 3; key++ {
		priv, err := ecdsa.GenerateKey(p256, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		k := mustFixedKey(t, &priv.PublicKey)
		for m := 0; m < 40; m++ {
			msg := make([]byte, 1+rng.IntN(200))
			for i := range msg {
				msg[i] = byte(rng.Uint32())
			}
			hash := sha256.Sum256(msg)
			sig, err := signES256(priv, msg)
			if err != nil {
				t.Fatal(err)
			}
			r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
			variants := map[string][]byte{
				"valid":               sig,
				"s negated (n - s)":   sigOf(r, new(big.Int).Sub(n, s)),
				"r = 0":               sigOf(big.NewInt(0), s),
				"s = 0":               sigOf(r, big.NewInt(0)),
				"r = n":               sigOf(n, s),
				"s = n":               sigOf(r, n),
				"r = n - 1":           sigOf(nMinus1, s),
				"r + n":               sigOf(new(big.Int).Add(r, n), s),
				"s + n":               sigOf(r, new(big.Int).Add(s, n)),
				"r and s swapped":     sigOf(s, r),
				"63 bytes":            sig[:63],
				"another message's":   mustSign(t, priv, append(msg, 0)),
				"one bit of r or s":   flipBit(sig, rng.IntN(512)),
				"another bit of them": flipBit(sig, rng.IntN(512)),
			}
			for name, v := range variants {
				want := ecdsaVerify(&priv.PublicKey, hash, v)
				if got := k.verify(hash, v); got != want {
					t.Errorf("key %d message %d, %s: table check %v, crypto/ecdsa %v", key, m, name, got, want)
				}
			}
			if !k.verify(hash, sig) {
				t.Fatalf("key %d message %d: a valid signature refused", key, m)
			}
		}
	}
}

func mustSign(t *testing.T, priv *ecdsa.PrivateKey, msg []byte) []byte {
	t.Helper()
	sig, err := signES256(priv, msg)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func flipBit(b []byte, bit int) []byte {
	out := append([]byte(nil), b...)
	out[bit/8] ^= 1 << (bit % 8)
	return out
}

// TestFixedKeyPointAboveOrder covers the case a random signature almost
// never reaches (about 1 in 2^128): the point u1·G + u2·Q has an x at or
// above the group order n, so r is x − n. It builds such a signature by
// choosing the point first and solving for the key, then checks that the
// table check accepts r = x − n, as crypto/ecdsa does, and refuses r = x.
func TestFixedKeyPointAboveOrder(t *testing.T) {
	params := p256.Params()
	n, p := params.N, params.P
	// A curve point R with x ≥ n: y² = x³ − 3x + b must have a root.
	x := new(big.Int).Set(n)
	var y *big.Int
	for ; y == nil; x.Add(x, big.NewInt(1)) {
		rhs := new(big.Int).Exp(x, big.NewInt(3), p)
		rhs.Sub(rhs, new(big.Int).Mul(x, big.NewInt(3)))
		rhs.Add(rhs, params.B)
		rhs.Mod(rhs, p)
		y = new(big.Int).ModSqrt(rhs, p)
		if y != nil {
			break
		}
	}
	if x.Cmp(p) >= 0 {
		t.Fatal("no point with x in [n, p)")
	}
	encoded := append([]byte{4}, append(scalarBytesOf(x), scalarBytesOf(y)...)...)
	R, err := nistec.NewP256Point().SetBytes(encoded)
	if err != nil {
		t.Fatal(err)
	}
	// Choose u1, u2; the key is Q = u2⁻¹ · (R − u1·G).
	u1, u2 := big.NewInt(123456789), big.NewInt(987654321)
	negU1G, err := nistec.NewP256Point().ScalarBaseMult(scalarBytesOf(new(big.Int).Sub(n, u1)))
	if err != nil {
		t.Fatal(err)
	}
	Q, err := nistec.NewP256Point().ScalarMult(nistec.NewP256Point().Add(R, negU1G), scalarBytesOf(new(big.Int).ModInverse(u2, n)))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(p256, Q.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// r = x mod n; s = r / u2 and e = u1 · s make the verifier's u1, u2
	// the chosen ones.
	r := new(big.Int).Sub(x, n)
	s := new(big.Int).Mul(r, new(big.Int).ModInverse(u2, n))
	s.Mod(s, n)
	e := new(big.Int).Mul(u1, s)
	e.Mod(e, n)
	var hash [32]byte
	e.FillBytes(hash[:])

	k := mustFixedKey(t, pub)
	if !ecdsaVerify(pub, hash, sigOf(r, s)) {
		t.Fatal("the constructed signature does not verify with crypto/ecdsa; the construction is wrong")
	}
	if !k.verify(hash, sigOf(r, s)) {
		t.Error("r = x − n refused")
	}
	if k.verify(hash, sigOf(x, s)) || ecdsaVerify(pub, hash, sigOf(x, s)) {
		t.Error("r = x, at or above n, accepted")
	}
}

func scalarBytesOf(v *big.Int) []byte {
	b := scalarBytes(v)
	return b[:]
}

// FuzzFixedKeyVerify holds the table check to crypto/ecdsa on any digest
// and signature, seeded with valid ones so that mutations stay near them.
func FuzzFixedKeyVerify(f *testing.F) {
	priv := DemoIssuerKey("CN-JS", 1)
	k := mustFixedKey(f, &priv.PublicKey)
	for _, msg := range []string{"", "a", "a credential of about this length"} {
		sig, err := signES256(priv, []byte(msg))
		if err != nil {
			f.Fatal(err)
		}
		h := sha256.Sum256([]byte(msg))
		f.Add(h[:], sig)
	}
	f.Fuzz(func(t *testing.T, digest, sig []byte) {
		var hash [32]byte
		copy(hash[:], digest)
		if got, want := k.verify(hash, sig), ecdsaVerify(&priv.PublicKey, hash, sig); got != want {
			t.Fatalf("digest %x signature %x: table check %v, crypto/ecdsa %v", hash, sig, got, want)
		}
	})
}

// BenchmarkIssuerCheck compares one issuer-signature check through the
// key's table with crypto/ecdsa's, in the same run.
func BenchmarkIssuerCheck(b *testing.B) {
	priv := DemoIssuerKey("CN-JS", 1)
	k := mustFixedKey(b, &priv.PublicKey)
	sig, err := signES256(priv, []byte("credential"))
	if err != nil {
		b.Fatal(err)
	}
	hash := sha256.Sum256([]byte("credential"))
	const n = 400
	for i := 0; i < b.N; i++ {
		bare := timeIt(0, n, func(int) {
			if !ecdsaVerify(&priv.PublicKey, hash, sig) {
				b.Fatal("crypto/ecdsa refused")
			}
		})
		table := timeIt(0, n, func(int) {
			if !k.verify(hash, sig) {
				b.Fatal("table check refused")
			}
		})
		b.ReportMetric(float64(n)/bare.Seconds(), "ES256/s")
		b.ReportMetric(float64(n)/table.Seconds(), "table-ES256/s")
		b.ReportMetric(bare.Seconds()/table.Seconds(), "x-vs-ES256")
	}
}
