package offline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// feedbackSecrets are a message's text and contact number, as searched for
// in the data folder.
func feedbackSecrets(req platform.FeedbackRequest) map[string][]byte {
	return map[string][]byte{"text": []byte(req.Text), "contact number": []byte(req.Contact)}
}

// TestResidentFeedbackLeavesWithSignOut is issue #16's check for a
// resident's 12345 feedback: its text and contact number are in no file of
// the data folder (database, WAL, anything) while it waits, after it is
// delivered, or after sign-out; the resident sees it until they sign out,
// and whoever uses the device next sees nothing of it.
func TestResidentFeedbackLeavesWithSignOut(t *testing.T) {
	ctx := context.Background()
	s, ps, c := signInPersonal(t)
	dir := filepath.Dir(s.Path())
	req := platform.FeedbackRequest{Category: "environment", Text: "小区门口的路灯坏了三天", Contact: "13912345678"}
	secrets := feedbackSecrets(req)
	if _, err := s.SendFeedback(ctx, req); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path() + "-wal"); err != nil {
		t.Fatalf("the WAL is not there to search: %v", err)
	}
	searchDir(t, dir, secrets, 3)
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := ps.Applied(ctx, platform.Feedback); len(got) != 1 {
		t.Fatalf("the platform applied %d messages", len(got))
	}
	list, err := s.FeedbackSent(ctx)
	if err != nil || len(list) != 1 || list[0].Text != req.Text || list[0].Contact != req.Contact || list[0].Status != RequestDone {
		t.Fatalf("the resident's messages after delivery: %+v, %v", list, err)
	}
	searchDir(t, dir, secrets, 3)

	searchCanFail(t, dir, secrets, req.Contact)

	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if list, err := s.FeedbackSent(ctx); err != nil || len(list) != 0 {
		t.Errorf("the next user is shown %+v, %v", list, err)
	}
	if n := count(t, s, "feedback"); n != 0 {
		t.Errorf("%d messages left after sign-out", n)
	}
	if _, err := os.Stat(filepath.Join(dir, PersonalKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("key file after sign-out: %v", err)
	}
	s.Close()
	searchDir(t, dir, secrets, 1)
}

// TestAnonymousFeedbackKeptUntilDelivered: feedback sent signed out is
// sealed while it waits (and survives a sign-in and sign-out of someone
// else), is delivered, and then keeps only its receipt number: its text
// and contact number are in no file of the data folder, and with nothing
// else sealed the key is deleted too.
func TestAnonymousFeedbackKeptUntilDelivered(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	s := openSyncStore(t)
	dir := filepath.Dir(s.Path())
	req := platform.FeedbackRequest{Category: "transport", Text: "公交站牌上的时刻表过期了", Contact: "13687654321"}
	secrets := feedbackSecrets(req)
	f, err := s.SendFeedback(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	searchDir(t, dir, secrets, 2)
	if list, _ := s.FeedbackSent(ctx); len(list) != 1 || list[0].Text != req.Text || list[0].Status != RequestPending {
		t.Fatalf("the waiting message: %+v", list)
	}

	// Someone signs in and out meanwhile: the anonymous message stays,
	// readable, and is not theirs to see gone.
	c := testClient(ps.HTTP.URL, nil)
	signInStore(t, s, ps, c, 1)
	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	c.SetTokens(platform.Tokens{})
	if list, _ := s.FeedbackSent(ctx); len(list) != 1 || list[0].Text != req.Text {
		t.Fatalf("the anonymous message after someone's sign-out: %+v", list)
	}

	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := s.FeedbackSent(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("messages after delivery: %+v, %v", list, err)
	}
	if got := list[0]; got.LocalID != f.LocalID || got.Status != RequestDone || got.ServerID == "" || got.Text != "" || got.Contact != "" {
		t.Errorf("the delivered anonymous message: %+v; want its receipt only", got)
	}
	if applied, _ := ps.Applied(ctx, platform.Feedback); len(applied) != 1 {
		t.Errorf("the platform applied %d messages", len(applied))
	}
	var sealed int
	if err := s.db.QueryRow("SELECT count(*) FROM feedback WHERE sealed IS NOT NULL OR body <> '' OR contact <> ''").Scan(&sealed); err != nil || sealed != 0 {
		t.Errorf("%d messages still hold text (%v)", sealed, err)
	}
	if _, err := os.Stat(filepath.Join(dir, PersonalKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("key file with nothing left to open: %v", err)
	}
	searchDir(t, dir, secrets, 2)
	s.Close()
	searchDir(t, dir, secrets, 1)
}
