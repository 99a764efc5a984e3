package app

import (
	"crypto/ecdsa"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/codes"
)

// testAnchors are the anchors the tests' stores trust: this build's own,
// as Run gives its store (a development build's: the demo anchor, which
// signs the reference server's trust lists).
var testAnchors = func() []*ecdsa.PublicKey {
	tr, err := loadTrust("")
	if err != nil {
		panic(err)
	}
	return tr.anchors
}()

// TestLoadTrust reads the anchors built in, and files: a file of the
// deployment's own anchor is not a demo, one with the demo anchor among
// others is, and a file that is missing, too large or not anchors is an
// error that names it.
func TestLoadTrust(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	own, _ := codes.EncodeAnchors("# the deployment's anchor", []*ecdsa.PublicKey{&codes.DemoKey("a deployment of our own").PublicKey})
	both, _ := codes.EncodeAnchors("", append([]*ecdsa.PublicKey{&codes.DemoKey("a deployment of our own").PublicKey}, codes.DemoAnchors()...))
	cases := []struct {
		name, file string
		demo       bool
		err        string
	}{
		{"built in", "", true, ""},
		{"the deployment's", write("own.pem", own), false, ""},
		{"with the demo anchor among them", write("both.pem", both), true, ""},
		{"missing", filepath.Join(dir, "none.pem"), false, "none.pem"},
		{"too large", write("large.pem", make([]byte, codes.MaxAnchorsBytes+1)), false, "larger than"},
		{"not anchors", write("words.pem", []byte("hello")), false, "words.pem"},
	}
	for _, c := range cases {
		tr, err := loadTrust(c.file)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: %v, want an error saying %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || tr.demo != c.demo || len(tr.anchors) == 0 {
			t.Errorf("%s: demo %v, %d anchors, %v; want demo %v", c.name, tr.demo, len(tr.anchors), err, c.demo)
		}
	}
}

// TestReleaseRefusesTheDemoAnchorsUnlessADemo: a release build that would
// trust the demo anchor refuses to start unless told it is a demo, with a
// reason that says what to do; with its own anchors, or as a development
// build, it starts.
func TestReleaseRefusesTheDemoAnchorsUnlessADemo(t *testing.T) {
	demo := trust{anchors: codes.DemoAnchors(), from: "built in", demo: true}
	own := trust{anchors: []*ecdsa.PublicKey{&codes.DemoKey("ours").PublicKey}, from: "ours.pem"}
	err := demo.check(true, false)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("a release with the demo anchor: %v, want ErrRefused", err)
	}
	for _, want := range []string{"demo trust anchor", "--demo", "--anchors", "trust_anchors", "release-anchors.pem"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal does not say %q: %v", want, err)
		}
	}
	for name, err := range map[string]error{
		"a release told it is a demo":    demo.check(true, true),
		"a release with its own anchors": own.check(true, false),
		"a development build":            demo.check(false, false),
	} {
		if err != nil {
			t.Errorf("%s refused: %v", name, err)
		}
	}
}
