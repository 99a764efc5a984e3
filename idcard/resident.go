package idcard

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"jiangsupass/clock"
)

// Reasons a document is refused; a screen names them in the user's
// language. Errors returned by this package wrap one of them.
var (
	ErrLength     = errors.New("idcard: wrong length")
	ErrCharacters = errors.New("idcard: characters not allowed here")
	ErrCheckDigit = errors.New("idcard: check digit does not match")
	ErrBirthDate  = errors.New("idcard: not a real date of birth")
	ErrFuture     = errors.New("idcard: date of birth is in the future")
	ErrRegion     = errors.New("idcard: unknown region code")
	ErrName       = errors.New("idcard: name missing or too long")
	ErrKind       = errors.New("idcard: unknown kind of document")
)

// weights are GB 11643's weights of the first 17 digits (2^(17-i) mod 11).
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChars maps the weighted sum mod 11 to the check character.
const checkChars = "10X98765432"

// CheckDigit computes the check character of the first 17 digits of an
// identity number.
func CheckDigit(first17 string) (byte, error) {
	if len(first17) != 17 || !allDigits(first17) {
		return 0, fmt.Errorf("%w: want 17 digits", ErrCharacters)
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return checkChars[sum%11], nil
}

// provinces are GB/T 2260's province-level codes (the residence permits of
// Hong Kong, Macao and Taiwan residents use 810000, 820000 and 830000).
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
	"83": true, // the residence permits of Taiwan residents (台湾居民居住证)
}

// Regions answers whether a six-digit Jiangsu division code is known.
type Regions map[string]bool

// ResidentID is a checked identity number.
type ResidentID struct {
	Number    string    // 18 characters, upper-case X
	Region    string    // the six-digit region code
	Birth     time.Time // date of birth, UTC midnight
	Converted bool      // given in the old 15-digit form
}

// ParseResidentID checks an identity number at time now. jiangsu holds the
// known Jiangsu division codes; a nil map accepts any 32xxxx code whose
// province is Jiangsu.
func ParseResidentID(s string, jiangsu Regions, now time.Time) (ResidentID, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var id ResidentID
	switch len(s) {
	case 15:
		if !allDigits(s) {
			return id, fmt.Errorf("%w: a 15-digit number has digits only", ErrCharacters)
		}
		first17 := s[:6] + "19" + s[6:]
		c, _ := CheckDigit(first17)
		s = first17 + string(c)
		id.Converted = true
	case 18:
		if !allDigits(s[:17]) || !(isDigit(s[17]) || s[17] == 'X') {
			return id, fmt.Errorf("%w: 17 digits then a digit or X", ErrCharacters)
		}
		if c, _ := CheckDigit(s[:17]); c != s[17] {
			return id, fmt.Errorf("%w: last character %c, want %c", ErrCheckDigit, s[17], c)
		}
	default:
		return id, fmt.Errorf("%w: %d characters, want 18 (or the old 15)", ErrLength, len(s))
	}
	id.Number, id.Region = s, s[:6]
	if !provinces[s[:2]] {
		return id, fmt.Errorf("%w: %s", ErrRegion, s[:6])
	}
	if s[:2] == "32" && jiangsu != nil && !jiangsu[s[:6]] {
		return id, fmt.Errorf("%w: %s is not a division of Jiangsu", ErrRegion, s[:6])
	}
	b, err := time.Parse("20060102", s[6:14])
	if err != nil {
		return id, fmt.Errorf("%w: %s", ErrBirthDate, s[6:14])
	}
	if b.Year() < 1890 {
		return id, fmt.Errorf("%w: born in %d", ErrBirthDate, b.Year())
	}
	// Born on a day that has not yet begun in China, where the number was
	// issued and the platform's calendar runs.
	y, m, d := clock.In(now).Date()
	if b.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		return id, fmt.Errorf("%w: %s", ErrFuture, b.Format("2006-01-02"))
	}
	id.Birth = b
	return id, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
