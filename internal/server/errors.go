package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Error kinds of the HTTP layer, beside news.ErrNotFound and news.ErrInvalid.
var (
	errUnauthorized = errors.New("unauthorized")
	errDisabled     = errors.New("disabled")
	errTooLarge     = errors.New("request body too large")
	errMethod       = errors.New("method not allowed")
	errMisdirected  = errors.New("misdirected request")
)

// status maps an error to its HTTP status. It is the only place that does.
func status(err error) int {
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, news.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, news.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized
	case errors.Is(err, errDisabled):
		return http.StatusForbidden
	case errors.Is(err, errTooLarge), errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed
	case errors.Is(err, errMisdirected):
		return http.StatusMisdirectedRequest
	}
	return http.StatusInternalServerError
}

// message is what a client is told about err: the error itself for the
// client's own mistakes, nothing of the inside for the server's.
func message(err error, code int) string {
	if code >= 500 {
		return "internal error: the server could not answer this request (the error is in its log)"
	}
	return err.Error()
}

// handlerFunc is a handler that returns its error for an adapter to write.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// page adapts a page handler: an error becomes an HTML error page.
func (s *Server) page(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		code := s.logError(r, err)
		var buf bytes.Buffer
		data := errorView{Status: code, Title: http.StatusText(code), Message: message(err, code)}
		if terr := s.pages["error"].ExecuteTemplate(&buf, "base", pageData{Title: data.Title, View: data}); terr != nil {
			s.log.Error("render error page", "err", terr)
			http.Error(w, data.Message, code)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		w.Write(buf.Bytes())
	})
}

// api adapts an API handler: an error becomes a JSON error object,
// {"error": "...", "status": 404}.
func (s *Server) api(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		code := s.logError(r, err)
		if code == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="storyline"`)
		}
		writeJSON(w, code, apiError{Error: message(err, code), Status: code})
	})
}

// apiError is the body of every API error response.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func (s *Server) logError(r *http.Request, err error) int {
	code := status(err)
	if code >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "status", code, "err", err)
	}
	return code
}

// writeJSON writes v as a JSON response, compact: browsers and jq indent
// it for people.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		code = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error": "internal error: could not encode the response", "status": 500}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// invalidf returns an error for a bad request parameter.
func invalidf(format string, args ...any) error {
	return &paramError{msg: strings.TrimSpace(fmt.Sprintf(format, args...))}
}

// paramError is a bad request parameter; it reads without the "invalid: "
// prefix the sentinel would add.
type paramError struct{ msg string }

func (e *paramError) Error() string        { return e.msg }
func (e *paramError) Is(target error) bool { return target == news.ErrInvalid }

func isNotFound(err error) bool { return errors.Is(err, news.ErrNotFound) }

// redirectMoved handles err from looking up the story or storyline id:
// when id was not found because a later grouping moved it (merged it into
// another), it answers 301 to the same path under the ID it stands for
// now, with the same query, so that saved links keep working; else it
// returns err.
func (s *Server) redirectMoved(w http.ResponseWriter, r *http.Request, kind news.IDKind, id string, err error) error {
	if !isNotFound(err) {
		return err
	}
	to, merr := s.st.MovedTo(r.Context(), kind, id)
	if merr != nil {
		return err
	}
	u := *r.URL
	segs := strings.Split(r.URL.Path, "/") // the ID's segment is the last one equal to it: /api/stories/{id}/compare
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i] == id {
			segs[i] = to
			break
		}
	}
	u.Path, u.RawPath = path.Clean(strings.Join(segs, "/")), ""
	http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
	return nil
}
