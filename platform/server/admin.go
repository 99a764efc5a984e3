package server

import (
	"crypto/subtle"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"

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

// adminOnly lets through only a request that this machine's operator
// sends straight to this server: from the loopback interface, through no
// proxy, addressed to the server's own loopback name (no DNS rebinding),
// from no other web origin (no cross-site request from a browser), with
// the admin token (see Options.AdminTokenFile), and for a change, a JSON
// body (a browser cannot send one cross-site without asking first).
func (s *Server) adminOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if msg := s.adminRefusal(r); msg != "" {
			writeError(w, http.StatusForbidden, platform.CodeForbidden, msg)
			return
		}
		if !s.adminTokenOf(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="jiangsupass-admin"`)
			writeError(w, http.StatusUnauthorized, platform.CodeUnauthorized,
				"the admin API needs the token the server wrote at start: Authorization: Bearer <token>")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !isJSON(r.Header.Get("Content-Type")) {
			writeError(w, http.StatusUnsupportedMediaType, platform.CodeBadRequest, "a change to the admin API is sent as Content-Type: application/json")
			return
		}
		h(w, r)
	}
}

// adminRefusal says why a request may not reach the admin API by where it
// comes from and what it is addressed to, or "" when it may.
func (s *Server) adminRefusal(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return "the admin API answers only on this machine"
	}
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return "the admin API does not answer through a proxy"
		}
	}
	if !ownLoopbackHost(r) {
		return "the admin API answers only to its own address (127.0.0.1, [::1] or localhost with its port)"
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		return "the admin API does not answer requests from web pages of another origin"
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return "the admin API does not answer requests from web pages of another origin"
	}
	return ""
}

// ownLoopbackHost reports whether the request's Host names the loopback
// address and port the connection came in on, or localhost at that port.
func ownLoopbackHost(r *http.Request) bool {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	lhost, lport, err := net.SplitHostPort(local.String())
	if ip := net.ParseIP(lhost); err != nil || ip == nil || !ip.IsLoopback() {
		return false
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil { // no port: the default one
		host, port = strings.Trim(r.Host, "[]"), "80"
	}
	if port != lport {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.Equal(net.ParseIP(lhost))
}

// adminTokenOf reports whether the request carries the admin token.
func (s *Server) adminTokenOf(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && s.adminToken != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.adminToken)) == 1
}

// isJSON reports whether a Content-Type is application/json.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
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
