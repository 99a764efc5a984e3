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

// revealFor is how long the card's name and numbers stay shown after the
// eye is tapped.
const revealFor = 8 * time.Second

// cardFace draws the social-security card: the holder's name and the
// numbers masked until the eye is tapped, the issuing city and the state.
type cardFace struct {
	env    *Env
	card   platform.Card
	name   *canvas.Text
	social *canvas.Text
	number *canvas.Text
	eye    *widget.Button
	shown  bool
	// compact shows the name alone while the numbers are hidden; details
	// are the rows it leaves out, and rows their container.
	compact bool
	details []fyne.CanvasObject
	rows    *fyne.Container
	gen     int // bumped on every reveal, so that only the last one's timer hides
	root    fyne.CanvasObject
}

func newCardFace(env *Env, card platform.Card, status fyne.CanvasObject) *cardFace {
	f := &cardFace{env: env, card: card}
	var texts []*canvas.Text // drawn on the primary colour: painted in Paint below
	text := func(s string, bold bool) *canvas.Text {
		t := canvas.NewText(s, nil)
		texts = append(texts, t)
		t.TextSize = theme.TextSize()
		t.TextStyle.Bold = bold
		return t
	}
	title := text(env.T("CardFaceTitle"), true)
	title.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	f.name, f.social, f.number = text("", true), text("", false), text("", false)
	f.eye = widget.NewButtonWithIcon("", theme.VisibilityIcon(), f.toggle)
	// In 长辈版 on a phone, a label and an 18-digit number side by side
	// are wider than the screen: each value goes under its label. The
	// face is compact there, with the name alone until the eye is
	// tapped, so that the code below it is in view.
	f.compact = env.Phone && env.Elder
	f.details = []fyne.CanvasObject{text(env.T("CardSocialNo"), false), f.social,
		text(env.T("CardNumber"), false), f.number,
		text(env.T("CardCity"), false), text(card.City, false),
		text(env.T("CardIssued"), false), text(card.IssuedOn, false)}
	rows := container.New(layoutFormRows{stacked: f.compact}, append([]fyne.CanvasObject{text(env.T("CardName"), false), f.name}, f.details...)...)
	f.rows = rows
	head := container.NewBorder(nil, nil, nil, nil, title)
	if card.Generated {
		head = container.NewBorder(nil, nil, nil, text(env.T("SampleData"), false), title)
	}
	bg := canvas.NewRectangle(nil)
	bg.CornerRadius = theme.InputRadiusSize() * 3
	body := container.NewVBox(head, rows, container.NewBorder(nil, nil, nil, f.eye, status))
	// The card's colours follow the theme, read again when it changes.
	f.root = widgets.Painted(container.NewStack(bg, container.NewPadded(container.NewPadded(body))), func(p widgets.Palette) {
		bg.FillColor = p.Color(theme.ColorNamePrimary)
		for _, t := range texts {
			t.Color = p.Color(theme.ColorNameForegroundOnPrimary)
		}
	})
	f.hide()
	return f
}

// toggle shows or hides the name and numbers; a reveal hides itself
// after revealFor.
func (f *cardFace) toggle() {
	if f.shown {
		f.hide()
		return
	}
	f.shown = true
	f.gen++
	gen := f.gen
	f.name.Text, f.social.Text, f.number.Text = f.card.Name, f.card.SocialNo, f.card.CardNo
	f.eye.SetIcon(theme.VisibilityOffIcon())
	f.eye.SetText(f.env.T("CardHide"))
	f.refresh()
	f.env.After(revealFor, func() {
		if f.gen == gen {
			f.hide()
		}
	})
}

func (f *cardFace) hide() {
	f.shown = false
	f.name.Text = maskName(f.card.Name)
	f.social.Text = maskMiddle(f.card.SocialNo, 4, 4)
	f.number.Text = maskMiddle(f.card.CardNo, 1, 2)
	f.eye.SetIcon(theme.VisibilityIcon())
	f.eye.SetText(f.env.T("CardShow"))
	f.refresh()
}

func (f *cardFace) refresh() {
	for _, o := range f.details {
		if f.compact && !f.shown {
			o.Hide()
		} else {
			o.Show()
		}
	}
	f.name.Refresh()
	f.social.Refresh()
	f.number.Refresh()
	if f.rows != nil {
		f.rows.Refresh()
	}
}

// layoutFormRows lays pairs of objects out as rows: a label column as wide
// as its widest label, and the values beside. A pair whose label is
// hidden takes no room.
type layoutFormRows struct {
	stacked bool // each value under its label, not beside it
}

func (l layoutFormRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := float32(0)
	for i := 0; i < len(objs); i += 2 {
		if objs[i].Visible() {
			lw = fyne.Max(lw, objs[i].MinSize().Width)
		}
	}
	gap := theme.Padding() * 2
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		label, value := objs[i], objs[i+1]
		if !label.Visible() {
			continue
		}
		if l.stacked {
			label.Move(fyne.NewPos(0, y))
			label.Resize(fyne.NewSize(size.Width, label.MinSize().Height))
			y += label.MinSize().Height
			value.Move(fyne.NewPos(0, y))
			value.Resize(fyne.NewSize(size.Width, value.MinSize().Height))
			y += value.MinSize().Height + theme.Padding()
			continue
		}
		h := fyne.Max(label.MinSize().Height, value.MinSize().Height)
		label.Move(fyne.NewPos(0, y))
		label.Resize(fyne.NewSize(lw, h))
		value.Move(fyne.NewPos(lw+gap, y))
		value.Resize(fyne.NewSize(size.Width-lw-gap, h))
		y += h + theme.Padding()
	}
}

func (l layoutFormRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lw, vw, h := float32(0), float32(0), float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		if !objs[i].Visible() {
			continue
		}
		lm, vm := objs[i].MinSize(), objs[i+1].MinSize()
		lw, vw = fyne.Max(lw, lm.Width), fyne.Max(vw, vm.Width)
		if l.stacked {
			h += lm.Height + vm.Height + theme.Padding()
		} else {
			h += fyne.Max(lm.Height, vm.Height) + theme.Padding()
		}
	}
	if l.stacked {
		return fyne.NewSize(fyne.Max(lw, vw), h)
	}
	return fyne.NewSize(lw+theme.Padding()*2+vw, h)
}
