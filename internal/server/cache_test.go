package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestCacheServesUntilTheStoreChanges(t *testing.T) {
	var version atomic.Int64
	var calls atomic.Int64
	s := &Server{opts: Options{Version: func(context.Context) (int64, error) { return version.Load(), nil }}}
	h := s.cached(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
		}
		io.WriteString(w, "v"+string(rune('0'+version.Load()))+" call"+string(rune('0'+n)))
	}))
	get := func(path string) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Body.String()
	}
	if a, b := get("/stories"), get("/stories"); a != b || calls.Load() != 1 {
		t.Errorf("second request not served from the cache: %q, %q, %d calls", a, b, calls.Load())
	}
	if get("/stories?limit=2"); calls.Load() != 2 {
		t.Error("a different query shared a cache entry")
	}
	version.Store(1)
	if got := get("/stories"); got != "v1 call3" {
		t.Errorf("after the store changed got %q, want a fresh response", got)
	}
	get("/missing")
	get("/missing")
	if calls.Load() != 5 {
		t.Errorf("error responses were cached: %d calls, want 5", calls.Load())
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/stories", nil))
	if calls.Load() != 6 {
		t.Error("a POST was answered from the cache")
	}
}
