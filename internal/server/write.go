package server

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/storyline-news/storyline/internal/source"
)

// IngestResponse is the answer to POST /api/articles.
type IngestResponse struct {
	Read   int `json:"read"`   // items read from the body
	New    int `json:"new"`    // articles stored
	Known  int `json:"known"`  // articles already stored
	Failed int `json:"failed"` // items that could not be read or extracted
	// Problems name each failed item (its line or number) and why.
	Problems []string `json:"problems"`
	// Warnings name what was wrong with items stored all the same: bytes
	// of invalid UTF-8 replaced, a long article read in segments, a
	// stage's findings capped.
	Warnings []string `json:"warnings"`
	Error    string   `json:"error,omitzero"`
}

// apiPostArticles ingests the articles of the request body: a JSON object,
// a JSON array of objects or JSON Lines, with the fields the JSONL input
// takes (url, source or outlet, title, published or date, text or body,
// html). It answers 201 when something new was stored, 200 when all was
// known, 400 when nothing could be read.
func (s *Server) apiPostArticles(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(r); err != nil {
		return err
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return fmt.Errorf("%w: the limit is %d bytes", errTooLarge, s.opts.MaxBody)
		}
		return invalidf("read request body: %v", err)
	}
	body := bytes.TrimSpace(data)
	if len(body) == 0 {
		return invalidf("empty body: send a JSON object, a JSON array of objects, or JSON Lines")
	}
	if body[0] != '{' && body[0] != '[' {
		return invalidf("body is not JSON: send a JSON object, a JSON array of objects, or JSON Lines")
	}
	items := source.ReadStream(r.Context(), "request", bytes.NewReader(body), source.Options{})
	sum, err := s.opts.Ingest(r.Context(), items)
	if err != nil {
		return fmt.Errorf("ingest posted articles: %w", err)
	}
	resp := IngestResponse{Read: sum.Read, New: sum.New, Known: sum.Known, Failed: sum.Failed, Problems: []string{}, Warnings: []string{}}
	for _, p := range sum.Problems {
		resp.Problems = append(resp.Problems, p.Error())
	}
	for _, w := range sum.Warnings {
		resp.Warnings = append(resp.Warnings, w.Error())
	}
	code := http.StatusOK
	switch {
	case sum.New > 0:
		code = http.StatusCreated
	case sum.Read == 0 || sum.Failed == sum.Read:
		code = http.StatusBadRequest
		resp.Error = "no article could be read from the body"
	}
	writeJSON(w, code, resp)
	return nil
}

// authorize checks that writes are on and that the request carries the
// token. The comparison takes the same time however much of the token
// matches.
func (s *Server) authorize(r *http.Request) error {
	if s.opts.Token == "" || s.opts.Ingest == nil {
		return fmt.Errorf("%w: writes are disabled on this server; start it with --token (or STORYLINE_TOKEN) to accept articles", errDisabled)
	}
	auth := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return fmt.Errorf("%w: send the token as \"Authorization: Bearer TOKEN\"", errUnauthorized)
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	want := sha256.Sum256([]byte(s.opts.Token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return fmt.Errorf("%w: wrong token", errUnauthorized)
	}
	return nil
}
