package widgets

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// fixedVariant is Fyne's default theme held at one variant, as the app's
// theme is when the user picks light or dark, or as the system's switch
// leaves it.
type fixedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

var (
	lightTheme fyne.Theme = fixedVariant{theme.DefaultTheme(), theme.VariantLight}
	darkTheme  fyne.Theme = fixedVariant{theme.DefaultTheme(), theme.VariantDark}
)

// sharedWidget makes one of the package's widgets as a screen would, and
// says at what size it is looked at.
type sharedWidget struct {
	name string
	make func() fyne.CanvasObject
	size fyne.Size
}

// sharedWidgets are the widgets the screens share, each in its states.
func sharedWidgets() []sharedWidget {
	now := func() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC) }
	return []sharedWidget{
		{"tile", func() fyne.CanvasObject {
			return NewTile(theme.HomeIcon(), "Attractions", "Scenic spots across Jiangsu", nil)
		}, fyne.NewSize(300, 80)},
		{"nav_tab", func() fyne.CanvasObject { return NewNavButton(theme.HomeIcon(), "Home", false, true, nil) }, fyne.NewSize(78, 64)},
		{"nav_tab_active", func() fyne.CanvasObject { return NewNavButton(theme.HomeIcon(), "Home", true, true, nil) }, fyne.NewSize(78, 64)},
		{"nav_tab_narrow", func() fyne.CanvasObject {
			return NewNavButton(theme.MailSendIcon(), "Transport", true, true, nil)
		}, fyne.NewSize(50, 64)},
		{"nav_side", func() fyne.CanvasObject { return NewNavButton(theme.ListIcon(), "Services", false, false, nil) }, fyne.NewSize(200, 48)},
		{"nav_side_active", func() fyne.CanvasObject { return NewNavButton(theme.ListIcon(), "Services", true, false, nil) }, fyne.NewSize(200, 48)},
		{"banner", func() fyne.CanvasObject {
			return NewBanner(theme.InfoIcon(), NewWrappedLabel("Times are estimated from the timetable."))
		}, fyne.NewSize(300, 60)},
		{"brand", func() fyne.CanvasObject { return NewBrand("Jiangsu Pass", "Tour and services in one app") }, fyne.NewSize(220, 100)},
		{"countdown", func() fyne.CanvasObject {
			b := NewCountdownBar()
			b.SetValue(0.4)
			return b
		}, fyne.NewSize(200, 10)},
		{"message", func() fyne.CanvasObject {
			return NewMessage(theme.WarningIcon(), "Offline", "Connect to sync again.", "Retry", func() {})
		}, fyne.NewSize(340, 260)},
		{"message_narrow", func() fyne.CanvasObject {
			return NewMessage(theme.WarningIcon(), "Offline", "Connect to sync again when you have a network.", "Retry", func() {})
		}, fyne.NewSize(240, 300)},
		{"wrap_button_narrow", func() fyne.CanvasObject {
			return NewWrapButtonWithIcon("Show the halls on the map", theme.ViewFullScreenIcon(), func() {})
		}, fyne.NewSize(160, 80)},
		{"section", func() fyne.CanvasObject {
			return NewSection("Your card", NewInfoRow("Name", "Wang Xiaoming"), NewInfoRow("City", "Nanjing"))
		}, fyne.NewSize(300, 140)},
		{"scan_entry", func() fyne.CanvasObject {
			e := NewScanEntry(now)
			e.PlaceHolder = "Scan or type a code"
			return e
		}, fyne.NewSize(300, 44)},
	}
}

// TestWidgetsFollowTheTheme draws each shared widget in the light theme,
// switches to the dark one with the widget still shown (as Fyne does when
// the system turns dark, with no rebuild), and compares what is drawn with
// the same widget made afresh in the dark theme: a colour read once, when
// the widget was made, stays light and differs. The other way round, dark
// to light, too. Each render is also held to its golden markup in
// testdata/theme/.
func TestWidgetsFollowTheTheme(t *testing.T) {
	for _, w := range sharedWidgets() {
		for _, c := range []struct {
			from, to fyne.Theme
			name     string
		}{{lightTheme, darkTheme, "dark"}, {darkTheme, lightTheme, "light"}} {
			t.Run(w.name+"_to_"+c.name, func(t *testing.T) {
				a := test.NewTempApp(t)
				a.Settings().SetTheme(c.from)
				shown := test.NewTempWindow(t, w.make())
				shown.SetPadded(false)
				shown.Resize(w.size)
				test.RenderToMarkup(shown.Canvas()) // first draw
				settle(shown.Content())
				a.Settings().SetTheme(c.to)
				switched := test.RenderToMarkup(shown.Canvas())

				fresh := test.NewTempWindow(t, w.make())
				fresh.SetPadded(false)
				fresh.Resize(w.size)
				settle(fresh.Content())
				if want := test.RenderToMarkup(fresh.Canvas()); switched != want {
					t.Errorf("after switching to %s, %s is drawn\n%s\nbut made afresh in %s it is\n%s", c.name, w.name, switched, c.name, want)
				}
				test.AssertRendersToMarkup(t, "theme/"+w.name+"_"+c.name+".xml", shown.Canvas())
			})
		}
	}
}

// settle lays o out again, as the driver does once wrapped labels know
// their widths, so that a fresh widget is measured as one shown a while.
func settle(o fyne.CanvasObject) {
	for range 2 {
		relayout(o)
	}
}

func relayout(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}
