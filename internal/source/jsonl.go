package source

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// readJSONL reads JSON Lines: one object per line, blank lines skipped. A
// broken line is a Problem with its number, and reading goes on.
func (r *run) readJSONL(ctx context.Context, in *input) bool {
	lr := &lineReader{br: in.br, max: in.max}
	for n := 1; ; n++ {
		pos := in.pos()
		if in.gz != nil {
			in.gz.forget(pos)
		}
		line, tooLong, err := lr.next()
		if err != nil && err != io.EOF {
			return r.problem(ctx, in.readProblem(n, err))
		}
		switch {
		case tooLong:
			p := &Problem{File: in.name, Line: n, Offset: -1, Err: overLimit(fmt.Sprintf("line %d longer", n), in.max)}
			if !r.problem(ctx, p) {
				return false
			}
		case len(bytes.TrimSpace(line)) == 0:
		default:
			it, rp, perr := parseRecord(line, in.head, r.now)
			if perr != nil {
				if !r.problem(ctx, &Problem{File: in.name, Line: n, Offset: -1, Err: perr}) {
					return false
				}
				break
			}
			it.Origin = in.name + ":" + strconv.Itoa(n)
			if rp.n > 0 {
				it.Warnings = []*Problem{rp.warning(in, n, pos)}
			}
			if !r.item(ctx, it) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

// readJSON reads JSON that is not one object per line: an array of
// objects, or objects printed over several lines, one after another. Each
// object is an item, "#N" in order; a file of one object is one item named
// by the file alone. A syntax error between objects ends the file.
func (r *run) readJSON(ctx context.Context, in *input) bool {
	s := &jsonScanner{br: in.br, line: 1, max: in.max}
	base := in.pos()
	n := 0
	var pending *Item // a top-level object, held until we know whether it is the only one
	flush := func(alone bool) bool {
		if pending == nil {
			return true
		}
		it := *pending
		pending = nil
		if alone {
			it.Origin = in.name
		}
		return r.item(ctx, it)
	}
	offset := func(off int64) int64 {
		if base < 0 {
			return -1
		}
		return in.fileOffset(base + off)
	}
	// element reads the value starting with c as item number n.
	element := func(c byte) (item *Item, ok, stop bool) {
		line, off := s.line, s.off-1
		v, tooLarge, err := s.value(c)
		n++
		switch {
		case err != nil:
			var p *Problem
			if err == io.ErrUnexpectedEOF {
				p = &Problem{File: in.name, Line: line, Offset: offset(off), Err: fmt.Errorf("%w: JSON ends inside a value", ErrTruncated)}
			} else {
				p = in.readProblem(line, err)
			}
			return nil, r.problem(ctx, p), true
		case tooLarge:
			return nil, r.problem(ctx, &Problem{File: in.name, Line: line, Offset: offset(off),
				Err: overLimit(fmt.Sprintf("JSON value %d larger", n), in.max)}), false
		}
		it, rp, perr := parseRecord(v, in.head, r.now)
		if perr != nil {
			return nil, r.problem(ctx, &Problem{File: in.name, Line: line, Offset: offset(off), Err: perr}), false
		}
		it.Origin = in.name + "#" + strconv.Itoa(n)
		if rp.n > 0 {
			start := int64(-1)
			if base >= 0 {
				start = base + off
			}
			it.Warnings = []*Problem{rp.warning(in, line, start)}
		}
		return &it, true, false
	}
	syntax := func(c byte) bool {
		return r.problem(ctx, &Problem{File: in.name, Line: s.line, Offset: offset(s.off - 1),
			Err: fmt.Errorf("invalid JSON: unexpected %q between values", c)})
	}
	for {
		c, err := s.skipSpace()
		if err == io.EOF {
			if n == 0 {
				return r.problem(ctx, &Problem{File: in.name, Offset: -1, Err: &kindError{"JSON holds no objects", ErrEmpty}})
			}
			return flush(n == 1)
		}
		if err != nil {
			return flush(false) && r.problem(ctx, in.readProblem(s.line, err))
		}
		switch c {
		case '{':
			if !flush(false) {
				return false
			}
			it, ok, stop := element(c)
			if !ok || stop {
				return ok
			}
			pending = it
		case '[':
			if !flush(false) {
				return false
			}
			c, err = s.skipSpace()
			for err == nil && c != ']' {
				it, ok, stop := element(c)
				if !ok || stop {
					return ok
				}
				if it != nil && !r.item(ctx, *it) {
					return false
				}
				c, err = s.skipSpace()
				switch {
				case err != nil || c == ']':
				case c == ',':
					c, err = s.skipSpace()
				default:
					return syntax(c)
				}
			}
			if err == io.EOF {
				return r.problem(ctx, &Problem{File: in.name, Line: s.line, Offset: offset(s.off),
					Err: fmt.Errorf("%w: JSON array not closed", ErrTruncated)})
			}
			if err != nil {
				return r.problem(ctx, in.readProblem(s.line, err))
			}
		default:
			return flush(false) && syntax(c)
		}
	}
}

// jsonScanner splits a stream of JSON into values without decoding them,
// keeping the line and offset of each and at most max bytes of one.
type jsonScanner struct {
	br   *bufio.Reader
	line int   // line of the next byte, from 1
	off  int64 // offset of the next byte, from the start of the scan
	last byte
	max  int64
	buf  []byte
}

func (s *jsonScanner) read() (byte, error) {
	c, err := s.br.ReadByte()
	if err != nil {
		return 0, err
	}
	s.off++
	if c == '\n' {
		s.line++
	}
	s.last = c
	return c, nil
}

func (s *jsonScanner) unread() {
	s.br.UnreadByte()
	s.off--
	if s.last == '\n' {
		s.line--
	}
}

func (s *jsonScanner) skipSpace() (byte, error) {
	for {
		c, err := s.read()
		if err != nil || !isSpace(c) {
			return c, err
		}
	}
}

// value reads the rest of the value whose first byte c was just read. A
// value larger than max is read through and reported by tooLarge. The end
// of the stream inside an object, array or string is io.ErrUnexpectedEOF.
func (s *jsonScanner) value(c byte) (v []byte, tooLarge bool, err error) {
	s.buf = append(s.buf[:0], c)
	keep := func(c byte) {
		if tooLarge {
			return
		}
		if int64(len(s.buf)) >= s.max {
			tooLarge = true
			s.buf = s.buf[:0]
			return
		}
		s.buf = append(s.buf, c)
	}
	eof := func(err error) error {
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	switch c {
	case '{', '[', '"':
		depth, inString, escaped := 1, c == '"', false
		if inString {
			depth = 0
		}
		for depth > 0 || inString {
			if c, err = s.read(); err != nil {
				return nil, tooLarge, eof(err)
			}
			keep(c)
			switch {
			case escaped:
				escaped = false
			case inString:
				escaped = c == '\\'
				inString = c != '"'
			case c == '"':
				inString = true
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				depth--
			}
		}
	default:
		for {
			if c, err = s.read(); err == io.EOF {
				break
			} else if err != nil {
				return nil, tooLarge, err
			}
			if isSpace(c) || c == ',' || c == ']' || c == '}' {
				s.unread()
				break
			}
			keep(c)
		}
	}
	if tooLarge {
		return nil, true, nil
	}
	return s.buf, false, nil
}

// role is what a JSON field means for an Item.
type role int

const (
	roleNone role = iota
	roleURL
	roleOutlet
	roleTitle
	rolePublished
	roleText
	roleHTML
	roleCount
)

// fieldRole returns the role of a JSON field and its rank among fields of
// that role (lower is preferred). Names are matched ignoring case, "_",
// "-" and spaces: "published_at", "publishedAt" and "Published-At" are one.
func fieldRole(key string) (role, int) {
	k := lower(key)
	if strings.ContainsAny(k, "_- ") {
		k = strings.NewReplacer("_", "", "-", "", " ", "").Replace(k)
	}
	switch k {
	case "url":
		return roleURL, 0
	case "link":
		return roleURL, 1
	case "canonicalurl":
		return roleURL, 2
	case "articleurl":
		return roleURL, 3

	case "outlet":
		return roleOutlet, 0
	case "source":
		return roleOutlet, 1
	case "publisher":
		return roleOutlet, 2
	case "site", "sitename":
		return roleOutlet, 3
	case "sourcename", "publication", "newspaper":
		return roleOutlet, 4
	case "domain", "sourcedomain":
		return roleOutlet, 5

	case "title":
		return roleTitle, 0
	case "headline":
		return roleTitle, 1

	case "published":
		return rolePublished, 0
	case "publishedat", "datepublished", "datepublish":
		return rolePublished, 1
	case "publishdate", "publisheddate", "publicationdate":
		return rolePublished, 2
	case "pubdate":
		return rolePublished, 3
	case "date":
		return rolePublished, 4
	case "datetime":
		return rolePublished, 5

	case "text":
		return roleText, 0
	case "body", "articlebody":
		return roleText, 1
	case "content":
		return roleText, 2
	case "article", "maintext":
		return roleText, 3
	case "fulltext", "articletext", "plaintext":
		return roleText, 4

	case "html":
		return roleHTML, 0
	case "rawhtml":
		return roleHTML, 1
	case "bodyhtml", "contenthtml", "htmlcontent", "articlehtml":
		return roleHTML, 2
	}
	return roleNone, 0
}

// parseRecord turns one JSON object, read at now, into an Item. Bytes that
// are not UTF-8 are replaced or decoded as Windows-1252 (see toUTF8), by
// the evidence of the record and of prior, the start of its file; rp says
// what was replaced.
func parseRecord(data []byte, prior evidence, now time.Time) (it Item, rp repair, err error) {
	data, rp = toUTF8(data, prior)
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil { // not reached: Valid and Unmarshal agree
			err = errors.New("syntax error")
		}
		return Item{}, rp, fmt.Errorf("invalid JSON: %w", err)
	}
	t := trimSpace(data)
	switch t[0] {
	case '{':
	case '[':
		return Item{}, rp, errors.New("not a JSON object but an array")
	case '"':
		return Item{}, rp, errors.New("not a JSON object but a string")
	case 'n':
		return Item{}, rp, errors.New("not a JSON object but null")
	case 't', 'f':
		return Item{}, rp, errors.New("not a JSON object but a boolean")
	default:
		return Item{}, rp, errors.New("not a JSON object but a number")
	}
	var buf [16]field
	return recordItem(objectFields(t, buf[:0]), now), rp, nil
}

// field is one member of a JSON object.
type field struct {
	key  string
	role role
	rank int
	raw  []byte
}

// objectFields appends the members of the JSON object in data, which must
// be valid JSON, to fields. Raw values point into data.
func objectFields(data []byte, fields []field) []field {
	i := skipSpaces(data, 1) // past '{'
	for i < len(data) && data[i] == '"' {
		end := stringEnd(data, i)
		key := jsonString(data[i:end])
		i = skipSpaces(data, end) + 1 // past ':'
		i = skipSpaces(data, i)
		vend := valueEnd(data, i)
		ro, rank := fieldRole(key)
		fields = append(fields, field{key, ro, rank, data[i:vend]})
		i = skipSpaces(data, vend)
		if i < len(data) && data[i] == ',' {
			i = skipSpaces(data, i+1)
		}
	}
	return fields
}

func skipSpaces(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// stringEnd returns the offset just past the JSON string starting at
// b[i] == '"'.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// valueEnd returns the offset just past the valid JSON value starting at
// b[i].
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = stringEnd(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) && !isSpace(b[j]) && b[j] != ',' && b[j] != '}' && b[j] != ']' {
		j++
	}
	return j
}

// recordItem maps an object's fields, read at now, to an Item. For each
// role the preferred field that gives a usable value is taken; every other
// field, including those of a role that lost to a better one or gave
// nothing usable (an unparseable or implausible date), goes to Meta.
func recordItem(fields []field, now time.Time) Item {
	it := Item{Format: FormatJSONL, Meta: map[string]string{}}
	slices.SortStableFunc(fields, func(a, b field) int {
		return cmp.Or(cmp.Compare(a.role, b.role), cmp.Compare(a.rank, b.rank))
	})
	var taken [roleCount]bool
	for _, f := range fields {
		if f.role != roleNone && !taken[f.role] && setRole(&it, f.role, f.raw, now) {
			taken[f.role] = true
			continue
		}
		putMeta(it.Meta, f.key, f.raw)
	}
	if it.HTML == nil && looksLikeHTMLBody(it.Text) {
		it.HTML, it.Text = []byte(it.Text), ""
	}
	if it.HTML != nil {
		it.Charset = "utf-8"
	}
	if len(it.Meta) == 0 {
		it.Meta = nil
	}
	return it
}

// setRole sets the Item field for role from raw and reports whether raw
// gave a usable value; a date must be plausible at now.
func setRole(it *Item, r role, raw []byte, now time.Time) bool {
	switch r {
	case roleURL:
		it.URL = jsonString(raw)
		return it.URL != ""
	case roleOutlet:
		it.Outlet = jsonString(raw)
		if it.Outlet == "" {
			it.Outlet = nestedName(raw)
		}
		return it.Outlet != ""
	case roleTitle:
		it.Title = strings.TrimSpace(jsonString(raw))
		return it.Title != ""
	case rolePublished:
		t, ok := jsonDate(raw, now)
		it.Published = t
		return ok
	case roleText:
		it.Text = jsonString(raw)
		if it.Text == "" {
			it.Text = jsonParagraphs(raw)
		}
		return strings.TrimSpace(it.Text) != ""
	case roleHTML:
		if s := jsonString(raw); strings.TrimSpace(s) != "" {
			it.HTML = []byte(s)
			return true
		}
	}
	return false
}

// jsonString returns raw as a string when it is a JSON string, else "".
func jsonString(raw []byte) string {
	if len(raw) < 2 || raw[0] != '"' {
		return ""
	}
	if bytes.IndexByte(raw, '\\') < 0 && raw[len(raw)-1] == '"' {
		// No escapes: raw has been validated as a JSON string already.
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// nestedName returns the name of an object such as {"id": "x", "name":
// "The Daily Example"}.
func nestedName(raw []byte) string {
	if len(raw) == 0 || raw[0] != '{' {
		return ""
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	for _, k := range [...]string{"name", "Name", "title", "Title"} {
		if s := strings.TrimSpace(jsonString(obj[k])); s != "" {
			return s
		}
	}
	return ""
}

// jsonParagraphs joins an array of strings as paragraphs.
func jsonParagraphs(raw []byte) string {
	if len(raw) == 0 || raw[0] != '[' {
		return ""
	}
	var ps []string
	if json.Unmarshal(raw, &ps) != nil {
		return ""
	}
	return strings.Join(ps, "\n\n")
}

// jsonDate reads a date given as a string, as unix seconds or
// milliseconds, or as MongoDB's {"$date": ...}, and plausible at now.
func jsonDate(raw []byte, now time.Time) (t time.Time, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return t, false
	}
	switch c := raw[0]; {
	case c == '"':
		return parseDate(jsonString(raw), now)
	case c == '-' || isDigit(c):
		return unixNumber(string(raw), now)
	case c == '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return t, false
		}
		if d, found := obj["$date"]; found {
			return jsonDate(d, now)
		}
		if d, found := obj["$numberLong"]; found {
			return unixNumber(jsonString(d), now)
		}
	}
	return t, false
}

// putMeta keeps a field in meta: a string as its value, null not at all,
// anything else as its compact JSON text.
func putMeta(meta map[string]string, key string, raw []byte) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
	case raw[0] == '"':
		meta[key] = jsonString(raw)
	default:
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			meta[key] = b.String()
		} else {
			meta[key] = string(raw)
		}
	}
}

// looksLikeHTMLBody reports whether a body given as text is in fact HTML
// markup: several HTML tags, or one at the very start.
func looksLikeHTMLBody(s string) bool {
	if s == "" {
		return false
	}
	b := []byte(s)
	if countHTMLTags(b, 3) >= 3 {
		return true
	}
	t := trimSpace(b)
	return len(t) > 0 && t[0] == '<' && countHTMLTags(t, 1) >= 1
}
