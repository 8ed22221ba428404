package server

import (
	"net/http"
	"runtime"
	"strings"
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
func (s *Server) inTurn(next http.Handler) http.Handler {
	n := s.opts.Working
	if n <= 0 {
		n = max(2, runtime.GOMAXPROCS(0))
	}
	turns := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead || strings.HasPrefix(r.URL.Path, "/static/") || isExport(r) {
			next.ServeHTTP(w, r)
			return
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

// isExport reports whether r asks for a list as CSV or JSON Lines.
func isExport(r *http.Request) bool {
	f, err := parseFormat(r.URL.Query().Get("format"))
	return err == nil && f != formatJSON
}
