package server

import (
	"errors"
	"io"
	"net/http"

	"jiangsupass/platform"
)

func init() { addFeature(registerAdmin) }

// registerAdmin adds the routes that change data while the server runs,
// so that a change can be watched arriving in the app. They answer only
// requests that adminOnly lets through.
func registerAdmin(s *Server, r *router) {
	r.handle("PUT /admin/v1/collections/{collection}/items/{id}", s.adminOnly(s.adminPut))
	r.handle("PATCH /admin/v1/collections/{collection}/items/{id}", s.adminOnly(s.adminPatch))
	r.handle("DELETE /admin/v1/collections/{collection}/items/{id}", s.adminOnly(s.adminDelete))
	r.handle("GET /admin/v1/collections/{collection}/items/{id}", s.adminOnly(s.adminGet))
	r.handle("POST /admin/v1/catalogue", s.adminOnly(s.adminCatalogue))
}

// ChangeResult is the admin API's answer to a change.
type ChangeResult struct {
	Collection string `json:"collection"`
	ID         string `json:"id"`
	Cursor     string `json:"cursor"` // the changelog number of the change
}

// collectionAndBody reads an admin change's collection from the path and
// its body, up to 1 MiB; on failure it has answered already.
func collectionAndBody(w http.ResponseWriter, r *http.Request) (string, []byte, bool) {
	coll, ok := collection(w, r)
	if !ok {
		return "", nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "the body could not be read")
		return "", nil, false
	}
	return coll, body, true
}

func (s *Server) adminPut(w http.ResponseWriter, r *http.Request) {
	coll, body, ok := collectionAndBody(w, r)
	if !ok {
		return
	}
	it, err := decodeItem(coll, body)
	if err != nil {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, err.Error())
		return
	}
	if it.ItemID() != r.PathValue("id") {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "the id in the body differs from the one in the path")
		return
	}
	seq, err := s.Put(r.Context(), coll, it)
	s.answerChange(w, coll, r.PathValue("id"), seq, err)
}

func (s *Server) adminPatch(w http.ResponseWriter, r *http.Request) {
	coll, body, ok := collectionAndBody(w, r)
	if !ok {
		return
	}
	seq, err := s.Patch(r.Context(), coll, r.PathValue("id"), body)
	s.answerChange(w, coll, r.PathValue("id"), seq, err)
}

func (s *Server) adminDelete(w http.ResponseWriter, r *http.Request) {
	coll, ok := collection(w, r)
	if !ok {
		return
	}
	seq, err := s.Delete(r.Context(), coll, r.PathValue("id"))
	s.answerChange(w, coll, r.PathValue("id"), seq, err)
}

func (s *Server) adminGet(w http.ResponseWriter, r *http.Request) {
	coll, ok := collection(w, r)
	if !ok {
		return
	}
	b, err := s.Get(r.Context(), coll, r.PathValue("id"))
	if errors.Is(err, ErrNoItem) {
		writeError(w, http.StatusNotFound, platform.CodeNotFound, err.Error())
		return
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, err.Error())
		return
	}
	writeRaw(w, http.StatusOK, b)
}

// CatalogueRequest asks for a generated service catalogue of Count items.
type CatalogueRequest struct {
	Count int `json:"count"`
}

func (s *Server) adminCatalogue(w http.ResponseWriter, r *http.Request) {
	var req CatalogueRequest
	if !readJSON(w, r, &req) {
		return
	}
	if req.Count < 0 || req.Count > 1_000_000 {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "count must be between 0 and 1000000")
		return
	}
	if err := s.GenerateCatalogue(r.Context(), req.Count); err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, err.Error())
		return
	}
	at, _ := s.Head(r.Context())
	writeJSON(w, http.StatusOK, ChangeResult{Collection: platform.ServiceItems, Cursor: at.String()})
}

// answerChange answers an admin change.
func (s *Server) answerChange(w http.ResponseWriter, coll, id string, seq platform.Cursor, err error) {
	switch {
	case errors.Is(err, ErrNoItem):
		writeError(w, http.StatusNotFound, platform.CodeNotFound, err.Error())
	case err != nil:
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, err.Error())
	default:
		s.log.Printf("admin: %s %s changed at %d", coll, id, seq)
		writeJSON(w, http.StatusOK, ChangeResult{Collection: coll, ID: id, Cursor: seq.String()})
	}
}
