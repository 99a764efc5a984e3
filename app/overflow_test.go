package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// phones are the phone windows every screen must fit: a common phone and
// the narrowest in use, 320 units wide.
var phones = []fyne.Size{fyne.NewSize(390, 844), fyne.NewSize(320, 568)}

// TestNothingOverflowsThePhone renders every screen on each of phones, in
// Chinese, English, Japanese and Korean, normal and 长辈版, and fails
// where a vertically scrolling screen's content is wider than the screen:
// text that does not wrap (a check box's label, a button's) then pushes
// the whole screen past the right edge, where it is cut off; where the
// screen with its bars asks for more width than the phone has, which a
// phone cannot give; where something is drawn below the bottom of the
// phone outside any scroll, where no one can reach it (as the Transport
// tab's notice was, cut mid-sentence in 长辈版); and where a tab is too small a target or cuts its
// label (see cutTabs).
func TestNothingOverflowsThePhone(t *testing.T) {
	sweep(t)
	for _, size := range phones {
		for _, lang := range []string{"zh-Hans", "en", "ja", "ko"} {
			for _, elder := range []bool{false, true} {
				s, w := newTestShell(t, prefs{lang: lang, elder: elder, theme: ThemeLight}, LayoutPhone, size)
				check := func(where string) {
					w.Resize(size)
					relayout(w.Content()) // as the driver does once wrapped labels know their widths
					for _, o := range overflows(w.Content()) {
						t.Errorf("%s: %s", where, o)
					}
					if need := w.Content().MinSize().Width; need > size.Width+1 {
						t.Errorf("%s: the screen asks for %.0f units of a %.0f-unit phone", where, need, size.Width)
					}
					for _, c := range cutAtBottom(w.Content(), size.Height) {
						t.Errorf("%s: %s", where, c)
					}
					for _, c := range cutTabs(w.Content(), elder) {
						t.Errorf("%s: %s", where, c)
					}
				}
				for _, sc := range screens.All() {
					routes := sc.SampleRoutes(s.env())
					if sc.ID == screens.PlannerID {
						routes = append(routes, screens.Route{Screen: screens.PlannerID}) // the form, nothing chosen
					}
					for _, r := range routes {
						s.ShowRoute(r)
						where := fmt.Sprintf("%.0f/%s/elder=%v/%s %s", size.Width, lang, elder, r.Screen, r.Param)
						check(where)
						// A plan folds its form away on a phone: open it.
						if tapText(w.Content(), s.Localizer().T("PlannerChange")) {
							check(where + " (form opened)")
						}
					}
				}
			}
		}
	}
}

// cutAtBottom lists the texts and tappables drawn, outside any scroll, past
// the bottom of a window height units high: they are cut off and cannot
// be scrolled to.
func cutAtBottom(root fyne.CanvasObject, height float32) []string {
	var out []string
	var visit func(o fyne.CanvasObject, at fyne.Position)
	visit = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		if _, ok := o.(fyne.Scrollable); ok {
			return // what is inside is clipped to it and reached by scrolling
		}
		at = at.Add(o.Position())
		_, tappable := o.(fyne.Tappable)
		if txt, ok := o.(*canvas.Text); (ok && txt.Text != "") || tappable {
			if bottom := at.Y + o.Size().Height; bottom > height+1 && o.Size().Height > 0 {
				out = append(out, fmt.Sprintf("%T %q runs to %.0f, below the %.0f-unit screen", o, label(o), bottom, height))
				return
			}
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				visit(c, at)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				visit(c, at)
			}
		}
	}
	visit(root, fyne.NewPos(0, 0))
	return out
}

// label is what o says: its text, or a screen reader's label.
func label(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *canvas.Text:
		return x.Text
	case fyne.Accessible:
		return x.AccessibilityLabel()
	}
	return ""
}

// cutTabs lists the bottom tabs that are smaller than a tappable target
// (60 units in 长辈版) or whose label runs past the tab, and, in 长辈版,
// those whose label is shortened or drawn under 18 units.
func cutTabs(root fyne.CanvasObject, elder bool) []string {
	least := widgets.TargetSize()
	if elder {
		least = 60
	}
	var out []string
	walk(root, nil, func(v visit) {
		b, ok := v.obj.(*widgets.NavButton)
		if !ok {
			return
		}
		size := b.Size()
		if size.Width < least || size.Height < least {
			out = append(out, fmt.Sprintf("the %q tab is %.0f×%.0f, under %.0f×%.0f", b.AccessibilityLabel(), size.Width, size.Height, least, least))
		}
		for _, txt := range texts(b) {
			w := fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle).Width
			switch {
			case w > size.Width:
				out = append(out, fmt.Sprintf("the %q tab's label needs %.0f units of its %.0f", b.AccessibilityLabel(), w, size.Width))
			case elder && (txt.Text != b.AccessibilityLabel() || txt.TextSize < 18):
				out = append(out, fmt.Sprintf("the %q tab's label is drawn %q at %.0f units", b.AccessibilityLabel(), txt.Text, txt.TextSize))
			}
		}
	})
	return out
}

// overflows lists the vertical scrolls whose content is wider than they
// are.
func overflows(root fyne.CanvasObject) []string {
	var out []string
	walk(root, nil, func(v visit) {
		sc, ok := v.obj.(*container.Scroll)
		if !ok || sc.Direction != container.ScrollVerticalOnly {
			return
		}
		if need, have := sc.Content.MinSize().Width, sc.Size().Width; need > have+1 {
			out = append(out, fmt.Sprintf("content needs %.0f units of a %.0f-unit width", need, have))
		}
	})
	return out
}

// TestOverflowCheckCanFail: a check box with a long label in a vertical
// scroll is found.
func TestOverflowCheckCanFail(t *testing.T) {
	_, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	long := "a label much too long to fit on a phone without wrapping, which a check box never does"
	w.SetContent(container.NewVScroll(container.NewVBox(widget.NewCheck(long, nil))))
	w.Resize(fyne.NewSize(390, 844))
	if len(overflows(w.Content())) == 0 {
		t.Error("an overflowing check box was not found: the check could never fail")
	}
}
