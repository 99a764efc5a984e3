package app

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/platform/server"
	"jiangsupass/screens"
)

// TestSignInShowsCodesThenSignOut signs in as a demo resident through the
// screens against a reference server on loopback, finds the 苏服码 valid
// with the masked holder and the card masked, then signs out after the
// confirmation: the session and the key file are gone.
func TestSignInShowsCodesThenSignOut(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	sent := map[string]string{}
	srv, err := server.Open(ctx, filepath.Join(t.TempDir(), "platform.db"), server.Options{Now: snapshotClock, OnCode: func(phone, code string) {
		mu.Lock()
		sent[phone] = code
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.syncer = newSyncer(s.store, hs.URL, "test", "en")
	defer s.syncer.stop()
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }

	entries := signInFields(t, s, w)
	phone := server.DemoAccounts[0].Phone
	test.Type(entries[0], phone)
	if !tapText(w.Content(), "Send me a code") {
		t.Fatal("no button to send a code")
	}
	mu.Lock()
	code := sent[phone]
	mu.Unlock()
	if code == "" {
		t.Fatal("the server sent no code")
	}
	test.Type(entries[1], code)
	if !tapText(w.Content(), "Sign in") {
		t.Fatal("no sign-in button")
	}
	if !hasText(w.Content(), "Holder 张*") || !hasText(w.Content(), "Valid: ready to show") {
		t.Fatal("after sign-in the service code does not show the holder as valid")
	}

	s.Go(screens.Route{Screen: screens.CardID})
	if !hasText(w.Content(), "张*") || hasText(w.Content(), "张三") {
		t.Error("the card face is not masked")
	}

	s.Go(screens.Route{Screen: screens.SignInID})
	if !tapText(w.Content(), "Sign out") {
		t.Fatal("no sign-out button")
	}
	if _, err := s.store.Session(ctx); err != nil {
		t.Fatalf("signed out before the confirmation: %v", err)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !tapText(top, "Yes") {
		t.Fatal("no confirmation of the sign-out")
	}
	drain(ui)
	if _, err := s.store.Session(ctx); !errors.Is(err, offline.ErrSignedOut) {
		t.Errorf("session after sign-out: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(s.store.Path()), offline.PersonalKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("key file after sign-out: %v", err)
	}
}
