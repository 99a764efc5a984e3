package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/platform/server"
	"jiangsupass/screens"
)

// TestSignInQuestionShots renders, when JSP_SHOTS_DIR names a folder, the
// screens of a sign-in with requests made signed out to PNG files there:
// the e-ticket page waiting for a sign-in, My tickets' note, and the
// question, on a phone and a desktop, in English and Simplified Chinese,
// normal and 长辈版, for a person to look at.
func TestSignInQuestionShots(t *testing.T) {
	dir := os.Getenv("JSP_SHOTS_DIR")
	if dir == "" {
		t.Skip("JSP_SHOTS_DIR names no folder for the PNG files")
	}
	for _, layout := range []struct {
		name   string
		layout Layout
		size   fyne.Size
	}{{"phone", LayoutPhone, fyne.NewSize(390, 844)}, {"desktop", LayoutDesktop, fyne.NewSize(1280, 800)}} {
		for _, lang := range []string{"en", "zh-Hans"} {
			for _, elder := range []bool{false, true} {
				name := fmt.Sprintf("%s-%s-%s", layout.name, lang, map[bool]string{false: "normal", true: "elder"}[elder])
				t.Run(name, func(t *testing.T) {
					shootSignInQuestion(t, dir, name, prefs{lang: lang, elder: elder, theme: ThemeLight}, layout.layout, layout.size)
				})
			}
		}
	}
}

func shootSignInQuestion(t *testing.T, dir, name string, p prefs, layout Layout, size fyne.Size) {
	ctx := context.Background()
	plat := startTestPlatform(t)
	s, w := newTestShell(t, p, layout, size)
	s.syncer = newSyncer(s.store, plat.URL, "test", p.lang)
	t.Cleanup(s.syncer.stop)
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	o := bookSignedOut(t, s)
	for _, v := range []offline.Visitor{{Name: "Alexandra Smith-Jones", DocKind: "passport", DocNumber: "GB1234567"},
		{Name: "王小明", DocKind: "id_card", DocNumber: "320102198503151230"}} {
		if _, err := s.store.SaveVisitor(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	s.Go(screens.Route{Screen: screens.ETicketID, Param: strconv.FormatInt(o.LocalID, 10)})
	drain(ui)
	writeCapture(t, w, filepath.Join(dir, "eticket-"+name+".png"))
	s.Go(screens.Route{Screen: screens.TicketsID})
	drain(ui)
	writeCapture(t, w, filepath.Join(dir, "tickets-"+name+".png"))
	entries := signInFields(t, s, w)
	phone := server.DemoAccounts[0].Phone
	test.Type(entries[0], phone)
	tapText(w.Content(), s.loc.T("SignInSendCode"))
	test.Type(entries[1], plat.Code(phone))
	tapText(w.Content(), s.loc.T("SignInAction"))
	drain(ui)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no question after the sign-in")
	}
	writeCapture(t, w, filepath.Join(dir, "question-"+name+".png"))
}
