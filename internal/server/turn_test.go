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

// TestTurnsKeepOneItemFromTakingThemAll checks that requests for pages of
// one story take at most half the turns: with the others held, another
// request is served at once.
func TestTurnsKeepOneItemFromTakingThemAll(t *testing.T) {
	var in, most atomic.Int64
	entered, hold := make(chan struct{}, 10), make(chan struct{})
	s := &Server{opts: Options{Working: 2}}
	h := s.inTurn(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if itemKey(r.URL.Path) != "stories/big" {
			return
		}
		n := in.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		entered <- struct{}{}
		<-hold
		in.Add(-1)
	}))
	var wg sync.WaitGroup
	for _, target := range []string{"/stories/big", "/api/stories/big?offset=50", "/stories/big?offset=100", "/api/stories/big"} {
		wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", target, nil)) })
	}
	<-entered // one page of the story is being made, three wait
	done := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/search?q=dam", nil))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a search waited for the pages of one story")
	}
	close(hold)
	wg.Wait()
	if got := most.Load(); got != 1 {
		t.Errorf("%d requests for one story were made at once, want 1 of the 2 turns", got)
	}
}

func TestItemGateForgetsItemsNoOneAsksFor(t *testing.T) {
	g := &itemGate{each: 1, waits: make(map[string]*itemWait)}
	ctx, cancel := context.WithCancel(context.Background())
	first, ok := g.enter(httptest.NewRequest("GET", "/stories/a", nil), "stories/a")
	if !ok {
		t.Fatal("the first request for an item waited")
	}
	left := make(chan bool)
	go func() {
		_, ok := g.enter(httptest.NewRequest("GET", "/stories/a", nil).WithContext(ctx), "stories/a")
		left <- ok
	}()
	cancel()
	if <-left {
		t.Error("a request whose client left was let in")
	}
	first()
	if _, ok := g.enter(httptest.NewRequest("GET", "/stories/b", nil), "stories/b"); !ok {
		t.Fatal("a request for another item waited")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.waits["stories/a"]; ok || len(g.waits) != 1 {
		t.Errorf("the gate keeps %d items after story a's requests ended, want story b's alone", len(g.waits))
	}
}

func TestItemKey(t *testing.T) {
	for path, want := range map[string]string{
		"/stories/abc": "stories/abc", "/api/stories/abc": "stories/abc", "/api/entities/per-x": "entities/per-x",
		"/articles/a1": "articles/a1", "/storylines/l1": "storylines/l1",
		"/stories": "", "/api/stories": "", "/stories/": "", "/search": "", "/api/search": "", "/": "",
	} {
		if got := itemKey(path); got != want {
			t.Errorf("itemKey(%q) = %q, want %q", path, got, want)
		}
	}
}
