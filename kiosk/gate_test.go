package kiosk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gateFile is a gate kiosk's file with the [gate] table given.
func gateFile(gate string) string {
	return `role = "gate"
admin_pin_hash = "` + testHash + `"
language = "zh-Hans"
` + gate
}

// TestParseGate reads a gate's file and refuses a gate table that is
// missing, misplaced or wrong, naming the key.
func TestParseGate(t *testing.T) {
	c, err := Parse([]byte(gateFile(`[gate]
attraction = "5a-002"
id = "east"
server = "https://platform.example"
token_file = "gate.token"
exits = true
`)), supported)
	if err != nil {
		t.Fatal(err)
	}
	if !c.IsGate() || c.Gate.Attraction != "5a-002" || c.Gate.ID != "east" || !c.Gate.Exits || c.Personal() || c.ChecksIn() {
		t.Errorf("parsed %+v, gate %+v", c, c.Gate)
	}
	for id, want := range map[string]bool{"home": true, "verify": true, "signin": false, "card": false, "map": false, "checkin": false} {
		if c.Allows(id) != want {
			t.Errorf("a gate: Allows(%q) = %v, want %v", id, !want, want)
		}
	}
	good := "[gate]\nattraction = \"5a-002\"\nid = \"east\"\nserver = \"https://p.example\"\ntoken_file = \"t\"\n"
	bad := []struct{ name, text, want string }{
		{"no gate table", gateFile(""), "[gate]"},
		{"no attraction", gateFile(strings.Replace(good, `attraction = "5a-002"`, "", 1)), "gate.attraction"},
		{"gate id with a space", gateFile(strings.Replace(good, `"east"`, `"east gate"`, 1)), "gate.id"},
		{"long id", gateFile(strings.Replace(good, `"east"`, `"`+strings.Repeat("e", MaxGateIDLen+1)+`"`, 1)), "gate.id"},
		{"no server", gateFile(strings.Replace(good, `server = "https://p.example"`, "", 1)), "gate.server"},
		{"server not a URL", gateFile(strings.Replace(good, `https://p.example`, `p.example`, 1)), "gate.server"},
		{"no token file", gateFile(strings.Replace(good, `token_file = "t"`, "", 1)), "gate.token_file"},
		{"unknown gate key", gateFile(good + "token = \"abc\"\n"), "unknown key"},
		{"gate on a tourist kiosk", strings.Replace(gateFile(good), `role = "gate"`, `role = "tourist"`, 1), "gate"},
		{"sign-in on a gate", gateFile(`allowed_screens = ["signin"]` + "\n" + good), "signin"},
	}
	for _, b := range bad {
		if _, err := Parse([]byte(b.text), supported); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: error %v, want one naming %q", b.name, err, b.want)
		}
	}
}

// TestGateReadsItsToken: the token is read from a file beside the kiosk
// file that only its owner may read; a file others may read, an empty or
// over-long one is refused.
func TestGateReadsItsToken(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string, mode os.FileMode) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // past the umask
			t.Fatal(err)
		}
	}
	write("gate.token", "gate-token-123\n", 0o600)
	g := Gate{TokenFile: "gate.token"}
	if err := g.ReadToken(dir); err != nil || g.Token != "gate-token-123" || g.TokenFile != filepath.Join(dir, "gate.token") {
		t.Errorf("ReadToken: %v, token %q, file %q", err, g.Token, g.TokenFile)
	}
	write("open.token", "gate-token-123\n", 0o644)
	write("empty.token", "\n", 0o600)
	write("long.token", strings.Repeat("x", MaxTokenBytes+1), 0o600)
	write("two.token", "a b\n", 0o600)
	for name, want := range map[string]string{"open.token": "readable by others", "empty.token": "alone on one line",
		"long.token": "longer than", "two.token": "alone on one line", "missing.token": "no such file"} {
		g := Gate{TokenFile: name}
		if err := g.ReadToken(dir); err == nil || !strings.Contains(err.Error(), want) || g.Token != "" {
			t.Errorf("%s: %v (token %q), want an error naming %q", name, err, g.Token, want)
		}
	}
}
