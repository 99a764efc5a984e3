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

// unwrap undoes the outer layers of a code: prefix, base45 and zlib. It
// returns the kind the prefix names and the COSE bytes.
func unwrap(code string) (Kind, []byte, error) {
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

// inflate decompresses a zlib stream of at most maxInflated bytes.
func inflate(b []byte) ([]byte, error) {
	var r io.ReadCloser
	var err error
	if pooled, ok := inflaters.Get().(io.ReadCloser); ok {
		r = pooled
		err = r.(zlib.Resetter).Reset(bytes.NewReader(b), nil)
	} else {
		r, err = zlib.NewReader(bytes.NewReader(b))
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
	return out, nil
}
