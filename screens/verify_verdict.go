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
	codes.ReasonMalformed:      "VerifyReasonMalformed",
	codes.ReasonBadPrefix:      "VerifyReasonMalformed",
	codes.ReasonBadBase45:      "VerifyReasonMalformed",
	codes.ReasonBadZlib:        "VerifyReasonMalformed",
	codes.ReasonTruncated:      "VerifyReasonTruncated",
	codes.ReasonBadSignature:   "VerifyReasonBadSignature",
	codes.ReasonWrongDevice:    "VerifyReasonBadSignature",
	codes.ReasonUnknownIssuer:  "VerifyReasonUnknownIssuer",
	codes.ReasonExpired:        "VerifyReasonExpired",
	codes.ReasonNotYetValid:    "VerifyReasonNotYetValid",
	codes.ReasonStepOutOfRange: "VerifyReasonStep",
	codes.ReasonReplayed:       "VerifyReasonReplayed",
	codes.ReasonRevoked:        "VerifyReasonRevoked",
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
		bigBadge(theme.ConfirmIcon(), env.T("VerifyValid"), theme.ColorNameSuccess),
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
	if res.Issuer.ID != "CN-JS" {
		rows = append(rows, widgets.NewWrappedLabel(env.T("DeltaNote")))
	}
	return container.NewVBox(rows...)
}
