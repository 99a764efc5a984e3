package kiosk

import (
	"testing"

	"jiangsupass/translations"
)

// TestExampleFile: the packaged example kiosk file is valid and its PIN
// hash is the PIN its comment names.
func TestExampleFile(t *testing.T) {
	c, err := Load("../packaging/kiosk.example.toml", translations.Supported)
	if err != nil {
		t.Fatal(err)
	}
	if c.Role != RoleServiceHall || !c.HideCursor || !c.Large() || c.Location.Name == "" {
		t.Errorf("example read as %+v", c)
	}
	if !CheckPIN(c.AdminPINHash, "246810") {
		t.Error("the example's hash is not of the PIN 246810")
	}
}
