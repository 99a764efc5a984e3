package offline

import "testing"

func TestTextIn(t *testing.T) {
	full := Text{LangZhHans: "南京", LangEn: "Nanjing", LangZhHant: "南京", LangJa: "南京", LangKo: "난징"}
	tests := []struct {
		name string
		text Text
		lang string
		want string
	}{
		{"exact", full, LangKo, "난징"},
		{"exact English", full, LangEn, "Nanjing"},
		{"missing falls back to zh-Hans", Text{LangZhHans: "中山陵", LangEn: "Sun Yat-sen Mausoleum"}, LangJa, "中山陵"},
		{"empty value falls back to zh-Hans", Text{LangZhHans: "中山陵", LangJa: ""}, LangJa, "中山陵"},
		{"no zh-Hans falls back to en", Text{LangEn: "Zhouzhuang", LangKo: "저우좡"}, LangJa, "Zhouzhuang"},
		{"then the next known language", Text{LangKo: "저우좡"}, LangJa, "저우좡"},
		{"then any other tag", Text{"fr": "Zhouzhuang (fr)", "de": "Zhouzhuang (de)"}, LangJa, "Zhouzhuang (de)"},
		{"regional English", full, "en-GB", "Nanjing"},
		{"underscore tag", full, "en_US", "Nanjing"},
		{"zh-TW finds zh-Hant", Text{LangZhHans: "苏州", LangZhHant: "蘇州"}, "zh-TW", "蘇州"},
		{"zh-Hant-HK finds zh-Hant", Text{LangZhHans: "苏州", LangZhHant: "蘇州"}, "zh-Hant-HK", "蘇州"},
		{"zh-CN finds zh-Hans", Text{LangZhHans: "苏州", LangZhHant: "蘇州"}, "zh-CN", "苏州"},
		{"empty lang", full, "", "南京"},
		{"all empty", Text{LangEn: ""}, LangEn, ""},
		{"nil", nil, LangEn, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.text.In(tt.lang); got != tt.want {
				t.Errorf("In(%q) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}

func TestTextRoundTrip(t *testing.T) {
	in := Text{LangZhHans: "周庄", LangEn: "Zhouzhuang", LangJa: ""}
	out, err := decodeText(encodeText(in), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[LangEn] != "Zhouzhuang" || out[LangZhHans] != "周庄" {
		t.Errorf("round trip = %v", out)
	}
	out, err = decodeText(`{"en":"Zhouzhuang"}`, "周庄")
	if err != nil || out[LangZhHans] != "周庄" {
		t.Errorf("zh-Hans from the name column: %v, %v", out, err)
	}
	if _, err := decodeText(`{"en":`, ""); err == nil {
		t.Error("broken JSON decoded without error")
	}
}
