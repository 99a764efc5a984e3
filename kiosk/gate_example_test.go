package kiosk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/translations"
)

// TestGateExampleFile: the packaged example of a gate's kiosk file is
// valid, and Load reads the token from the file it names beside it; a
// token file others may read stops it.
func TestGateExampleFile(t *testing.T) {
	text, err := os.ReadFile("../packaging/kiosk.gate.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "gate.toml")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	token := filepath.Join(dir, "gate.token")
	if err := os.WriteFile(token, []byte("at-secret-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, translations.Supported)
	if err != nil {
		t.Fatal(err)
	}
	if !c.IsGate() || c.Gate.Attraction != "5a-002" || c.Gate.ID != "east" || c.Gate.Server == "" || !c.Gate.Exits ||
		c.Gate.Token != "at-secret-1" || c.Gate.TokenFile != token {
		t.Errorf("example read as %+v, gate %+v", c, c.Gate)
	}
	if err := os.Chmod(token, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, translations.Supported); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Errorf("a token file others may read: %v", err)
	}
}
