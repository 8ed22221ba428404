// Package source reads Storyline's inputs: it turns command-line arguments
// (files, folders, globs and "-" for standard input) into a stream of raw
// items, one per article, ready for extraction.
//
// Formats are detected by content, not by file name: plain text, HTML, JSON
// Lines (and JSON arrays or objects), RSS, Atom, RDF and JSON feeds, and
// WARC archives, each possibly gzip-compressed. A bad input is reported as a
// [*Problem] naming the file and the line or byte offset, and reading goes on
// with the rest of the file and the rest of the batch.
package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Format is the kind of input an item was read from.
type Format string

// Input formats.
const (
	FormatText  Format = "text"  // a plain-text file: one article
	FormatHTML  Format = "html"  // an HTML file: one article
	FormatJSONL Format = "jsonl" // one object of JSON Lines, or of a JSON array or object file
	FormatRSS   Format = "rss"   // an item of an RSS 2.0 or RSS 1.0 (RDF) feed
	FormatAtom  Format = "atom"  // an entry of an Atom feed
	// FormatJSONFeed is an item of a JSON Feed (jsonfeed.org).
	FormatJSONFeed Format = "jsonfeed"
	FormatWARC     Format = "warc" // an HTML response or resource record of a WARC archive
)

// Item is one raw article as read from an input, before extraction.
//
// An item carries a body in Text, in HTML, in both (a JSON record with both
// fields) or in neither (a feed entry with only a title and link).
type Item struct {
	// Origin names where the item was read: the file path as given or
	// found, with ":LINE" for a line of JSON Lines, "#N" for the Nth entry
	// of a feed, element of a JSON array or record of a WARC file; "-" is
	// standard input.
	Origin string
	Format Format
	URL    string
	Title  string
	Outlet string
	// Published comes from the input's metadata only (a JSON field, a feed
	// date). It is zero when absent, unparseable or implausible (before
	// 1800 or more than a day after the read time, see news.PlausibleDate),
	// never the read time; the raw value is then kept in Meta.
	Published time.Time
	// Text is the plain-text body, valid UTF-8, when the input gives text.
	Text string
	// HTML is the raw HTML body when the input gives HTML. Bytes from HTML
	// files and WARC records are left as they came (their charset is for
	// the extractor to find); UTF-16 files are converted to UTF-8 and keep
	// a UTF-8 byte order mark. HTML from feeds and JSON is UTF-8.
	HTML []byte
	// Charset is the encoding of HTML when it is known from outside the
	// HTML itself: "utf-8" for feed and JSON bodies, the HTTP Content-Type
	// charset for WARC records. Empty means the extractor must find it in
	// the HTML (byte order mark, meta tag) or guess.
	Charset string
	// Meta holds the input's other fields, kept as they came. JSON values
	// that are not strings are kept as their JSON text; nulls are dropped.
	Meta map[string]string
	// Warnings report what was wrong with the input but did not stop the
	// item being read: bytes that were not valid UTF-8 in an input that is
	// UTF-8 by the evidence of the rest, replaced with U+FFFD (ErrReplaced).
	// A warning about a file that gives many items (a feed) comes with the
	// first of them.
	Warnings []*Problem
}

// DefaultMaxItemBytes is the default of Options.MaxItemBytes.
const DefaultMaxItemBytes = 64 << 20

// Options configures Read.
type Options struct {
	// Stdin is read for the argument "-". When nil, "-" is a Problem.
	Stdin io.Reader
	// MaxItemBytes bounds one item: a text or HTML file, a line of JSON
	// Lines, an element of a JSON array, a WARC record's body, and a whole
	// feed document (feeds are parsed in memory). A larger item is a
	// Problem, and reading goes on after it where the format allows.
	// Zero means DefaultMaxItemBytes.
	MaxItemBytes int64
	// Now returns the time the inputs are read (default time.Now): a
	// publication date more than a day after it is unknown (see
	// news.PlausibleDate).
	Now func() time.Time
}

// Sentinel kinds of Problem, for errors.Is.
var (
	// ErrEmpty reports an input with no content, or a feed with no items.
	ErrEmpty = errors.New("empty file")
	// ErrBinary reports an input that is not text: an image, an archive,
	// an executable.
	ErrBinary = errors.New("binary file, not an article")
	// ErrTooLarge reports an item larger than Options.MaxItemBytes.
	ErrTooLarge = errors.New("item larger than limit")
	// ErrTruncated reports an input that ends in the middle of an item or
	// of a compressed stream.
	ErrTruncated = errors.New("truncated")
	// ErrReplaced reports, as a warning in Item.Warnings, bytes of a UTF-8
	// input that were not valid UTF-8 (or NUL bytes in a text file) and
	// were replaced with U+FFFD.
	ErrReplaced = errors.New("invalid bytes replaced")
)

// Problem reports one input, or one item of an input, that could not be
// read. It does not stop the batch.
type Problem struct {
	File   string // the file as named by the argument or found in a folder; "-" is standard input
	Line   int    // 1-based line, 0 when it does not apply
	Offset int64  // byte offset in the file (in the compressed file for gzip), -1 when it does not apply
	Err    error
}

// Error reads like "dump.jsonl:17: invalid JSON: unexpected end of JSON
// input" or "crawl.warc.gz: offset 12345: truncated gzip stream". The file
// name is printed as Quote gives it.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(Quote(p.File))
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	if p.Offset >= 0 {
		b.WriteString(": offset ")
		b.WriteString(strconv.FormatInt(p.Offset, 10))
	}
	b.WriteString(": ")
	if p.Err != nil {
		b.WriteString(p.Err.Error())
	} else {
		b.WriteString("unknown problem")
	}
	return b.String()
}

// Unwrap returns p.Err.
func (p *Problem) Unwrap() error { return p.Err }

// Quote returns name, a path, URL or item origin from the user's inputs,
// fit to print on a terminal or in a log: as it is when it is valid UTF-8
// of printable characters (spaces aside, only U+0020) without a quote or
// backslash, so that "news/a.txt" stays readable; else quoted and escaped
// in Go syntax (strconv.Quote), so that a newline in a file name cannot
// forge a line of output and a right-to-left override cannot reorder one.
// A name printed unquoted never starts with a quote, so the two cannot be
// confused.
func Quote(name string) string {
	if name == "" || !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	for _, r := range name {
		if !strconv.IsPrint(r) || r == '"' || r == '\\' {
			return strconv.Quote(name)
		}
	}
	return name
}

// kindError is an error of one of the sentinel kinds, with its own words.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

// overLimit returns an ErrTooLarge that says what was too large: "line 17
// longer", "item larger".
func overLimit(what string, limit int64) error {
	return &kindError{fmt.Sprintf("%s than limit (%d bytes)", what, limit), ErrTooLarge}
}

// binary returns an ErrBinary that says what the file seems to be.
func binary(what string) error {
	if what == "" {
		return ErrBinary
	}
	return &kindError{"binary file (" + what + "), not an article", ErrBinary}
}

// Read returns the items of every input named by args, in order. An
// argument is a file, a folder (read recursively, skipping hidden entries
// and files whose extension says they are not articles), a glob pattern
// (expanded with filepath.Glob when no file has that name) or "-" for
// opts.Stdin.
//
// Every error yielded is a *Problem, after which reading goes on; or, when
// ctx is cancelled, an error wrapping ctx.Err(), after which the sequence
// ends. Items are read as the sequence is consumed: a large input is never
// held in memory whole, only the item being read (a feed counts as one
// item: it is parsed in memory).
func Read(ctx context.Context, args []string, opts Options) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		r := newRun(opts, yield)
		for _, arg := range args {
			if !r.arg(ctx, arg) {
				return
			}
		}
	}
}

// ReadStream returns the items of one input stream, such as an uploaded
// file; name is used in origins and problems. Its errors are as for Read.
func ReadStream(ctx context.Context, name string, rd io.Reader, opts Options) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		r := newRun(opts, yield)
		r.stream(ctx, name, rd)
	}
}

// run is one reading of inputs: it sends items and problems to yield until
// yield asks to stop or the context is cancelled.
type run struct {
	opts    Options
	now     time.Time // the time of reading, for the plausibility of dates
	yield   func(Item, error) bool
	stopped bool
	seen    map[string]bool // files already read, by cleaned path
	// feedOnly makes a stream that is not a feed a Problem (see Feed).
	feedOnly bool
}

func newRun(opts Options, yield func(Item, error) bool) *run {
	if opts.MaxItemBytes <= 0 {
		opts.MaxItemBytes = DefaultMaxItemBytes
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &run{opts: opts, now: opts.Now(), yield: yield, seen: map[string]bool{}}
}

// cancelled reports whether ctx is done; if so it yields the cancellation
// once and stops the run.
func (r *run) cancelled(ctx context.Context) bool {
	if r.stopped {
		return true
	}
	if err := ctx.Err(); err != nil {
		r.stopped = true
		r.yield(Item{}, fmt.Errorf("read inputs: %w", err))
		return true
	}
	return false
}

// item yields it and reports whether reading should go on.
func (r *run) item(ctx context.Context, it Item) bool {
	if r.cancelled(ctx) {
		return false
	}
	if !r.yield(it, nil) {
		r.stopped = true
		return false
	}
	return true
}

// problem yields p (or the cancellation, when p was caused by it) and
// reports whether reading should go on.
func (r *run) problem(ctx context.Context, p *Problem) bool {
	if r.cancelled(ctx) {
		return false
	}
	if !r.yield(Item{}, p) {
		r.stopped = true
		return false
	}
	return true
}

// arg reads one command-line argument.
func (r *run) arg(ctx context.Context, arg string) bool {
	if r.cancelled(ctx) {
		return false
	}
	if arg == "-" {
		if r.opts.Stdin == nil {
			return r.problem(ctx, &Problem{File: arg, Offset: -1, Err: errors.New("no standard input")})
		}
		return r.stream(ctx, "-", r.opts.Stdin)
	}
	info, err := os.Stat(arg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && hasGlobMeta(arg) {
			return r.glob(ctx, arg)
		}
		return r.problem(ctx, &Problem{File: arg, Offset: -1, Err: pathErr(err)})
	}
	if info.IsDir() {
		return r.dir(ctx, arg)
	}
	return r.file(ctx, arg)
}

func hasGlobMeta(s string) bool { return strings.ContainsAny(s, `*?[`) }

// pathErr drops the operation and path from a *fs.PathError, which a
// Problem names already.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *run) glob(ctx context.Context, pattern string) bool {
	names, err := filepath.Glob(pattern)
	if err != nil {
		return r.problem(ctx, &Problem{File: pattern, Offset: -1, Err: fmt.Errorf("glob: %w", err)})
	}
	if len(names) == 0 {
		return r.problem(ctx, &Problem{File: pattern, Offset: -1, Err: errors.New("no file matches")})
	}
	for _, name := range names {
		info, err := os.Stat(name)
		switch {
		case err != nil:
			if !r.problem(ctx, &Problem{File: name, Offset: -1, Err: pathErr(err)}) {
				return false
			}
		case info.IsDir():
			if !r.dir(ctx, name) {
				return false
			}
		default:
			if !r.file(ctx, name) {
				return false
			}
		}
	}
	return true
}

// dir reads the files under root in lexical order, skipping hidden files
// and folders and files that are not articles by their extension. Other
// files are read and detected by content, so a binary file without a
// telling extension is a Problem.
func (r *run) dir(ctx context.Context, root string) bool {
	ok := true
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !r.problem(ctx, &Problem{File: path, Offset: -1, Err: pathErr(err)}) {
				ok = false
				return filepath.SkipAll
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if path != root && skipName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// Symbolic links to files are read; links to folders, devices
			// and pipes are not (a link may make a cycle).
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		if skipExt(path) {
			return nil
		}
		if !r.file(ctx, path) {
			ok = false
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil && ok {
		ok = r.problem(ctx, &Problem{File: root, Offset: -1, Err: pathErr(err)})
	}
	return ok
}

// skipName reports whether a folder entry is hidden or a known
// non-article file.
func skipName(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasSuffix(name, "~") {
		return true
	}
	switch strings.ToLower(name) {
	case "thumbs.db", "desktop.ini", "__macosx", "node_modules":
		return true
	}
	return false
}

// skipExt reports whether a file found in a folder is, by its extension,
// surely not an article. Files named on the command line are always read.
func skipExt(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".svg", ".avif", ".heic",
		".mp3", ".mp4", ".m4a", ".m4v", ".wav", ".ogg", ".oga", ".ogv", ".flac", ".avi", ".mov", ".mkv", ".webm",
		".zip", ".tar", ".tgz", ".7z", ".rar", ".xz", ".bz2", ".zst", ".lz4",
		".woff", ".woff2", ".ttf", ".otf", ".eot",
		".css", ".js", ".mjs", ".map", ".wasm",
		".exe", ".dll", ".so", ".dylib", ".o", ".a", ".class", ".jar", ".pyc",
		".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".epub",
		".db", ".sqlite", ".sqlite3", ".lock", ".swp", ".tmp", ".part", ".cdx", ".idx":
		return true
	}
	return false
}

// file reads one named file, once per run however often it is named.
func (r *run) file(ctx context.Context, name string) bool {
	key := filepath.Clean(name)
	if abs, err := filepath.Abs(name); err == nil {
		key = abs
	}
	if r.seen[key] {
		return true
	}
	r.seen[key] = true
	f, err := os.Open(name)
	if err != nil {
		return r.problem(ctx, &Problem{File: name, Offset: -1, Err: pathErr(err)})
	}
	defer f.Close()
	return r.stream(ctx, name, f)
}

// ctxReader makes every read of a stream fail once its context is done, so
// that long reads (a huge line being skipped) stop on cancellation.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// input is one stream being read, after decompression and transcoding.
type input struct {
	name string
	br   *bufio.Reader
	cr   *countReader // the reader under br
	gz   *gzipStream  // nil unless the file is gzip-compressed
	// transcoded is set when br reads UTF-16 converted to UTF-8: offsets
	// in br are then not offsets in the file.
	transcoded bool
	max        int64
	// head is the evidence of the encoding in the sniffed start of the
	// stream, for inputs read in pieces (JSON Lines).
	head evidence
}

// pos returns the offset in the (decompressed) stream of the next byte to
// be read from br, or -1 when unknown.
func (in *input) pos() int64 {
	if in.transcoded {
		return -1
	}
	return in.cr.n - int64(in.br.Buffered())
}

// fileOffset maps an offset in the stream to an offset in the file: for a
// gzip file, the start of the gzip member holding it (the offset a WARC
// index records); -1 when unknown.
func (in *input) fileOffset(pos int64) int64 {
	if pos < 0 {
		return -1
	}
	if in.gz != nil {
		return in.gz.memberAt(pos)
	}
	return pos
}

// problemAt makes a Problem for the stream position pos (-1 for none).
func (in *input) problemAt(line int, pos int64, err error) *Problem {
	return &Problem{File: in.name, Line: line, Offset: in.fileOffset(pos), Err: err}
}

// readProblem makes a Problem for an error from reading the stream: a
// gzip error carries its own offset in the compressed file.
func (in *input) readProblem(line int, err error) *Problem {
	var ge *gzipError
	if errors.As(err, &ge) {
		return &Problem{File: in.name, Line: line, Offset: ge.offset, Err: ge.err}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w: unexpected end of input", ErrTruncated)
	} else {
		err = fmt.Errorf("read: %w", err)
	}
	return &Problem{File: in.name, Line: line, Offset: -1, Err: err}
}

// bufSize is the read buffer of an input; sniffing looks at its first
// sniffSize bytes.
const (
	bufSize   = 64 << 10
	sniffSize = 16 << 10
)

// stream reads one input: it undoes gzip and UTF-16, detects the format
// by content and hands over to the format's reader.
func (r *run) stream(ctx context.Context, name string, src io.Reader) bool {
	cr := &countReader{r: ctxReader{ctx, src}}
	in := &input{name: name, cr: cr, br: bufio.NewReaderSize(cr, bufSize), max: r.opts.MaxItemBytes}
	head, err := peek(in.br)
	if err != nil {
		return r.problem(ctx, in.readProblem(0, err))
	}
	if isGzip(head) {
		in.gz = newGzipStream(in.br, cr)
		in.cr = &countReader{r: in.gz}
		in.br = bufio.NewReaderSize(in.cr, bufSize)
		head, err = peek(in.br)
		if err != nil && len(head) == 0 {
			return r.problem(ctx, in.readProblem(0, err))
		}
	}
	if len(head) == 0 {
		return r.problem(ctx, &Problem{File: name, Offset: -1, Err: ErrEmpty})
	}
	bom := ""
	if enc := utf16Encoding(head); enc != nil {
		in.br = bufio.NewReaderSize(transcoder(in.br, enc), bufSize)
		in.transcoded = true
		head, err = peek(in.br)
		if err != nil && len(head) == 0 {
			return r.problem(ctx, in.readProblem(0, err))
		}
		bom = utf8BOM
	} else if hasUTF8BOM(head) {
		bom = utf8BOM
		head = head[len(utf8BOM):]
		in.br.Discard(len(utf8BOM))
	}
	s := sniff(head, len(head) < sniffSize)
	in.head.weigh(head)
	if r.feedOnly {
		if err := notFeed(s.kind); err != nil {
			return r.problem(ctx, &Problem{File: name, Offset: -1, Err: err})
		}
	}
	switch s.kind {
	case kindEmpty:
		return r.problem(ctx, &Problem{File: name, Offset: -1, Err: ErrEmpty})
	case kindBinary:
		return r.problem(ctx, &Problem{File: name, Offset: -1, Err: binary(s.detail)})
	case kindXML:
		return r.problem(ctx, &Problem{File: name, Offset: -1,
			Err: fmt.Errorf("XML document <%s> is neither a feed nor HTML", Quote(s.detail))})
	case kindHTML:
		return r.readHTML(ctx, in, bom)
	case kindJSONL:
		return r.readJSONL(ctx, in)
	case kindJSON:
		return r.readJSON(ctx, in)
	case kindFeed:
		return r.readFeed(ctx, in)
	case kindWARC:
		return r.readWARC(ctx, in)
	default:
		return r.readText(ctx, in)
	}
}

// peek returns the first sniffSize bytes of br, or all of them when the
// stream is shorter. Its error is nil at the end of the stream.
func peek(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(sniffSize)
	if err == io.EOF {
		err = nil
	}
	return head, err
}

// readAll reads the rest of in, or reports that it is longer than
// in.max. On a read error it returns what it read and the error.
func readAll(in *input) (data []byte, tooLarge bool, err error) {
	data, err = io.ReadAll(io.LimitReader(in.br, in.max+1))
	if int64(len(data)) > in.max {
		return nil, true, err
	}
	return data, false, err
}

func (r *run) readText(ctx context.Context, in *input) bool {
	pos := in.pos()
	data, tooLarge, err := readAll(in)
	if err != nil {
		return r.problem(ctx, in.readProblem(0, err))
	}
	if tooLarge {
		return r.problem(ctx, &Problem{File: in.name, Offset: -1, Err: overLimit("item larger", in.max)})
	}
	text, rp := decodeText(data)
	it := Item{Origin: in.name, Format: FormatText, Text: text}
	if rp.n > 0 {
		it.Warnings = []*Problem{rp.warning(in, 0, pos)}
	}
	return r.item(ctx, it)
}

// readHTML reads an HTML file as one item. bom is the byte order mark the
// file started with (kept), or a UTF-8 one for a file converted from
// UTF-16, so the extractor reads the right charset whatever the meta tag
// says. A file that is UTF-8, by its byte order mark or by the evidence of
// its bytes, has its invalid bytes replaced here, where they can be
// reported; any other is left for the extractor to decode.
func (r *run) readHTML(ctx context.Context, in *input, bom string) bool {
	pos := in.pos()
	data, tooLarge, err := readAll(in)
	if err != nil {
		return r.problem(ctx, in.readProblem(0, err))
	}
	if tooLarge {
		return r.problem(ctx, &Problem{File: in.name, Offset: -1, Err: overLimit("item larger", in.max)})
	}
	var rp repair
	if !utf8.Valid(data) && (bom != "" || isUTF8(data)) {
		data, rp = replaceInvalid(data)
	}
	it := Item{Origin: in.name, Format: FormatHTML, HTML: data}
	if rp.n > 0 {
		it.Warnings = []*Problem{rp.warning(in, 0, pos)}
	}
	if bom != "" {
		// A UTF-8 BOM was skipped for sniffing: put it back.
		it.HTML = append(append(make([]byte, 0, len(bom)+len(data)), bom...), data...)
		it.Charset = "utf-8"
	}
	return r.item(ctx, it)
}
