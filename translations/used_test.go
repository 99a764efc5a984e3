package translations

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// builtKeys are the message ids the code builds from a prefix and a
// value ("Weekday" + "3"), so they never appear whole in the source.
var builtKeys = []string{"InsuranceKind_", "BookingStep_", "Weekday", "DocKind_"}

// keyLine matches a message's first line in a TOML file: its id.
var keyLine = regexp.MustCompile(`(?m)^([A-Za-z0-9_]+) =`)

// TestEveryMessageIsUsed fails on a message no code asks for: a message
// left behind when a screen changed is one a translator keeps paying for
// and a reader of the files takes for live.
func TestEveryMessageIsUsed(t *testing.T) {
	var src strings.Builder
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "tmp" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		src.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	code := src.String()
	toml, err := os.ReadFile("en.toml")
	if err != nil {
		t.Fatal(err)
	}
	keys := keyLine.FindAllStringSubmatch(string(toml), -1)
	if len(keys) < 100 {
		t.Fatalf("read only %d message ids from en.toml", len(keys))
	}
next:
	for _, m := range keys {
		id := m[1]
		for _, p := range builtKeys {
			if strings.HasPrefix(id, p) && strings.Contains(code, `"`+p+`"`) {
				continue next
			}
		}
		if !strings.Contains(code, `"`+id+`"`) {
			t.Errorf("message %s is in the translations but no code uses it", id)
		}
	}
}
