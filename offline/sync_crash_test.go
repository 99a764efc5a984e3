package offline

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// Environment of the child process that the crash test kills.
const (
	crashChildEnv = "JSP_SYNC_CRASH_CHILD" // the store's path
	crashURLEnv   = "JSP_SYNC_CRASH_URL"   // the server
)

// crashChild is the child: it opens the store and syncs until killed. It
// says "syncing" on stdout once it has started.
func crashChild() int {
	ctx := context.Background()
	s, _, err := Open(ctx, os.Getenv(crashChildEnv), Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	opt := fastSync()
	opt.PageLimit = 40
	eng := NewSyncEngine(s, platform.NewClient(os.Getenv(crashURLEnv), platform.Options{}), opt)
	fmt.Println("syncing")
	for {
		if err := eng.Sync(ctx); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}

// TestSyncSurvivesSIGKILL kills a syncing process with SIGKILL at random
// moments. After each kill the store passes PRAGMA integrity_check, every
// change that a cursor claims is in the replica, and the next sync ends
// with the replica equal to the server.
func TestSyncSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 20 processes")
	}
	ps := startPlatform(t, server.Options{Catalogue: 800})
	path := seededCopy(t)
	rnd := rand.New(rand.NewPCG(11, 13))
	const kills = 20
	midSync := 0
	for i := 0; i < kills; i++ {
		changeServer(t, ps, rnd, i)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path, crashURLEnv+"="+ps.HTTP.URL)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "syncing\n" {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("child said %q", line)
		}
		time.Sleep(time.Duration(rnd.IntN(60)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		after := checkAfterCrash(t, ps, path)
		if after < int64(serverHead(t, ps))*int64(len(platform.Collections)) {
			midSync++ // killed with work left or in flight
		}
	}
	t.Logf("%d kills, %d of them before the child had caught up", kills, midSync)
	if midSync < kills/2 {
		t.Errorf("only %d of %d kills came mid-sync; the test is not testing crashes", midSync, kills)
	}
}

// changeServer makes a batch of changes: edits, deletions and new items.
func changeServer(t *testing.T, ps *platformServer, rnd *rand.Rand, round int) {
	t.Helper()
	ctx := context.Background()
	items, err := ps.Items(ctx, platform.ServiceItems)
	if err != nil {
		t.Fatal(err)
	}
	var batch []platform.Item
	for _, st := range items {
		if st.Deleted || rnd.IntN(2) != 0 {
			continue
		}
		var it platform.ServiceItem
		if err := json.Unmarshal(st.Body, &it); err != nil {
			t.Fatal(err)
		}
		it.Notes = fmt.Sprintf("round %d", round)
		batch = append(batch, &it)
	}
	for k := 0; k < 20; k++ {
		batch = append(batch, &platform.ServiceItem{ID: int64(5_000_000 + round*100 + k), Audience: "个人", Theme: "测试",
			Name: fmt.Sprintf("新事项 %d-%d", round, k), Department: "测试厅", HandlingLevel: "市级", Generated: true, Source: "test"})
	}
	if err := ps.PutMany(ctx, platform.ServiceItems, batch); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 5; k++ {
		id := fmt.Sprintf("%d", server.GeneratedIDBase+1+rnd.IntN(800))
		if st, ok := items[id]; ok && !st.Deleted {
			if _, err := ps.Delete(ctx, platform.ServiceItems, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := ps.Patch(ctx, platform.TicketSlots, firstSlot(t, ps), []byte(fmt.Sprintf(`{"remaining":%d}`, 100+round))); err != nil {
		t.Fatal(err)
	}
}

func firstSlot(t *testing.T, ps *platformServer) string {
	items, err := ps.Items(context.Background(), platform.TicketSlots)
	if err != nil {
		t.Fatal(err)
	}
	for id := range items {
		return id
	}
	t.Fatal("no slots")
	return ""
}

func serverHead(t *testing.T, ps *platformServer) platform.Cursor {
	h, err := ps.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// totalCursor is the sum of the cursors in the store at path, read
// without opening it as a store.
func totalCursor(t *testing.T, path string) int64 {
	db, err := sql.Open("sqlite3", probeDSN(path, "ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	_ = db.QueryRow("SELECT coalesce(sum(cursor), 0) FROM sync_cursors").Scan(&n)
	return n
}

// checkAfterCrash opens the store like the app does after a crash and
// checks it; then it syncs to the end and checks the replica against the
// server. It returns the sum of the cursors found after the crash.
func checkAfterCrash(t *testing.T, ps *platformServer, path string) int64 {
	t.Helper()
	ctx := context.Background()
	total := totalCursor(t, path)
	s, rec, err := Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rec.Happened() {
		t.Fatalf("the store needed recovery after SIGKILL: %+v", rec)
	}
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	for _, c := range platform.Collections {
		assertCursorAgrees(t, s, ps, c)
	}
	if err := NewSyncEngine(s, testClient(ps.HTTP.URL, nil), fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	assertSameData(t, s, ps)
	return total
}

// assertCursorAgrees checks that every change the collection's cursor
// claims is in the replica: each server item whose last change is at or
// before the cursor is in the replica as the server has it, and each
// tombstone at or before it is absent.
func assertCursorAgrees(t *testing.T, s *Store, ps *platformServer, c string) {
	t.Helper()
	ctx := context.Background()
	cur, err := s.Cursor(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	server, err := ps.Items(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	local, err := s.replicaItems(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for id, st := range server {
		if st.Seq > cur {
			continue
		}
		got, ok := local[id]
		switch {
		case st.Deleted && ok:
			bad++
		case !st.Deleted && (!ok || string(got) != string(st.Body)):
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: cursor %d claims changes that %d rows of the replica lack", c, cur, bad)
	}
}

// replicaItems returns every row of a collection's replica as canonical
// JSON, by ID.
func (s *Store) replicaItems(ctx context.Context, c string) (map[string][]byte, error) {
	rep, err := replicaOf(c)
	if err != nil {
		return nil, err
	}
	cols := joinColumns(rep)
	rows, err := s.db.QueryContext(ctx, "SELECT "+cols+" FROM "+rep.table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		it, err := rep.scan(rows)
		if err != nil {
			return nil, err
		}
		it.Normalize()
		b, err := jsonMarshal(it)
		if err != nil {
			return nil, err
		}
		out[it.ItemID()] = b
	}
	return out, rows.Err()
}
