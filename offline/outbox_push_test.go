package offline

import (
	"context"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// TestQueuedRequestsGoOutAtOnce: with the engine running on an hour's
// interval and its first run over, an appointment and 12345 feedback made
// while online reach the platform within two seconds, not at the next
// interval.
func TestQueuedRequestsGoOutAtOnce(t *testing.T) {
	ctx := context.Background()
	ps, url, log := startLoggedPlatform(t)
	s := openSyncStore(t)
	if err := s.UseServer(ctx, url); err != nil {
		t.Fatal(err)
	}
	c := testClient(url, nil)
	opt := fastSync()
	opt.Interval = time.Hour
	e := NewSyncEngine(s, c, opt)
	if err := e.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	signInStore(t, s, ps, c, 0)

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	e.Start(runCtx)
	// The run Start makes at once: wait until it is over and the engine
	// sleeps for its hour.
	before := len(log.all())
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		time.Sleep(300 * time.Millisecond)
		if len(log.all()) > before && !e.Progress().Running {
			break
		}
	}
	time.Sleep(300 * time.Millisecond)

	halls, err := s.ServiceHalls(ctx, "320100")
	if err != nil || len(halls) == 0 {
		t.Fatalf("halls %v, %v", halls, err)
	}
	queued := time.Now()
	if _, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7,
		Date: clocktest.Workday(), Time: "09:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "environment", Text: "路灯坏了"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{platform.MutationPath[platform.Appointments]: false, platform.MutationPath[platform.Feedback]: false}
	for time.Since(queued) < 2*time.Second {
		for _, r := range log.all() {
			if _, ok := want[r.path]; ok && r.method == "POST" {
				want[r.path] = true
			}
		}
		if want[platform.MutationPath[platform.Appointments]] && want[platform.MutationPath[platform.Feedback]] {
			t.Logf("both reached the platform %v after they were queued", time.Since(queued).Round(time.Millisecond))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("2 s after they were queued, reached the platform: %v", want)
}
