package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
	"jiangsupass/platform/loadtest"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/dbtest"
)

// nodeEnv, set to 1, makes the test binary a platform node: it serves as
// cmd/platform does, on the tests' clock (clocktest.Running), with the
// arguments it was given.
const nodeEnv = "JSP_PLATFORM_NODE"

func TestMain(m *testing.M) {
	if os.Getenv(nodeEnv) == "1" {
		if err := serve(os.Args[1:], clocktest.Running()); err != nil {
			fmt.Fprintln(os.Stderr, "platform node:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestTwoNodes: two server processes on two ports over one PostgreSQL
// database serve the same devices, each device's requests alternating
// between them as a load balancer would send them. A code asked of one
// node signs in at the other, and the per-number limits count across
// both; twelve accounts ordering 120 tickets of a slot of 100, each order
// sent to both nodes at once with one key, sell exactly 100 and apply
// each order once; twelve visits asked at a hall time of four places
// book four; a refresh token sent to both nodes at once renews one
// session only.
func TestTwoNodes(t *testing.T) {
	if !dbtest.Postgres() {
		t.Skip("two nodes share a PostgreSQL database: run under tools/pgcluster run (make test does)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := dbtest.New(t)
	dir := t.TempDir()
	insp, err := server.Open(ctx, db.Path, server.Options{Now: clocktest.Running(), CodeKey: db.CodeKey,
		AdminTokenFile: filepath.Join(dir, "inspect.admin-token")})
	if err != nil {
		t.Fatal(err)
	}
	defer insp.Close()
	const quota = 100
	slot := lastSlot(t, insp, quota)
	keyFile := filepath.Join(dir, "code-key")
	if err := os.WriteFile(keyFile, db.CodeKey, 0o600); err != nil {
		t.Fatal(err)
	}
	codes := loadtest.NewCodeBook()
	var hosts []string
	for range 2 {
		cmd := exec.Command(os.Args[0], "--db", db.Path, "--addr", "127.0.0.1:0", "--code-key-file", keyFile)
		cmd.Env = append(os.Environ(), nodeEnv+"=1", "XDG_DATA_HOME="+dir)
		n, err := loadtest.StartNode(ctx, cmd, codes)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(n.Stop)
		hosts = append(hosts, n.Host)
	}
	nodes := &loadtest.Nodes{Hosts: hosts}
	rec := loadtest.NewRecorder()
	base := "http://" + hosts[0]

	// A second code a moment after the first, asked of the other node, is
	// held back by the one count of the number.
	first, err := loadtest.NewDevice(1, base, nodes, rec)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Client.RequestCode(ctx, first.Phone); err != nil {
		t.Fatal(err)
	}
	var pe *platform.Error
	if _, err := first.Client.RequestCode(ctx, first.Phone); !errors.As(err, &pe) || pe.Status != http.StatusTooManyRequests {
		t.Errorf("a second code at once from the other node: %v, want 429", err)
	}
	code, err := codes.Wait(ctx, first.Phone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Client.SignIn(ctx, first.Phone, code); err != nil {
		t.Fatalf("a code sent by one node, signing in at the other: %v", err)
	}

	devs := []*loadtest.Device{first}
	for i := 2; i <= 12; i++ {
		d, err := loadtest.NewDevice(i, base, nodes, rec)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.SignIn(ctx, codes.Wait); err != nil {
			t.Fatal(err)
		}
		devs = append(devs, d)
	}

	// Every order and visit goes to both nodes at once, with one key: both
	// get one answer.
	product := slot.AttractionID + "-adult"
	day := clocktest.Workday()
	var mu sync.Mutex
	var sold int64
	booked, created := 0, map[string]int{}
	var wg sync.WaitGroup
	for _, d := range devs {
		visitors := make([]platform.OrderVisitor, 10)
		for i := range visitors {
			visitors[i] = platform.OrderVisitor{Name: "游客", DocKind: "id_card", DocNumber: loadtest.ResidentID(i), ProductID: product}
		}
		order, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 10, Visitors: visitors})
		visit, _ := json.Marshal(platform.AppointmentRequest{HallID: "hall-320500", ItemID: 3, Date: day, Time: "10:00"})
		for kind, body := range map[string][]byte{platform.Orders: order, platform.Appointments: visit} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				key := fmt.Sprintf("two-nodes-%s-%d", kind, d.N)
				res, err := bothAtOnce(ctx, d.Client, kind, key, body)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if res.Status != http.StatusCreated {
					return
				}
				created[kind]++
				switch kind {
				case platform.Orders:
					var o platform.Order
					if err := json.Unmarshal(res.Body, &o); err != nil {
						t.Error(err)
					}
					sold += o.Quantity
				case platform.Appointments:
					booked++
				}
			}()
		}
	}
	wg.Wait()

	var left platform.TicketSlot
	b, err := insp.Get(ctx, platform.TicketSlots, slot.ID)
	if err == nil {
		err = json.Unmarshal(b, &left)
	}
	if err != nil {
		t.Fatal(err)
	}
	if sold != quota || left.Remaining != 0 {
		t.Errorf("of a slot of %d, %d tickets sold and %d left; want all %d sold, none oversold", quota, sold, left.Remaining, quota)
	}
	if booked != platform.HallSlotVisits {
		t.Errorf("%d visits booked at a hall time of %d places", booked, platform.HallSlotVisits)
	}
	for _, kind := range []string{platform.Orders, platform.Appointments} {
		applied, err := insp.Applied(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		keys := map[string]int{}
		for _, a := range applied {
			keys[a.Key]++
			if keys[a.Key] == 2 {
				t.Errorf("%s %s applied twice", kind, a.Key)
			}
		}
		if len(applied) != created[kind] {
			t.Errorf("%d %s applied, %d answered 201", len(applied), kind, created[kind])
		}
	}

	// Each device's refresh token, sent four times at once, twice to each
	// node, renews one session.
	renewed := make([]int, len(devs))
	for i, d := range devs {
		body := `{"refresh_token":"` + d.Client.Tokens().RefreshToken + `"}`
		for j := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := http.Post("http://"+hosts[j%2]+"/v1/auth/refresh", "application/json", strings.NewReader(body))
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				mu.Lock()
				defer mu.Unlock()
				switch resp.StatusCode {
				case http.StatusOK:
					renewed[i]++
				case http.StatusUnauthorized:
				default:
					t.Errorf("a refresh answered %d", resp.StatusCode)
				}
			}()
		}
	}
	wg.Wait()
	for i, n := range renewed {
		if n != 1 {
			t.Errorf("device %d's refresh token, sent four times at once to two nodes, renewed %d sessions", i+1, n)
		}
	}
}

// bothAtOnce sends a mutation with one key through the client twice at
// once (the client's requests alternate between the nodes), and checks
// that both sends got the same answer.
func bothAtOnce(ctx context.Context, c *platform.Client, kind, key string, body []byte) (platform.MutationResult, error) {
	var wg sync.WaitGroup
	res := make([]platform.MutationResult, 2)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], _ = c.Mutate(ctx, kind, key, body) // a refusal is an answer too
		}()
	}
	wg.Wait()
	if res[0].Status != res[1].Status || string(res[0].Body) != string(res[1].Body) {
		return res[0], fmt.Errorf("%s %s answered %d %s and %d %s", kind, key, res[0].Status, res[0].Body, res[1].Status, res[1].Body)
	}
	return res[0], nil
}

// lastSlot is the last slot of the last day the server sells, so that it
// has not begun at the tests' now; its quota is set to quota.
func lastSlot(t *testing.T, s *server.Server, quota int) platform.TicketSlot {
	t.Helper()
	items, err := s.Items(context.Background(), platform.TicketSlots)
	if err != nil {
		t.Fatal(err)
	}
	var best platform.TicketSlot
	for _, it := range items {
		var sl platform.TicketSlot
		if err := json.Unmarshal(it.Body, &sl); err != nil {
			t.Fatal(err)
		}
		if best.ID == "" || sl.Date+sl.Start+sl.ID > best.Date+best.Start+best.ID {
			best = sl
		}
	}
	if _, err := s.Patch(context.Background(), platform.TicketSlots, best.ID, fmt.Appendf(nil, `{"quota":%d,"remaining":%d}`, quota, quota)); err != nil {
		t.Fatal(err)
	}
	best.Quota, best.Remaining = int64(quota), int64(quota)
	return best
}
