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
	k.touch()
	if k.pin != nil || k.window == nil {
		return
	}
	l := k.shell.loc
	entry := widget.NewPasswordEntry()
	entry.SetPlaceHolder(l.T("KioskPINPlaceholder"))
	status := widgets.NewWrappedLabel(l.T("KioskPINBody"))
	pad := widgets.NewOSK(oskLabels(l), widgets.OSKDigits, func() fyne.Focusable { return entry })
	pad.OnKey = k.touch
	check := func() {
		pin := entry.Text
		entry.SetText("")
		ok := false
		k.shell.env().Load(func(context.Context) { ok = kiosk.CheckPIN(k.cfg.AdminPINHash, pin) }, func() {
			if ok {
				k.hidePIN()
				k.quit()
				return
			}
			status.SetText(l.T("KioskPINWrong"))
		})
	}
	entry.OnSubmitted = func(string) { check() }
	cancel := widget.NewButton(l.T("KioskCancel"), k.hidePIN)
	exit := widget.NewButtonWithIcon(l.T("KioskExit"), theme.LogoutIcon(), check)
	exit.Importance = widget.DangerImportance
	title := widget.NewLabelWithStyle(l.T("KioskPINTitle"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(title, status, entry, pad, container.NewGridWithColumns(2, cancel, exit))
	k.pin = widget.NewModalPopUp(container.New(&minWidthLayout{width: 480}, container.NewPadded(box)), k.window.Canvas())
	k.pin.Show()
	k.window.Canvas().Focus(entry)
}

// hidePIN takes the PIN dialog away.
func (k *kioskMode) hidePIN() {
	if k.pin != nil {
		k.pin.Hide()
		k.pin = nil
	}
}
