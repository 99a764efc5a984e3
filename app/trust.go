package app

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"os"

	"jiangsupass/assets"
	"jiangsupass/codes"
)

// trust is what the app checks signed codes by: the trust anchors its
// store opens trust lists with, and where they came from.
type trust struct {
	anchors []*ecdsa.PublicKey
	from    string // the anchors file, or "built in"
	// demo: the anchors include the reference platform's demo anchor,
	// whose private key anyone can derive.
	demo bool
}

// ErrRefused is wrapped by the error Run returns when the app refuses to
// start: it has already said why, on stderr and, where it could show a
// window, on screen.
var ErrRefused = errors.New("refused to start")

// loadTrust reads the anchors file named (--anchors, or the kiosk file's
// trust_anchors), or takes the anchors built into this build
// (assets.Anchors), and notes whether they include the demo anchor.
func loadTrust(file string) (trust, error) {
	text, from := assets.Anchors, "built in"
	if file != "" {
		b, err := readBounded(file, codes.MaxAnchorsBytes)
		if err != nil {
			return trust{}, fmt.Errorf("trust anchors %s: %w", file, err)
		}
		text, from = b, file
	}
	anchors, err := codes.ParseAnchors(text)
	if err != nil {
		return trust{}, fmt.Errorf("trust anchors (%s): %w", from, err)
	}
	demo, err := codes.ParseAnchors(assets.DemoAnchors)
	if err != nil {
		return trust{}, fmt.Errorf("the demo anchors built in: %w", err)
	}
	return trust{anchors: anchors, from: from, demo: codes.SharesAnchor(anchors, demo)}, nil
}

// readBounded reads a file of at most limit bytes; a larger one is an
// error, and is not read past limit.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return b, nil
}

// check refuses a release build that would trust the demo anchors unless
// it was told it is a demo. A development build, or a demo, starts.
func (t trust) check(release, demo bool) error {
	if !release || !t.demo || demo {
		return nil
	}
	return fmt.Errorf("%w: this release build would trust the reference platform's demo trust anchor (%s), "+
		"whose private key is public, so every code it shows or verifies could be forged. "+
		"Give it your deployment's anchors (--anchors FILE, trust_anchors in the kiosk file, or "+
		"assets/trust/release-anchors.pem when you build), or start it with --demo "+
		"(demo = true in the kiosk file) to run it as a demo", ErrRefused, t.from)
}
