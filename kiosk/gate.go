package kiosk

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// RoleGate is a gate of a scenic area: it checks e-tickets with the
// scanner, records each ticket it admits and each exit it counts, and,
// behind the staff PIN, shows the area's staff view.
const RoleGate Role = "gate"

// Gate is where a gate kiosk stands and the credential it records with
// (the kiosk file's [gate] table).
type Gate struct {
	// Attraction is the scenic area the gate admits to (an attraction ID
	// such as "5a-002"); it refuses tickets for any other.
	Attraction string `toml:"attraction"`
	// ID is the gate's name in its area, as its area token was issued
	// for ("east", "north-2").
	ID string `toml:"id"`
	// Server is the platform that issued the token; the kiosk syncs from
	// it, and the token is never sent to any other.
	Server string `toml:"server"`
	// TokenFile holds the gate's area token (cmd/platform admin
	// area-token), readable by the kiosk's user only; Load (ReadToken)
	// takes a relative path from the kiosk file's folder and reads it
	// into Token.
	TokenFile string `toml:"token_file"`
	// Exits shows the exit button, where the gate's exits are counted.
	Exits bool `toml:"exits"`

	// Token is the area token read from TokenFile (ReadToken).
	Token string `toml:"-"`
}

// MaxTokenBytes bounds an area token file.
const MaxTokenBytes = 512

// MaxGateIDLen bounds an attraction's and a gate's id, as the platform
// does.
const MaxGateIDLen = 100

// checkGate checks the [gate] table: present exactly on a gate kiosk, with
// ids the platform takes and the platform's address.
func (c *Config) checkGate() error {
	if c.Role != RoleGate {
		if c.Gate != nil {
			return fmt.Errorf("gate: only a %s kiosk records admissions", RoleGate)
		}
		return nil
	}
	g := c.Gate
	if g == nil {
		return errors.New("gate: a gate kiosk needs its [gate] table: attraction, id, server and token_file")
	}
	for name, v := range map[string]string{"attraction": g.Attraction, "id": g.ID} {
		if v == "" || len(v) > MaxGateIDLen || strings.ContainsAny(v, " \t\n/?#") {
			return fmt.Errorf("gate.%s %q: want an id of 1 to %d characters with no spaces or slashes", name, v, MaxGateIDLen)
		}
	}
	u, err := url.Parse(g.Server)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("gate.server %q: want the platform's address, such as https://platform.example", g.Server)
	}
	if g.TokenFile == "" {
		return errors.New("gate.token_file: name the file that holds the gate's area token")
	}
	return nil
}

// ReadToken reads the gate's token file (a relative path is taken from
// dir, the kiosk file's folder) into Token: the token alone on one line,
// bounded, in a file no one but its owner may read.
func (g *Gate) ReadToken(dir string) error {
	path := g.TokenFile
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	g.TokenFile = path
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gate.token_file: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("gate.token_file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("gate.token_file %s: readable by others (mode %v); chmod 600 it", path, fi.Mode().Perm())
	}
	b := make([]byte, MaxTokenBytes+1)
	n, _ := f.Read(b)
	tok := strings.TrimSpace(string(b[:n]))
	switch {
	case n > MaxTokenBytes:
		return fmt.Errorf("gate.token_file %s: longer than %d bytes; not an area token", path, MaxTokenBytes)
	case tok == "" || strings.ContainsAny(tok, " \t\n\r"):
		return fmt.Errorf("gate.token_file %s: want the area token alone on one line", path)
	}
	g.Token = tok
	return nil
}

// IsGate reports whether the kiosk is a gate.
func (c Config) IsGate() bool { return c.Role == RoleGate && c.Gate != nil }
