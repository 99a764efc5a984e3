package server

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"

	"jiangsupass/platform"
)

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, platform.CodeInternal, "the server could not encode its answer")
		return
	}
	writeRaw(w, status, b)
}

// writeRaw answers with JSON bytes.
func writeRaw(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeError answers in the platform's one error shape.
func writeError(w http.ResponseWriter, status int, code, message string) {
	b, _ := json.Marshal(platform.Error{Code: code, Message: message})
	writeRaw(w, status, b)
}

// readJSON decodes a request body into v, refusing unknown fields and
// bodies over 1 MiB. It answers the error itself and returns false.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "the request body is not valid: "+err.Error())
		return false
	}
	return true
}

// gzipPool reuses compressors; BestSpeed, since most answers are large
// sync pages that are made once and read at once.
var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// gzipWriter compresses what a handler writes.
type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g *gzipWriter) Write(b []byte) (int, error) { return g.zw.Write(b) }

func (g *gzipWriter) WriteHeader(status int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(status)
}

// withGzip compresses answers for clients that accept gzip.
func withGzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			next.ServeHTTP(w, r)
			return
		}
		zw := gzipPool.Get().(*gzip.Writer)
		zw.Reset(w)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		next.ServeHTTP(&gzipWriter{ResponseWriter: w, zw: zw}, r)
		_ = zw.Close()
		gzipPool.Put(zw)
	})
}
