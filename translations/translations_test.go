package translations

import (
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// messageIDs reads a message file's ids.
func messageIDs(t *testing.T, name string) map[string]bool {
	t.Helper()
	data, err := files.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ids := map[string]bool{}
	for id := range m {
		ids[id] = true
	}
	return ids
}

// TestEveryLanguageHasEveryMessage fails when any message id of any file
// is missing from another, naming the ids and the file that lacks them.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	all := map[string]bool{}
	perFile := map[string]map[string]bool{}
	for _, l := range Languages {
		name := l.Tag + ".toml"
		perFile[name] = messageIDs(t, name)
		for id := range perFile[name] {
			all[id] = true
		}
	}
	if len(all) == 0 {
		t.Fatal("no messages at all")
	}
	for name, ids := range perFile {
		var missing []string
		for id := range all {
			if !ids[id] {
				missing = append(missing, id)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s lacks %d message(s): %s", name, len(missing), strings.Join(missing, ", "))
		}
	}
}

// TestNoStrayMessageFiles keeps the embedded files and Languages in step.
func TestNoStrayMessageFiles(t *testing.T) {
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !Supported(strings.TrimSuffix(n, ".toml")) {
			t.Errorf("%s is embedded but its language is not in Languages", n)
		}
	}
	if len(names) != len(Languages) {
		t.Errorf("%d message files for %d languages", len(names), len(Languages))
	}
}

func TestEveryMessageLocalizesInItsOwnLanguage(t *testing.T) {
	ids := messageIDs(t, Default+".toml")
	for _, l := range Languages {
		loc, err := New(l.Tag)
		if err != nil {
			t.Fatal(err)
		}
		for id := range ids {
			if got := loc.Tf(id, map[string]any{"Path": "/x", "Attractions": 1, "Stations": 2, "Services": 3}); got == "" {
				t.Errorf("%s: %s localizes to %q", l.Tag, id, got)
			}
		}
		if m := loc.Missing(); len(m) > 0 {
			t.Errorf("%s: fell back to another language for %v", l.Tag, m)
		}
	}
}

func TestMissingIDIsReported(t *testing.T) {
	loc, err := New("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := loc.T("NoSuchMessage"); got != "NoSuchMessage" {
		t.Errorf("missing id gave %q", got)
	}
	if m := loc.Missing(); len(m) != 1 || m[0] != "NoSuchMessage" {
		t.Errorf("Missing() = %v", m)
	}
}

func TestMatch(t *testing.T) {
	cases := []struct {
		in   []string
		want string
	}{
		{nil, "zh-Hans"},
		{[]string{"en"}, "en"},
		{[]string{"", "ja"}, "ja"},
		{[]string{"", "", "en_GB.UTF-8"}, "en"},
		{[]string{"zh_TW.UTF-8"}, "zh-Hant"},
		{[]string{"zh-HK"}, "zh-Hant"},
		{[]string{"zh-CN"}, "zh-Hans"},
		{[]string{"ko-KR"}, "ko"},
		{[]string{"C"}, "zh-Hans"},
		{[]string{"not a tag!", "en"}, "en"},
	}
	for _, c := range cases {
		if got := Match(c.in...); got != c.want {
			t.Errorf("Match(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
