package kiosk

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTrustAnchorsAndDemo: a kiosk file names its anchors file, taken from
// the file's own folder when relative and as it is when absolute, and says
// whether it is a demo; neither is set when left out.
func TestTrustAnchorsAndDemo(t *testing.T) {
	dir := t.TempDir()
	base := `role = "tourist"
admin_pin_hash = "` + testHash + `"
language = "en"
`
	cases := []struct {
		extra, anchors string
		demo           bool
	}{
		{"", "", false},
		{"trust_anchors = \"keys/anchors.pem\"\ndemo = true\n", filepath.Join(dir, "keys", "anchors.pem"), true},
		{"trust_anchors = \"/etc/jiangsupass/anchors.pem\"\n", "/etc/jiangsupass/anchors.pem", false},
	}
	for i, c := range cases {
		path := filepath.Join(dir, "kiosk.toml")
		if err := os.WriteFile(path, []byte(base+c.extra), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := Load(path, supported)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if got.TrustAnchors != c.anchors || got.Demo != c.demo {
			t.Errorf("case %d: anchors %q, demo %v; want %q, %v", i, got.TrustAnchors, got.Demo, c.anchors, c.demo)
		}
	}
}
