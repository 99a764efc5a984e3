package screens

import (
	"os"
	"strings"
	"testing"
)

// TestEveryDependencyIsCredited: each module go.mod requires directly is
// named, with its licence, on the About screen.
func TestEveryDependencyIsCredited(t *testing.T) {
	b, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	direct := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 || !strings.Contains(f[0], ".") {
			continue // not a requirement, or one marked "// indirect"
		}
		direct++
		if !credited(f[0]) {
			t.Errorf("%s is not in the About screen's licences", f[0])
		}
	}
	if direct < 10 {
		t.Fatalf("read %d direct requirements from go.mod; the parser is wrong", direct)
	}
}

// credited reports whether a licence entry names module by its last two
// path elements, without a major-version suffix.
func credited(module string) bool {
	parts := strings.Split(module, "/")
	if last := parts[len(parts)-1]; len(parts) > 2 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	name := strings.ToLower(strings.Join(parts, "/"))
	for _, l := range softwareLicences {
		if strings.Contains(strings.ToLower(l.name), name) && l.licence != "" {
			return true
		}
	}
	return false
}
