package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// checkInResult shows a number in the queue as large as a counter's
// display, with what it is for and what to do now. A sample says so.
func checkInResult(env *Env, ci platform.CheckIn, sample bool) fyne.CanvasObject {
	number := canvas.NewText(ci.Number, theme.Color(theme.ColorNamePrimary))
	number.TextSize = theme.TextSize() * 4
	number.TextStyle.Bold = true
	number.Alignment = fyne.TextAlignCenter
	label := widget.NewLabelWithStyle(env.T("CheckInYourNumber"), fyne.TextAlignCenter, fyne.TextStyle{})
	rows := []fyne.CanvasObject{label, number}
	if ci.Kind == platform.CheckInAppointment {
		rows = append(rows, widgets.NewInfoRow(env.T("CheckInKind"), env.L.Tf("CheckInAppointmentAt", map[string]any{"Time": ci.Time})))
	} else {
		rows = append(rows, widgets.NewInfoRow(env.T("CheckInKind"), env.T("CheckInWalkIn")))
	}
	rows = append(rows, widgets.NewInfoRow(env.T("VerifyHolder"), ci.Holder))
	if t, err := time.Parse(time.RFC3339, ci.CheckedInAt); err == nil {
		rows = append(rows, widgets.NewInfoRow(env.T("CheckInAt"), stamp(t)))
	}
	rows = append(rows, widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("CheckInWait"))))
	if sample {
		rows = append(rows, widgets.NewWrappedLabel(env.T("CheckInSampleNote")))
	}
	return container.NewVBox(rows...)
}

// sampleCheckIn is the snapshot's sample: an appointment's number.
func sampleCheckIn(env *Env) platform.CheckIn {
	now := env.Now()
	return platform.CheckIn{Number: "A007", Kind: platform.CheckInAppointment, HallID: "hall-320100",
		Date: clock.Date(now), Time: "09:30", ItemID: 7, Holder: "张*",
		CheckedInAt: now.UTC().Format(time.RFC3339)}
}
