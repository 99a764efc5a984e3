package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/kiosk"
	"jiangsupass/screens/widgets"
)

// askPIN is what closing the window does in kiosk mode: it asks for the
// staff PIN, and only the right one ends the app.
func (k *kioskMode) askPIN() {
	k.askPINFor(pinPurpose{body: "KioskPINBody", action: "KioskExit", icon: theme.LogoutIcon(),
		importance: widget.DangerImportance, then: k.quit})
}

// askStaffPIN opens a gate's staff view once the staff PIN is given.
func (k *kioskMode) askStaffPIN() {
	k.askPINFor(pinPurpose{body: "KioskStaffPINBody", action: "KioskStaffOpen", icon: theme.AccountIcon(),
		importance: widget.HighImportance, then: k.showStaffView})
}

// pinPurpose is what the staff PIN is asked for: the dialog's words (message
// ids) and button, and what the right PIN does.
type pinPurpose struct {
	body, action string
	icon         fyne.Resource
	importance   widget.Importance
	then         func()
}

// askPINFor asks for the staff PIN, and only the right one does p.then.
func (k *kioskMode) askPINFor(p pinPurpose) {
	k.touch()
	if k.pin != nil || k.window == nil {
		return
	}
	l := k.shell.loc
	entry := widget.NewPasswordEntry()
	entry.SetPlaceHolder(l.T("KioskPINPlaceholder"))
	status := widgets.NewWrappedLabel(l.T(p.body))
	pad := widgets.NewOSK(oskLabels(l), widgets.OSKDigits, func() fyne.Focusable { return entry })
	pad.HideModes() // a PIN is digits
	pad.OnKey = k.touch
	check := func() {
		pin := entry.Text
		entry.SetText("")
		ok := false
		k.shell.env().Load(func(context.Context) { ok = kiosk.CheckPIN(k.cfg.AdminPINHash, pin) }, func() {
			if ok {
				k.hidePIN()
				p.then()
				return
			}
			status.SetText(l.T("KioskPINWrong"))
		})
	}
	entry.OnSubmitted = func(string) { check() }
	cancel := widget.NewButton(l.T("KioskCancel"), k.hidePIN)
	exit := widget.NewButtonWithIcon(l.T(p.action), p.icon, check)
	exit.Importance = p.importance
	title := widgets.NewWrappedLabelWithStyle(l.T("KioskPINTitle"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	buttons := container.NewGridWithColumns(2, cancel, exit)
	room := k.window.Canvas().Size().Height - dialogChrome() - pinDialogRest(title, status, entry, buttons, l.T("KioskPINWrong"))
	box := container.NewVBox(title, status, entry, fitKeypad(pad, room), buttons)
	k.showKeyboard(false) // the dialog has its own keypad; the keyboard under it could not be tapped
	k.pin = widget.NewModalPopUp(container.New(&minWidthLayout{width: pinDialogWidth}, container.NewPadded(box)), k.window.Canvas())
	k.pin.Show()
	k.window.Canvas().Focus(entry)
}

// pinDialogWidth is the PIN dialog's width.
const pinDialogWidth = 480

// pinDialogRest is the height of the PIN dialog but its keypad: its rows
// as wrapped at the dialog's width, with the longer of the status's two
// messages, the gap above the keypad and the padding around the rows.
func pinDialogRest(title, status *widgets.WrappedLabel, entry, buttons fyne.CanvasObject, wrong string) float32 {
	rows := container.NewVBox(title, status, entry, buttons)
	width := pinDialogWidth - 2*theme.Padding()
	rows.Resize(fyne.NewSize(width, rows.MinSize().Height))
	h := rows.MinSize().Height
	body := status.Source()
	status.SetText(wrong)
	rows.Resize(fyne.NewSize(width, rows.MinSize().Height))
	h = max(h, rows.MinSize().Height)
	status.SetText(body)
	return h + 3*theme.Padding()
}

// hidePIN takes the PIN dialog away.
func (k *kioskMode) hidePIN() {
	if k.pin != nil {
		k.pin.Hide()
		k.pin = nil
	}
}
