package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Kinds of failed fetch, for errors.Is.
var (
	// ErrTooLarge reports a response body longer than Options.MaxBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrTimeout reports a request that took longer than Options.Timeout.
	ErrTimeout = errors.New("timed out")
	// ErrRedirectLoop reports a redirect back to a URL already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTooManyRedirects reports a chain of more than MaxRedirects.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// MaxRedirects is the longest chain of redirects a fetch follows.
const MaxRedirects = 5

// maxRetryAfter bounds the wait a Retry-After header may impose.
const maxRetryAfter = 24 * time.Hour

// StatusError reports a response with a status other than 200 and 304.
type StatusError struct {
	Code int
	// RetryAt is when the server asked to be asked again (its Retry-After
	// header on a 429 or 503), zero when it did not say.
	RetryAt time.Time
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("status %d %s", e.Code, http.StatusText(e.Code))
	if !e.RetryAt.IsZero() {
		msg += " (asked to retry after " + e.RetryAt.UTC().Format(time.RFC3339) + ")"
	}
	return msg
}

// waitError reports a request not made because its host asked, with a
// Retry-After header, not to be asked before until.
type waitError struct {
	host  string
	until time.Time
}

func (e *waitError) Error() string {
	return fmt.Sprintf("%s asked not to be asked before %s", e.host, e.until.UTC().Format(time.RFC3339))
}

// retryAt returns when err's server asked to be asked again, or zero.
func retryAt(err error) time.Time {
	var se *StatusError
	if errors.As(err, &se) {
		return se.RetryAt
	}
	var we *waitError
	if errors.As(err, &we) {
		return we.until
	}
	return time.Time{}
}

// hosts paces the requests to each host: a request waits for its host's
// turn, turns are Options.HostDelay apart, and a host that answered 429 or
// 503 with Retry-After gets no request before the time it gave.
type hosts struct {
	mu sync.Mutex
	m  map[string]*turn
}

type turn struct {
	next   time.Time // the earliest time of the next request
	closed time.Time // no request before this time (Retry-After)
}

// maxHosts is how many hosts are remembered before those whose turns are
// past are forgotten.
const maxHosts = 1024

// wait blocks until a request to host may be made and books the turn.
// Turns are booked in order of asking, so concurrent feeds of one host
// take turns.
func (w *Watcher) wait(ctx context.Context, host string) error {
	host = strings.ToLower(host)
	h := &w.hosts
	h.mu.Lock()
	now := w.opts.Now()
	t := h.m[host]
	if t == nil {
		if len(h.m) >= maxHosts {
			for k, old := range h.m {
				if old.next.Before(now) && old.closed.Before(now) {
					delete(h.m, k)
				}
			}
		}
		t = &turn{}
		h.m[host] = t
	}
	if now.Before(t.closed) {
		h.mu.Unlock()
		return &waitError{host: host, until: t.closed}
	}
	at := t.next
	if at.Before(now) {
		at = now
	}
	t.next = at.Add(w.opts.HostDelay)
	h.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return w.opts.Sleep(ctx, d)
	}
	return nil
}

// closeHost keeps requests away from host until the given time.
func (w *Watcher) closeHost(host string, until time.Time) {
	h := &w.hosts
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.m[strings.ToLower(host)]
	if t == nil {
		t = &turn{}
		h.m[strings.ToLower(host)] = t
	}
	if until.After(t.closed) {
		t.closed = until
	}
}

// response is a fetched document.
type response struct {
	status int // 200 or 304
	header http.Header
	body   []byte
}

// get fetches rawURL politely: it waits for the host's turn, sends the
// user agent and header, follows at most MaxRedirects redirects (each
// waiting for its host's turn), gives up after Options.Timeout and reads at
// most Options.MaxBytes. A status other than 200 and 304 is a
// *StatusError. Errors do not name the URL; the caller does.
func (w *Watcher) get(ctx context.Context, rawURL string, header http.Header) (*response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	if err := w.wait(ctx, req.URL.Host); err != nil {
		return nil, err
	}
	tctx, cancel := context.WithTimeout(ctx, w.opts.Timeout)
	defer cancel()
	req = req.WithContext(tctx)
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", w.opts.UserAgent)
	resp, err := w.client.Do(req)
	if err != nil {
		return nil, w.fetchErr(ctx, tctx, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		return &response{status: resp.StatusCode, header: resp.Header}, nil
	default:
		se := &StatusError{Code: resp.StatusCode}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			if at, ok := parseRetryAfter(resp.Header.Get("Retry-After"), w.opts.Now()); ok {
				se.RetryAt = at
				w.closeHost(resp.Request.URL.Host, at)
			}
		}
		return nil, se
	}
	limit := w.opts.MaxBytes
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, w.fetchErr(ctx, tctx, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: over the limit of %d bytes", ErrTooLarge, limit)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// fetchErr turns an error of the HTTP client into one that says what
// happened: a timeout, the caller's cancellation, a redirect refused, or
// the network's error without the client's "Get URL:" prefix.
func (w *Watcher) fetchErr(ctx, tctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(tctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w after %s", ErrTimeout, w.opts.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// checkRedirect is the client's redirect policy: at most MaxRedirects,
// never back to a URL of the chain, each waiting for its host's turn.
func (w *Watcher) checkRedirect(req *http.Request, via []*http.Request) error {
	for i, v := range via {
		if v.URL.String() == req.URL.String() {
			chain := make([]string, 0, len(via)-i+1)
			for _, v := range via[i:] {
				chain = append(chain, strconv.Quote(v.URL.String()))
			}
			chain = append(chain, strconv.Quote(req.URL.String()))
			return fmt.Errorf("%w: %s", ErrRedirectLoop, strings.Join(chain, " -> "))
		}
	}
	if len(via) > MaxRedirects {
		return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, MaxRedirects)
	}
	return w.wait(req.Context(), req.URL.Host)
}

// parseRetryAfter reads a Retry-After header, seconds or an HTTP date,
// into the time it names, at most maxRetryAfter after now.
func parseRetryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	var at time.Time
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return time.Time{}, false
		}
		at = now.Add(time.Duration(min(n, int64(maxRetryAfter/time.Second))) * time.Second)
	} else if t, err := http.ParseTime(v); err == nil {
		at = t
	} else {
		return time.Time{}, false
	}
	if at.Before(now) {
		return time.Time{}, false
	}
	if at.Sub(now) > maxRetryAfter {
		at = now.Add(maxRetryAfter)
	}
	return at, true
}
