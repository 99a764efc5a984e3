package idcard

import (
	"encoding/csv"
	"errors"
	"os"
	"testing"
	"time"
)

// jiangsuRegions reads the division codes the app ships.
func jiangsuRegions(t testing.TB) Regions {
	t.Helper()
	f, err := os.Open("../assets/data/jiangsu_divisions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := Regions{}
	for _, row := range rows[1:] {
		r[row[0]] = true
	}
	if len(r) < 100 {
		t.Fatalf("only %d divisions", len(r))
	}
	return r
}

var testNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func TestDocuments(t *testing.T) {
	js := jiangsuRegions(t)
	cases := []struct {
		name string
		kind Kind
		in   string
		want string // normalized number, when valid
		err  error
	}{
		{"GB 11643 example, X check", KindResidentID, "11010519491231002x", "11010519491231002X", nil},
		{"Nanjing Xuanwu", KindResidentID, "320102198503151230", "320102198503151230", nil},
		{"Kunshan, spaces", KindResidentID, "320583 19900101 0029", "320583199001010029", nil},
		{"Shenzhen, leap day 2000", KindResidentID, "440304200002290014", "440304200002290014", nil},
		{"Hong Kong resident permit", KindResidentID, "810000199501010015", "810000199501010015", nil},
		{"bad check digit", KindResidentID, "320102198503151231", "", ErrCheckDigit},
		{"bad check digit X", KindResidentID, "32010219850315123X", "", ErrCheckDigit},
		{"impossible date 30 Feb", KindResidentID, "320102202302300016", "", ErrBirthDate},
		{"born in the future", KindResidentID, "320102209901010012", "", ErrFuture},
		{"unknown Jiangsu division", KindResidentID, "329999198503151231", "", ErrRegion},
		{"unknown province 99", KindResidentID, "990102198503151235", "", ErrRegion},
		{"17 characters", KindResidentID, "32010219850315123", "", ErrLength},
		{"letter inside", KindResidentID, "3201021985031512A0", "", ErrCharacters},
		{"old 15-digit form converted", KindResidentID, "320102850315123", "320102198503151230", nil},
		{"old 15-digit with a letter", KindResidentID, "32010285031512X", "", ErrCharacters},
		{"old 15-digit impossible date", KindResidentID, "320102851315123", "", ErrBirthDate},
		{"Chinese passport E+8", KindPassport, "E12345678", "E12345678", nil},
		{"Chinese passport EA+7", KindPassport, "ea1234567", "EA1234567", nil},
		{"German passport", KindPassport, "C01X00T47", "C01X00T47", nil},
		{"passport too long", KindPassport, "E123456789", "", ErrCharacters},
		{"passport letters only", KindPassport, "ABCDEFG", "", ErrCharacters},
		{"passport with hyphen", KindPassport, "E1234-567", "", ErrCharacters},
		{"Hong Kong permit H+8", KindHKMacau, "H12345678", "H12345678", nil},
		{"Macao permit M+10", KindHKMacau, "m1234567890", "M1234567890", nil},
		{"HK permit wrong letter", KindHKMacau, "C12345678", "", ErrCharacters},
		{"HK permit 9 digits", KindHKMacau, "H123456789", "", ErrCharacters},
		{"Taiwan permit 8 digits", KindTaiwan, "12345678", "12345678", nil},
		{"Taiwan permit 10 digits", KindTaiwan, "1234567890", "1234567890", nil},
		{"Taiwan permit 7 digits", KindTaiwan, "1234567", "", ErrCharacters},
		{"Taiwan permit letter", KindTaiwan, "T2345678", "", ErrCharacters},
		{"unknown kind", Kind("visa"), "12345678", "", ErrKind},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Normalize(Document{Name: " 张三 ", Kind: c.kind, Number: c.in}, js, testNow)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("Normalize(%q) error %v, want %v", c.in, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Normalize(%q): %v", c.in, err)
			}
			if d.Number != c.want || d.Name != "张三" {
				t.Fatalf("Normalize(%q) = %q %q, want %q", c.in, d.Name, d.Number, c.want)
			}
		})
	}
}

func TestResidentIDFields(t *testing.T) {
	id, err := ParseResidentID("320102850315123", jiangsuRegions(t), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !id.Converted || id.Region != "320102" || id.Birth.Format("2006-01-02") != "1985-03-15" {
		t.Fatalf("got %+v", id)
	}
	// Born today is allowed.
	if _, err := ParseResidentID("110105202611290018", nil, testNow); err != nil {
		t.Fatalf("born today refused: %v", err)
	}
}

func TestNameAndMasks(t *testing.T) {
	if _, err := Normalize(Document{Name: "  ", Kind: KindPassport, Number: "E12345678"}, nil, testNow); !errors.Is(err, ErrName) {
		t.Fatalf("empty name: %v", err)
	}
	for in, want := range map[string]string{"张三": "张*", "欧阳娜娜": "欧**娜", "Anna Smith": "A*** S****", "李": "李"} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Mask("320102198503151230"); got != "3201**********1230" {
		t.Errorf("Mask = %q", got)
	}
	if got := Mask("E12345678"); got != "E1*****78" {
		t.Errorf("Mask = %q", got)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "320102850315123", "E12345678", "H12345678", "12345678", "", "３２０"} {
		f.Add(s, 0)
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, k int) {
		kind := Kinds[(k%len(Kinds)+len(Kinds))%len(Kinds)]
		d, err := Normalize(Document{Name: "A", Kind: kind, Number: s}, nil, testNow)
		if err != nil {
			return
		}
		again, err := Normalize(d, nil, testNow)
		if err != nil || again != d {
			t.Fatalf("normalized %q → %q is not stable: %q %v", s, d.Number, again.Number, err)
		}
	})
}

// TestBornTodayInChina: a number with today's date of birth in China is
// accepted on a device whose own clock still reads yesterday, and one born
// tomorrow in China is refused.
func TestBornTodayInChina(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	// 00:30 on 4 December 2026 in Nanjing is 08:30 on the 3rd in LA.
	now := time.Date(2026, 12, 3, 8, 30, 0, 0, la)
	for _, c := range []struct {
		body string // 17 digits: region, birth date, sequence
		want error
	}{
		{"32010220261204123", nil},
		{"32010220261205123", ErrFuture},
	} {
		check, _ := CheckDigit(c.body)
		_, err := ParseResidentID(c.body+string(check), nil, now)
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", c.body, err, c.want)
		}
	}
}
