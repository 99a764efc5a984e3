package codes

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"math/big"
	"sync"

	"filippo.io/nistec"
)

// An issuer's key checks every credential of its province, so a verifier
// checks thousands of signatures against the few keys in its trust list.
// For such a fixed key, the multiples of the key are computed once, and a
// signature check then adds 32 table entries where crypto/ecdsa doubles
// and adds 256 times. This is the fixed-base windowing of the Handbook of
// Applied Cryptography §14.6.3, which crypto/ecdsa itself uses for the
// curve's generator. Verification handles only public data, so the table
// lookups need not be constant-time.
//
// The check follows SEC 1 v2 §4.1.4 step for step; a differential test and
// a fuzz test hold it to crypto/ecdsa.

const (
	windowBits = 8
	windows    = 256 / windowBits
	perWindow  = 1<<windowBits - 1 // multiples 1..255 of each window's base
)

// fixedKey is an ES256 public key with its table of multiples:
// table[i*perWindow+j-1] = j · 2^(8i) · Q.
type fixedKey struct {
	table []nistec.P256Point
}

// p256N is the order of P-256's group.
var p256N = p256.Params().N

// newFixedKey computes the table for pub: 8,160 point additions, about
// 5 ms, and 780 KB.
func newFixedKey(pub *ecdsa.PublicKey) (*fixedKey, error) {
	raw, err := pub.Bytes()
	if err != nil {
		return nil, err
	}
	base, err := nistec.NewP256Point().SetBytes(raw)
	if err != nil {
		return nil, err
	}
	k := &fixedKey{table: make([]nistec.P256Point, windows*perWindow)}
	for i := 0; i < windows; i++ {
		row := k.table[i*perWindow : (i+1)*perWindow]
		row[0].Set(base)
		for j := 1; j < perWindow; j++ {
			row[j].Add(&row[j-1], base)
		}
		base.Add(&row[perWindow-1], base) // 256 · base
	}
	return k, nil
}

// mul returns scalar · Q for a 32-byte big-endian scalar.
func (k *fixedKey) mul(scalar *[32]byte) *nistec.P256Point {
	acc := nistec.NewP256Point()
	for i := 0; i < windows; i++ {
		if d := scalar[31-i]; d != 0 {
			acc.Add(acc, &k.table[i*perWindow+int(d)-1])
		}
	}
	return acc
}

// verify checks a 64-byte r || s signature over hash, a SHA-256 digest.
func (k *fixedKey) verify(hash [sha256.Size]byte, sig []byte) bool {
	if len(sig) != es256SigLen {
		return false
	}
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:])
	if r.Sign() == 0 || s.Sign() == 0 || r.Cmp(p256N) >= 0 || s.Cmp(p256N) >= 0 {
		return false
	}
	e := new(big.Int).SetBytes(hash[:]) // a 256-bit digest on a 256-bit curve: no truncation
	w := new(big.Int).ModInverse(s, p256N)
	u1 := scalarBytes(e.Mul(e, w).Mod(e, p256N))
	u2 := scalarBytes(w.Mul(w, r).Mod(w, p256N))
	point, err := nistec.NewP256Point().ScalarBaseMult(u1[:])
	if err != nil {
		return false
	}
	point.Add(point, k.mul(&u2))
	x, err := point.BytesX() // fails for the point at infinity
	if err != nil {
		return false
	}
	v := new(big.Int).SetBytes(x)
	return v.Mod(v, p256N).Cmp(r) == 0
}

// scalarBytes writes n (0 ≤ n < 2^256) as 32 big-endian bytes.
func scalarBytes(n *big.Int) [32]byte {
	var b [32]byte
	n.FillBytes(b[:])
	return b
}

// fixedKeys keeps the tables of the issuer keys in use, by public key, so
// that a trust list read again after a sync does not compute them again.
// It holds a few keys: a trust list names four issuers, each with a key or
// two while one rotates.
var fixedKeys = struct {
	sync.Mutex
	byKey map[string]*fixedKey
}{byKey: map[string]*fixedKey{}}

const maxFixedKeys = 12

// fixedKeyFor returns the table for the issuer key whose encoding is raw,
// computing it on first use.
func fixedKeyFor(raw []byte, pub *ecdsa.PublicKey) (*fixedKey, error) {
	fixedKeys.Lock()
	defer fixedKeys.Unlock()
	if k, ok := fixedKeys.byKey[string(raw)]; ok {
		return k, nil
	}
	k, err := newFixedKey(pub)
	if err != nil {
		return nil, err
	}
	if len(fixedKeys.byKey) >= maxFixedKeys {
		clear(fixedKeys.byKey)
	}
	fixedKeys.byKey[string(raw)] = k
	return k, nil
}

// verifyByIssuer checks the message's signature with an issuer key from
// the trust list, through the key's table.
func (p *parsedSign1) verifyByIssuer(entry keyEntry) bool {
	k, err := fixedKeyFor(entry.raw, entry.pub)
	if err != nil {
		return p.verify(entry.pub)
	}
	tbs, err := toBeSigned(p.msg.Protected, p.msg.Payload)
	if err != nil {
		return false
	}
	return k.verify(sha256.Sum256(tbs), p.msg.Signature)
}
