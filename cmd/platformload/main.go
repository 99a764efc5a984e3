// Command platformload is the platform's load test (make load): simulated
// devices, each running the app's own platform client with its own
// account, cursors and outbox, against the reference server on SQLite, on
// PostgreSQL, and as two nodes over one PostgreSQL database, on loopback
// only. Each device signs in and makes a first sync; one percent of the
// data then changes; each syncs its deltas, renews its codes, orders
// tickets on one of a few hot slots and books a hall visit. For each set
// of nodes it prints requests per second, p50 and p99 per route, errors,
// tickets sold over a slot's quota and mutations applied twice; then how
// requests per second grow with the devices working at once, to show
// where a node saturates and which route limits it. The whole run is bounded (--max, at most 3 minutes).
//
//	go build -o /tmp/platform ./cmd/platform
//	tools/pgcluster run -- go run ./cmd/platformload --platform /tmp/platform
//
// The nodes are cmd/platform processes (--platform names the binary);
// the PostgreSQL database is the one JSP_TEST_POSTGRES names, in a schema
// of the run's own, dropped at the end.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, for the run's schemas
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "platformload:", err)
		os.Exit(1)
	}
}

// setup is one set of nodes over one database.
type setup struct {
	name  string
	nodes int
	pg    bool
}

func run(args []string) error {
	fs := flag.NewFlagSet("platformload", flag.ContinueOnError)
	binary := fs.String("platform", "", "the cmd/platform binary the nodes run (required)")
	devices := fs.Int("devices", 120, "simulated devices in each run")
	catalogue := fs.Int("catalogue", 5000, "generated service items beside the standard ones, so that a first sync is a few pages")
	hot := fs.Int("hot-slots", 3, "slots every device orders from")
	quota := fs.Int64("quota", 60, "each hot slot's quota")
	tickets := fs.Int("tickets", 2, "tickets in each order")
	halls := fs.Int("halls", 12, "halls every device books at, at one time")
	steps := fs.String("ramp", "4,16,48,120", "devices working at once in each step of the saturation ramp")
	rampFor := fs.Duration("ramp-step", 4*time.Second, "how long each step of the ramp lasts")
	maxRun := fs.Duration("max", 170*time.Second, "the whole run stops after this long (at most 3m)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *binary == "" {
		return errors.New("name the cmd/platform binary with --platform")
	}
	if *maxRun > 3*time.Minute {
		return errors.New("--max is at most 3m")
	}
	var rampSteps []int
	for _, s := range strings.Split(*steps, ",") {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n < 1 {
			return fmt.Errorf("--ramp: %q is not a number of devices", s)
		}
		rampSteps = append(rampSteps, n)
	}
	pgURL := os.Getenv(postgresEnv)
	if pgURL == "" {
		return fmt.Errorf("%s names no PostgreSQL database (run under tools/pgcluster run)", postgresEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *maxRun)
	defer cancel()
	dir, err := os.MkdirTemp("", "platformload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	keyFile := filepath.Join(dir, "code-key")
	key := make([]byte, 32)
	_, _ = rand.Read(key) // never fails (crypto/rand)
	if err := os.WriteFile(keyFile, key, 0o600); err != nil {
		return err
	}
	pg, err := sql.Open("pgx", pgURL)
	if err != nil {
		return err
	}
	defer pg.Close()
	p := plan{devices: *devices, tickets: *tickets, touchPct: 1, rampSteps: rampSteps, rampFor: *rampFor}
	fmt.Println(machine(ctx, pg))
	fmt.Printf("\n%d devices in each run; %d generated service items; %d hot slots of %d tickets, orders of %d; %d halls at one time (%d visits each); %d%% of the data changed between syncs\n",
		p.devices, *catalogue, *hot, *quota, *tickets, *halls, hallVisits, p.touchPct)
	var summary []string
	for _, st := range []setup{{"SQLite, 1 node", 1, false}, {"PostgreSQL, 1 node", 1, true}, {"PostgreSQL, 2 nodes", 2, true}} {
		line, err := runSetup(ctx, st, p, *binary, pgURL, pg, keyFile, dir, *catalogue, *hot, *quota, *halls)
		if err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		summary = append(summary, line)
	}
	fmt.Print("\n## Summary\n\n")
	fmt.Println("| nodes | devices | requests | req/s | errors | oversold | applied twice | visits over a hall's places |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, l := range summary {
		fmt.Println(l)
	}
	return nil
}
