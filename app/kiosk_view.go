package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// kioskRoot holds the whole kiosk window. The driver asks it for its
// cursor on every pointer move over the window, which is how the kiosk
// sees a touch or a mouse, and it answers with no cursor when the kiosk
// file hides it.
type kioskRoot struct {
	widget.BaseWidget
	k       *kioskMode
	content fyne.CanvasObject
}

var _ desktop.Cursorable = (*kioskRoot)(nil)

func newKioskRoot(k *kioskMode, content fyne.CanvasObject) *kioskRoot {
	r := &kioskRoot{k: k, content: content}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the content.
func (r *kioskRoot) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// Cursor counts a pointer move as input and hides the pointer if asked.
func (r *kioskRoot) Cursor() desktop.Cursor {
	r.k.touch()
	if r.k.cfg.HideCursor {
		return desktop.HiddenCursor
	}
	return desktop.DefaultCursor
}

// oskLabels are the keyboard's words in l's language.
func oskLabels(l *translations.Localizer) widgets.OSKLabels {
	return widgets.OSKLabels{Letters: l.T("OSKLetters"), Digits: l.T("OSKDigits"), Initials: l.T("OSKInitials"),
		InitialsHint: l.T("OSKInitialsHint"), Space: l.T("OSKSpace"), Backspace: l.T("OSKBackspace"), Enter: l.T("OSKEnter")}
}

// barContent is the kiosk's bar: where it stands, the languages, the
// keyboard, "start over" and the staff's way out; on a gate, the staff
// view behind the staff PIN.
func (k *kioskMode) barContent() fyne.CanvasObject {
	l := k.shell.loc
	langs := container.NewGridWithColumns(len(translations.Languages))
	for _, lang := range translations.Languages {
		b := widget.NewButton(lang.Native, func() { k.shell.SetLanguage(lang.Tag) })
		if lang.Tag == k.shell.prefs.lang {
			b.Importance = widget.HighImportance
		}
		langs.Add(b)
	}
	keyboard := widget.NewButtonWithIcon(l.T("KioskKeyboard"), theme.ComputerIcon(), func() {
		k.touch()
		k.showKeyboard(!k.keyboardShown())
	})
	restart := widget.NewButtonWithIcon(l.T("KioskStartOver"), theme.HomeIcon(), k.reset)
	staff := widget.NewButtonWithIcon(l.T("KioskStaff"), theme.AccountIcon(), k.askPIN)
	staff.Importance = widget.LowImportance
	actions := container.NewGridWithColumns(3, keyboard, restart, staff)
	if k.cfg.IsGate() {
		view := widget.NewButtonWithIcon(l.T("KioskStaffView"), theme.InfoIcon(), k.askStaffPIN)
		actions = container.NewGridWithColumns(4, view, keyboard, restart, staff)
	}
	if k.cfg.ChecksIn() {
		checkIn := widget.NewButtonWithIcon(l.T("KioskCheckIn"), theme.ConfirmIcon(), func() {
			k.shell.Go(k.checkInRoute(""))
		})
		checkIn.Importance = widget.HighImportance
		actions = container.NewGridWithColumns(4, checkIn, keyboard, restart, staff)
	}
	row := langs
	if name := k.cfg.Location.Name; name != "" {
		here := widgets.NewWrappedLabel(l.Tf("KioskHere", map[string]any{"Place": name}))
		row = container.New(&besideLayout{share: placeShare}, here, langs)
	}
	k.barInfo = container.NewVBox(widget.NewSeparator(), row)
	if k.keyboardShown() {
		k.barInfo.Hide()
	}
	return container.NewPadded(container.NewVBox(k.barInfo, actions))
}

// placeShare is the most of the bar's width that where the kiosk stands
// takes beside the languages.
const placeShare = 0.38

// besideLayout puts its first object beside its second: the first takes
// share of the width and is centred in the row's height, the second the
// rest. One row instead of two leaves the screens more room.
type besideLayout struct{ share float32 }

func (l *besideLayout) widths(width float32) (first, second float32) {
	first = l.share * width
	return first, max(width-first-theme.Padding(), 0)
}

func (l *besideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w1, w2 := l.widths(size.Width)
	objs[0].Resize(fyne.NewSize(w1, objs[0].MinSize().Height))
	h1 := objs[0].MinSize().Height // as wrapped at its width
	objs[0].Resize(fyne.NewSize(w1, h1))
	objs[0].Move(fyne.NewPos(0, (size.Height-h1)/2))
	objs[1].Resize(fyne.NewSize(w2, size.Height))
	objs[1].Move(fyne.NewPos(size.Width-w2, 0))
}

func (l *besideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m1, m2 := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(m1.Width+theme.Padding()+m2.Width, max(m1.Height, m2.Height))
}

// warningContent is the idle warning: how long is left, and the choice
// to continue or to finish now.
func (k *kioskMode) warningContent() fyne.CanvasObject {
	l := k.shell.loc
	title := widget.NewLabelWithStyle(l.T("KioskIdleTitle"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	k.warningBody = widgets.NewWrappedLabel("")
	k.warningBody.Alignment = fyne.TextAlignCenter
	cont := widget.NewButtonWithIcon(l.T("KioskContinue"), theme.ConfirmIcon(), func() {
		k.touch()
		k.hideWarning()
	})
	cont.Importance = widget.HighImportance
	end := widget.NewButtonWithIcon(l.T("KioskFinishNow"), theme.LogoutIcon(), k.reset)
	box := container.NewVBox(widget.NewIcon(theme.HistoryIcon()), title, k.warningBody,
		container.NewGridWithColumns(1, cont, end))
	return container.New(&minWidthLayout{width: 560}, container.NewPadded(box))
}

// setWarningLeft writes the seconds left into the warning.
func (k *kioskMode) setWarningLeft(secs int) {
	k.warningBody.SetText(k.shell.loc.Tf("KioskIdleBody", map[string]any{"Seconds": secs}))
}

// showWarning shows the idle warning, or updates its countdown.
func (k *kioskMode) showWarning(left interface{ Seconds() float64 }) {
	secs := int(left.Seconds() + 0.999)
	if k.warning == nil && k.window != nil {
		k.warning = widget.NewModalPopUp(k.warningContent(), k.window.Canvas())
		k.warning.Show()
	}
	if k.warningBody != nil {
		k.setWarningLeft(secs)
	}
}

// hideWarning takes the idle warning away.
func (k *kioskMode) hideWarning() {
	if k.warning != nil {
		k.warning.Hide()
		k.warning = nil
	}
}
