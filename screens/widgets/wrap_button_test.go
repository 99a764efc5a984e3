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

// TestLeadingButton: NewLeading gives the button its one-line width where
// the row has room, leaving the rest of the row free, and the row's width
// where it has not, the label then wrapping.
func TestLeadingButton(t *testing.T) {
	test.NewTempApp(t)
	b := NewWrapButtonWithIcon("Measure from the map's centre", theme.ZoomFitIcon(), func() {})
	row := NewLeading(b)
	row.Resize(fyne.NewSize(600, 60))
	if w := b.Size().Width; w != b.oneLine() || strings.Contains(b.Text, "\n") {
		t.Errorf("in a 600-unit row the button is %.0f wide (its line %.0f) reading %q", w, b.oneLine(), b.Text)
	}
	row.Resize(fyne.NewSize(150, 60))
	if w := b.Size().Width; w != 150 || !strings.Contains(b.Text, "\n") || b.Size().Height < b.MinSize().Height {
		t.Errorf("in a 150-unit row the button is %v reading %q", b.Size(), b.Text)
	}
}

// TestWrapCheck: a check box with a long label asks for less than the
// label on one line, wraps it in a narrow row, and toggles from a tap on
// the label as from one on the box.
func TestWrapCheck(t *testing.T) {
	test.NewTempApp(t)
	var got []bool
	label := "Large text mode, with larger buttons and a simpler Home"
	c := NewWrapCheck(label, func(on bool) { got = append(got, on) })
	if w, one := c.MinSize().Width, c.label.measure(label); w >= one {
		t.Errorf("asks for %.0f units, the label alone on one line %.0f", w, one)
	}
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(200, 200))
	if !strings.Contains(c.label.Text, "\n") {
		t.Errorf("in 200 units the label reads %q", c.label.Text)
	}
	test.Tap(c)
	test.Tap(c.box)
	if len(got) != 2 || !got[0] || got[1] || c.Checked() {
		t.Errorf("a tap on the label, then on the box: %v, checked %v", got, c.Checked())
	}
}
