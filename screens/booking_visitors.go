package screens

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/idcard"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// docKindName names a kind of document in the user's language.
func docKindName(env *Env, kind string) string {
	return env.T("DocKind_" + kind)
}

// docErrorText says in the user's language what is wrong with a document.
func docErrorText(env *Env, err error) string {
	for _, c := range []struct {
		err error
		id  string
	}{
		{idcard.ErrCheckDigit, "DocErrCheckDigit"}, {idcard.ErrBirthDate, "DocErrBirthDate"}, {idcard.ErrFuture, "DocErrFuture"},
		{idcard.ErrRegion, "DocErrRegion"}, {idcard.ErrLength, "DocErrLength"}, {idcard.ErrCharacters, "DocErrCharacters"},
		{idcard.ErrName, "DocErrName"}, {idcard.ErrKind, "DocErrKind"},
	} {
		if errors.Is(err, c.err) {
			return env.T(c.id)
		}
	}
	return ""
}

// bookingVisitorsStep picks one saved visitor per ticket, and adds new
// visitors after checking their documents.
func bookingVisitorsStep(env *Env, st bookingState, d ticketData) fyne.CanvasObject {
	want := st.total()
	chosen := append([]string(nil), st.visitors...)
	status := widgets.NewWrappedLabel("")
	next := widget.NewButtonWithIcon(env.T("BookingToReview"), theme.NavigateNextIcon(), func() {
		st.next(env, "review", func(n *bookingState) { n.visitors = chosen })
	})
	next.Importance = widget.HighImportance
	update := func() {
		status.SetText(env.L.Tf("BookingChooseVisitors", map[string]any{"Want": want, "Chosen": len(chosen)}))
		if len(chosen) == want {
			next.Enable()
		} else {
			next.Disable()
		}
	}
	list := container.NewVBox()
	if len(d.visitors) == 0 {
		list.Add(widgets.NewWrappedLabel(env.T("BookingNoVisitors")))
	}
	for _, v := range d.visitors {
		check := widget.NewCheck(v.Name, func(on bool) {
			chosen = slices.DeleteFunc(chosen, func(id string) bool { return id == v.ID })
			if on {
				chosen = append(chosen, v.ID)
			}
			update()
		})
		check.SetChecked(slices.Contains(chosen, v.ID))
		// The document on a line of its own under the name: a check
		// box's label never wraps, and a long permit's name would push
		// the screen past a phone's edge.
		doc := widgets.NewWrappedLabel(docKindName(env, v.DocKind) + " " + idcard.Mask(v.DocNumber))
		doc.SizeName = theme.SizeNameCaptionText
		list.Add(container.NewVBox(check, container.New(&indent{by: theme.IconInlineSize() + theme.Padding()*2}, doc)))
	}
	update()
	return container.NewVBox(status, list, next, widget.NewSeparator(), visitorForm(env, st, d, chosen))
}

// visitorForm adds a visitor to the saved list; a document that fails its
// check is explained and nothing is saved.
func visitorForm(env *Env, st bookingState, d ticketData, chosen []string) fyne.CanvasObject {
	name := widgets.NewEntry()
	name.SetPlaceHolder(env.T("VisitorName"))
	var kinds []string
	kindOf := map[string]idcard.Kind{}
	for _, k := range idcard.Kinds {
		kinds = append(kinds, docKindName(env, string(k)))
		kindOf[docKindName(env, string(k))] = k
	}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelectedIndex(0)
	number := widgets.NewEntry()
	number.SetPlaceHolder(env.T("VisitorNumber"))
	problem := widgets.NewWrappedLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	save := widget.NewButtonWithIcon(env.T("VisitorSave"), theme.ContentAddIcon(), nil)
	save.OnTapped = func() {
		var v offline.Visitor
		var err error
		env.Load(func(ctx context.Context) {
			v, err = env.Store.SaveVisitor(ctx, offline.Visitor{Name: name.Text, DocKind: string(kindOf[kind.Selected]),
				DocNumber: number.Text})
		}, func() {
			if err != nil {
				text := docErrorText(env, err)
				if text == "" {
					fyne.LogError("save visitor", err)
					text = env.T("VisitorSaveError")
				}
				problem.SetText(text)
				problem.Show()
				return
			}
			st.next(env, "visitors", func(n *bookingState) {
				n.visitors = chosen
				if len(n.visitors) < n.total() {
					n.visitors = append(n.visitors, v.ID)
				}
			})
		})
	}
	hint := widgets.NewWrappedLabel(env.T("VisitorHint"))
	return container.NewVBox(widget.NewLabelWithStyle(env.T("VisitorAdd"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint, name, kind, number, problem, save)
}

// indent moves its objects right by a fixed amount, under a check box's
// label.
type indent struct{ by float32 }

func (l *indent) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.by, 0))
		o.Resize(fyne.NewSize(max(size.Width-l.by, 0), size.Height))
	}
}

func (l *indent) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m.AddWidthHeight(l.by, 0)
}
