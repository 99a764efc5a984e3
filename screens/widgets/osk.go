package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// OSKMode is the on-screen keyboard's layout.
type OSKMode int

// The layouts: letters, digits, and letters for pinyin-initials search
// (拙政园 → zzy), which needs no input method.
const (
	OSKLetters OSKMode = iota
	OSKDigits
	OSKInitials
)

// OSKLabels are the keyboard's words in the user's language.
type OSKLabels struct {
	Letters, Digits, Initials string // the mode keys
	InitialsHint              string // how initials search works
	Space, Backspace, Enter   string
}

// The height of a key: OSKKeySize where the screen has room, a fingertip
// standing up; never less than OSKLeastKeySize, the least touch target
// the platforms' guidelines allow, where it has not.
const (
	OSKKeySize      = 72
	OSKLeastKeySize = 44
)

var (
	oskLetterRows = []string{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"}
	oskDigitRows  = []string{"123", "456", "789", "+0-"} // + starts an international number
)

// OSK is an on-screen keyboard for touch kiosks. It types into the field
// Target returns (the focused field, or the one to focus), so that no
// physical keyboard or input method is needed.
type OSK struct {
	widget.BaseWidget
	labels OSKLabels
	mode   OSKMode
	// Target returns the field to type into; nil types nowhere.
	Target func() fyne.Focusable
	// OnKey is called after every key, for the idle timer.
	OnKey func()

	held    fyne.Focusable // the target when a key was pressed down
	box     *fyne.Container
	noModes bool // the mode keys are not shown: the layout stays as made
}

// NewOSK makes a keyboard in the given mode.
func NewOSK(labels OSKLabels, mode OSKMode, target func() fyne.Focusable) *OSK {
	k := &OSK{labels: labels, mode: mode, Target: target, box: container.New(&oskLayout{})}
	k.ExtendBaseWidget(k)
	k.build()
	return k
}

// Mode returns the current layout.
func (k *OSK) Mode() OSKMode { return k.mode }

// SetMode switches the layout.
func (k *OSK) SetMode(m OSKMode) {
	k.mode = m
	k.build()
	k.box.Refresh()
}

// HideModes takes the mode keys away, so that the keyboard stays in the
// mode it was made in (a PIN pad).
func (k *OSK) HideModes() {
	k.noModes = true
	k.build()
	k.box.Refresh()
}

// IdealSize is the keyboard's size with keys OSKKeySize high: what it
// asks for where the screen has room. MinSize is its size with keys
// OSKLeastKeySize high; between the two, the keys share the height given.
func (k *OSK) IdealSize() fyne.Size {
	l := k.box.Layout.(*oskLayout)
	m := l.MinSize(k.box.Objects)
	return fyne.NewSize(m.Width, m.Height+float32(l.keyRows(k.box.Objects))*(OSKKeySize-OSKLeastKeySize))
}

// CreateRenderer draws the keys.
func (k *OSK) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.box)
}

func (k *OSK) build() {
	l := k.labels
	modes := container.NewGridWithColumns(3,
		k.modeKey(l.Letters, OSKLetters), k.modeKey(l.Digits, OSKDigits), k.modeKey(l.Initials, OSKInitials))
	rows := oskLetterRows
	if k.mode == OSKDigits {
		rows = oskDigitRows
	}
	var objs []fyne.CanvasObject
	if !k.noModes {
		objs = append(objs, modes)
	}
	if k.mode == OSKInitials {
		objs = append(objs, NewWrappedLabel(l.InitialsHint))
	}
	for _, row := range rows {
		g := container.NewGridWithColumns(len([]rune(row)))
		for _, r := range row {
			g.Add(k.runeKey(r))
		}
		objs = append(objs, g)
	}
	space := k.key(l.Space, nil, func(t fyne.Focusable) { t.TypedRune(' ') })
	back := k.key(l.Backspace, theme.ContentUndoIcon(), func(t fyne.Focusable) { t.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace}) })
	enter := k.key(l.Enter, theme.ConfirmIcon(), func(t fyne.Focusable) { t.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	enter.Importance = widget.HighImportance
	if k.mode == OSKDigits {
		objs = append(objs, container.NewGridWithColumns(2, back, enter))
	} else {
		objs = append(objs, container.NewGridWithColumns(3, space, back, enter))
	}
	k.box.Objects = objs
}

func (k *OSK) modeKey(label string, m OSKMode) *oskKey {
	b := newOSKKey(k, label, nil, func() { k.SetMode(m) })
	if m == k.mode {
		b.Importance = widget.HighImportance
	} else {
		b.Importance = widget.LowImportance
	}
	return b
}

func (k *OSK) runeKey(r rune) *oskKey {
	return k.key(string(r), nil, func(t fyne.Focusable) { t.TypedRune(r) })
}

// key makes a key that acts on the target field.
func (k *OSK) key(label string, icon fyne.Resource, act func(fyne.Focusable)) *oskKey {
	return newOSKKey(k, label, icon, func() {
		t := k.held
		k.held = nil
		if t == nil && k.Target != nil {
			t = k.Target()
		}
		if t != nil {
			act(t)
		}
		if k.OnKey != nil {
			k.OnKey()
		}
	})
}

// oskKey is a key: a button that notes the focused field when pressed
// down, before the tap takes the focus away from it.
type oskKey struct {
	widget.Button
	osk *OSK
}

func newOSKKey(osk *OSK, label string, icon fyne.Resource, tap func()) *oskKey {
	b := &oskKey{osk: osk}
	b.Text, b.Icon, b.OnTapped = label, icon, tap
	b.ExtendBaseWidget(b)
	return b
}

// MinSize is at least OSKKeySize wide and OSKLeastKeySize high: a key
// may be lower than its button's text and padding ask for, its label
// stays centred.
func (b *oskKey) MinSize() fyne.Size {
	return fyne.NewSize(max(b.Button.MinSize().Width, OSKKeySize), OSKLeastKeySize)
}

// MouseDown notes the field that has the focus now.
func (b *oskKey) MouseDown(*desktop.MouseEvent) {
	if b.osk.Target != nil {
		b.osk.held = b.osk.Target()
	}
}

// MouseUp does nothing; the tap acts.
func (b *oskKey) MouseUp(*desktop.MouseEvent) {}

// oskLayout stacks the keyboard's rows. The rows of keys share the height
// left by the others (the initials hint), each between OSKLeastKeySize
// and OSKKeySize high; what is left over stays below.
type oskLayout struct{}

// isKeyRow reports whether o is a row of keys.
func isKeyRow(o fyne.CanvasObject) bool {
	c, ok := o.(*fyne.Container)
	if !ok || len(c.Objects) == 0 {
		return false
	}
	_, key := c.Objects[0].(*oskKey)
	return key
}

func (l *oskLayout) keyRows(objs []fyne.CanvasObject) int {
	n := 0
	for _, o := range objs {
		if o.Visible() && isKeyRow(o) {
			n++
		}
	}
	return n
}

func (l *oskLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding()
	rest, shown := size.Height, 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if shown > 0 {
			rest -= gap
		}
		shown++
		if !isKeyRow(o) {
			rest -= o.MinSize().Height
		}
	}
	keyH := float32(OSKLeastKeySize)
	if n := l.keyRows(objs); n > 0 {
		keyH = min(max(rest/float32(n), OSKLeastKeySize), OSKKeySize)
	}
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := keyH
		if !isKeyRow(o) {
			h = o.MinSize().Height
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + gap
	}
}

func (l *oskLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	shown := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if shown > 0 {
			m.Height += theme.Padding()
		}
		shown++
		om := o.MinSize()
		m.Width = max(m.Width, om.Width)
		m.Height += om.Height
	}
	return m
}
