package offline

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
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
	a, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7, Date: clocktest.Workday(), Time: "09:30"})
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
	signInAdopting(t, s, ps, live)
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
		{HallID: "hall-320100", ItemID: 8, Date: clocktest.Workday(), Time: "9am"},
		{HallID: "", ItemID: 8, Date: clocktest.Workday(), Time: "09:00"},
		{HallID: "hall-320100", ItemID: 0, Date: clocktest.Workday(), Time: "09:00"},
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
}

// TestAppointmentsThatCannotHappen: the store refuses, storing nothing, an
// appointment at a time that has passed in China, or when the halls take
// none, on a clock given in another zone.
func TestAppointmentsThatCannotHappen(t *testing.T) {
	ctx := context.Background()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	// Thursday 3 December, 23:30 in Nanjing: still 07:30 on the 3rd in LA.
	clk := clocktest.NewSettable(time.Date(2026, 12, 3, 7, 30, 0, 0, la))
	s, _, err := Open(ctx, seededCopy(t), Options{Anchors: testAnchors, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	for _, c := range []struct {
		date, time string
		want       error // nil: booked
	}{
		{"2026-12-03", "16:30", ErrAppointmentPast}, // earlier today in China, later today in LA
		{"2026-12-02", "09:00", ErrAppointmentPast},
		{"2026-12-05", "10:00", ErrHallClosed}, // Saturday
		{"2026-12-06", "10:00", ErrHallClosed}, // Sunday
		{"2026-12-04", "08:30", ErrHallClosed},
		{"2026-12-04", "12:00", ErrHallClosed},
		{"2026-12-04", "16:45", ErrHallClosed},
		{"2026-12-04", "17:00", ErrHallClosed},
		{"2026-12-04", "09:00", nil}, // tomorrow morning in China
	} {
		_, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: c.date, Time: c.time})
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%s %s: %v, want %v", c.date, c.time, err, c.want)
		}
	}
	// At 09:00 on the 4th, that time is no longer bookable, 09:30 is.
	clk.Set(time.Date(2026, 12, 4, 9, 0, 0, 0, clock.China))
	if _, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: "2026-12-04", Time: "09:00"}); !errors.Is(err, ErrAppointmentPast) {
		t.Errorf("exactly now: %v", err)
	}
	if _, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: "2026-12-04", Time: "09:30"}); err != nil {
		t.Errorf("half an hour ahead: %v", err)
	}
	if as, _ := s.Appointments(ctx); len(as) != 2 {
		t.Errorf("stored %d appointments, want the 2 that can happen", len(as))
	}
}
