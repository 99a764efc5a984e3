package server

import (
	"context"
	"database/sql"
	"net/http"
	"sync/atomic"

	"jiangsupass/assets"
	"jiangsupass/platform"
)

func init() { addFeature(registerCrowd) }

// crowdService counts the visitors of each scenic area from what its
// gates record, gives each a level, and serves its staff. Its state is in
// the database (crowdRecords); what it keeps in memory is the capacity
// data it read at start, and when this process last refreshed the levels.
type crowdService struct {
	s     *Server
	store crowdRecords
	areas map[string]areaSpec
	// refreshed is when the levels were last brought up to date on a read
	// (Unix ns); see freshen.
	refreshed atomic.Int64
	// memo is the last answer of GET /v1/crowd, and gen counts the
	// admissions and exits this process has recorded (see current).
	memo atomic.Pointer[crowdMemo]
	gen  atomic.Int64
}

// registerCrowd adds the gates', the crowd's and the staff's routes, and
// writes every area's row of the crowd_levels collection.
func registerCrowd(s *Server, r *router) {
	c := &crowdService{s: s}
	s.crowd = c
	var err error
	if c.areas, err = loadAreas(assets.Data); err == nil {
		err = c.prepare(context.Background())
	}
	if err != nil {
		s.log.Printf("crowd levels unavailable: %v", err)
	}
	r.handle("POST /v1/admissions", c.gateMutation(platform.Admissions, c.applyAdmission))
	r.handle("POST /v1/exits", c.gateMutation(platform.Exits, c.applyExit))
	r.handle("GET /v1/crowd", c.report)
	r.handle("GET /v1/areas/{attraction}/dashboard", c.staff(c.dashboard))
	r.handle("POST /v1/areas/{attraction}/slots/{slot}/pause", c.staff(c.limited(c.pause)))
	r.handle("POST /v1/areas/{attraction}/slots/{slot}/resume", c.staff(c.limited(c.resume)))
	r.handle("POST /admin/v1/areas/{attraction}/tokens", s.adminOnly(c.adminIssueToken))
	r.handle("DELETE /admin/v1/area-tokens/{id}", s.adminOnly(c.adminRevokeToken))
}

// prepare writes every area's level as it stands (the tables are
// migration 3's).
func (c *crowdService) prepare(ctx context.Context) error {
	return c.s.inTx(ctx, func(tx *sql.Tx, w *writer) error {
		return c.refreshAll(ctx, tx, w, c.s.now())
	})
}

// area finds a scenic area the platform counts; it answers 404 itself
// when there is none.
func (c *crowdService) area(w http.ResponseWriter, id string) (areaSpec, bool) {
	a, ok := c.areas[id]
	if !ok {
		writeError(w, http.StatusNotFound, platform.CodeNotFound, "the platform counts no scenic area "+id)
	}
	return a, ok
}
