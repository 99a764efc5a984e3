package codes

import (
	"bytes"
	"compress/zlib"
	"testing"
	"time"
)

// FuzzVerify feeds whole scanned texts to a verifier.
func FuzzVerify(f *testing.F) {
	fx := newFixture(f)
	for _, k := range Kinds {
		f.Add(fx.code(f, k, t0))
	}
	f.Add("JSP1:")
	f.Add("JSP1:BB8")
	f.Add("HC1:NCFOXN%TS3DH")
	for _, r := range reshapings(f, fx.code(f, KindService, t0)) {
		f.Add(r.code)
	}
	f.Add(oldLayoutCode(f, fx, KindCard))
	f.Fuzz(func(t *testing.T, code string) {
		v := NewVerifier()
		res, err := v.Verify(code, fx.trust, t0)
		checkOutcome(t, res, err)
	})
}

// FuzzDecodeMessage feeds the bytes under the zlib layer to the decoders
// of the device's COSE_Sign1, the presentation, the issuer's COSE_Sign1 and
// the credential. (Signature checks are left out: under the fuzzer's
// coverage instrumentation they are too slow to explore anything.)
func FuzzDecodeMessage(f *testing.F) {
	fx := newFixture(f)
	for _, k := range Kinds {
		raw, _ := Base45Decode(fx.code(f, k, t0)[5:])
		msg, _ := inflate(raw)
		f.Add(msg)
	}
	// The reshaped messages (untagged, tag 18 in two bytes, a long head,
	// an unprotected entry), and one in the old claim layout.
	for _, r := range append(reshapings(f, fx.code(f, KindTicket, t0)), reshaped{code: oldLayoutCode(f, fx, KindTicket)}) {
		raw, _ := Base45Decode(r.code[5:])
		if msg, err := inflate(raw); err == nil {
			f.Add(msg)
		}
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		d, err := decodeMessage(msg)
		if err != nil {
			if ReasonOf(err) == ReasonNone {
				t.Fatal("an error without a reason")
			}
			return
		}
		if d.cred.check() != nil || len(d.outer.kid) != KeyIDLen || len(d.inner.kid) != KeyIDLen {
			t.Fatalf("decoded a message that fails its own checks: %+v", d)
		}
	})
}

// FuzzDecodeTrustList feeds the content of a trust list (the payload the
// anchor signs) to its decoder.
func FuzzDecodeTrustList(f *testing.F) {
	tl, _ := DemoTrustList(1, t0, t0)
	tl.Revoked = [][]byte{make([]byte, CredentialIDLen)}
	b, _ := encMode.Marshal(tl)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeTrustList(b)
		if err != nil {
			if ReasonOf(err) == ReasonNone {
				t.Fatal("an error without a reason")
			}
			return
		}
		if got.keys == nil {
			t.Fatal("a decoded list without its index")
		}
	})
}

// checkOutcome holds a verification to its contract: a result, or an
// error with a reason, never both or neither.
func checkOutcome(t *testing.T, res *Result, err error) {
	t.Helper()
	if (res == nil) == (err == nil) {
		t.Fatalf("result %v with error %v", res, err)
	}
	if err != nil && ReasonOf(err) == ReasonNone {
		t.Fatalf("error without a reason: %v", err)
	}
	if res != nil && time.Unix(res.Credential.Expires, 0).Before(t0) {
		t.Fatal("accepted an expired credential")
	}
	if res != nil && res.Credential.checkLength() != nil {
		t.Fatal("accepted a credential longer than its kind may run")
	}
}

// store wraps b in a zlib stream without compressing it: quick, so that
// the fuzzer spends its time in the decoders under test.
func store(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.NoCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// TestInflateLimit refuses a code that decompresses to more than
// maxInflated bytes, and passes one just under.
func TestInflateLimit(t *testing.T) {
	if _, err := inflate(store(make([]byte, maxInflated+1))); ReasonOf(err) != ReasonMalformed {
		t.Errorf("oversized: %v", err)
	}
	if _, err := inflate(store(make([]byte, maxInflated))); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}
