package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"jiangsupass/platform"
)

// Options configures a Server. The zero value is usable.
type Options struct {
	// Log receives the server's log, including the one-time sign-in
	// codes; nil means io.Discard.
	Log io.Writer
	// Now is the clock, required: cmd/platform passes time.Now, a test
	// its own.
	Now func() time.Time
	// Catalogue, when positive, generates that many service items beside
	// the standard ones (see GenerateCatalogue) if the database has fewer.
	Catalogue int
	// OnCode is called with every one-time code the server issues, for
	// tests and tools; the code is logged either way.
	OnCode func(phone, code string)
	// PageLimit is the most changes a sync page holds; 0 means 1000.
	PageLimit int
	// AccessTTL is how long an access token lives; 0 means 15 minutes.
	AccessTTL time.Duration
	// Version names the server build in /v1/health.
	Version string
	// AdminTokenFile is where the admin API's token is written at start,
	// readable by its owner only (0600); "" means the database's path
	// with AdminTokenSuffix added, for a SQLite file. A server on
	// PostgreSQL must be given one.
	AdminTokenFile string
	// CodeKey is the key the stored one-time sign-in codes are hashed
	// with (at least 32 bytes), kept out of the database so that the
	// database alone does not give a pending code away. Every node over
	// one database must be given the same key. nil means a new random key
	// for this process, which suits one node on SQLite: codes stored by
	// an earlier run are then deleted at start. A server on PostgreSQL
	// must be given one.
	CodeKey []byte
	// MaxDBConns bounds the connections to a PostgreSQL database; 0 means
	// 16. (SQLite has one writer whatever this says.)
	MaxDBConns int
}

// Server is the reference platform server. Its Handler serves the API.
type Server struct {
	db     *sql.DB
	rdb    *sql.DB // the connections of reads (beginRead); db on PostgreSQL
	eng    engine
	sq     *dialect // the engine's own statements
	log    *log.Logger
	now    func() time.Time
	onCode func(phone, code string)
	limit  int
	ttl    time.Duration
	ver    string

	epoch string // see platform.SyncPage.Epoch

	adminTokenFile string
	codeKey        []byte // see Options.CodeKey
	purgeCodes     bool   // the key is this process's own: older codes cannot be checked

	handlerOnce sync.Once
	handler     http.Handler
	routes      []string

	sent sync.Map // collection → *atomic.Int64: changes sent in sync pages

	crowd *crowdService // the gates', the crowd's and the staff's routes (crowd_service.go)
}

// Open opens the server's database, creating and seeding it on the first
// run: a SQLite file at path, or the PostgreSQL database that a
// postgres:// URL names. Servers in several processes may open one
// PostgreSQL database together: they keep nothing in memory that another
// must see.
func Open(ctx context.Context, path string, opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Now == nil {
		return nil, errors.New("open platform server: no clock given (Options.Now)")
	}
	if opt.PageLimit <= 0 {
		opt.PageLimit = 1000
	}
	if opt.AccessTTL <= 0 {
		opt.AccessTTL = 15 * time.Minute
	}
	if opt.Version == "" {
		opt.Version = "reference"
	}
	eng := engineFor(path, opt)
	if err := checkShared(eng, &opt); err != nil {
		return nil, err
	}
	where := path
	if IsPostgres(path) {
		where = redactURL(path)
	}
	db, rdb, err := openEngine(ctx, eng, opt.Now())
	if err != nil {
		return nil, fmt.Errorf("open platform database %s: %w", where, err)
	}
	if opt.AdminTokenFile == "" {
		opt.AdminTokenFile = path + AdminTokenSuffix
	}
	s := &Server{db: db, rdb: rdb, eng: eng, sq: eng.sql(), log: log.New(opt.Log, "platform: ", log.LstdFlags), now: opt.Now,
		onCode: opt.OnCode, limit: opt.PageLimit, ttl: opt.AccessTTL, ver: opt.Version, adminTokenFile: opt.AdminTokenFile,
		codeKey: opt.CodeKey, purgeCodes: opt.CodeKey == nil}
	if s.codeKey == nil {
		s.codeKey = make([]byte, 32)
		_, _ = rand.Read(s.codeKey) // never fails (crypto/rand)
	}
	if err := s.writeAdminToken(ctx, opt.AdminTokenFile); err != nil {
		_ = s.Close()
		return nil, err
	}
	if err := s.seed(ctx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("seed platform database: %w", err)
	}
	if s.epoch, err = getMeta(ctx, db, metaEpoch); err != nil {
		_ = s.Close()
		return nil, err
	}
	if opt.Catalogue > 0 {
		if err := s.GenerateCatalogue(ctx, opt.Catalogue); err != nil {
			_ = s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Close closes the database.
func (s *Server) Close() error {
	if s.rdb != s.db {
		_ = s.rdb.Close()
	}
	return s.db.Close()
}

// openEngine connects to the engine's database, migrates it, and opens
// the connections of reads (the writer's, where the engine has none of
// its own).
func openEngine(ctx context.Context, eng engine, now time.Time) (db, rdb *sql.DB, err error) {
	if db, err = eng.open(ctx); err != nil {
		return nil, nil, err
	}
	if err = migrate(ctx, db, eng, now); err == nil {
		rdb, err = eng.openReader(ctx)
	}
	if err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	if rdb == nil {
		rdb = db
	}
	return db, rdb, nil
}

// A feature adds its routes to the router. Each feature file registers
// one with addFeature from its init function.
type feature func(s *Server, r *router)

var features []feature

// addFeature registers a feature's routes.
func addFeature(f feature) { features = append(features, f) }

// router is the mux that features add their routes to; it remembers
// every pattern so that the contract test can check them.
type router struct {
	mux    *http.ServeMux
	routes *[]string
}

// handle adds a route, such as "GET /v1/health".
func (r *router) handle(pattern string, h http.HandlerFunc) {
	r.mux.HandleFunc(pattern, h)
	*r.routes = append(*r.routes, pattern)
}

// Handler returns the server's HTTP handler: every feature's routes
// behind gzip, panic recovery and a request log.
func (s *Server) Handler() http.Handler {
	s.handlerOnce.Do(func() {
		mux := http.NewServeMux()
		r := &router{mux: mux, routes: &s.routes}
		for _, f := range features {
			f(s, r)
		}
		mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
			writeError(w, http.StatusNotFound, platform.CodeNotFound, "no such route: "+req.Method+" "+req.URL.Path)
		})
		s.handler = s.recoverer(withGzip(mux))
	})
	return s.handler
}

// Routes returns the patterns of every route the server serves.
func (s *Server) Routes() []string {
	s.Handler()
	return append([]string(nil), s.routes...)
}

// recoverer turns a panic into a 500 answer in the platform's error shape.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				writeError(w, http.StatusInternalServerError, platform.CodeInternal, "the server failed; try again")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// countSent adds n to the changes sent for a collection.
func (s *Server) countSent(collection string, n int) {
	v, _ := s.sent.LoadOrStore(collection, new(atomic.Int64))
	v.(*atomic.Int64).Add(int64(n))
}

// Sent returns how many changes (upserts and tombstones) the server has
// sent in sync pages of a collection since it started.
func (s *Server) Sent(collection string) int64 {
	v, ok := s.sent.Load(collection)
	if !ok {
		return 0
	}
	return v.(*atomic.Int64).Load()
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
