package kiosk

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Role is what a kiosk is for; it decides which screens it may show.
type Role string

// The two roles.
const (
	// RoleTourist is a tourist-information kiosk: map, attractions,
	// transport and search; nothing personal.
	RoleTourist Role = "tourist"
	// RoleServiceHall is a terminal in a government service hall: the
	// catalogue of services, appointments, code and ticket verification
	// with a barcode scanner, and sign-in for one session.
	RoleServiceHall Role = "service-hall"
)

// roleScreens are the screen ids each role may show at most. A kiosk file
// may narrow them with allowed_screens, never widen them.
var roleScreens = map[Role][]string{
	RoleTourist: {
		"home", "map", "attractions", "attraction", "nearby", "search", "about",
		"transport", "transport-line", "transport-picker", "transport-planner", "transport-route", "transport-station",
	},
	RoleServiceHall: {
		"home", "services", "catalogue", "service-item", "halls", "hall", "halls-map", "appointment", "progress",
		"search", "about", "signin", "card", "servicecode", "verify", "checkin",
	},
	// A gate checks tickets; its staff view is behind the staff PIN, not
	// a screen a visitor reaches.
	RoleGate: {"home", "verify", "about"},
}

// HomeScreen is the screen every kiosk shows after a reset; it is always
// allowed.
const HomeScreen = "home"

// The least and the default idle times, and the least warning.
const (
	MinIdleTimeout     = 30 * time.Second
	DefaultIdleTimeout = 2 * time.Minute
	MinWarning         = 20 * time.Second
	DefaultWarning     = 30 * time.Second
)

// Location is where the kiosk stands: the map and "nearby" centre on it.
type Location struct {
	Name string  `toml:"name"`
	Lon  float64 `toml:"lon"`
	Lat  float64 `toml:"lat"`
}

// Config is a kiosk configuration file.
type Config struct {
	Role           Role     `toml:"role"`
	Location       Location `toml:"location"`
	IdleTimeout    Duration `toml:"idle_timeout"`
	Warning        Duration `toml:"warning"`
	AdminPINHash   string   `toml:"admin_pin_hash"`
	Language       string   `toml:"language"`
	AllowedScreens []string `toml:"allowed_screens"`
	HideCursor     bool     `toml:"hide_cursor"`
	// Hall is the service hall a service-hall kiosk stands in (an id such
	// as "hall-320500"): visitors check in there, and a scan with no field
	// focused checks its holder in.
	Hall string `toml:"hall"`
	// Gate is a gate kiosk's area, gate and credential (role "gate" only).
	Gate *Gate `toml:"gate"`
	// LargeText is 长辈版's large text and targets; a kiosk is used
	// standing up, often by older people, so it is on unless set false.
	LargeText *bool `toml:"large_text"`
	// TrustAnchors is a file of the trust anchors (PEM public keys) the
	// kiosk checks codes by, instead of those built into the app; Load
	// takes a relative path from the kiosk file's folder.
	TrustAnchors string `toml:"trust_anchors"`
	// Demo runs the kiosk as a demo, which says on screen that its codes
	// protect nothing; a release build that would trust the reference
	// platform's demo anchors starts only as a demo.
	Demo bool `toml:"demo"`
}

// Large reports whether the kiosk shows large text and targets.
func (c Config) Large() bool { return c.LargeText == nil || *c.LargeText }

// Duration is a time.Duration written as "2m" or "90s" in the file.
type Duration struct{ time.Duration }

// UnmarshalText reads a Go duration such as "2m30s".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// Load reads and checks a kiosk file, and a gate's token file. supported
// says whether a language tag is one the app has.
func Load(path string, supported func(string) bool) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("kiosk file: %w", err)
	}
	c, err := Parse(b, supported)
	if err == nil && c.TrustAnchors != "" && !filepath.IsAbs(c.TrustAnchors) {
		c.TrustAnchors = filepath.Join(filepath.Dir(path), c.TrustAnchors)
	}
	if err == nil && c.IsGate() {
		if err = c.Gate.ReadToken(filepath.Dir(path)); err != nil {
			return Config{}, fmt.Errorf("kiosk file: %w", err)
		}
	}
	return c, err
}

// Parse decodes and checks a kiosk file's text: unknown keys, a missing
// role, PIN hash or language, a too-short idle time or warning, or a
// screen the role may not show are errors.
func Parse(b []byte, supported func(string) bool) (Config, error) {
	var c Config
	md, err := toml.Decode(string(b), &c)
	if err != nil {
		return Config{}, fmt.Errorf("kiosk file: %w", err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return Config{}, fmt.Errorf("kiosk file: unknown key %q", un[0].String())
	}
	if err := c.check(supported); err != nil {
		return Config{}, fmt.Errorf("kiosk file: %w", err)
	}
	return c, nil
}

func (c *Config) check(supported func(string) bool) error {
	role, ok := roleScreens[c.Role]
	if !ok {
		return fmt.Errorf("role %q: want %q, %q or %q", c.Role, RoleTourist, RoleServiceHall, RoleGate)
	}
	if err := c.checkGate(); err != nil {
		return err
	}
	if c.IdleTimeout.Duration == 0 {
		c.IdleTimeout.Duration = DefaultIdleTimeout
	}
	if c.Warning.Duration == 0 {
		c.Warning.Duration = DefaultWarning
	}
	if c.IdleTimeout.Duration < MinIdleTimeout {
		return fmt.Errorf("idle_timeout %v: at least %v", c.IdleTimeout.Duration, MinIdleTimeout)
	}
	if c.Warning.Duration < MinWarning {
		return fmt.Errorf("warning %v: at least %v, to give a user time to continue", c.Warning.Duration, MinWarning)
	}
	if _, err := parsePINHash(c.AdminPINHash); err != nil {
		return fmt.Errorf("admin_pin_hash: %w", err)
	}
	if c.Language == "" || (supported != nil && !supported(c.Language)) {
		return fmt.Errorf("language %q: not one of the app's languages", c.Language)
	}
	if c.Location.Lon < -180 || c.Location.Lon > 180 || c.Location.Lat < -90 || c.Location.Lat > 90 {
		return errors.New("location: lon or lat out of range")
	}
	if c.Hall != "" && c.Role != RoleServiceHall {
		return fmt.Errorf("hall %q: only a %s kiosk checks visitors in", c.Hall, RoleServiceHall)
	}
	if strings.ContainsAny(c.Hall, " \t\n/?#") {
		return fmt.Errorf("hall %q: not a service hall id such as \"hall-320500\"", c.Hall)
	}
	for _, id := range c.AllowedScreens {
		if !slices.Contains(role, id) {
			return fmt.Errorf("allowed_screens: %q is not shown by a %s kiosk", id, c.Role)
		}
	}
	return nil
}

// Allows reports whether the kiosk may show the screen id: the role's
// screens, narrowed to allowed_screens when the file lists any. Home is
// always allowed.
func (c Config) Allows(id string) bool {
	if id == HomeScreen {
		return true
	}
	if !slices.Contains(roleScreens[c.Role], id) {
		return false
	}
	return len(c.AllowedScreens) == 0 || slices.Contains(c.AllowedScreens, id)
}

// ChecksIn reports whether the kiosk checks visitors in at its hall.
func (c Config) ChecksIn() bool { return c.Hall != "" && c.Allows("checkin") }

// Personal reports whether the role lets a resident sign in.
func (c Config) Personal() bool { return c.Role == RoleServiceHall }
