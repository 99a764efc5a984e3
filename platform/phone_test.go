package platform

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestParsePhone: the ways a person types a mainland or an international
// number give its one kept form; what is not a number a code can be sent
// to is refused with a reason.
func TestParsePhone(t *testing.T) {
	for _, c := range []struct {
		typed, want string
	}{
		{"13800000001", "13800000001"},
		{" 138 0000 0001 ", "13800000001"},
		{"138-0000-0001", "13800000001"},
		{"+86 138 0000 0001", "13800000001"},
		{"+8613800000001", "13800000001"},
		{"0086 13800000001", "13800000001"},
		{"１３８００００００01", "13800000001"}, // full-width digits, as a Chinese input method types them
		{"+44 7700 900123", "+447700900123"},
		{"+447700900123", "+447700900123"},
		{"＋４４ ７７００ ９００１２３", "+447700900123"},
		{"+44 (0)7700 900123", "+447700900123"},
		{"0044 7700-900-123", "+447700900123"},
		{"+1 (415) 555-2671", "+14155552671"},
		{"+1.415.555.2671", "+14155552671"},
		{"+81 90-1234-5678", "+819012345678"},
		{"+852 9123 4567", "+85291234567"},
		{"+886 912 345 678", "+886912345678"},
		{"+82 10–1234–5678", "+821012345678"}, // en dashes
		{"+683 4002", "+6834002"},             // Niue: 4 digits after the code
		{"+49 1512 3456 7890", "+49151234567890"},
		{"+380 123456789012", "+380123456789012"}, // 15 digits
	} {
		got, err := ParsePhone(c.typed)
		if err != nil || got.String() != c.want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q", c.typed, got, err, c.want)
		}
	}
	for _, typed := range []string{
		"", "   ", "+", "+0 7700 900123", "+044 7700 900123", "00 7700",
		"+44 7700 9001234567", // 16 digits
		"+3801234567890123",   // 16 digits
		"+44 7700 9OO123", "call +447700900123", "+44 77OO", "13800000OO1", "tel:+447700900123",
		"+44 123",                             // too few after the country code
		"+1 415 555 267",                      // +1 needs 10 digits
		"+86 10 1234 5678", "+86 12800000001", // +86, not a mobile
		"12800000001", "1380000000", "138000000012", "07700900123", "8613800000001",
		"+999 1234 5678", "+28 1234 5678", // no such country code
		"+44+7700900123", "+44 7700 900123 ext 1",
		strings.Repeat(" ", PhoneMaxInput) + "13800000001", // over the bound, spaces or not
	} {
		got, err := ParsePhone(typed)
		if err == nil || !errors.Is(err, ErrBadPhone) {
			t.Errorf("ParsePhone(%q) = %q, %v; want an error wrapping ErrBadPhone", typed, got, err)
		}
	}
}

// TestPhoneMasked: the screens and the platform's answers show a number
// with its middle hidden, mainland or not.
func TestPhoneMasked(t *testing.T) {
	for typed, want := range map[string]string{
		"13800000001":     "138****0001",
		"+44 7700 900123": "+44 ••• 0123",
		"+1 415 555 2671": "+1 ••• 2671",
		"+852 9123 4567":  "+852 ••• 4567",
		"+683 4002":       "+683 ••• 02",
	} {
		p, err := ParsePhone(typed)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Masked(); got != want {
			t.Errorf("%q masked = %q, want %q", typed, got, want)
		}
	}
	if Phone("").Masked() != "" {
		t.Error("no number masks to something")
	}
	for _, p := range []Phone{"1380", "+44", "+44 7700 900123", "+999123456", "8613800000001"} {
		if got := p.Masked(); got != "***" {
			t.Errorf("%q, no kept form, masked = %q", p, got)
		}
	}
}

// TestCountryCodesArePrefixFree: no country code starts another, so a
// number's code is read without doubt.
func TestCountryCodesArePrefixFree(t *testing.T) {
	for a := range countryCodeSet {
		for b := range countryCodeSet {
			if a != b && strings.HasPrefix(b, a) {
				t.Errorf("country code %s starts %s", a, b)
			}
		}
	}
	if n := len(countryCodeSet); n < 200 || n > 260 {
		t.Errorf("%d country codes", n)
	}
}

// contractPhone is the pattern openapi.yaml gives a sign-in request's
// phone.
func contractPhone(t testing.TB) *regexp.Regexp {
	t.Helper()
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Pattern    string `yaml:"pattern"`
				MaxLength  int    `yaml:"maxLength"`
				Properties map[string]struct {
					Ref string `yaml:"$ref"`
				} `yaml:"properties"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Components.Schemas
	for _, req := range []string{"CodeRequest", "SignInRequest"} {
		if ref := s[req].Properties["phone"].Ref; ref != "#/components/schemas/Phone" {
			t.Fatalf("%s.phone is %q, not the Phone schema", req, ref)
		}
	}
	if s["Phone"].Pattern == "" {
		t.Fatal("the contract's Phone has no pattern")
	}
	return regexp.MustCompile(s["Phone"].Pattern)
}

// TestContractPhonePattern: every number ParsePhone keeps is one the
// contract's pattern admits, and the pattern admits no text ParsePhone
// would refuse as a kept form.
func TestContractPhonePattern(t *testing.T) {
	re := contractPhone(t)
	for _, s := range []string{"13800000001", "+447700900123", "+14155552671", "+6834002", "+380123456789012"} {
		p, err := ParsePhone(s)
		if err != nil || p.String() != s || !re.MatchString(s) {
			t.Errorf("%q: kept as %q (%v), pattern %v", s, p, err, re.MatchString(s))
		}
	}
	for _, s := range []string{"+3801234567890123", "+0447700900123", "+44 7700 900123", "12800000001", "+44abc"} {
		if re.MatchString(s) {
			t.Errorf("the contract's pattern admits %q", s)
		}
	}
}

// FuzzParsePhone: any text is read within its bound without a panic; what
// is kept parses again to itself, matches the contract's pattern and masks
// to text without the hidden digits' run.
func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"13800000001", "+44 7700 900123", "+44 (0)7700", "００８６", "+1 (415) 555-2671", "+٣٨٠"} {
		f.Add(s)
	}
	re := contractPhone(f)
	f.Fuzz(func(t *testing.T, typed string) {
		p, err := ParsePhone(typed)
		if err != nil {
			if !errors.Is(err, ErrBadPhone) || p != "" {
				t.Fatalf("ParsePhone(%q) = %q, %v", typed, p, err)
			}
			return
		}
		if len(typed) > PhoneMaxInput {
			t.Fatalf("%d bytes read", len(typed))
		}
		again, err := ParsePhone(p.String())
		if err != nil || again != p {
			t.Fatalf("%q kept as %q, which parses to %q, %v", typed, p, again, err)
		}
		if !re.MatchString(p.String()) {
			t.Fatalf("%q kept as %q, which the contract's pattern refuses", typed, p)
		}
		if m := p.Masked(); strings.Contains(m, p.String()[1:len(p)-4]) && len(p) > 8 {
			t.Fatalf("%q masked as %q", p, m)
		}
	})
}
