package server

import (
	"mime"
	"net"
	"net/http"
	"strings"

	"jiangsupass/platform"
)

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
	return ok && got != "" && s.isAdminToken(r.Context(), got)
}

// isJSON reports whether a Content-Type is application/json.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}
