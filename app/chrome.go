package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// phoneChrome puts the screen between a top bar and the bottom tabs.
func phoneChrome(s *Shell, env *screens.Env, sc screens.Screen, body fyne.CanvasObject) fyne.CanvasObject {
	bottom := container.NewVBox(widget.NewSeparator(), phoneTabs(s, env, sc))
	return container.NewBorder(topBar(s, env, sc), bottom, nil, nil, body)
}

// desktopChrome puts the screen beside a side navigation.
func desktopChrome(s *Shell, env *screens.Env, sc screens.Screen, body fyne.CanvasObject) fyne.CanvasObject {
	nav := container.NewVBox(widgets.NewBrand(env.T("AppName"), env.T("AppTagline")))
	for _, t := range s.tabs() {
		nav.Add(widgets.NewNavButton(theme.Icon(t.Icon), env.T(t.Title), t.Tab == s.activeTab(sc), false, func() {
			s.Go(screens.Route{Screen: t.ID})
		}))
	}
	// The side bar scrolls where the window is lower than its tabs (a
	// kiosk's screen with its keyboard open), rather than making the
	// window taller.
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(),
		container.New(&minWidthLayout{width: sideBarWidth(env.Elder)}, container.NewVScroll(container.NewPadded(nav))))
	main := container.NewBorder(topBar(s, env, sc), nil, nil, nil, body)
	return container.NewBorder(nil, nil, side, nil, main)
}

// topBar shows the screen's title and, below a tab's root, a back button.
func topBar(s *Shell, env *screens.Env, sc screens.Screen) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(env.T(sc.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	var left fyne.CanvasObject
	if len(s.history) > 1 {
		back := widget.NewButtonWithIcon(env.T("Back"), theme.NavigateBackIcon(), s.Back)
		back.Importance = widget.LowImportance
		left = back
	}
	return container.NewVBox(container.NewBorder(nil, nil, left, nil, title), widget.NewSeparator())
}

// missingScreen is shown for a route whose screen is not registered, for
// instance a saved route from a newer version.
func missingScreen(env *screens.Env, r screens.Route) fyne.CanvasObject {
	return widgets.NewMessage(theme.WarningIcon(), env.T("ScreenMissingTitle"), env.T("ScreenMissingBody"),
		env.T("GoHome"), func() { env.Nav.Go(screens.Route{Screen: homeID()}) })
}

// sideBarWidth is the desktop side bar's width: room for the tagline and
// the longest tab name in any language.
func sideBarWidth(elder bool) float32 {
	if elder {
		return 280
	}
	return 220
}

// minWidthLayout stacks its objects and asks for at least width.
type minWidthLayout struct{ width float32 }

func (l *minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(l.width, 0)
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}
