package platform

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Phone is a sign-in phone number in the one form the app, the client and
// the platform keep it in: a mainland mobile number as its 11 digits
// ("13800000001"), any other number in E.164, a plus and at most 15 digits
// ("+447700900123"). ParsePhone makes one from what a person typed; every
// count and record of the platform is keyed on it, so the ways of writing
// one number are one number.
type Phone string

// PhoneMaxInput is the longest text, in bytes, ParsePhone reads: a number
// as typed, with room for spaces and brackets.
const PhoneMaxInput = 64

// E.164's bounds on an international number: at most 15 digits with the
// country code, and at least 4 after it (the shortest numbering plans,
// e.g. Niue's, have 4-digit numbers).
const (
	e164MaxDigits     = 15
	e164MinNSNDigits  = 4
	nanpNSNDigits     = 10 // +1: the 10 digits of the North American plan
	mainlandCountry   = "86"
	nanpCountry       = "1"
	mainlandNSNDigits = 11
)

// ErrBadPhone is what ParsePhone's errors wrap: the text is not a number a
// sign-in code can be sent to.
var ErrBadPhone = errors.New("not a phone number a sign-in code can be sent to")

// PhoneFormat says, for error answers and logs, which numbers are taken.
const PhoneFormat = "a mainland mobile number (11 digits starting 13–19, +86 optional) " +
	"or an international number as + and the country code, at most 15 digits"

// ParsePhone reads a phone number as a person types it and returns it in
// its one kept form. It takes a mainland mobile number (11 digits starting
// 13 to 19, with or without +86) or an international number starting with
// + (or 00) and a country code in use. Spaces, dashes, dots, brackets and
// a "(0)" after the country code are dropped; full-width characters, as a
// Chinese or Japanese input method types them, are read as their ASCII
// twins. Anything else, and anything longer than PhoneMaxInput, is an
// error wrapping ErrBadPhone that says what is wrong.
func ParsePhone(typed string) (Phone, error) {
	if len(typed) > PhoneMaxInput {
		return "", phoneError("longer than %d characters", PhoneMaxInput)
	}
	s, plus := internationalPrefix(strings.TrimSpace(width.Narrow.String(typed)))
	d, err := phoneDigits(s)
	switch {
	case err != nil:
		return "", err
	case d == "":
		return "", phoneError("no digits")
	case !plus && isMainlandMobile(d):
		return Phone(d), nil
	case !plus:
		return "", phoneError("a number without + must be a mainland mobile number of 11 digits starting 13–19")
	}
	return internationalPhone(d)
}

// internationalPrefix takes the + or the 00 off the start of s, and a
// "(0)" after the country code, and reports whether there was one.
func internationalPrefix(s string) (rest string, plus bool) {
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "00"): // the international prefix dialled from China
		s = s[2:]
	default:
		return s, false
	}
	return strings.Replace(s, "(0)", "", 1), true // "+44 (0)7700…": the trunk 0, not dialled from abroad
}

// phoneDigits is the digits of s without the separators a person types
// between groups of them, or an error for any other character or for
// more digits than E.164 allows.
func phoneDigits(s string) (string, error) {
	digits := make([]byte, 0, e164MaxDigits)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if len(digits) == e164MaxDigits {
				return "", phoneError("more than %d digits", e164MaxDigits)
			}
			digits = append(digits, byte(r))
		case r == '+':
			return "", phoneError("a + may stand only at the start")
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || strings.ContainsRune(".()/", r):
			// a separator a person types between groups of digits
		default:
			return "", phoneError("%q is not a digit", r)
		}
	}
	return string(digits), nil
}

// internationalPhone is the kept form of d, the digits typed after a +:
// a mainland mobile number for +86, otherwise + and d when d starts with
// a country code in use and has as many digits after it as its plan
// takes.
func internationalPhone(d string) (Phone, error) {
	if d[0] == '0' {
		return "", phoneError("no country code starts with 0")
	}
	cc := countryCodeOf(d)
	nsn := d[len(cc):]
	switch {
	case cc == "":
		return "", phoneError("+%s starts with no country code in use", d[:min(3, len(d))])
	case cc == mainlandCountry && isMainlandMobile(nsn):
		return Phone(nsn), nil
	case cc == mainlandCountry:
		return "", phoneError("a +86 number must be a mainland mobile number of 11 digits starting 13–19")
	case cc == nanpCountry && len(nsn) != nanpNSNDigits:
		return "", phoneError("a +1 number has 10 digits after the 1")
	case len(nsn) < e164MinNSNDigits:
		return "", phoneError("too few digits after the country code +%s", cc)
	}
	return Phone("+" + d), nil
}

// phoneError is an error wrapping ErrBadPhone with what is wrong.
func phoneError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadPhone, fmt.Sprintf(format, args...))
}

// isMainlandMobile reports whether d is 11 digits starting 13 to 19: the
// mainland's mobile numbers, the only ones there that take a text message.
func isMainlandMobile(d string) bool {
	if len(d) != mainlandNSNDigits || d[0] != '1' || d[1] < '3' {
		return false
	}
	for i := range len(d) {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// String returns the number in its kept form.
func (p Phone) String() string { return string(p) }

// Mainland reports whether p is a mainland mobile number.
func (p Phone) Mainland() bool { return p != "" && p[0] != '+' }

// CountryCode returns p's country calling code without the plus: "86"
// for a mainland number, "" for the zero Phone.
func (p Phone) CountryCode() string {
	switch {
	case p == "":
		return ""
	case p.Mainland():
		return mainlandCountry
	}
	return countryCodeOf(string(p[1:]))
}

// Masked shows p with its middle hidden, for a screen or an answer that
// must not give the number away: "138****0001" for a mainland number, the
// way the mainland's services write it, and "+44 ••• 0123" for another,
// the country code and the last four digits (the last two of a number of
// fewer than eight digits after its country code). A text that is no
// kept form shows as "***".
func (p Phone) Masked() string {
	if p == "" {
		return ""
	}
	if kept, err := ParsePhone(string(p)); err != nil || kept != p {
		return "***"
	}
	if p.Mainland() {
		return string(p[:3]) + "****" + string(p[7:])
	}
	cc := p.CountryCode()
	nsn := string(p[1+len(cc):])
	keep := 4
	if len(nsn) < 8 {
		keep = 2
	}
	return "+" + cc + " ••• " + nsn[len(nsn)-keep:]
}

// Last4 returns the last four digits of p (fewer, if p is shorter), as a
// new account's name uses them.
func (p Phone) Last4() string { return string(p[max(len(p)-4, 0):]) }
