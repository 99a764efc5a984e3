package kiosk

import (
	"testing"

	"jiangsupass/translations"
)

// TestGateExampleFile: the packaged example of a gate's kiosk file is
// valid and names its area, gate, platform and token file.
func TestGateExampleFile(t *testing.T) {
	c, err := Load("../packaging/kiosk.gate.example.toml", translations.Supported)
	if err != nil {
		t.Fatal(err)
	}
	if !c.IsGate() || c.Gate.Attraction != "5a-002" || c.Gate.ID != "east" || c.Gate.Server == "" || c.Gate.TokenFile == "" || !c.Gate.Exits {
		t.Errorf("example read as %+v, gate %+v", c, c.Gate)
	}
}
