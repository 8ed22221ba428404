package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestTurnsBoundTheRequestsMadeAtOnce(t *testing.T) {
	const working = 2
	var now, most atomic.Int64
	s := &Server{opts: Options{Working: working}}
	h := s.inTurn(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond) // long enough for the others to pile up
		now.Add(-1)
	}))
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/search?q=x", nil))
		})
	}
	wg.Wait()
	if got := most.Load(); got != working {
		t.Errorf("%d requests were made at once, want at most (and under load exactly) %d", got, working)
	}
}

func TestTurnsLetWritesAndLeaversGo(t *testing.T) {
	hold, held := make(chan struct{}), make(chan struct{})
	var made atomic.Int64
	s := &Server{opts: Options{Working: 1}}
	h := s.inTurn(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		made.Add(1)
		if r.URL.Path == "/slow" {
			close(held)
			<-hold
		}
	}))
	go h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/slow", nil))
	<-held // the only turn is taken

	// A write does not wait for a turn, nor does an export, which
	// streams for as long as its client reads.
	for _, req := range []struct{ method, target string }{
		{"POST", "/api/articles"}, {"GET", "/api/articles?format=CSV"}, {"GET", "/api/articles?format=ndjson"},
	} {
		done := make(chan struct{})
		go func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(req.method, req.target, nil))
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s %s waited for a turn", req.method, req.target)
		}
	}

	// A client that gives up while waiting is not served later.
	ctx, cancel := context.WithCancel(context.Background())
	left := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/other", nil).WithContext(ctx))
		close(left)
	}()
	cancel()
	<-left
	close(hold)
	// The turn is free again: a new request is made.
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/next", nil))
	if got := made.Load(); got != 5 {
		t.Errorf("%d requests were made, want 5 (slow, the POST, two exports, next; not the one whose client left)", got)
	}
}
