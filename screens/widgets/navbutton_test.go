package widgets

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// tabLabel is the label a tab draws once laid out at width.
func tabLabel(t *testing.T, b *NavButton, width float32) *canvas.Text {
	t.Helper()
	b.Resize(fyne.NewSize(width, b.MinSize().Height))
	for _, o := range test.WidgetRenderer(b).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			return txt
		}
	}
	t.Fatal("the tab draws no label")
	return nil
}

// TestTabLabelFitsItsTab: a tab asks for no more than a target's width
// whatever its label; given less room than its label needs, the label is
// drawn smaller, not under LeastTextSize, and beyond that shortened with
// an ellipsis; it never runs past the tab.
func TestTabLabelFitsItsTab(t *testing.T) {
	test.NewTempApp(t)
	caption := theme.CaptionTextSize()
	for _, c := range []struct {
		label    string
		width    float32
		least    float32
		size     float32 // the size drawn; 0: between least and caption
		ellipsis bool
	}{
		{"Home", 80, 0, caption, false},
		{"Transport", 80, 0, caption, false},
		{"Transport", 60, 0, 0, false},
		{"マイページ", 60, 0, 0, false},
		{"Transport", 30, 0, caption * 0.8, true},
		{"Transport", 60, caption, caption, true},
	} {
		b := NewNavButton(theme.HomeIcon(), c.label, true, true, nil)
		b.LeastTextSize = c.least
		if w := b.MinSize().Width; w > TargetSize()+0.5 {
			t.Errorf("%q asks for %.0f units, more than a target's %.0f", c.label, w, TargetSize())
		}
		txt := tabLabel(t, b, c.width)
		where := fmt.Sprintf("%q in %.0f units", c.label, c.width)
		if c.size > 0 && txt.TextSize != c.size {
			t.Errorf("%s: drawn at %.2f, want %.2f", where, txt.TextSize, c.size)
		}
		if least := max(c.least, caption*0.8); txt.TextSize < least-0.01 || txt.TextSize > caption {
			t.Errorf("%s: drawn at %.2f, outside %.2f–%.2f", where, txt.TextSize, least, caption)
		}
		if got := strings.HasSuffix(txt.Text, "…"); got != c.ellipsis {
			t.Errorf("%s: drawn as %q", where, txt.Text)
		}
		if w := fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle).Width; txt.Position().X+w > c.width+0.5 || txt.Position().X < 0 {
			t.Errorf("%s: %q runs from %.1f to %.1f, past the tab", where, txt.Text, txt.Position().X, txt.Position().X+w)
		}
	}
}
