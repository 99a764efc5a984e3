package codes

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"sync"
)

// maxInflated bounds what a code may decompress to, so that a hostile code
// cannot make a verifier allocate without end.
const maxInflated = 8 << 10

// maxCodeLen is the most characters a QR code holds in alphanumeric mode
// (version 40, low error correction). A code is about 550; longer text
// was never a code and is refused before anything is decoded.
const maxCodeLen = 4296

// unwrap undoes the outer layers of a code: prefix, base45 and zlib. It
// returns the kind the prefix names and the COSE bytes.
func unwrap(code string) (Kind, []byte, error) {
	if len(code) > maxCodeLen {
		return 0, nil, fail(ReasonMalformed, "%d characters, more than a QR code holds (%d)", len(code), maxCodeLen)
	}
	kind, rest, ok := splitPrefix(code)
	if !ok {
		return 0, nil, fail(ReasonBadPrefix, "the code does not start with JSP1:, JSC1: or JST1:")
	}
	raw, err := Base45Decode(rest)
	if errors.Is(err, errBase45Length) {
		return 0, nil, &Error{Reason: ReasonTruncated, Err: err}
	}
	if err != nil {
		return 0, nil, &Error{Reason: ReasonBadBase45, Err: err}
	}
	msg, err := inflate(raw)
	if err != nil {
		return 0, nil, err
	}
	return kind, msg, nil
}

// inflaters reuse zlib readers: a new one allocates its window, which
// would cost a verifier more than the rest of the decoding.
var inflaters sync.Pool

// zlibFDICT is the FLG bit of a zlib header (RFC 1950 §2.2) that says a
// preset dictionary follows. compress/zlib, given no dictionary, accepts
// a stream that names the empty one, so the bit is refused here.
const zlibFDICT = 0x20

// inflate decompresses one zlib stream of at most maxInflated bytes that
// fills b exactly. A preset dictionary, and anything after the stream's
// checksum (junk, or a second stream), are refused: they would let a code's
// text change while its signatures still hold.
func inflate(b []byte) ([]byte, error) {
	if len(b) >= 2 && b[1]&zlibFDICT != 0 {
		return nil, fail(ReasonBadZlib, "zlib header names a preset dictionary")
	}
	src := bytes.NewReader(b) // a flate.Reader, so the inflater reads no further than the stream
	var r io.ReadCloser
	var err error
	if pooled, ok := inflaters.Get().(io.ReadCloser); ok {
		r = pooled
		err = r.(zlib.Resetter).Reset(src, nil)
	} else {
		r, err = zlib.NewReader(src)
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fail(ReasonTruncated, "zlib header: %w", err)
		}
		return nil, fail(ReasonBadZlib, "zlib header: %w", err)
	}
	defer inflaters.Put(r)
	out, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fail(ReasonTruncated, "zlib: %w", err)
		}
		return nil, fail(ReasonBadZlib, "zlib: %w", err)
	}
	if len(out) > maxInflated {
		return nil, fail(ReasonMalformed, "decompresses to more than %d bytes", maxInflated)
	}
	if n := src.Len(); n > 0 {
		return nil, fail(ReasonBadZlib, "%d bytes after the zlib stream", n)
	}
	return out, nil
}
