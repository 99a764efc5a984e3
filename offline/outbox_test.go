package offline

import (
	"context"
	"fmt"
	"testing"

	"jiangsupass/idcard"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// TestPendingRowSurvivesPullAndRestart places an order that cannot be
// sent yet (not signed in): a pull leaves the slot's local, pending
// quota alone although the server changed it; the request survives a
// restart; once signed in it is delivered, and the slot is fetched again
// with the server's value.
func TestPendingRowSurvivesPullAndRestart(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	path := seededCopy(t)
	s, _, err := Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	client := testClient(ps.HTTP.URL, nil)
	if err := NewSyncEngine(s, client, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	slot := slotIDsOf(t, s, []string{"5a-010"})[0]
	o, err := s.PlaceOrder(ctx, platform.OrderRequest{SlotID: slot, ProductID: "5a-010-adult", Quantity: 3,
		Visitors: passportVisitors(3, "5a-010-adult")})
	if err != nil {
		t.Fatal(err)
	}
	if got := remaining(t, s, slot); got != 197 {
		t.Fatalf("local quota after the order: %d, want 197", got)
	}
	if _, err := ps.Patch(ctx, platform.TicketSlots, slot, []byte(`{"remaining":150}`)); err != nil {
		t.Fatal(err)
	}
	err = NewSyncEngine(s, client, fastSync()).Sync(ctx)
	if problemOf(err) != ProblemSignIn {
		t.Fatalf("sync while signed out: %v", err)
	}
	if got := remaining(t, s, slot); got != 197 {
		t.Errorf("the pull overwrote a row with a pending request: %d", got)
	}
	if st, _ := s.SyncStatus(ctx); st.LastSuccess.IsZero() || st.Problem != ProblemSignIn || st.Pending != 1 {
		t.Errorf("status while a request waits for sign-in: %+v", st)
	}
	if _, err := s.PlaceOrder(ctx, platform.OrderRequest{SlotID: slot, ProductID: "5a-010-adult", Quantity: 500}); err == nil {
		t.Error("an order beyond the local quota was accepted")
	}

	// A restart keeps the request.
	s.Close()
	s, _, err = Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pending, _ := s.Outbox(ctx, OutboxPending)
	if len(pending) != 1 || pending[0].ID != o.OutboxID {
		t.Fatalf("after a restart the outbox holds %+v", pending)
	}
	signInAdopting(t, s, ps, client)
	if err := NewSyncEngine(s, client, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got := remaining(t, s, slot); got != 147 {
		t.Errorf("slot after delivery: %d, want the server's 147", got)
	}
	orders, _ := s.Orders(ctx)
	if len(orders) != 1 || orders[0].Status != "confirmed" || orders[0].ServerID == "" {
		t.Errorf("orders: %+v", orders)
	}
	assertSameData(t, s, ps)
	if st, _ := s.SyncStatus(ctx); st.Pending != 0 || st.Problem != ProblemNone {
		t.Errorf("status: %+v", st)
	}
}

// TestRefusedRequestIsShown checks that a request the platform refuses
// (4xx) is not tried again and is reported with the platform's message.
func TestRefusedRequestIsShown(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	s := openSyncStore(t)
	client := testClient(ps.HTTP.URL, nil)
	signInAdopting(t, s, ps, client)
	eng := NewSyncEngine(s, client, fastSync())
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	slot := slotIDsOf(t, s, []string{"5a-011"})[0]
	if _, err := ps.Patch(ctx, platform.TicketSlots, slot, []byte(`{"remaining":1}`)); err != nil {
		t.Fatal(err)
	}
	// The replica still shows 200 left; the platform has 1.
	if _, err := s.PlaceOrder(ctx, platform.OrderRequest{SlotID: slot, ProductID: "5a-011-adult", Quantity: 2,
		Visitors: passportVisitors(2, "5a-011-adult")}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := eng.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	failed, _ := s.Outbox(ctx, OutboxFailed)
	if len(failed) != 1 || failed[0].ErrorCode != platform.CodeSlotFull || failed[0].Attempts != 1 {
		t.Fatalf("failed: %+v", failed)
	}
	st, _ := s.SyncStatus(ctx)
	if st.Failed != 1 || st.FailedMessage == "" || st.FailedCode != platform.CodeSlotFull {
		t.Errorf("status does not show the refusal: %+v", st)
	}
	orders, _ := s.Orders(ctx)
	if orders[0].Status != "rejected" || orders[0].Message == "" {
		t.Errorf("order: %+v", orders[0])
	}
	if got := remaining(t, s, slot); got != 1 {
		t.Errorf("slot after the refusal: %d, want the server's 1", got)
	}
	if err := s.DismissFailed(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.SyncStatus(ctx); st.Failed != 0 {
		t.Errorf("after dismissing: %+v", st)
	}
}

// passportVisitors are n visitors of a real-name order, each with a
// passport of their own.
func passportVisitors(n int, product string) []platform.OrderVisitor {
	out := make([]platform.OrderVisitor, n)
	for i := range out {
		out[i] = platform.OrderVisitor{Name: fmt.Sprintf("Visitor %c", 'A'+i), DocKind: string(idcard.KindPassport),
			DocNumber: fmt.Sprintf("E%08d", 1000+i), ProductID: product}
	}
	return out
}

func remaining(t *testing.T, s *Store, slot string) int64 {
	t.Helper()
	var n int64
	if err := s.db.QueryRow("SELECT remaining FROM ticket_slots WHERE id = ?", slot).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestUnreadableRequestFailsVisibly: sealed requests whose key is gone
// (the key file deleted behind the app's back) are settled as failed with
// their own code, so that they neither block the requests behind them nor
// vanish unseen, and the platform receives nothing of them; a request
// made after, under a new key, is delivered.
func TestUnreadableRequestFailsVisibly(t *testing.T) {
	ctx := context.Background()
	s, ps, c := signInPersonal(t)
	if _, err := s.Enqueue(ctx, platform.CardLoss, platform.CardLossRequest{Reason: "lost"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "other", Text: "扶梯坏了"}); err != nil {
		t.Fatal(err)
	}
	if err := s.dropPersonalKey(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "other", Text: "路灯不亮"}); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	failed, _ := s.Outbox(ctx, OutboxFailed)
	sent, _ := s.Outbox(ctx, OutboxSent)
	if len(failed) != 2 || failed[0].Kind != platform.CardLoss || failed[1].Kind != platform.Feedback ||
		failed[0].ErrorCode != CodeUnreadable || failed[1].ErrorCode != CodeUnreadable {
		t.Fatalf("failed requests %+v", failed)
	}
	if len(sent) != 1 || sent[0].Kind != platform.Feedback {
		t.Fatalf("sent requests %+v", sent)
	}
	if got, _ := ps.Server.Applied(ctx, platform.CardLoss); len(got) != 0 {
		t.Fatalf("the platform applied %d card-loss reports it could not have read", len(got))
	}
	if got, _ := ps.Server.Applied(ctx, platform.Feedback); len(got) != 1 {
		t.Fatalf("the platform applied %d messages, want the one made under the new key", len(got))
	}
}
