package server

import (
	"net/http"
	"runtime"
	"strings"
	"sync"
)

// inTurn makes at most Options.Working GET requests at once; the others
// wait in the order they came.
//
// Without it, every request runs at once and each of its queries waits for
// a database connection, which database/sql hands to a waiter chosen at
// random: under load a few unlucky requests wait many times longer than
// the rest. A channel queues its blocked senders in order, so requests
// here are served first come, first served, and each then finds a
// connection free. Writes, static files and exports (which stream for as
// long as the client reads) do not wait.
//
// Requests for pages of one item (a story, storyline, entity or article,
// as a page or in the API) first wait for each other, so that at most half
// the turns serve one item: readers paging through a story of ten
// thousand articles, each page costing ten times a small one, then queue
// behind each other rather than in front of every other request.
func (s *Server) inTurn(next http.Handler) http.Handler {
	n := s.opts.Working
	if n <= 0 {
		n = max(2, runtime.GOMAXPROCS(0))
	}
	turns := make(chan struct{}, n)
	items := &itemGate{each: max(1, n/2), waits: make(map[string]*itemWait)}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead || strings.HasPrefix(r.URL.Path, "/static/") || isExport(r) {
			next.ServeHTTP(w, r)
			return
		}
		if key := itemKey(r.URL.Path); key != "" {
			release, ok := items.enter(r, key)
			if !ok {
				return // the client left while it waited
			}
			defer release()
		}
		select {
		case turns <- struct{}{}:
		case <-r.Context().Done():
			return // the client left while it waited
		}
		defer func() { <-turns }()
		next.ServeHTTP(w, r)
	})
}

// itemKey names the item a path shows ("stories/ID" for /stories/ID and
// /api/stories/ID), or returns "" for a path that shows no one item.
func itemKey(path string) string {
	p := strings.TrimPrefix(path, "/api")
	for _, kind := range []string{"/stories/", "/storylines/", "/entities/", "/articles/"} {
		if id, ok := strings.CutPrefix(p, kind); ok && id != "" {
			return p[1:]
		}
	}
	return ""
}

// itemGate lets at most each requests for one item in at once; the others
// wait in the order they came.
type itemGate struct {
	each  int
	mu    sync.Mutex
	waits map[string]*itemWait
}

type itemWait struct {
	in    chan struct{} // one element a request let in
	users int           // requests in or waiting
}

// enter waits for r's turn among the requests for key and returns the
// function that ends it; ok is false when r's client left first.
func (g *itemGate) enter(r *http.Request, key string) (release func(), ok bool) {
	g.mu.Lock()
	w := g.waits[key]
	if w == nil {
		w = &itemWait{in: make(chan struct{}, g.each)}
		g.waits[key] = w
	}
	w.users++
	g.mu.Unlock()
	leave := func() {
		g.mu.Lock()
		if w.users--; w.users == 0 {
			delete(g.waits, key)
		}
		g.mu.Unlock()
	}
	select {
	case w.in <- struct{}{}:
		return func() { <-w.in; leave() }, true
	case <-r.Context().Done():
		leave()
		return nil, false
	}
}

// isExport reports whether r asks for a list as CSV or JSON Lines.
func isExport(r *http.Request) bool {
	f, err := parseFormat(r.URL.Query().Get("format"))
	return err == nil && f != formatJSON
}
