package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/loadtest"
)

// postgresEnv names the variable holding the PostgreSQL database's URL
// (tools/pgcluster run sets it).
const postgresEnv = "JSP_TEST_POSTGRES"

// hallVisits is how many visits a hall takes at one time.
const hallVisits = platform.HallSlotVisits

// runSetup starts a set of nodes on a new database, runs the devices
// against them, prints what it measured, and returns its summary line.
func runSetup(ctx context.Context, st setup, p plan, binary, pgURL string, pg *sql.DB, keyFile, dir string,
	catalogue, hot int, quota int64, halls int) (string, error) {
	nodeDir := filepath.Join(dir, fmt.Sprintf("%s-%d", map[bool]string{true: "postgres", false: "sqlite"}[st.pg], st.nodes))
	if err := os.MkdirAll(nodeDir, 0o700); err != nil {
		return "", err
	}
	db := filepath.Join(nodeDir, "platform.db")
	if st.pg {
		schema := "load_" + strings.ToLower(rand.Text()[:12])
		if _, err := pg.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			return "", err
		}
		defer pg.Exec("DROP SCHEMA " + schema + " CASCADE") //nolint:errcheck // the cluster is thrown away after
		u, err := url.Parse(pgURL)
		if err != nil {
			return "", err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		db = u.String()
	}
	codes := loadtest.NewCodeBook()
	var nodes []*loadtest.Node
	stopAll := func() {
		for _, n := range nodes {
			n.Stop()
		}
		nodes = nil
	}
	defer stopAll()
	var hosts []string
	for range st.nodes {
		n, err := startNode(ctx, binary, db, keyFile, nodeDir, catalogue, codes)
		if err != nil {
			return "", err
		}
		nodes = append(nodes, n)
		hosts = append(hosts, n.Host)
	}
	a, err := newAdmin(nodes[0])
	if err != nil {
		return "", err
	}
	if p.hot, err = a.hotSlots(ctx, hot, quota); err != nil {
		return "", err
	}
	if p.halls, err = a.halls(ctx, halls); err != nil {
		return "", err
	}
	p.day, p.hm = visitDay(time.Now()), "10:00"
	rec := loadtest.NewRecorder()
	out, devs, err := runFleet(ctx, p, &loadtest.Nodes{Hosts: hosts}, nodes[0].URL, a, codes, rec)
	if err != nil {
		return "", err
	}
	fmt.Printf("\n## %s\n\n", st.name)
	fmt.Printf("%d devices: sign-in and first sync, then %d items changed (1%%), then deltas (%d changes received in all), codes renewed, an order of %d tickets on one of %d hot slots and a hall visit each, in %.1f s\n\n",
		p.devices, out.changes, out.delta, p.tickets, len(p.hot), out.wall.Seconds())
	loadtest.WriteTable(os.Stdout, out.figures, out.wall)
	pids := make([]int, len(nodes))
	for i, n := range nodes {
		pids[i] = n.Pid()
	}
	out.ramp = ramp(ctx, p, devs, rec, pids)
	printRamp(out.ramp, p.rampFor)
	stopAll()
	all := outcome{sold: map[string]int64{}, booked: map[string]int{}, answered: map[string]int{}, keys: map[string]string{}}
	tally(&all, devs) // the run's answers and the ramp's
	count, twice, err := applied(ctx, db, keyFile, nodeDir)
	if err != nil {
		return "", err
	}
	var oversold, mismatch int64
	for _, s := range p.hot {
		oversold += max(0, out.sold[s.ID]-quota)
		if out.sold[s.ID]+out.left[s.ID] != quota {
			mismatch++
		}
	}
	over := 0
	for _, n := range out.booked {
		over += max(0, n-hallVisits)
	}
	fmt.Printf("\nchecks: tickets sold %v of %d each, %v left (slots whose sold and left do not add up to the quota: %d); "+
		"orders applied %d, answered 201 %d; appointments applied %d, answered 201 %d (the run's and the ramp's; a request cut off "+
		"at the end of a ramp step may be applied unanswered); keys applied twice: %d\n",
		sortedSold(out.sold), quota, sortedSold(out.left), mismatch, count[platform.Orders], all.answered[platform.Orders],
		count[platform.Appointments], all.answered[platform.Appointments], twice)
	reqs, errs := loadtest.Total(out.figures)
	return fmt.Sprintf("| %s | %d | %d | %.0f | %d | %d | %d | %d |", st.name, p.devices, reqs, float64(reqs)/out.wall.Seconds(),
		errs, oversold+mismatch, twice, over), nil
}

func sortedSold(m map[string]int64) []int64 {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]int64, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// startNode starts the platform binary on db, with the shared code key and
// its data folder in dir.
func startNode(ctx context.Context, binary, db, keyFile, dir string, catalogue int, codes *loadtest.CodeBook) (*loadtest.Node, error) {
	cmd := exec.Command(binary, "--db", db, "--addr", "127.0.0.1:0", "--code-key-file", keyFile,
		"--catalogue", fmt.Sprint(catalogue), "--max-conns", "2048")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir)
	return loadtest.StartNode(ctx, cmd, codes)
}

// printRamp writes the saturation ramp as a table.
func printRamp(steps []rampStep, each time.Duration) {
	fmt.Printf("\nSaturation ramp (each step %s; a device's round: deltas of every collection, codes renewed, an order try, a visit try):\n\n", each)
	fmt.Printf("| devices at once | req/s | p99 ms (worst route) | slowest route | most time in all | errors | cores of %d: nodes, devices, the rest (PostgreSQL, other work) |\n", runtime.NumCPU())
	fmt.Println("|---:|---:|---:|---|---|---:|---|")
	for _, s := range steps {
		fmt.Printf("| %d | %.0f | %.1f | %s | %s | %d | %.2f, %.2f, %.2f |\n", s.devices, s.reqPerSec, float64(s.p99)/1e6, s.slowest,
			s.busiest, s.errors, s.nodeCores, s.loadCores, s.restCores)
	}
	for _, s := range steps {
		if s.firstErr != "" {
			fmt.Printf("\nfirst error with %d devices: %s\n", s.devices, s.firstErr)
		}
	}
}

// machine says what the figures were measured on.
func machine(ctx context.Context, pg *sql.DB) string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GiB", float64(kb)/(1<<20))
		}
	}
	var ver string
	if err := pg.QueryRowContext(ctx, "SHOW server_version").Scan(&ver); err != nil {
		ver = "?"
	}
	var fsync string
	_ = pg.QueryRowContext(ctx, "SHOW fsync").Scan(&fsync)
	return fmt.Sprintf("# Load test\n\nMachine: %s, %d cores%s; %s %s/%s; PostgreSQL %s (fsync %s), on loopback; %s",
		cpu, runtime.NumCPU(), mem, runtime.Version(), runtime.GOOS, runtime.GOARCH, ver, fsync, time.Now().UTC().Format("2006-01-02"))
}
