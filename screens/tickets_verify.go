package screens

import (
	"fyne.io/fyne/v2"

	"jiangsupass/codes"
	"jiangsupass/screens/widgets"
)

// ticketVerdictRows are what a verified e-ticket admits: the date, the
// slot (the code verifies only within it) and how many visitors.
func ticketVerdictRows(env *Env, c *codes.Credential) []fyne.CanvasObject {
	return []fyne.CanvasObject{
		widgets.NewInfoRow(env.T("BookingDate"), c.Extra["date"]),
		widgets.NewInfoRow(env.T("BookingSlot"), c.Extra["slot"]),
		widgets.NewInfoRow(env.T("VerifyTicketCount"), c.Extra["count"]),
	}
}
