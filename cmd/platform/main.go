// Command platform runs the reference platform server that the app syncs
// from, and changes its data while it runs.
//
//	go run ./cmd/platform                      # serve on 127.0.0.1:8787
//	go run ./cmd/platform --db postgres://user@host/db   # on PostgreSQL; several nodes may share it
//	go run ./cmd/platform --catalogue 134800   # with the generated provincial catalogue
//	go run ./cmd/platform admin patch attractions 5a-001 '{"address":"…"}'
//	go run ./cmd/platform admin delete pois hub-001
//	go run ./cmd/platform admin put service_halls hall-x '{…}'
//	go run ./cmd/platform admin get attractions 5a-001
//	go run ./cmd/platform admin catalogue 134800
//	go run ./cmd/platform admin rotate CN-JS
//	go run ./cmd/platform admin area-token --area 5a-002 --gate east   # a gate's token (no --gate: staff)
//	go run ./cmd/platform admin simulate-day --speed 60   # a generated busy day, one minute a second
//
// The database lives in the per-user data folder
// ($XDG_DATA_HOME/jiangsupass-platform or ~/.local/share/jiangsupass-platform,
// owner only) unless --db names another file or a PostgreSQL database
// (postgres://…). Nodes over one PostgreSQL database share the key the
// one-time codes are stored under (--code-key-file, made in the data
// folder when missing; copy it to every machine that runs a node). At every start the server writes
// a new admin token to a file beside the database (mode 0600) and logs
// the file's path; the admin command reads it from there (--token-file).
// Sign-in codes are written to the log (see the README for the demo
// accounts).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"jiangsupass/platform/server"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "admin" {
		if err := admin(os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "platform admin:", err)
			os.Exit(1)
		}
		return
	}
	if err := serve(os.Args[1:], time.Now); err != nil {
		fmt.Fprintln(os.Stderr, "platform:", err)
		os.Exit(1)
	}
}

// serve runs the server on the clock now until interrupted.
func serve(args []string, now func() time.Time) error {
	fs := flag.NewFlagSet("platform", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8787", "address to listen on")
	dbPath := fs.String("db", "", "the server's database, created and seeded when missing: a SQLite file (default: platform.db in the per-user data folder, "+dataDirHelp+"), or a PostgreSQL database, postgres://user:password@host:port/name")
	keyFile := fs.String("code-key-file", "", "the key one-time codes are stored under, shared by every node over one database (made when missing; default on PostgreSQL: code-key in the per-user data folder; on SQLite: a new key at each start)")
	dbConns := fs.Int("db-conns", 16, "connections to a PostgreSQL database at most")
	catalogue := fs.Int("catalogue", 0, "generate this many service items beside the standard ones (134800: the province's online count); labelled generated")
	fresh := fs.Bool("fresh", false, "delete the database first and seed a new one")
	maxConns := fs.Int("max-conns", server.DefaultLimits.MaxConns, "connections open at once; further ones wait")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbPath == "" {
		def, err := defaultDB()
		if err != nil {
			return err
		}
		*dbPath = def
	}
	if *fresh && server.IsPostgres(*dbPath) {
		return errors.New("--fresh deletes a SQLite file only; empty a PostgreSQL database with dropdb and createdb")
	}
	if *fresh {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(*dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opt := server.Options{Log: os.Stderr, Catalogue: *catalogue, Now: now, MaxDBConns: *dbConns}
	if err := sharedOptions(*dbPath, *keyFile, &opt); err != nil {
		return err
	}
	srv, err := server.Open(ctx, *dbPath, opt)
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("Jiangsu Pass reference platform: http://%s\n", ln.Addr())
	fmt.Printf("database %s (%s); admin token in %s; demo accounts:", shownDB(*dbPath), srv.Engine(), srv.AdminTokenFile())
	for _, a := range server.DemoAccounts {
		fmt.Printf(" %s (%s)", a.Phone, a.Name)
	}
	fmt.Println("; sign-in codes are logged here")
	lim := server.DefaultLimits
	lim.MaxConns = *maxConns
	return srv.Serve(ctx, ln, lim)
}

// dataDirHelp names the default data folder in the flags' help.
const dataDirHelp = "$XDG_DATA_HOME/jiangsupass-platform or ~/.local/share/jiangsupass-platform"

// defaultDB is the database in the per-user data folder.
func defaultDB() (string, error) {
	dir, err := server.DataDir()
	if err != nil {
		return "", fmt.Errorf("the per-user data folder: %w (name a database with --db)", err)
	}
	return filepath.Join(dir, "platform.db"), nil
}

// admin changes the data of a running server through its admin API,
// with the token the server wrote at start.
func admin(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("platform admin", flag.ContinueOnError)
	base := fs.String("server", "http://127.0.0.1:8787", "the running server")
	tokenFile := fs.String("token-file", "", "the file the server wrote its admin token to (default: beside the default database)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, t := fs.Args(), adminTarget{base: *base, tokenFile: *tokenFile}
	if len(a) > 0 && adminCommands[a[0]] != nil { // admin_area.go
		return adminCommands[a[0]](t, a[1:], out)
	}
	return adminChange(t, a, out)
}

// adminChange sends one of the admin API's changes or reads, named by a,
// and prints the answer.
func adminChange(t adminTarget, a []string, out io.Writer) error {
	usage := errors.New("usage: admin [--server URL] [--token-file FILE] get|patch|put|delete COLLECTION ID [JSON] | catalogue COUNT | rotate ISSUER" +
		" | area-token --area ID [--gate GATE] | revoke-area-token ID | simulate-day [--speed N] …")
	if len(a) < 2 {
		return usage
	}
	root := strings.TrimRight(t.base, "/") + "/admin/v1"
	var method, url, body string
	switch {
	case a[0] == "catalogue" && len(a) == 2:
		method, url, body = http.MethodPost, root+"/catalogue", `{"count":`+a[1]+`}`
	case a[0] == "rotate" && len(a) == 2:
		method, url, body = http.MethodPost, root+"/issuers/"+a[1]+"/rotate", `{}`
	case a[0] == "get" && len(a) == 3:
		method, url = http.MethodGet, root+"/collections/"+a[1]+"/items/"+a[2]
	case a[0] == "delete" && len(a) == 3:
		method, url = http.MethodDelete, root+"/collections/"+a[1]+"/items/"+a[2]
	case a[0] == "patch" && len(a) == 4:
		method, url, body = http.MethodPatch, root+"/collections/"+a[1]+"/items/"+a[2], a[3]
	case a[0] == "put" && len(a) == 4:
		method, url, body = http.MethodPut, root+"/collections/"+a[1]+"/items/"+a[2], a[3]
	default:
		return usage
	}
	token, err := adminToken(t.tokenFile)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(method, url, bytes.NewBufferString(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	fmt.Fprintln(out, strings.TrimSpace(string(b)))
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s", resp.Status)
	}
	return nil
}

// adminToken reads the admin token from file, or from the file beside the
// default database when file is "".
func adminToken(file string) (string, error) {
	if file == "" {
		db, err := defaultDB()
		if err != nil {
			return "", err
		}
		file = db + server.AdminTokenSuffix
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("the admin token: %w (is the server running? name its file with --token-file)", err)
	}
	return strings.TrimSpace(string(b)), nil
}
