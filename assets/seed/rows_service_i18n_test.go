package seed

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

const serviceI18nHeader = "kind,zh,en,zh_hant,ja,ko\r\n"

// TestParseServiceI18n reads good rows and refuses bad ones, naming the
// file and line.
func TestParseServiceI18n(t *testing.T) {
	rows, err := ParseServiceI18n(FileServiceI18n, []byte(serviceI18nHeader+
		"department,江苏省公安厅,Jiangsu Provincial Public Security Department,江蘇省公安廳,江蘇省公安庁,장쑤성 공안청\r\n"+
		`note,"属""退休一件事""","Part of ""Retirement""","屬""退休一件事""",「退職」の一部,'퇴직'에 포함`+"\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].Zh != `属"退休一件事"` || rows[0].Names[LangKo] != "장쑤성 공안청" || rows[1].Line != 3 {
		t.Fatalf("rows = %+v", rows)
	}
	for _, tc := range []struct{ name, data, want string }{
		{"empty", "", "empty"},
		{"no ko column", "kind,zh,en,zh_hant,ja\n", `missing column "ko"`},
		{"unknown kind", serviceI18nHeader + "street,路,Road,路,路,로\n", `kind "street"`},
		{"empty ja", serviceI18nHeader + "theme,户籍,Household registration,戶籍,,호적\n", "line 2: ja is empty"},
		{"twice", serviceI18nHeader + "theme,户籍,a,b,c,d\ntheme,户籍,a,b,c,d\n", "line 3: zh \"户籍\" appears twice (first on line 2)"},
		{"bad quote", serviceI18nHeader + "theme,\"户籍,a,b,c,d\n", "line 2"},
		{"too big", serviceI18nHeader + strings.Repeat("x", MaxServiceI18nBytes), "more than the"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseServiceI18n(FileServiceI18n, []byte(tc.data))
			if err == nil || !strings.HasPrefix(err.Error(), "seed "+FileServiceI18n) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestParseServiceI18nRowBound refuses a file of more rows than
// MaxServiceI18nRows, however small.
func TestParseServiceI18nRowBound(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(serviceI18nHeader)
	for i := range MaxServiceI18nRows + 1 {
		b.WriteString("guide,")
		b.WriteString(strings.Repeat("字", 1+i%7))
		b.WriteString(string(rune(0x4e00 + i)))
		b.WriteString(",a,b,c,d\n")
	}
	if b.Len() > MaxServiceI18nBytes {
		t.Fatalf("the test file is %d bytes", b.Len())
	}
	_, err := ParseServiceI18n(FileServiceI18n, b.Bytes())
	if err == nil || !strings.Contains(err.Error(), "more than 5000 rows") {
		t.Errorf("error = %v", err)
	}
}

// FuzzParseServiceI18n feeds arbitrary bytes to the parser: it never
// panics, an error names the file, and the rows it accepts have a known
// kind, a unique non-empty key and every translation.
func FuzzParseServiceI18n(f *testing.F) {
	f.Add([]byte(serviceI18nHeader + "theme,户籍,Household registration,戶籍,戸籍,호적\r\n"))
	f.Add([]byte(serviceI18nHeader + `note,"属""退休一件事""",a,b,c,d` + "\n"))
	f.Add([]byte("\ufeffkind,zh,en,zh_hant,ja,ko\nguide,即办,On the spot,即辦,その場で処理,즉시 처리\n"))
	f.Add([]byte(serviceI18nHeader + "theme,户籍,a,b,c,d\ntheme,户籍,a,b,c,d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseServiceI18n(FileServiceI18n, data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "seed "+FileServiceI18n) {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if len(rows) > MaxServiceI18nRows {
			t.Errorf("%d rows", len(rows))
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if r.Zh == "" || seen[r.Zh] || !slices.Contains(ServiceI18nKinds, r.Kind) {
				t.Errorf("accepted %+v", r)
			}
			seen[r.Zh] = true
			for _, l := range []string{LangEn, LangZhHant, LangJa, LangKo} {
				if r.Names[l] == "" {
					t.Errorf("accepted %+v without %s", r, l)
				}
			}
		}
	})
}
