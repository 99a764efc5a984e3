package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestWrapButtonWraps: a button with a label wider than the room it is
// given asks for no more than its widest word and, laid out narrower than
// its label, shows it on more lines that each fit; given room, one line.
func TestWrapButtonWraps(t *testing.T) {
	test.NewTempApp(t)
	label := "Measure from the map's centre"
	b := NewWrapButtonWithIcon(label, theme.ZoomFitIcon(), func() {})
	one := b.chrome() + b.measure(label)
	if w := b.MinSize().Width; w >= one || w < b.chrome()+b.measure("centre") {
		t.Errorf("asks for %.0f units; the label on one line needs %.0f", w, one)
	}
	b.Resize(fyne.NewSize(160, b.MinSize().Height))
	lines := strings.Split(b.Text, "\n")
	if len(lines) < 2 || strings.Join(strings.Fields(b.Text), " ") != label {
		t.Fatalf("at 160 units the label reads %q", b.Text)
	}
	for _, l := range lines {
		if w := b.chrome() + b.measure(l); w > 160 {
			t.Errorf("the line %q needs %.0f of 160 units", l, w)
		}
	}
	if b.MinSize().Height <= NewWrapButton("x", nil).MinSize().Height {
		t.Errorf("two lines are no taller than one: %v", b.MinSize())
	}
	b.Resize(fyne.NewSize(one+10, b.MinSize().Height))
	if b.Text != label {
		t.Errorf("with room, the label reads %q", b.Text)
	}
	b.SetText("Go")
	if b.Text != "Go" || b.Source() != "Go" {
		t.Errorf("after SetText the label reads %q", b.Text)
	}
}
