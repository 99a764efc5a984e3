package kiosk

import (
	"strings"
	"testing"
	"time"
)

// testHash is the hash of "246810" with the least iterations, for speed.
var testHash = func() string {
	h, err := hashPINWith("246810", minIterations)
	if err != nil {
		panic(err)
	}
	return h
}()

func supported(tag string) bool { return tag == "en" || tag == "zh-Hans" }

// TestParse reads a good file and refuses bad ones with the reason.
func TestParse(t *testing.T) {
	good := `role = "service-hall"
idle_timeout = "90s"
warning = "25s"
admin_pin_hash = "` + testHash + `"
language = "zh-Hans"
allowed_screens = ["verify", "signin", "card", "checkin"]
hide_cursor = true
hall = "hall-320500"
[location]
name = "苏州市政务服务中心"
lon = 120.62
lat = 31.32
`
	c, err := Parse([]byte(good), supported)
	if err != nil {
		t.Fatal(err)
	}
	if c.IdleTimeout.Duration != 90*time.Second || c.Warning.Duration != 25*time.Second || !c.HideCursor || c.Location.Name == "" ||
		c.Hall != "hall-320500" || !c.ChecksIn() {
		t.Errorf("parsed %+v", c)
	}
	for id, want := range map[string]bool{"home": true, "verify": true, "card": true, "catalogue": false, "map": false} {
		if c.Allows(id) != want {
			t.Errorf("Allows(%q) = %v, want %v", id, !want, want)
		}
	}
	bad := []struct{ name, text, want string }{
		{"no role", `language = "en"`, "role"},
		{"unknown key", `role = "tourist"` + "\nfoo = 1", "unknown key"},
		{"short idle", `role = "tourist"` + "\nidle_timeout = \"5s\"", "idle_timeout"},
		{"short warning", `role = "tourist"` + "\nwarning = \"10s\"", "warning"},
		{"no PIN", `role = "tourist"` + "\nlanguage = \"en\"", "admin_pin_hash"},
		{"weak PIN hash", `role = "tourist"` + "\nadmin_pin_hash = \"pbkdf2-sha256$10$AAAAAAAAAAA$AAAA\"", "iterations"},
		{"language", `role = "tourist"` + "\nadmin_pin_hash = \"" + testHash + "\"\nlanguage = \"fr\"", "language"},
		{"personal on tourist", `role = "tourist"` + "\nadmin_pin_hash = \"" + testHash + "\"\nlanguage = \"en\"\nallowed_screens = [\"card\"]", "card"},
		{"not toml", `role = `, "kiosk file"},
		{"hall on tourist", `role = "tourist"` + "\nadmin_pin_hash = \"" + testHash + "\"\nlanguage = \"en\"\nhall = \"hall-320500\"", "hall"},
		{"hall not an id", `role = "service-hall"` + "\nadmin_pin_hash = \"" + testHash + "\"\nlanguage = \"en\"\nhall = \"a hall\"", "hall"},
	}
	for _, b := range bad {
		if _, err := Parse([]byte(b.text), supported); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: error %v, want one naming %q", b.name, err, b.want)
		}
	}
}

// TestTouristShowsNothingPersonal: no personal screen is allowed for the
// tourist role whatever the file says.
func TestTouristShowsNothingPersonal(t *testing.T) {
	c := Config{Role: RoleTourist}
	for _, id := range []string{"signin", "card", "servicecode", "verify", "me", "settings", "appointment", "progress"} {
		if c.Allows(id) {
			t.Errorf("a tourist kiosk shows %q", id)
		}
	}
	if c.Personal() {
		t.Error("a tourist kiosk lets residents sign in")
	}
}

// TestPIN: the right PIN opens, a wrong one or a broken hash does not, and
// short or non-digit PINs are refused.
func TestPIN(t *testing.T) {
	if !CheckPIN(testHash, "246810") {
		t.Error("the right PIN is refused")
	}
	for _, pin := range []string{"246811", "", "2468100"} {
		if CheckPIN(testHash, pin) {
			t.Errorf("PIN %q accepted", pin)
		}
	}
	if CheckPIN("sha256$x", "246810") {
		t.Error("a broken hash accepts a PIN")
	}
	for _, pin := range []string{"12345", "12a456"} {
		if _, err := HashPIN(pin); err == nil {
			t.Errorf("HashPIN(%q) made a hash", pin)
		}
	}
	h, err := HashPIN("135790")
	if err != nil || !strings.HasPrefix(h, "pbkdf2-sha256$600000$") || !CheckPIN(h, "135790") {
		t.Errorf("HashPIN = %q, %v", h, err)
	}
}

// FuzzParse: any file text is either refused or gives a config whose
// checks hold.
func FuzzParse(f *testing.F) {
	f.Add(`role = "tourist"` + "\nadmin_pin_hash = \"" + testHash + "\"\nlanguage = \"en\"")
	f.Add(`role = "service-hall"` + "\nidle_timeout = \"1h\"")
	f.Add("[location]\nlon = 999")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse([]byte(text), supported)
		if err != nil {
			return
		}
		if c.IdleTimeout.Duration < MinIdleTimeout || c.Warning.Duration < MinWarning || !c.Allows(HomeScreen) {
			t.Errorf("accepted %+v", c)
		}
	})
}
