package screens

import (
	"context"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// TestForeignNumberSignsInOnScreen: the form says which numbers it takes;
// a visitor types a British number with spaces, gets a code from a
// reference server on loopback and signs in; with no screen to come back
// to, the app goes to the 苏服码, and the account shows the number masked.
func TestForeignNumberSignsInOnScreen(t *testing.T) {
	for _, lang := range []string{"en", "zh-Hans", "zh-Hant", "ja", "ko"} {
		t.Run(lang, func(t *testing.T) {
			env, nav := testEnv(t, lang)
			w, phone, code, send, signIn, sent := signInScreen(t, env)
			shows(t, w, env.T("SignInPhoneHelp"))
			if phone.PlaceHolder != env.T("SignInPhoneAny") {
				t.Errorf("the phone field's hint is %q", phone.PlaceHolder)
			}
			test.Type(phone, "+44 7700 900123")
			test.Tap(send)
			shows(t, w, env.T("SignInCodeSent"))
			if sent["+447700900123"] == "" {
				t.Fatalf("no code sent to +447700900123: %v", sent)
			}
			test.Type(code, sent["+447700900123"])
			test.Tap(signIn)
			if got := nav.last(); got.Screen != ServiceCodeID {
				t.Fatalf("after sign-in the app went to %+v, want the 苏服码", got)
			}
			se, err := env.Store.Session(context.Background())
			if err != nil || se.Profile.Phone != "+44 ••• 0123" {
				t.Fatalf("session: %+v, %v", se.Profile, err)
			}
			acct := show(t, buildSignIn(env, Route{Screen: SignInID}))
			shows(t, acct, "+44 ••• 0123")
		})
	}
}

// TestMalformedNumberSaysWhatToType: a number that is none a code can be
// sent to is refused on the form, with the sentence that says what to
// type, at both buttons; the platform hears of none of them.
func TestMalformedNumberSaysWhatToType(t *testing.T) {
	env, _ := testEnv(t, "en")
	w, phone, code, send, signIn, sent := signInScreen(t, env)
	for _, typed := range []string{"+0 7700 900123", "+44 7700 9001234567", "+44 77OO 9OO123", "abcdefghijk", "07700 900123", "1380000000"} {
		phone.SetText(typed)
		test.Tap(send)
		shows(t, w, env.T("SignInBadPhoneHow"))
		code.SetText("123456")
		test.Tap(signIn)
		shows(t, w, env.T("SignInBadPhoneHow"))
	}
	if len(sent) != 0 {
		t.Errorf("codes sent to malformed numbers: %v", sent)
	}
	test.Type(phone, "4") // editing the number puts back which numbers are taken
	shows(t, w, env.T("SignInPhoneHelp"))
	if showsText(w.Content(), env.T("SignInBadPhoneHow")) {
		t.Error("the refusal stays after the number is edited")
	}
}

// TestSignInComesBackToAsker: each screen that asks for a sign-in sends
// the user to one that carries its route, and the sign-in, done, goes
// back there, state and all, not to the 苏服码.
func TestSignInComesBackToAsker(t *testing.T) {
	env, nav := syncedTicketEnv(t)
	ctx := context.Background()
	slots, err := env.Store.TicketSlots(ctx, "5a-010", "")
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots: %v", err)
	}
	v, err := env.Store.SaveVisitor(ctx, offline.Visitor{Name: "Alex Smith", DocKind: "passport", DocNumber: "GB1234567"})
	if err != nil {
		t.Fatal(err)
	}
	review := Route{Screen: BookingID, Param: bookingState{attraction: "5a-010", step: "review", slot: slots[len(slots)-1].ID,
		counts: map[string]int{"5a-010-adult": 1}, visitors: []string{v.ID}}.param()}
	first := Route{Screen: BookingID, Param: bookingState{attraction: "5a-010", step: "date"}.param()}
	o, err := env.Store.BookTickets(ctx, slots[len(slots)-1], []platform.OrderVisitor{{ProductID: "5a-010-adult",
		Name: v.Name, DocKind: v.DocKind, DocNumber: v.DocNumber}})
	if err != nil {
		t.Fatal(err)
	}
	ticket := Route{Screen: ETicketID, Param: strconv.FormatInt(o.LocalID, 10)}
	for _, asker := range []Route{review, first, ticket, {Screen: TicketsID}, {Screen: CardID}, {Screen: ServiceCodeID}, {Screen: AppointmentID}} {
		s, _ := Lookup(asker.Screen)
		screen := s.Build(env, asker)
		show(t, screen)
		test.Tap(labelled(t, screen, env.T("SignInAction")))
		to := nav.last()
		if to.Screen != SignInID || to.Return == nil || !to.Return.Is(asker) {
			t.Fatalf("%s: Sign in went to %+v (return %+v)", asker.Screen, to, to.Return)
		}
		afterSignIn(env, to)
		if back := nav.last(); !back.Is(asker) || back.Return != nil {
			t.Errorf("%s: after sign-in the app went to %+v", asker.Screen, back)
		}
	}
	// Signed in, the booking no longer asks.
	url, sent := checkInPlatform(t, env)
	signInStore(t, env, linkPlatform(env, url), sent)
	for _, r := range []Route{review, first} {
		if o := buildBooking(env, r); showsText(o, env.T("BookingSignInNote")) || showsText(o, env.T("BookingSignInStart")) {
			t.Errorf("signed in as %s, %s still offers a sign-in", server.DemoAccounts[0].Name, r.Param)
		}
	}
}
