package idcard

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is a kind of identity document.
type Kind string

// The kinds of document a visitor can book with.
const (
	KindResidentID Kind = "id_card"  // 居民身份证
	KindPassport   Kind = "passport" // any country's passport
	KindHKMacau    Kind = "hk_macau" // 港澳居民来往内地通行证 (回乡证)
	KindTaiwan     Kind = "taiwan"   // 台湾居民来往大陆通行证 (台胞证)
)

// Kinds lists the kinds in the order a form offers them.
var Kinds = []Kind{KindResidentID, KindPassport, KindHKMacau, KindTaiwan}

var (
	// passportRe: ICAO 9303 document numbers are up to 9 letters or
	// digits; at least 5 here, as no country issues shorter ones.
	passportRe = regexp.MustCompile(`^[A-Z0-9]{5,9}$`)
	// hkMacauRe: H (Hong Kong) or M (Macao) and 8 digits, or the older
	// 10 digits.
	hkMacauRe = regexp.MustCompile(`^[HM]([0-9]{8}|[0-9]{10})$`)
	// taiwanRe: 8 digits since 2015; the older booklet has 10 digits, or
	// 8 digits and a bracketed letter.
	taiwanRe = regexp.MustCompile(`^([0-9]{8}|[0-9]{10})$`)
)

// Document is a visitor's name and document as entered.
type Document struct {
	Name   string
	Kind   Kind
	Number string
}

// Normalize returns the document with its name trimmed and its number in
// the canonical form: upper case, without spaces, an old 15-digit identity
// number converted to 18 digits.
func Normalize(d Document, jiangsu Regions, now time.Time) (Document, error) {
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" || utf8.RuneCountInString(d.Name) > 40 {
		return d, ErrName
	}
	n := strings.ToUpper(strings.Join(strings.Fields(d.Number), ""))
	switch d.Kind {
	case KindResidentID:
		id, err := ParseResidentID(n, jiangsu, now)
		if err != nil {
			return d, err
		}
		n = id.Number
	case KindPassport:
		if !passportRe.MatchString(n) || !strings.ContainsAny(n, "0123456789") {
			return d, fmt.Errorf("%w: a passport number is 5 to 9 letters and digits", ErrCharacters)
		}
	case KindHKMacau:
		if !hkMacauRe.MatchString(n) {
			return d, fmt.Errorf("%w: H or M and 8 (or 10) digits", ErrCharacters)
		}
	case KindTaiwan:
		if !taiwanRe.MatchString(n) {
			return d, fmt.Errorf("%w: 8 (or 10) digits", ErrCharacters)
		}
	default:
		return d, fmt.Errorf("%w: %q", ErrKind, d.Kind)
	}
	d.Number = n
	return d, nil
}

// Mask hides most of a document number for display: the first and last
// few characters stay.
func Mask(number string) string {
	r := []rune(number)
	keep := 2
	if len(r) >= 15 {
		keep = 4
	}
	if len(r) <= 2*keep {
		return strings.Repeat("*", len(r))
	}
	return string(r[:keep]) + strings.Repeat("*", len(r)-2*keep) + string(r[len(r)-keep:])
}

// MaskName hides a name for display, as on Chinese tickets: 张三 → 张*,
// 欧阳娜娜 → 欧**娜, "Anna Smith" → "A*** S****".
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 0 {
		return ""
	}
	if strings.ContainsRune(string(r), ' ') {
		var parts []string
		for _, p := range strings.Fields(string(r)) {
			pr := []rune(p)
			parts = append(parts, string(pr[0])+strings.Repeat("*", len(pr)-1))
		}
		return strings.Join(parts, " ")
	}
	switch len(r) {
	case 1:
		return string(r)
	case 2:
		return string(r[0]) + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}
