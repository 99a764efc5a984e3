package offline

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// TestAppointmentAndFeedbackThroughOutbox books a hall visit and sends
// 12345 feedback while the platform is down: both wait, pending; once it
// is up they are delivered exactly once, however often the app syncs;
// the progress list then shows the appointment beside the demo
// applications, with each step's time.
func TestAppointmentAndFeedbackThroughOutbox(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	s := openSyncStore(t)

	down := httptest.NewServer(nil)
	downURL := down.URL
	down.Close() // nothing listens there now
	offline := testClient(downURL, nil)
	signIn(t, ps, testClient(ps.HTTP.URL, nil)) // the code flow works; the tokens go to the live client below

	halls, err := s.ServiceHalls(ctx, "320100")
	if err != nil || len(halls) != 1 || !halls[0].HasPoint || !halls[0].Generated {
		t.Fatalf("Nanjing's hall: %+v, %v", halls, err)
	}
	date := time.Now().AddDate(0, 0, 7).Format("2006-01-02")
	a, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7, Date: date, Time: "09:30"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "交通", Text: "地铁站出口指示不清", Contact: "13800000000"})
	if err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, offline, fastSync()).Sync(ctx); err == nil {
		t.Fatal("sync with the platform down succeeded")
	}
	if as, _ := s.Appointments(ctx); len(as) != 1 || as[0].Status != RequestPending || as[0].LocalID != a.LocalID {
		t.Fatalf("appointments while down: %+v", as)
	}
	if fs, _ := s.FeedbackSent(ctx); len(fs) != 1 || fs[0].Status != RequestPending || fs[0].LocalID != f.LocalID {
		t.Fatalf("feedback while down: %+v", fs)
	}

	live := testClient(ps.HTTP.URL, nil)
	signIn(t, ps, live)
	for i := 0; i < 3; i++ {
		if err := NewSyncEngine(s, live, fastSync()).Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for kind, want := range map[string]int{platform.Appointments: 1, platform.Feedback: 1} {
		if got, err := ps.Applied(ctx, kind); len(got) != want || err != nil {
			t.Errorf("%s on the server: %d, want %d (%v)", kind, len(got), want, err)
		}
	}
	as, _ := s.Appointments(ctx)
	if len(as) != 1 || as[0].Status != RequestDone || as[0].ServerID == "" {
		t.Errorf("appointment after delivery: %+v", as)
	}
	fs, _ := s.FeedbackSent(ctx)
	if len(fs) != 1 || fs[0].Status != RequestDone || fs[0].ServerID == "" {
		t.Errorf("feedback after delivery: %+v", fs)
	}

	list, err := live.Applications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Applications) != 3 {
		t.Fatalf("applications: %+v", list.Applications)
	}
	for _, app := range list.Applications {
		if len(app.Steps) == 0 || app.Steps[0].At == "" || app.ItemName == "" {
			t.Errorf("application without a dated first step or a name: %+v", app)
		}
		for _, st := range app.Steps {
			if st.At != "" {
				if _, err := time.Parse(time.RFC3339, st.At); err != nil {
					t.Errorf("step time %q: %v", st.At, err)
				}
			}
		}
	}
	if last := list.Applications[2]; last.ItemID != 7 || last.Generated {
		t.Errorf("the booked visit's application: %+v", last)
	}
	if _, err := testClient(ps.HTTP.URL, nil).Applications(ctx); err == nil {
		t.Error("applications without signing in were answered")
	}
}

// TestRequestsRefuseBadInput stores nothing for an invalid appointment or
// empty feedback.
func TestRequestsRefuseBadInput(t *testing.T) {
	ctx := context.Background()
	s, _ := openAt(t, seededCopy(t))
	for _, req := range []platform.AppointmentRequest{
		{HallID: "hall-320100", ItemID: 8, Date: "2026-13-01", Time: "09:00"},
		{HallID: "hall-320100", ItemID: 8, Date: "2026-12-01", Time: "9am"},
		{HallID: "", ItemID: 8, Date: "2026-12-01", Time: "09:00"},
		{HallID: "hall-320100", ItemID: 0, Date: "2026-12-01", Time: "09:00"},
	} {
		if _, err := s.BookAppointment(ctx, req); !errors.Is(err, ErrBadRequest) {
			t.Errorf("%+v: %v", req, err)
		}
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: " ", Text: "x"}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("empty category: %v", err)
	}
	if items, _ := s.Outbox(ctx, ""); len(items) != 0 {
		t.Errorf("bad requests reached the outbox: %+v", items)
	}
	if got := HallSlots(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("a Saturday has slots: %v", got)
	}
	if got := HallSlots(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)); len(got) != 13 || got[0] != "09:00" || got[12] != "16:30" {
		t.Errorf("a Monday's slots: %v", got)
	}
}
