package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
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

func TestCacheMakesConcurrentRequestsOnce(t *testing.T) {
	var calls atomic.Int64
	release := make(chan struct{})
	s := &Server{opts: Options{Version: func(context.Context) (int64, error) { return 1, nil }}}
	h := s.cached(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-release // slow, like a search
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
		}
		io.WriteString(w, "result for "+r.URL.Path)
	}))
	for _, path := range []string{"/search", "/missing"} {
		calls.Store(0)
		const n = 8
		bodies := make(chan string, n)
		for range n {
			go func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				bodies <- rec.Body.String()
			}()
		}
		// Let the requests arrive, then let the first finish.
		for calls.Load() == 0 {
			runtime.Gosched()
		}
		time.Sleep(20 * time.Millisecond)
		close(release)
		for range n {
			if got := <-bodies; got != "result for "+path {
				t.Errorf("%s: got %q", path, got)
			}
		}
		want := int64(1)
		if path == "/missing" {
			want = n // an error is not shared: each request makes its own
		}
		if got := calls.Load(); got != want {
			t.Errorf("%s: %d concurrent requests made the response %d times, want %d", path, n, got, want)
		}
		release = make(chan struct{})
	}
}
