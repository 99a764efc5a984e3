package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// The kiosk's window is the screen: on a kiosk with no window manager, a
// window whose content asks for more than the screen grows past it, and
// every tap then lands as far below what is drawn as the window grew. So
// nothing in the kiosk may ask for more than its smallest supported
// screen, 1280×800 (kioskMinScreen); kioskLayout sees to it.

// kioskMinScreen is the smallest screen a kiosk supports, landscape;
// portrait screens are supported from 1080×1920.
var kioskMinScreen = fyne.NewSize(1280, 800)

// keyboardShare is the most of the screen's height the on-screen
// keyboard takes while its keys can still shrink.
const keyboardShare = 0.45

// kioskLayout lays out the kiosk's window: the bar at the bottom, the
// on-screen keyboard (when shown) above it, and the screens in the rest.
// The screens scroll when they need more than is left, and the keyboard's
// keys shrink towards widgets.OSKLeastKeySize on a short screen, so the
// whole asks for no more than the screen.
type kioskLayout struct{ k *kioskMode }

// kioskParts are the layout's objects: the screens, the keyboard's box
// and the bar.
func kioskParts(objs []fyne.CanvasObject) (content, keys, bar fyne.CanvasObject) {
	return objs[0], objs[1], objs[2]
}

func (l *kioskLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	content, keys, bar := kioskParts(objs)
	barH := bar.MinSize().Height
	keysH := l.keysHeight(keys, size.Height)
	bar.Move(fyne.NewPos(0, size.Height-barH))
	bar.Resize(fyne.NewSize(size.Width, barH))
	keys.Move(fyne.NewPos(0, size.Height-barH-keysH))
	keys.Resize(fyne.NewSize(size.Width, keysH))
	content.Move(fyne.NewPos(0, 0))
	content.Resize(fyne.NewSize(size.Width, max(size.Height-barH-keysH, 0)))
}

// keysHeight is the keyboard box's height in a window height high: its
// ideal where that is at most keyboardShare of the window, else that
// share, but never under its least.
func (l *kioskLayout) keysHeight(keys fyne.CanvasObject, height float32) float32 {
	least := keys.MinSize().Height
	if least == 0 || l.k.osk == nil {
		return least
	}
	ideal := least + l.k.osk.IdealSize().Height - l.k.osk.MinSize().Height
	return max(least, min(ideal, keyboardShare*height))
}

func (l *kioskLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		om := o.MinSize()
		m.Width = max(m.Width, om.Width)
		m.Height += om.Height
	}
	return m
}

// kioskWindow is the kiosk window's content: the shell's screens in a
// scroll, the keyboard's box and the bar, in a kioskLayout.
func (k *kioskMode) kioskWindow(screens fyne.CanvasObject) *fyne.Container {
	return container.New(&kioskLayout{k: k}, container.NewScroll(screens), k.oskBox, k.bar)
}

// keyboardBox is what the keyboard's box holds while it is shown: a line
// over the keyboard, kept to oskMaxWidth.
func (k *kioskMode) keyboardBox() []fyne.CanvasObject {
	keys := widgets.NewColumn(oskMaxWidth, container.NewPadded(k.osk))
	return []fyne.CanvasObject{container.NewBorder(widget.NewSeparator(), nil, nil, nil, keys)}
}

// fitKeypad gives a keypad in a dialog the height that fits room: its
// ideal if it fits, else what fits, but never under its least.
func fitKeypad(pad *widgets.OSK, room float32) fyne.CanvasObject {
	h := max(pad.MinSize().Height, min(pad.IdealSize().Height, room))
	return container.New(&heightLayout{height: h}, pad)
}

// heightLayout stacks its objects and asks for at least height.
type heightLayout struct{ height float32 }

func (l *heightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(0, l.height)
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// dialogChrome is the height a modal dialog adds around its content: the
// pop-up's inner padding and a margin to the screen's edges.
func dialogChrome() float32 {
	return 2*theme.InnerPadding() + 4*theme.Padding()
}
