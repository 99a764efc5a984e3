package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"

	"jiangsupass/clock/clocktest"
	"jiangsupass/codes"
	"jiangsupass/platform"
)

// signedInAs signs the demo resident with the given index in.
func signedInAs(t *testing.T, hs string, codesByPhone map[string]string, account int) *platform.Client {
	t.Helper()
	ctx := context.Background()
	c := platform.NewClient(hs, platform.Options{})
	phone := DemoAccounts[account].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignIn(ctx, phone, codesByPhone[phone]); err != nil {
		t.Fatal(err)
	}
	return c
}

// twoAccounts opens a server at the tests' now, signs two demo residents
// in, and gives the last slot sold a quota of 200.
func twoAccounts(t *testing.T) (*Server, *platform.Client, *platform.Client, platform.TicketSlot) {
	t.Helper()
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	first, second := signedInAs(t, hs.URL, codesByPhone, 1), signedInAs(t, hs.URL, codesByPhone, 2)
	return s, first, second, lastSlot(t, s, 200)
}

// visitorsOf are real-name visitors of one product, with the valid
// identity numbers testID(from), testID(from+1), ….
func visitorsOf(product string, from, n int) []platform.OrderVisitor {
	out := make([]platform.OrderVisitor, n)
	for i := range out {
		out[i] = platform.OrderVisitor{Name: "游客", DocKind: "id_card", DocNumber: testID(from + i), ProductID: product}
	}
	return out
}

// orderBody is a real-name order of the visitors for a slot.
func orderBody(slot platform.TicketSlot, visitors []platform.OrderVisitor, deviceKey []byte) []byte {
	b, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: visitors[0].ProductID,
		Quantity: int64(len(visitors)), Visitors: visitors, DeviceKey: deviceKey})
	return b
}

// listed is how many orders the client's account lists.
func listed(t *testing.T, c *platform.Client) int {
	t.Helper()
	l, err := c.MyOrders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(l.Orders)
}

// TestRefusedOrderTakesNothing: an order refused for a bad device key
// (400) takes no ticket from the quota, lists no order, holds no document
// and, sent again with its key, gets the same refusal and still takes
// nothing; the same visitor's correct order is then confirmed (not
// already_booked).
func TestRefusedOrderTakesNothing(t *testing.T) {
	ctx := context.Background()
	api := loadContract(t)
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	c := signedInClient(t, hs.URL, codesByPhone)
	slot := lastSlot(t, s, 200)
	product := slot.AttractionID + "-adult"
	visitors := visitorsOf(product, 700, 1)

	sendTwice(t, c, api, platform.Orders, "/v1/orders", "bad-device-key-1", orderBody(slot, visitors, []byte{4, 1, 2, 3}),
		http.StatusBadRequest, platform.CodeBadRequest)
	orders, holders := taken(t, s, platform.Orders)
	t.Logf("after the refused order: remaining %d of 200, %d orders stored, %d listed, %d documents held",
		remaining(t, s, slot.ID), orders, listed(t, c), holders)
	if left := remaining(t, s, slot.ID); left != 200 {
		t.Errorf("the refused order took %d tickets from the quota", 200-left)
	}
	if orders != 0 || holders != 0 || listed(t, c) != 0 {
		t.Errorf("the refused order left %d orders, %d documents held, %d listed", orders, holders, listed(t, c))
	}

	dev, err := codes.NewDevice()
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Mutate(ctx, platform.Orders, "good-device-key-1", orderBody(slot, visitors, dev.PublicKey()))
	if err != nil || res.Status != http.StatusCreated {
		t.Fatalf("the correct order after the refused one: %d %v", res.Status, err)
	}
	if left := remaining(t, s, slot.ID); left != 199 || listed(t, c) != 1 {
		t.Errorf("after the correct order: remaining %d, %d listed", left, listed(t, c))
	}
}

// TestRefusalUndoesWrites holds the idempotency layer to all-or-nothing
// for any mutation: one that writes (a slot's quota, an applied
// mutation) and then refuses (4xx) leaves nothing behind but its stored
// answer, which a repeat of the key gets.
func TestRefusalUndoesWrites(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openTest(t, Options{Now: clocktest.Fixed()})
	slot := lastSlot(t, s, 200)
	head, err := s.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	writeThenRefuse := func(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, _ []byte) (int, any, *platform.Error) {
		calls++
		sl := slot
		sl.Remaining = 150
		b, err := encodeItem(platform.TicketSlots, &sl)
		if err == nil {
			_, err = w.put(ctx, platform.TicketSlots, sl.ID, b)
		}
		if err == nil {
			_, err = s.record(ctx, tx, platform.Orders, "o-", u, key, map[string]string{"status": "confirmed"})
		}
		if err != nil {
			return 0, nil, unavailable(err)
		}
		return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeConflict, Message: "refused after writing"}
	}
	u := User{ID: DemoAccounts[1].ID}
	for range 2 {
		status, answer, err := s.applyOnce(ctx, "orders", u, "write-then-refuse", []byte(`{}`), writeThenRefuse)
		if err != nil || status != http.StatusConflict {
			t.Fatalf("answered %d %s (%v), want the stored 409", status, answer, err)
		}
	}
	after, _ := s.Head(ctx)
	orders, _ := taken(t, s, platform.Orders)
	if left := remaining(t, s, slot.ID); left != 200 || after != head || orders != 0 || calls != 1 {
		t.Errorf("after a refusal: remaining %d, changelog %d→%d, %d orders stored, applied %d times", left, head, after, orders, calls)
	}
}

// TestRealNameRequired: every ticket is sold real-name, so an order
// without visitors (the quantity alone, as an attacker sends it) is
// refused, twice in a row, and so is one with fewer visitors than
// tickets; neither takes anything.
func TestRealNameRequired(t *testing.T) {
	api := loadContract(t)
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	c := signedInClient(t, hs.URL, codesByPhone)
	slot := lastSlot(t, s, 200)
	product := slot.AttractionID + "-adult"
	noVisitors := fmt.Appendf(nil, `{"slot_id":%q,"product_id":%q,"quantity":20}`, slot.ID, product)
	sendTwice(t, c, api, platform.Orders, "/v1/orders", "no-visitors-1", noVisitors, http.StatusBadRequest, platform.CodeBadRequest)
	sendTwice(t, c, api, platform.Orders, "/v1/orders", "no-visitors-2", noVisitors, http.StatusBadRequest, platform.CodeBadRequest)
	fewer, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 3, Visitors: visitorsOf(product, 710, 2)})
	sendTwice(t, c, api, platform.Orders, "/v1/orders", "fewer-visitors", fewer, http.StatusBadRequest, platform.CodeBadRequest)
	orders, holders := taken(t, s, platform.Orders)
	if left := remaining(t, s, slot.ID); left != 200 || orders != 0 || holders != 0 {
		t.Errorf("orders without a visitor per ticket: remaining %d, %d orders, %d documents held", left, orders, holders)
	}
}

// TestAlreadyBookedIsYourOwn: already_booked answers only about the
// caller's own orders. Another account booking a document that one
// account holds that day is answered as any booking is (confirmed); the
// account that holds it is told already_booked, for any slot of that
// attraction and day.
func TestAlreadyBookedIsYourOwn(t *testing.T) {
	ctx := context.Background()
	api := loadContract(t)
	s, first, second, slot := twoAccounts(t)
	product := slot.AttractionID + "-adult"
	doc := visitorsOf(product, 720, 1)
	if res, err := first.Mutate(ctx, platform.Orders, "first-holds-doc", orderBody(slot, doc, nil)); err != nil || res.Status != http.StatusCreated {
		t.Fatalf("the first account's order: %d %v", res.Status, err)
	}
	res, err := second.Mutate(ctx, platform.Orders, "second-same-doc", orderBody(slot, doc, nil))
	if err != nil || res.Status != http.StatusCreated {
		t.Errorf("another account's order for the same document: %d %s (%v), want 201 as for any document", res.Status, res.Body, err)
	}
	var sameDay platform.TicketSlot // the attraction's first slot of that day
	b, err := s.Get(ctx, platform.TicketSlots, slot.AttractionID+"-"+slot.Date+"-0900")
	if err != nil || json.Unmarshal(b, &sameDay) != nil || sameDay.ID == slot.ID {
		t.Fatalf("the 09:00 slot of %s on %s: %v", slot.AttractionID, slot.Date, err)
	}
	sendTwice(t, first, api, platform.Orders, "/v1/orders", "first-doc-again", orderBody(sameDay, doc, nil),
		http.StatusConflict, platform.CodeAlreadyBooked)
}

// TestTicketLimitPerAccount: an account holds at most
// maxAccountSlotTickets tickets in one slot, over all its confirmed
// orders; more is refused 409 ticket_limit and takes nothing; a refund
// gives its tickets back to the account's allowance, and another account
// is not held back.
func TestTicketLimitPerAccount(t *testing.T) {
	ctx := context.Background()
	api := loadContract(t)
	s, c, other, slot := twoAccounts(t)
	product := slot.AttractionID + "-adult"
	res, err := c.Mutate(ctx, platform.Orders, "limit-first", orderBody(slot, visitorsOf(product, 730, 15), nil))
	if err != nil {
		t.Fatal(err)
	}
	var big platform.Order
	if err := json.Unmarshal(res.Body, &big); err != nil {
		t.Fatal(err)
	}
	sendTwice(t, c, api, platform.Orders, "/v1/orders", "limit-over", orderBody(slot, visitorsOf(product, 750, maxAccountSlotTickets-15+1), nil),
		http.StatusConflict, platform.CodeTicketLimit)
	if left := remaining(t, s, slot.ID); left != 185 {
		t.Errorf("remaining %d after 15 tickets and a refusal", left)
	}
	if _, err := c.Mutate(ctx, platform.Orders, "limit-up-to", orderBody(slot, visitorsOf(product, 770, maxAccountSlotTickets-15), nil)); err != nil {
		t.Errorf("up to the limit: %v", err)
	}
	if _, err := other.Mutate(ctx, platform.Orders, "limit-other", orderBody(slot, visitorsOf(product, 790, maxAccountSlotTickets), nil)); err != nil {
		t.Errorf("another account in the same slot: %v", err)
	}
	rb, _ := json.Marshal(platform.RefundRequest{OrderID: big.ID})
	if _, err := c.Mutate(ctx, platform.Refunds, "limit-refund", rb); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Mutate(ctx, platform.Orders, "limit-after-refund", orderBody(slot, visitorsOf(product, 810, 15), nil)); err != nil {
		t.Errorf("after a refund of 15: %v", err)
	}
}

// TestHoldersMoveToAccounts: a database made before migrations were
// numbered, whose ticket_holders table has no user_id (one document per
// day across all accounts) and whose tokens have no session, keeps its
// holders, each under the account of its order, when the server opens
// it, and its tokens as sessions of their own.
func TestHoldersMoveToAccounts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	old, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE users (id TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT NOT NULL)`,
		`CREATE TABLE tokens (token TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
			user_id TEXT NOT NULL REFERENCES users(id), expires_at TEXT NOT NULL)`,
		`CREATE TABLE mutations (id TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL, idem_key TEXT NOT NULL,
			body TEXT NOT NULL, created_at TEXT NOT NULL)`,
		`CREATE TABLE ticket_holders (attraction_id TEXT NOT NULL, date TEXT NOT NULL, doc_kind TEXT NOT NULL,
			doc_number TEXT NOT NULL, order_id TEXT NOT NULL, PRIMARY KEY (attraction_id, date, doc_kind, doc_number)) WITHOUT ROWID`,
		`CREATE INDEX ticket_holders_by_order ON ticket_holders (order_id)`,
		`INSERT INTO users VALUES ('u-demo-2', '13800000002', '李四')`,
		`INSERT INTO tokens VALUES ('old-token', 'refresh', 'u-demo-2', '2099-01-01T00:00:00.000000000Z')`,
		`INSERT INTO mutations (id, kind, user_id, idem_key, body, created_at) VALUES ('o-old', 'orders', 'u-demo-2', 'old-key', '{}', '2026-01-01')`,
		`INSERT INTO ticket_holders VALUES ('5a-001', '2026-01-02', 'id_card', '320102198503151230', 'o-old')`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path, Options{Now: clocktest.Fixed()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var user, order string
	err = s.db.QueryRowContext(ctx, "SELECT user_id, order_id FROM ticket_holders WHERE doc_number = '320102198503151230'").Scan(&user, &order)
	if err != nil || user != "u-demo-2" || order != "o-old" {
		t.Errorf("the old holder after the move: %q %q %v", user, order, err)
	}
	var session string
	if err := s.db.QueryRowContext(ctx, "SELECT session FROM tokens WHERE token = 'old-token'").Scan(&session); err != nil || session != "" {
		t.Errorf("the old token's session: %q %v", session, err)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&version); err != nil || version != len(migrationNames)-1 {
		t.Errorf("schema at migration %d (%v), want %d", version, err, len(migrationNames)-1)
	}
}
