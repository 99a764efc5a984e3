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

// kindTitles names each kind of code.
var kindTitles = map[codes.Kind]string{
	codes.KindService: "ServiceCodeTitle",
	codes.KindCard:    "CardTitle",
	codes.KindTicket:  "KindTicket",
}

// verdict shows a verification: valid with the kind and the masked
// holder, or invalid with the reason, in words, colour and icon.
func verdict(env *Env, res *codes.Result, err error) fyne.CanvasObject {
	if err != nil {
		id, ok := reasonMessages[codes.ReasonOf(err)]
		if !ok {
			id = "VerifyReasonMalformed"
		}
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
		widgets.NewInfoRow(env.T("VerifyUntil"), formatStamp(c.ValidUntil())))
	if res.Issuer.ID != "CN-JS" {
		rows = append(rows, widgets.NewWrappedLabel(env.T("DeltaNote")))
	}
	return container.NewVBox(rows...)
}
