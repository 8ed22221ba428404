// Package server serves Storyline's web UI and its JSON API over one store.
//
// Every page has a JSON twin under /api/ built from the same view value, so
// the API shows exactly what a person sees. Pages are rendered on the server
// with html/template; styles, scripts and the OpenAPI description are
// embedded, so the binary works offline. Articles are untrusted input: all
// their text is escaped, only http and https links are made live, and a
// Content-Security-Policy forbids inline scripts.
//
// Writes (POST /api/articles) are off unless a token is configured, and then
// need it as a bearer token on every request.
package server

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"iter"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/summary"
)

// Store is what the server reads. It holds what the comparisons
// (compare.Stored, compare.StoredStory) and summaries (summary.ForStory)
// it serves read.
type Store interface {
	compare.Store
	compare.StoryStore
	summary.Reader

	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Summary, int, error)
	Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, int, error)

	Stories(ctx context.Context, f news.StoryFilter) ([]news.StorySummary, int, error)
	StorySummary(ctx context.Context, id news.StoryID) (news.StorySummary, error)
	StoryOf(ctx context.Context, id news.ArticleID) (news.StoryID, error)
	Storylines(ctx context.Context, limit, offset int) ([]news.Storyline, int, error)
	StorylineSummary(ctx context.Context, id news.StorylineID) (news.Storyline, error)
	// MovedTo returns the story or storyline ID that id, moved by a later
	// grouping, stands for now; news.ErrNotFound if it did not move.
	MovedTo(ctx context.Context, kind news.IDKind, id string) (string, error)

	Entities(ctx context.Context, f news.EntityFilter) ([]news.Entity, int, error)
	Entity(ctx context.Context, id news.EntityID) (news.EntityDetail, error)
	Quotes(ctx context.Context, f news.QuoteFilter) ([]news.QuoteRef, int, error)
	Events(ctx context.Context, f news.EventFilter) ([]news.EventRef, int, error)

	// Batch look-ups for listings and story pages, a few queries however
	// many articles.
	StoryOutlets(ctx context.Context, ids []news.StoryID) (map[news.StoryID][]news.OutletCount, error)
	StorylineNames(ctx context.Context, ids []news.StorylineID) (map[news.StorylineID]string, error)
	EntityNames(ctx context.Context, ids []news.EntityID) (map[news.EntityID]string, error)
	StoriesOf(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.StoryID, error)
	Summaries(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Summary, error)

	// Pages of long lists: each reads about a page's rows however long
	// the list (a story of ten thousand articles, an article copied a
	// thousand times). StoryGroups and StoryCopies are summary.Reader's.
	CopyCounts(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]int, error)
	CopyLinks(ctx context.Context, id news.ArticleID, limit, offset int) ([]news.CopyLink, int, error)
	StorylineStories(ctx context.Context, id news.StorylineID, limit, offset int) ([]news.StorySummary, int, error)
	QuotesIn(ctx context.Context, ids []news.ArticleID, limit int) ([]news.QuoteRef, error)
	EventsIn(ctx context.Context, ids []news.ArticleID, limit int) ([]news.EventRef, error)
	EntitiesIn(ctx context.Context, ids []news.ArticleID, limit int) ([]news.Entity, error)
	QuotesBy(ctx context.Context, id news.EntityID, limit int) ([]news.QuoteRef, int, error)
	MentionedIn(ctx context.Context, id news.EntityID, limit int) ([]news.ArticleID, error)
}

// IngestFunc stores the items read from an input and runs the analysis
// stages over what was new, as the ingest command does. Calls may come from
// several goroutines; the function serialises them if it must.
type IngestFunc func(ctx context.Context, items iter.Seq2[source.Item, error]) (ingest.Summary, error)

// Options configure a Server. The zero value serves a read-only site.
type Options struct {
	// Token, when set, turns on writes (POST /api/articles), each of which
	// must carry it as "Authorization: Bearer TOKEN".
	Token string
	// Ingest stores posted articles; writes stay off when it is nil.
	Ingest IngestFunc
	// MaxBody is the largest request body accepted, in bytes (default 32 MiB).
	MaxBody int64
	// Log receives request errors (default: discarded).
	Log *slog.Logger
	// Version, when set, returns the store's data version, which changes
	// whenever anything writes to the store; GET responses are then cached
	// until it changes.
	Version func(ctx context.Context) (int64, error)
	// Working is how many GET requests are made at once (default: the
	// number of CPUs, at least 2); the others wait their turn in the order
	// they came, so that no request waits much longer than the rest.
	// Responses served from the cache do not wait.
	Working int
	// AllowHosts are the names, besides loopback ones, that requests may
	// give in their Host header when Serve listens on a loopback address
	// (see Serve).
	AllowHosts []string
}

// DefaultMaxBody is the default limit on a request body.
const DefaultMaxBody = 32 << 20

// Server serves the web UI and the JSON API.
type Server struct {
	st    Store
	opts  Options
	log   *slog.Logger
	pages map[string]*template.Template
	mux   *http.ServeMux
	h     http.Handler // mux behind the turn gate and the response cache
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPI []byte

// New returns a server over st.
func New(st Store, opts Options) (*Server, error) {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{st: st, opts: opts, log: log}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.mux = s.routes()
	s.h = s.cached(s.inTurn(s.mux))
	return s, nil
}

// routes lists every route of the server.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles(static)))

	mux.Handle("GET /{$}", s.page(s.storiesPage))
	mux.Handle("GET /stories", s.page(s.storiesPage))
	mux.Handle("GET /stories/{id}", s.page(s.storyPage))
	mux.Handle("GET /storylines", s.page(s.storylinesPage))
	mux.Handle("GET /storylines/{id}", s.page(s.storylinePage))
	mux.Handle("GET /entities", s.page(s.entitiesPage))
	mux.Handle("GET /entities/{id}", s.page(s.entityPage))
	mux.Handle("GET /articles", s.page(s.articlesPage))
	mux.Handle("GET /articles/{id}", s.page(s.articlePage))
	mux.Handle("GET /quotes", s.page(s.quotesPage))
	mux.Handle("GET /events", s.page(s.eventsPage))
	mux.Handle("GET /search", s.page(s.searchPage))
	mux.Handle("/", s.page(func(w http.ResponseWriter, r *http.Request) error {
		return s.notFound(w, r, mux, "no page here")
	}))

	mux.Handle("GET /api/stories", s.api(s.apiStories))
	mux.Handle("GET /api/stories/{id}", s.api(s.apiStory))
	mux.Handle("GET /api/stories/{id}/compare", s.api(s.apiStoryCompare))
	mux.Handle("GET /api/storylines", s.api(s.apiStorylines))
	mux.Handle("GET /api/storylines/{id}", s.api(s.apiStoryline))
	mux.Handle("GET /api/entities", s.api(s.apiEntities))
	mux.Handle("GET /api/entities/{id}", s.api(s.apiEntity))
	mux.Handle("GET /api/articles", s.api(s.apiArticles))
	mux.Handle("GET /api/articles/{id}", s.api(s.apiArticle))
	mux.Handle("GET /api/articles/{id}/compare", s.api(s.apiArticleCompare))
	mux.Handle("POST /api/articles", s.api(s.apiPostArticles))
	mux.Handle("GET /api/quotes", s.api(s.apiQuotes))
	mux.Handle("GET /api/events", s.api(s.apiEvents))
	mux.Handle("GET /api/search", s.api(s.apiSearch))
	mux.Handle("GET /api/openapi.json", s.api(s.apiOpenAPI))
	mux.Handle("/api/", s.api(func(w http.ResponseWriter, r *http.Request) error {
		return s.notFound(w, r, mux, "no such API endpoint")
	}))
	return mux
}

// notFound is the error for a request no route takes: 405 when the path
// has a route for GET, 404 otherwise.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, mux *http.ServeMux, what string) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		if _, pattern := mux.Handler(get); pattern != "/" && pattern != "/api/" {
			allow := "GET, HEAD"
			if pattern == "GET /api/articles" {
				allow += ", POST"
			}
			w.Header().Set("Allow", allow)
			return fmt.Errorf("%w: %s is not allowed here", errMethod, r.Method)
		}
	}
	return fmt.Errorf("%w: %s", news.ErrNotFound, what)
}

// ServeHTTP serves a request, with the security headers every response
// carries.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secure(w.Header())
	if err := checkRequest(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	s.h.ServeHTTP(w, r)
}

// secure sets the security headers every response carries.
func secure(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
}

// checkRequest refuses what no page, API endpoint or file answers: a path
// that is not UTF-8 once decoded (/static/%c0%ae), one with an empty, "."
// or ".." segment (which the router would redirect to a cleaned path, and
// no link of ours makes), and query values that are not UTF-8.
func checkRequest(r *http.Request) error {
	p := r.URL.Path
	if !utf8.ValidString(p) {
		return invalidf("path %q: not valid UTF-8", p)
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i < len(segs)-1 {
			return invalidf("path %q: an empty, . or .. segment", p)
		}
	}
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				return invalidf("parameter %q: not valid UTF-8", k)
			}
		}
	}
	return nil
}

// refuse answers r with err, as JSON under /api/ and as a page elsewhere.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	h := s.page
	if strings.HasPrefix(r.URL.Path, "/api/") {
		h = s.api
	}
	h(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
}

// Serve serves HTTP on ln until ctx is done, then shuts down gracefully,
// giving requests in flight a few seconds to finish.
//
// On a loopback address it answers only requests whose Host is a loopback
// name (localhost, a name under .localhost, 127.0.0.1 or another loopback
// address, [::1]; any port) or one of Options.AllowHosts; others get 421
// Misdirected Request. A web page elsewhere can point a name it controls
// at 127.0.0.1 (DNS rebinding) and have the browser read this server as
// that name; the browser then sends that name as the Host. On any other
// address every Host is answered: the server is then meant to be reached
// by names this one cannot know.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	var h http.Handler = s
	if isLoopback(ln.Addr()) {
		h = s.loopbackHosts(ln.Addr())
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       2 * time.Minute, // a 32 MiB upload on a slow link
		WriteTimeout:      5 * time.Minute, // an export of a large list
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		hs.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}

// isLoopback reports whether addr is a TCP address on a loopback
// interface.
func isLoopback(addr net.Addr) bool {
	a, ok := addr.(*net.TCPAddr)
	return ok && a.IP.IsLoopback()
}

// loopbackHosts serves the requests whose Host is a loopback name or one of
// Options.AllowHosts, and refuses the others (see Serve).
func (s *Server) loopbackHosts(addr net.Addr) http.Handler {
	allowed := make(map[string]bool)
	for _, name := range s.opts.AllowHosts {
		allowed[hostName(name)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := hostName(r.Host)
		if allowed[name] || isLoopbackName(name) {
			s.ServeHTTP(w, r)
			return
		}
		secure(w.Header())
		s.refuse(w, r, fmt.Errorf("%w: this server listens on %s and answers only to localhost, 127.0.0.1 and [::1], "+
			"not to %.100q; start it with --allow-host %s to answer to that name", errMisdirected, addr, r.Host, clipHost(name)))
	})
}

// hostName is the host of a Host header, without its port, in lower case,
// without a final dot and IPv6 brackets.
func hostName(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
}

// isLoopbackName reports whether a host name (see hostName) can only mean
// this machine: localhost and names under .localhost (RFC 6761, which
// browsers resolve to loopback themselves), and loopback addresses.
func isLoopbackName(name string) bool {
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// clipHost keeps a host name short and printable for a message.
func clipHost(name string) string {
	if len(name) > 100 || strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == utf8.RuneError }) {
		return "NAME"
	}
	return name
}

// staticFiles serves the embedded assets. They change only with the
// binary, so browsers may keep them for a day.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No folder listings; and a name no embedded file could have is
		// not found, where the file server would call it an error (500).
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || !fs.ValidPath(r.URL.Path) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}
