package codes

import "errors"

// base45Alphabet is the 45 characters of RFC 9285, in value order; all are
// in a QR code's alphanumeric mode.
const base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// base45Values maps a byte to its base45 value, or -1.
var base45Values = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base45Alphabet); i++ {
		t[base45Alphabet[i]] = int8(i)
	}
	return t
}()

// errBase45Length is a base45 string whose length leaves one lone
// character: part of the text is missing.
var errBase45Length = errors.New("base45: length leaves a lone character")

// Base45Encode encodes b as RFC 9285 base45: each two bytes become three
// characters, a last single byte two.
func Base45Encode(b []byte) string {
	out := make([]byte, 0, len(b)/2*3+2)
	for i := 0; i+1 < len(b); i += 2 {
		n := int(b[i])<<8 | int(b[i+1])
		out = append(out, base45Alphabet[n%45], base45Alphabet[n/45%45], base45Alphabet[n/2025])
	}
	if len(b)%2 == 1 {
		n := int(b[len(b)-1])
		out = append(out, base45Alphabet[n%45], base45Alphabet[n/45])
	}
	return string(out)
}

// Base45Decode decodes RFC 9285 base45. It refuses characters outside the
// alphabet, triplets above 65535, pairs above 255 and a lone last
// character.
func Base45Decode(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, errBase45Length
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		end := min(i+3, len(s))
		n, weight := 0, 1
		for j := i; j < end; j++ {
			v := base45Values[s[j]]
			if v < 0 {
				return nil, errors.New("base45: character outside the alphabet")
			}
			n += int(v) * weight
			weight *= 45
		}
		if end-i == 3 {
			if n > 0xFFFF {
				return nil, errors.New("base45: triplet above 65535")
			}
			out = append(out, byte(n>>8), byte(n))
		} else {
			if n > 0xFF {
				return nil, errors.New("base45: pair above 255")
			}
			out = append(out, byte(n))
		}
	}
	return out, nil
}
