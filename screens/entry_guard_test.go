package screens

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScreensUseTheirOwnTextFields: no screen makes one of Fyne's text
// fields itself, which would swallow the phone's Back key while it has the
// focus; they make widgets.Entry (or widgets.ScanEntry), which hand it on.
// The kiosk's PIN field, on a terminal with no Back key, is the app's.
func TestScreensUseTheirOwnTextFields(t *testing.T) {
	fyneField := regexp.MustCompile(`widget\.(NewEntry|NewMultiLineEntry|NewPasswordEntry|NewEntryWithData)\(|&widget\.Entry\{`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if fyneField.MatchString(line) {
				t.Errorf("%s:%d makes a Fyne text field: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d screen files read", checked)
	}
}
