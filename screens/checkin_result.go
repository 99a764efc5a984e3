package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// checkInResult shows a number in the queue as large as a counter's
// display, with what it is for and what to do now; where the width
// allows, the details stand beside the number, so that the whole result
// is in view on a kiosk's screen.
func checkInResult(env *Env, ci platform.CheckIn) fyne.CanvasObject {
	label := widget.NewLabelWithStyle(env.T("CheckInYourNumber"), fyne.TextAlignCenter, fyne.TextStyle{})
	number := container.NewVBox(label, newQueueNumber(ci.Number))
	var details []fyne.CanvasObject
	if ci.Kind == platform.CheckInAppointment {
		details = append(details, widgets.NewInfoRow(env.T("CheckInKind"), env.L.Tf("CheckInAppointmentAt", map[string]any{"Time": ci.Time})))
	} else {
		details = append(details, widgets.NewInfoRow(env.T("CheckInKind"), env.T("CheckInWalkIn")))
	}
	details = append(details, widgets.NewInfoRow(env.T("VerifyHolder"), ci.Holder))
	if t, err := time.Parse(time.RFC3339, ci.CheckedInAt); err == nil {
		details = append(details, widgets.NewInfoRow(env.T("CheckInAt"), stamp(t)))
	}
	rows := []fyne.CanvasObject{
		container.New(&besideWhenRoomLayout{least: checkInDetailsLeast}, number, container.NewVBox(details...)),
		widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("CheckInWait"))),
	}
	return container.NewVBox(rows...)
}

// checkInDetailsLeast is the least width the details take beside the
// number; narrower, they go under it.
const checkInDetailsLeast = 360

// besideWhenRoomLayout puts its second object beside its first where the
// second then has at least least of the width, and under it otherwise.
// Its height follows the width it was last given.
type besideWhenRoomLayout struct {
	least float32
	width float32 // the width last laid out
}

// beside reports whether a width holds the objects side by side.
func (l *besideWhenRoomLayout) beside(objs []fyne.CanvasObject, width float32) bool {
	return width >= objs[0].MinSize().Width+theme.Padding()+l.least
}

func (l *besideWhenRoomLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	first, second := objs[0], objs[1]
	if !l.beside(objs, size.Width) {
		first.Move(fyne.NewPos(0, 0))
		first.Resize(fyne.NewSize(size.Width, first.MinSize().Height))
		second.Move(fyne.NewPos(0, first.Size().Height+theme.Padding()))
		second.Resize(fyne.NewSize(size.Width, second.MinSize().Height))
		return
	}
	w1 := first.MinSize().Width
	w2 := size.Width - w1 - theme.Padding()
	second.Resize(fyne.NewSize(w2, second.MinSize().Height))
	h := max(first.MinSize().Height, second.MinSize().Height) // the second as wrapped at its width
	first.Move(fyne.NewPos(0, (h-first.MinSize().Height)/2))
	first.Resize(fyne.NewSize(w1, first.MinSize().Height))
	second.Move(fyne.NewPos(w1+theme.Padding(), (h-second.MinSize().Height)/2))
	second.Resize(fyne.NewSize(w2, second.MinSize().Height))
}

func (l *besideWhenRoomLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m1, m2 := objs[0].MinSize(), objs[1].MinSize()
	if l.width > 0 && l.beside(objs, l.width) {
		return fyne.NewSize(m1.Width+theme.Padding()+l.least, max(m1.Height, m2.Height))
	}
	return fyne.NewSize(max(m1.Width, m2.Width), m1.Height+theme.Padding()+m2.Height)
}

// queueNumber is a number in the queue, four times the text size, bold,
// in the theme's primary colour; its size and colour are read when it is
// drawn, so that it follows a change of theme.
type queueNumber struct {
	widget.BaseWidget
	number string
}

func newQueueNumber(number string) *queueNumber {
	q := &queueNumber{number: number}
	q.ExtendBaseWidget(q)
	return q
}

// CreateRenderer draws the number.
func (q *queueNumber) CreateRenderer() fyne.WidgetRenderer {
	t := canvas.NewText(q.number, nil)
	t.TextStyle.Bold = true
	t.Alignment = fyne.TextAlignCenter
	r := &queueNumberRenderer{q: q, text: t}
	r.Refresh()
	return r
}

// AccessibilityLabel is what a screen reader says: the number.
func (q *queueNumber) AccessibilityLabel() string { return q.number }

type queueNumberRenderer struct {
	q    *queueNumber
	text *canvas.Text
}

func (r *queueNumberRenderer) Layout(size fyne.Size)        { r.text.Resize(size) }
func (r *queueNumberRenderer) MinSize() fyne.Size           { return r.text.MinSize() }
func (r *queueNumberRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }
func (r *queueNumberRenderer) Destroy()                     {}

// Refresh reads the theme's colour and text size.
func (r *queueNumberRenderer) Refresh() {
	th := r.q.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.text.Color = th.Color(theme.ColorNamePrimary, v)
	r.text.TextSize = th.Size(theme.SizeNameText) * 4
	r.text.Refresh()
}
