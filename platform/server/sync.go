package server

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"

	"jiangsupass/platform"
)

func init() { addFeature(registerSync) }

// registerSync adds health and the sync collections.
func registerSync(s *Server, r *router) {
	r.handle("GET /v1/health", s.health)
	r.handle("GET /v1/sync/{collection}", s.syncPage)
	r.handle("GET /v1/sync/{collection}/items", s.syncLookup)
	r.handle("GET /v1/sync/{collection}/checksum", s.syncChecksum)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	at, err := s.Head(r.Context())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the database cannot be read")
		return
	}
	writeJSON(w, http.StatusOK, platform.Health{Status: "ok", Version: s.ver, Cursor: at.String()})
}

// collection reads the {collection} path value and answers 404 for an
// unknown one.
func collection(w http.ResponseWriter, r *http.Request) (string, bool) {
	c := r.PathValue("collection")
	if !platform.IsCollection(c) {
		writeError(w, http.StatusNotFound, platform.CodeNotFound, "no collection "+strconv.Quote(c))
		return "", false
	}
	return c, true
}

func (s *Server) syncPage(w http.ResponseWriter, r *http.Request) {
	coll, ok := collection(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	since, err := platform.ParseCursor(q.Get("since"))
	if err != nil {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, err.(*platform.Error).Message)
		return
	}
	s.freshenBeforeSync(r.Context(), coll)
	limit := s.limit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "limit must be a positive number")
			return
		}
		limit = min(n, 5000)
	}
	page, n, err := s.page(r.Context(), coll, since, limit, q.Get("count") != "false")
	if err != nil {
		s.log.Printf("sync %s since %d: %v", coll, since, err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the changes cannot be read now; try again")
		return
	}
	s.countSent(coll, n)
	writeRaw(w, http.StatusOK, page)
}

// page builds the JSON of a sync page in one read transaction, so that
// the page, its next cursor and the total agree. Counting the changes
// that follow costs a scan of them, so a client may skip it (count false)
// for the pages after its first. It returns the page and the number of
// changes in it.
func (s *Server) page(ctx context.Context, coll string, since platform.Cursor, limit int, count bool) ([]byte, int, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer func() { _ = tx.Rollback() }()
	at, err := head(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if count {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM items WHERE collection = ? AND seq > ?", coll, since).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	rows, err := tx.QueryContext(ctx,
		"SELECT id, seq, deleted, body FROM items WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?", coll, since, limit+1)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var upserts, tombs bytes.Buffer
	n, last, more := 0, since, false
	for rows.Next() {
		if n == limit {
			more = true
			break
		}
		var id string
		var seq platform.Cursor
		var deleted bool
		var body sql.RawBytes
		if err := rows.Scan(&id, &seq, &deleted, &body); err != nil {
			return nil, 0, err
		}
		if deleted {
			appendSep(&tombs)
			idJSON, _ := json.Marshal(id)
			tombs.Write(idJSON)
		} else {
			appendSep(&upserts)
			upserts.Write(body)
		}
		n, last = n+1, seq
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if !count {
		total = int64(n)
	}
	next := last
	if !more && at > next {
		next = at // nothing of this collection follows: skip to the head
	}
	var out bytes.Buffer
	out.Grow(upserts.Len() + tombs.Len() + 200)
	out.WriteString(`{"collection":`)
	writeString(&out, coll)
	out.WriteString(`,"epoch":`)
	writeString(&out, s.epoch)
	out.WriteString(`,"since":`)
	writeString(&out, since.String())
	out.WriteString(`,"upserts":[`)
	out.Write(upserts.Bytes())
	out.WriteString(`],"tombstones":[`)
	out.Write(tombs.Bytes())
	out.WriteString(`],"next":`)
	writeString(&out, next.String())
	out.WriteString(`,"has_more":`)
	out.WriteString(strconv.FormatBool(more))
	out.WriteString(`,"total":`)
	out.WriteString(strconv.FormatInt(total, 10))
	out.WriteString("}")
	return out.Bytes(), n, nil
}

func appendSep(b *bytes.Buffer) {
	if b.Len() > 0 {
		b.WriteByte(',')
	}
}

func writeString(b *bytes.Buffer, s string) {
	j, _ := json.Marshal(s)
	b.Write(j)
}

func (s *Server) syncLookup(w http.ResponseWriter, r *http.Request) {
	coll, ok := collection(w, r)
	if !ok {
		return
	}
	ids := r.URL.Query()["id"]
	if len(ids) == 0 || len(ids) > 500 {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "give between 1 and 500 id parameters")
		return
	}
	ctx := r.Context()
	tx, err := s.beginRead(ctx)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the items cannot be read now; try again")
		return
	}
	defer func() { _ = tx.Rollback() }()
	at, err := head(ctx, tx)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the items cannot be read now; try again")
		return
	}
	page := platform.SyncPage{Collection: coll, Epoch: s.epoch, Upserts: []json.RawMessage{}, Tombstones: []string{}, Next: at.String()}
	for _, id := range ids {
		var body sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0", coll, id).Scan(&body)
		switch {
		case err == sql.ErrNoRows:
			page.Tombstones = append(page.Tombstones, id)
		case err != nil:
			writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the items cannot be read now; try again")
			return
		default:
			page.Upserts = append(page.Upserts, json.RawMessage(body.String))
		}
	}
	page.Total = int64(len(ids))
	s.countSent(coll, len(ids))
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) syncChecksum(w http.ResponseWriter, r *http.Request) {
	coll, ok := collection(w, r)
	if !ok {
		return
	}
	sum, err := s.Checksum(r.Context(), coll)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the checksum cannot be computed now; try again")
		return
	}
	writeJSON(w, http.StatusOK, sum)
}
