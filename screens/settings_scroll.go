package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Settings' sections, which a route to Settings may name as its Param
// (Route{Screen: SettingsID, Param: SettingsSync}) to open scrolled to it.
const (
	SettingsLanguage = "language"
	SettingsDisplay  = "display"
	SettingsData     = "data"
	SettingsSync     = "sync"
)

// scrollToSection is a scroll over content that keeps target at its top
// while content is laid out (sections above it may grow as they load),
// until the user scrolls it themselves; a nil target scrolls nowhere.
func scrollToSection(content, target fyne.CanvasObject) *container.Scroll {
	l := &sectionScroll{target: target}
	l.scroll = container.NewVScroll(container.New(l, content))
	l.scroll.OnScrolled = func(p fyne.Position) {
		if p != l.set {
			l.target = nil // the user scrolled: leave the scroll to them
		}
	}
	return l.scroll
}

// sectionScroll lays out the scroll's content and then scrolls so that
// the target's top is at the scroll's top, as far as the content allows.
type sectionScroll struct {
	scroll *container.Scroll
	target fyne.CanvasObject
	set    fyne.Position // the offset it last scrolled to
}

// Layout gives the content all the room and scrolls to the target.
func (l *sectionScroll) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if l.target == nil || len(objs) == 0 || l.scroll.Size().Height == 0 {
		return
	}
	y, ok := offsetWithin(objs[0], l.target)
	if !ok {
		return
	}
	y = max(0, min(y, size.Height-l.scroll.Size().Height))
	l.set = fyne.NewPos(0, y)
	l.scroll.ScrollToOffset(l.set)
}

// MinSize is the content's.
func (l *sectionScroll) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// offsetWithin is the distance from the top of root to the top of
// target, a container's descendant of it.
func offsetWithin(root, target fyne.CanvasObject) (float32, bool) {
	if root == target {
		return 0, true
	}
	c, ok := root.(*fyne.Container)
	if !ok {
		return 0, false
	}
	for _, o := range c.Objects {
		if y, ok := offsetWithin(o, target); ok {
			return o.Position().Y + y, true
		}
	}
	return 0, false
}
