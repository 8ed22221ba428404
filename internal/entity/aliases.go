package entity

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// Aliases is a user's alias file: directives that every later resolution
// follows (see the package documentation for the format). Comments and the
// order of lines are kept when it is saved. An Aliases is not safe for
// concurrent use.
type Aliases struct {
	lines []aliasLine
	read  bool // lines came from a file, which has its own header
}

// Sense is one meaning of an ambiguous name: the name of the entity it
// resolves to, and the names whose co-mention in an article points to it.
type Sense struct {
	Name string
	Cues []string
}

// ParseError reports a line of an alias file that cannot be read. It wraps
// news.ErrInvalid.
type ParseError struct {
	File string
	Line int // 1-based
	Msg  string
}

// Error returns "file:line: message".
func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Unwrap returns news.ErrInvalid.
func (e *ParseError) Unwrap() error { return news.ErrInvalid }

// opKind is an alias file directive.
type opKind string

const (
	opAlias  opKind = "alias"
	opMerge  opKind = "merge"
	opSplit  opKind = "split"
	opRename opKind = "rename"
	opType   opKind = "type"
)

// op is one directive. Name is the alias's entity, the first merged name,
// the ambiguous name of a split, the old name of a rename or the typed name;
// Names are the aliases, the other merged names or the new name.
type op struct {
	kind   opKind
	name   string
	names  []string
	senses []Sense
	typ    news.EntityType
}

// aliasLine is one line of the file: raw is the text as read ("" for
// directives added since), op is nil for blank and comment lines.
type aliasLine struct {
	raw string
	op  *op
}

// LoadAliases reads an alias file. A file that does not exist yet is an
// empty Aliases, not an error. Every bad line is reported, as a *ParseError
// naming the file and line, joined into one error.
func LoadAliases(path string) (*Aliases, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Aliases{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	return parseAliases(path, data)
}

// parseAliases reads an alias file's contents; name is used in errors.
func parseAliases(name string, data []byte) (*Aliases, error) {
	a := &Aliases{read: true}
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := strings.TrimSuffix(sc.Text(), "\r")
		o, msg := parseLine(raw)
		if msg != "" {
			errs = append(errs, &ParseError{File: name, Line: n, Msg: msg})
			continue
		}
		a.lines = append(a.lines, aliasLine{raw: raw, op: o})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &ParseError{File: name, Line: n + 1, Msg: err.Error()})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return a, nil
}

// stripComment removes a comment: a # at the start of the line or after a
// space or tab ("C#" is a name, "C # note" a name and a comment).
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// parseLine reads one line; it returns a nil op for blank and comment lines
// and a message for bad ones.
func parseLine(raw string) (*op, string) {
	s := strings.TrimSpace(stripComment(raw))
	if s == "" {
		return nil, ""
	}
	word, rest := s, ""
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		word, rest = s[:i], strings.TrimSpace(s[i+1:])
	}
	o := &op{kind: opKind(strings.ToLower(word))}
	switch o.kind {
	case opAlias:
		l, r, ok := cutSep(rest, "=")
		if !ok {
			return nil, "want: alias NAME = ALIAS | ALIAS ..."
		}
		o.name, o.names = l, splitSep(r, "|")
	case opMerge:
		names := splitSep(rest, "+")
		if len(names) < 2 {
			return nil, "want: merge NAME + NAME ..."
		}
		o.name, o.names = names[0], names[1:]
	case opRename:
		l, r, ok := cutSep(rest, "->")
		if !ok {
			return nil, "want: rename OLD -> NEW"
		}
		o.name, o.names = l, []string{r}
	case opType:
		l, r, ok := cutSep(rest, "=")
		if !ok {
			return nil, "want: type NAME = PER|ORG|LOC|MISC"
		}
		t, ok := parseType(r)
		if !ok {
			return nil, fmt.Sprintf("unknown type %q (want PER, ORG, LOC or MISC)", r)
		}
		o.name, o.typ = l, t
	case opSplit:
		l, r, ok := cutSep(rest, "->")
		if !ok {
			return nil, "want: split NAME -> SENSE [CUE, CUE] | SENSE [CUE] ..."
		}
		o.name = l
		for _, part := range splitSep(r, "|") {
			sn, msg := parseSense(part)
			if msg != "" {
				return nil, msg
			}
			o.senses = append(o.senses, sn)
		}
		if len(o.senses) < 2 {
			return nil, "split needs two senses or more: split NAME -> SENSE [CUE, CUE] | SENSE [CUE]"
		}
	default:
		return nil, fmt.Sprintf("unknown directive %q (want alias, merge, split, rename or type)", word)
	}
	if msg := o.check(); msg != "" {
		return nil, msg
	}
	return o, ""
}

// cutSep splits s around the first sep that has white space on both sides.
func cutSep(s, sep string) (before, after string, ok bool) {
	parts := splitSep(s, sep)
	if len(parts) != 2 {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// splitSep splits s at every sep that has white space on both sides and
// trims the parts; "C++ + Java" is two names.
func splitSep(s, sep string) []string {
	var parts []string
	start := 0
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] != sep || i == 0 || i+len(sep) == len(s) {
			continue
		}
		if isSpace(s[i-1]) && isSpace(s[i+len(sep)]) {
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + len(sep)
			i = start - 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func parseSense(s string) (Sense, string) {
	open := strings.IndexByte(s, '[')
	if open < 0 {
		return Sense{Name: s}, ""
	}
	if !strings.HasSuffix(s, "]") {
		return Sense{}, fmt.Sprintf("sense %q: cues go in brackets at the end: NAME [CUE, CUE]", s)
	}
	sn := Sense{Name: strings.TrimSpace(s[:open])}
	for c := range strings.SplitSeq(s[open+1:len(s)-1], ",") {
		if c = strings.TrimSpace(c); c != "" {
			sn.Cues = append(sn.Cues, c)
		}
	}
	return sn, ""
}

func parseType(s string) (news.EntityType, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "PER":
		return news.Person, true
	case "ORG":
		return news.Organisation, true
	case "LOC":
		return news.Place, true
	case "MISC":
		return news.OtherName, true
	}
	return "", false
}

// check validates the names of a directive, for parsing and for the
// methods that add one; it returns "" when they are fine.
func (o *op) check() string {
	all := append([]string{o.name}, o.names...)
	for _, s := range o.senses {
		all = append(all, s.Name)
		for _, c := range s.Cues {
			if msg := checkName(c); msg != "" {
				return msg
			}
			if strings.Contains(c, ",") {
				return fmt.Sprintf("cue %q: a cue cannot hold a comma", c)
			}
		}
	}
	for _, n := range all {
		if msg := checkName(n); msg != "" {
			return msg
		}
	}
	if o.kind == opAlias && len(o.names) == 0 {
		return "alias needs a name to add: alias NAME = ALIAS"
	}
	return ""
}

// checkName reports why a name cannot be written in an alias file, or "".
func checkName(n string) string {
	switch {
	case strings.TrimSpace(n) == "":
		return "empty name"
	case n != strings.TrimSpace(n):
		return fmt.Sprintf("name %q has surrounding space", n)
	case strings.ContainsAny(n, "[]\n\r"):
		return fmt.Sprintf("name %q: a name cannot hold [, ] or a line break", n)
	case strings.Contains(n, " #") || strings.Contains(n, "\t#") || n[0] == '#':
		return fmt.Sprintf("name %q: a # after a space starts a comment", n)
	case Key(n) == "":
		return fmt.Sprintf("name %q has no letters or digits", n)
	}
	spaced := " " + strings.ReplaceAll(n, "\t", " ") + " "
	for _, sep := range []string{" = ", " | ", " + ", " -> "} {
		if strings.Contains(spaced, sep) {
			return fmt.Sprintf("name %q holds the separator %q", n, strings.TrimSpace(sep))
		}
	}
	for _, r := range n {
		if unicode.IsControl(r) && r != '\t' {
			return fmt.Sprintf("name %q holds a control character", n)
		}
	}
	return ""
}

// format writes a directive as a line of the file.
func (o *op) format() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s %s", o.kind, o.name)
	switch o.kind {
	case opAlias:
		b.WriteString(" = " + strings.Join(o.names, " | "))
	case opMerge:
		b.WriteString(" + " + strings.Join(o.names, " + "))
	case opRename:
		b.WriteString(" -> " + o.names[0])
	case opType:
		b.WriteString(" = " + string(o.typ))
	case opSplit:
		b.WriteString(" ->")
		for i, s := range o.senses {
			if i > 0 {
				b.WriteString(" |")
			}
			b.WriteString(" " + s.Name)
			if len(s.Cues) > 0 {
				b.WriteString(" [" + strings.Join(s.Cues, ", ") + "]")
			}
		}
	}
	return b.String()
}

func (a *Aliases) add(o *op) error {
	if msg := o.check(); msg != "" {
		return fmt.Errorf("%s %s: %s: %w", o.kind, o.name, msg, news.ErrInvalid)
	}
	a.lines = append(a.lines, aliasLine{op: o})
	return nil
}

// Add records that aliases are other names of the entity called name (an
// alias directive).
func (a *Aliases) Add(name string, aliases ...string) error {
	return a.add(&op{kind: opAlias, name: name, names: aliases})
}

// Merge records that the entities called names are one; the first name is
// its canonical name unless a rename says otherwise.
func (a *Aliases) Merge(names ...string) error {
	if len(names) < 2 {
		return fmt.Errorf("merge %v: want two names or more: %w", names, news.ErrInvalid)
	}
	return a.add(&op{kind: opMerge, name: names[0], names: names[1:]})
}

// Split records that name is ambiguous: each mention of it resolves to the
// sense whose cues the article co-mentions most, and to the first sense when
// none wins.
func (a *Aliases) Split(name string, senses ...Sense) error {
	if len(senses) < 2 {
		return fmt.Errorf("split %s: want two senses or more: %w", name, news.ErrInvalid)
	}
	return a.add(&op{kind: opSplit, name: name, senses: senses})
}

// Rename records that the entity called old is called name from now on.
func (a *Aliases) Rename(old, name string) error {
	return a.add(&op{kind: opRename, name: old, names: []string{name}})
}

// SetType records that the entity called name has type t, whatever its
// mentions are tagged; it also makes mentions of name tagged with different
// types one entity.
func (a *Aliases) SetType(name string, t news.EntityType) error {
	if _, ok := parseType(string(t)); !ok {
		return fmt.Errorf("type %s = %q: want PER, ORG, LOC or MISC: %w", name, t, news.ErrInvalid)
	}
	return a.add(&op{kind: opType, name: name, typ: t})
}

// WriteTo writes the file: lines read as they were, directives added since
// in the canonical format.
func (a *Aliases) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	if !a.read {
		b.WriteString("# Storyline aliases: alias, merge, split, rename and type directives; see docs/aliases.md.\n")
	}
	for _, l := range a.lines {
		if l.raw != "" || l.op == nil {
			b.WriteString(l.raw)
		} else {
			b.WriteString(l.op.format())
		}
		b.WriteByte('\n')
	}
	return b.WriteTo(w)
}

// Save writes the file to path atomically: to a temporary file in the same
// directory, then renamed over path.
func (a *Aliases) Save(path string) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("save aliases %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = a.WriteTo(f); err != nil {
		return fmt.Errorf("save aliases %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("save aliases %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("save aliases %s: %w", path, err)
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("save aliases %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save aliases %s: %w", path, err)
	}
	return nil
}

// ops returns the directives in file order.
func (a *Aliases) ops() []*op {
	var ops []*op
	for _, l := range a.lines {
		if l.op != nil {
			ops = append(ops, l.op)
		}
	}
	return ops
}
