package server

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
)

// Cache limits: responses larger than maxCachedBody are not kept, and the
// cache holds at most maxCacheBytes of bodies.
const (
	maxCachedBody = 1 << 20
	maxCacheBytes = 64 << 20
)

// cache keeps the bodies of successful GET responses for as long as the
// store's data version stays the same: any write to the store (by this
// process or another) changes the version and empties the cache, so nothing
// stale is ever served.
type cache struct {
	mu      sync.Mutex
	version int64
	entries map[string]*cached
	order   []string // keys, oldest first
	bytes   int
	// flights are the responses being made: a request for one of them
	// waits for it instead of making it again.
	flights map[string]*flight
}

type flight struct {
	version int64
	done    chan struct{}
	entry   *cached // nil if the response could not be kept
}

type cached struct {
	status int
	header http.Header
	body   []byte
}

// recorder captures a response while writing it through.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	big    bool
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if !r.big {
		if r.body.Len()+len(p) > maxCachedBody {
			r.big = true
			r.body = bytes.Buffer{}
		} else {
			r.body.Write(p)
		}
	}
	return r.ResponseWriter.Write(p)
}

// cached serves GET requests from the cache when the store has not changed
// since the response was made, and fills it otherwise.
func (s *Server) cached(next http.Handler) http.Handler {
	if s.opts.Version == nil {
		return next
	}
	c := &cache{entries: map[string]*cached{}, flights: map[string]*flight{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		v, err := s.opts.Version(r.Context())
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI()
		c.mu.Lock()
		if v != c.version {
			c.version, c.entries, c.order, c.bytes = v, map[string]*cached{}, nil, 0
		}
		e := c.entries[key]
		var own *flight // the flight this request makes, if it does
		if f := c.flights[key]; e == nil && f != nil && f.version == v {
			c.mu.Unlock()
			select {
			case <-f.done:
				e = f.entry // nil if it could not be kept: make it here
			case <-r.Context().Done():
				return
			}
		} else if e == nil {
			own = &flight{version: v, done: make(chan struct{})}
			c.flights[key] = own
			c.mu.Unlock()
			defer func() {
				c.mu.Lock()
				if c.flights[key] == own {
					delete(c.flights, key)
				}
				c.mu.Unlock()
				close(own.done)
			}()
		} else {
			c.mu.Unlock()
		}
		if e != nil {
			h := w.Header()
			for k, vs := range e.header {
				h[k] = vs
			}
			w.WriteHeader(e.status)
			w.Write(e.body)
			return
		}
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		// Cache-Control: no-store tells browsers the data may change; here
		// the version check guarantees it has not.
		if rec.status != http.StatusOK || rec.big {
			return
		}
		e = &cached{status: rec.status, header: rec.Header().Clone(), body: rec.body.Bytes()}
		if own != nil {
			own.entry = e // read by the waiters after close(own.done)
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.version != v || c.entries[key] != nil {
			return // the store changed while we rendered
		}
		c.entries[key] = e
		c.order = append(c.order, key)
		c.bytes += len(e.body)
		for c.bytes > maxCacheBytes && len(c.order) > 0 {
			old := c.order[0]
			c.order = c.order[1:]
			if o := c.entries[old]; o != nil {
				c.bytes -= len(o.body)
				delete(c.entries, old)
			}
		}
	})
}
