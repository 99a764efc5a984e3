package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/codes"
	"jiangsupass/screens/widgets"
)

// reasonMessages names each refusal in plain words, with what to do.
var reasonMessages = map[codes.Reason]string{
	codes.ReasonMalformed:       "VerifyReasonMalformed",
	codes.ReasonBadPrefix:       "VerifyReasonMalformed",
	codes.ReasonBadBase45:       "VerifyReasonMalformed",
	codes.ReasonBadZlib:         "VerifyReasonMalformed",
	codes.ReasonTruncated:       "VerifyReasonTruncated",
	codes.ReasonBadSignature:    "VerifyReasonBadSignature",
	codes.ReasonWrongDevice:     "VerifyReasonBadSignature",
	codes.ReasonUnknownIssuer:   "VerifyReasonUnknownIssuer",
	codes.ReasonExpired:         "VerifyReasonExpired",
	codes.ReasonNotYetValid:     "VerifyReasonNotYetValid",
	codes.ReasonStepOutOfRange:  "VerifyReasonStep",
	codes.ReasonReplayed:        "VerifyReasonReplayed",
	codes.ReasonRevoked:         "VerifyReasonRevoked",
	codes.ReasonOldFormat:       "VerifyReasonOldFormat",
	codes.ReasonValidityTooLong: "VerifyReasonValidityTooLong",
}

// codeRefusalMessage is the message id that explains a refusal. A revoked
// ticket was refunded; a revoked card or code was reported lost. (A code
// is only found revoked after its signatures and its prefix check out, so
// the prefix's kind is the credential's.)
func codeRefusalMessage(kind codes.Kind, reason codes.Reason) string {
	if reason == codes.ReasonRevoked && kind == codes.KindTicket {
		return "VerifyReasonTicketRevoked"
	}
	if id, ok := reasonMessages[reason]; ok {
		return id
	}
	return "VerifyReasonMalformed"
}

// kindTitles names each kind of code.
var kindTitles = map[codes.Kind]string{
	codes.KindService: "ServiceCodeTitle",
	codes.KindCard:    "CardTitle",
	codes.KindTicket:  "KindTicket",
}

// verdict shows a verification of a code of the given kind (as its prefix
// claims): valid with the kind and the masked holder, or invalid with the
// reason, in words, colour and icon.
func verdict(env *Env, kind codes.Kind, res *codes.Result, err error) fyne.CanvasObject {
	if err != nil {
		id := codeRefusalMessage(kind, codes.ReasonOf(err))
		return container.NewVBox(
			bigBadge(theme.ErrorIcon(), env.T("VerifyInvalid"), theme.ColorNameError),
			widgets.NewWrappedLabel(env.T(id)))
	}
	c := res.Credential
	rows := []fyne.CanvasObject{
		widgets.NewInfoRow(env.T("VerifyKind"), env.T(kindTitles[res.Kind])),
		widgets.NewInfoRow(env.T("VerifyHolder"), c.Holder),
	}
	if c.Ref != "" {
		rows = append(rows, widgets.NewInfoRow(env.T("VerifyRef"), c.Ref))
	}
	if res.Kind == codes.KindTicket {
		rows = append(rows, ticketVerdictRows(env, c)...)
	}
	rows = append(rows,
		widgets.NewInfoRow(env.T("CodeIssuer"), res.Issuer.Name(env.L.Lang())),
		widgets.NewInfoRow(env.T("VerifyUntil"), stamp(c.ValidUntil())))
	out := []fyne.CanvasObject{
		bigBadge(theme.ConfirmIcon(), env.T("VerifyValid"), theme.ColorNameSuccess),
		container.New(&pairsWhenRoomLayout{least: verdictRowLeast}, rows...),
	}
	if res.Issuer.ID != "CN-JS" {
		out = append(out, widgets.NewWrappedLabel(env.T("DeltaNote")))
	}
	return container.NewVBox(out...)
}

// verdictRowLeast is the least width of a verdict's row beside another;
// narrower, the rows stand one under another.
const verdictRowLeast = 380

// pairsWhenRoomLayout lays its objects out two to a line, in reading
// order, where each then has at least least of the width, and one to a
// line otherwise, so that a long verdict stays in view on a kiosk's
// landscape screen. Its height follows the width it was last given.
type pairsWhenRoomLayout struct {
	least float32
	width float32 // the width last laid out
}

// pairs reports whether a width holds two objects to a line.
func (l *pairsWhenRoomLayout) pairs(width float32) bool {
	return width >= 2*l.least+theme.Padding()
}

// lines groups the objects one or two to a line.
func (l *pairsWhenRoomLayout) lines(objs []fyne.CanvasObject, width float32) [][]fyne.CanvasObject {
	per := 1
	if l.pairs(width) {
		per = 2
	}
	var out [][]fyne.CanvasObject
	for i := 0; i < len(objs); i += per {
		out = append(out, objs[i:min(i+per, len(objs))])
	}
	return out
}

func (l *pairsWhenRoomLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	per := float32(1)
	if l.pairs(size.Width) {
		per = 2
	}
	w := (size.Width - (per-1)*theme.Padding()) / per
	y := float32(0)
	for _, line := range l.lines(objs, size.Width) {
		h := float32(0)
		for _, o := range line {
			o.Resize(fyne.NewSize(w, o.MinSize().Height))
			h = max(h, o.MinSize().Height) // as wrapped at its width
		}
		for i, o := range line {
			o.Move(fyne.NewPos(float32(i)*(w+theme.Padding()), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + theme.Padding()
	}
}

func (l *pairsWhenRoomLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for i, line := range l.lines(objs, l.width) {
		if i > 0 {
			m.Height += theme.Padding()
		}
		h, w := float32(0), float32(0)
		for _, o := range line {
			om := o.MinSize()
			h = max(h, om.Height)
			w += om.Width
		}
		m.Width = max(m.Width, w)
		m.Height += h
	}
	if l.pairs(l.width) {
		m.Width = max(m.Width, 2*l.least+theme.Padding())
	}
	return m
}
