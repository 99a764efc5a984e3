package screens

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// HotlineID is the 12345 government service hotline: a link that calls
// it, and a feedback form whose messages wait in the outbox until they
// are delivered, with their status. The list shows the signed-in
// resident's own messages and the anonymous ones; an anonymous message
// keeps only its receipt number once delivered.
const HotlineID ID = "hotline"

// feedbackCategories are the categories of feedback: the code sent, and
// its message id.
var feedbackCategories = []struct{ code, msg string }{
	{"government", "FeedbackGovernment"}, {"city_management", "FeedbackCityManagement"}, {"transport", "FeedbackTransport"}, {"environment", "FeedbackEnvironment"},
	{"market", "FeedbackMarket"}, {"tourism", "FeedbackTourism"}, {"other", "FeedbackOther"},
}

func init() {
	Register(Screen{ID: HotlineID, Tab: TabServices, Title: "HotlineTitle", Icon: theme.IconNameMailCompose,
		Tile: "HotlineTile", Build: buildHotline})
}

func buildHotline(env *Env, r Route) fyne.CanvasObject {
	call := widget.NewHyperlink(env.T("HotlineCall"), &url.URL{Scheme: "tel", Opaque: "12345"})
	labels := make([]string, len(feedbackCategories))
	for i, c := range feedbackCategories {
		labels[i] = env.T(c.msg)
	}
	category := widget.NewSelect(labels, nil)
	category.SetSelectedIndex(0)
	text := widgets.NewMultiLineEntry()
	text.SetPlaceHolder(env.T("FeedbackTextHint"))
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(4)
	env.HoldsInput(func() bool { return strings.TrimSpace(text.Text) != "" })
	contact := widgets.NewEntry()
	contact.SetPlaceHolder(env.T("FeedbackContactHint"))
	contactNote := widgets.NewWrappedLabel(env.T("FeedbackContactAccount"))
	contactNote.SizeName = theme.SizeNameCaptionText
	contactNote.Hide()
	prefillContact(env, contact, contactNote)
	status := widgets.NewWrappedLabel("")
	sent := container.NewVBox()
	send := widget.NewButtonWithIcon(env.T("FeedbackSend"), theme.Icon(theme.IconNameMailSend), nil)
	send.Importance = widget.HighImportance
	send.OnTapped = func() {
		req := platform.FeedbackRequest{Category: feedbackCategories[category.SelectedIndex()].code, Text: text.Text, Contact: contact.Text}
		var err error
		env.Load(func(ctx context.Context) { _, err = env.Store.SendFeedback(ctx, req) }, func() {
			if err != nil {
				status.SetText(env.T("FeedbackIncomplete"))
				return
			}
			env.Nav.Go(r)
		})
	}
	form := widgets.NewSection(env.T("FeedbackTitle"),
		widgets.NewInfoRow(env.T("FeedbackCategory"), ""), category,
		widgets.NewInfoRow(env.T("FeedbackText"), ""), text,
		widgets.NewInfoRow(env.T("FeedbackContact"), ""), contact, contactNote,
		widgets.NewWrappedLabel(env.T("FeedbackOutboxNote")), widgets.NewWrappedLabel(env.T("FeedbackKeptNote")), send, status)
	var list []offline.Feedback
	var err error
	env.Load(func(ctx context.Context) { list, err = env.Store.FeedbackSent(ctx) }, func() {
		switch {
		case err != nil:
			fyne.LogError("feedback", err)
			sent.Add(widgets.NewWrappedLabel(env.T("StoreReadError")))
		case len(list) == 0:
			sent.Add(widgets.NewWrappedLabel(env.T("FeedbackNone")))
		}
		for _, f := range list {
			sent.Add(widgets.NewInfoRow(stamp(f.CreatedAt)+" · "+feedbackStatus(env, f), feedbackShown(env, f)))
		}
		sent.Refresh()
	})
	box := container.NewVBox(
		widgets.NewSection(env.T("HotlineCallTitle"), widgets.NewWrappedLabel(env.T("HotlineCallBody")), call),
		form, widgets.NewSection(env.T("FeedbackMine"), sent))
	return container.NewVScroll(container.NewPadded(box))
}

// prefillContact puts the signed-in resident's phone, as their session
// holds it, in the contact field, for them to keep or change, and shows
// note while it is there; signed out, the field stays empty.
func prefillContact(env *Env, contact *widgets.Entry, note fyne.CanvasObject) {
	var sess offline.Session
	var err error
	env.Load(func(ctx context.Context) { sess, err = env.Store.Session(ctx) }, func() {
		if err != nil || sess.Profile.Phone == "" || contact.Text != "" {
			if err != nil && !errors.Is(err, offline.ErrSignedOut) {
				fyne.LogError("feedback contact", err)
			}
			return
		}
		phone := sess.Profile.Phone
		contact.SetText(phone)
		note.Show()
		contact.OnChanged = func(s string) {
			if s == phone {
				note.Show()
			} else {
				note.Hide()
			}
		}
	})
}

// feedbackStatus says where a message is: sent, turned down, waiting to be
// sent, or waiting for the server it was made for when the app now uses
// another.
func feedbackStatus(env *Env, f offline.Feedback) string {
	if f.Status == offline.RequestPending && f.Origin != "" && env.Sync != nil {
		if cur, err := platform.Origin(env.Sync.APIURL()); err != nil || cur != f.Origin {
			return env.L.Tf("FeedbackWaitingFor", map[string]any{"Server": serverLabel(f.Origin)})
		}
	}
	return env.T(requestStatusMessage(f.Status))
}

// feedbackShown is what the list shows of a message: its text, or once
// an anonymous one is delivered (and its text deleted), its receipt.
func feedbackShown(env *Env, f offline.Feedback) string {
	if f.Text == "" && f.ServerID != "" {
		return env.L.Tf("FeedbackReceipt", map[string]any{"ID": f.ServerID})
	}
	return f.Text
}
