package codes

import (
	"bytes"
	"compress/zlib"
	"runtime"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// reshaped is a code's text changed outside what its signatures cover:
// each carries the same signed message as the code it was made from.
type reshaped struct {
	name string
	code string
}

// reshapings are the ways the first decoder let a code's text be padded
// or altered with its signatures intact: bytes after the zlib stream, a
// second stream, a zlib header naming a preset dictionary, an untagged
// COSE_Sign1, tag 18 in its two-byte form, an array head in a longer form
// than needed, and an entry in the unprotected header. They seed the fuzz
// tests too.
func reshapings(t testing.TB, code string) []reshaped {
	t.Helper()
	kind, rest, _ := splitPrefix(code)
	raw, err := Base45Decode(rest)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := inflate(raw)
	if err != nil {
		t.Fatal(err)
	}
	text := func(z []byte) string { return kind.Prefix() + Base45Encode(z) }
	body := msg[1:] // after the one-byte tag 18
	if msg[0] != sign1TagByte || body[0] != 0x84 {
		t.Fatalf("message starts %x, want a tagged array of 4", msg[:2])
	}
	var parts sign1
	if err := cbor.Unmarshal(body, &parts); err != nil {
		t.Fatal(err)
	}
	parts.Unprotected = map[int]cbor.RawMessage{99: cbor.RawMessage{0x40}}
	padded, err := cbor.Marshal(cbor.Tag{Number: tagSign1, Content: parts})
	if err != nil {
		t.Fatal(err)
	}
	return []reshaped{
		{"junk after the zlib stream", text(append(bytes.Clone(raw), "padding!"...))},
		{"a second zlib stream", text(append(bytes.Clone(raw), deflate([]byte("more"))...))},
		{"a preset dictionary flag", text(withDictionaryFlag(raw))},
		{"an untagged COSE_Sign1", text(deflate(body))},
		{"tag 18 in two bytes", text(deflate(append([]byte{0xD8, tagSign1}, body...)))},
		{"a long array head", text(deflate(append([]byte{sign1TagByte, 0x98, 4}, body[1:]...)))},
		{"an unprotected header entry", text(deflate(padded))},
	}
}

// withDictionaryFlag sets FDICT in a zlib stream's header and names the
// dictionary whose Adler-32 is 1, the empty one: compress/zlib, given no
// dictionary, takes the stream as it is.
func withDictionaryFlag(z []byte) []byte {
	cmf := z[0]
	flg := z[1]&0xC0 | zlibFDICT // keep FLEVEL, set FDICT
	flg |= byte((31 - (int(cmf)<<8|int(flg))%31) % 31)
	out := []byte{cmf, flg, 0, 0, 0, 1}
	return append(out, z[2:]...)
}

// TestReshapedCodesAreRefused: each reshaping of a good code is refused,
// though a lenient reader takes it for the same signed message.
func TestReshapedCodesAreRefused(t *testing.T) {
	f := newFixture(t)
	good := f.code(t, KindService, t0)
	_, goodMsg, err := unwrap(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reshapings(t, good) {
		if r.code == good {
			t.Fatalf("%s: the code did not change", r.name)
		}
		if !sameSignedMessage(t, r.code, goodMsg) {
			t.Fatalf("%s: not the same signed message, so the case proves nothing", r.name)
		}
		_, err := Check(r.code, f.trust, t0)
		if ReasonOf(err) == ReasonNone {
			t.Errorf("%s: accepted", r.name)
			continue
		}
		t.Logf("%s: %v", r.name, err)
	}
	if _, err := Check(good, f.trust, t0); err != nil {
		t.Fatalf("the code itself: %v", err)
	}
}

// sameSignedMessage reads code as a lenient decoder would (zlib with the
// empty dictionary, the first stream only, COSE with any tag form and any
// unprotected header) and reports whether it carries the signed parts of
// want.
func sameSignedMessage(t *testing.T, code string, want []byte) bool {
	t.Helper()
	_, rest, _ := splitPrefix(code)
	raw, err := Base45Decode(rest)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zlib.NewReaderDict(bytes.NewReader(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	var msg bytes.Buffer
	if _, err := msg.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	signedParts := func(b []byte) (out [3][]byte) {
		var v any
		if err := cbor.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		if tag, ok := v.(cbor.Tag); ok {
			v = tag.Content
		}
		a := v.([]any)
		return [3][]byte{a[0].([]byte), a[2].([]byte), a[3].([]byte)}
	}
	got, exp := signedParts(msg.Bytes()), signedParts(want)
	for i := range got {
		if !bytes.Equal(got[i], exp[i]) {
			return false
		}
	}
	return true
}

// TestLongCodeTextRefused: text longer than any QR code holds is refused
// before it is decoded, here a code with 100 KB after its zlib stream.
func TestLongCodeTextRefused(t *testing.T) {
	f := newFixture(t)
	good := f.code(t, KindCard, t0)
	raw, _ := Base45Decode(strings.TrimPrefix(good, "JSC1:"))
	long := "JSC1:" + Base45Encode(append(raw, make([]byte, 100<<10)...))
	// Bytes, not allocations: the race detector adds allocations of its
	// own, but decoding 100 KB of text would allocate far more than 4 KB.
	const runs = 5
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		if _, err := Check(long, f.trust, t0); ReasonOf(err) != ReasonMalformed {
			t.Fatalf("100 KB after the stream: %v", err)
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 4<<10 {
		t.Errorf("%d bytes allocated to refuse an over-long code of %d, want it refused before decoding", per, len(long))
	}
}
