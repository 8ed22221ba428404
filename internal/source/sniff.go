package source

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// kind is a format as detected by sniffing.
type kind int

const (
	kindText kind = iota
	kindHTML
	kindJSONL  // JSON Lines: one object per line
	kindJSON   // a JSON array of objects, or objects spread over lines
	kindFeed   // RSS, Atom or RDF
	kindWARC   // WARC records
	kindXML    // XML that is neither a feed nor HTML; detail is its root
	kindBinary // not text; detail says what it seems to be
	kindEmpty  // nothing but white space
)

type sniffed struct {
	kind   kind
	detail string
}

// sniff detects the format of a stream from its first bytes (already
// decompressed and converted from UTF-16). atEOF says head is the whole
// stream.
func sniff(head []byte, atEOF bool) sniffed {
	// WARC first: its records may hold binary payloads.
	if b := trimSpace(head); bytes.HasPrefix(b, []byte("WARC/")) && len(b) > 5 && isDigit(b[5]) {
		return sniffed{kind: kindWARC}
	}
	if what, ok := binaryMagic(head); ok {
		return sniffed{kindBinary, what}
	}
	if what, ok := looksBinary(head); ok {
		return sniffed{kindBinary, what}
	}
	b := trimSpace(bytes.TrimPrefix(head, []byte(utf8BOM)))
	if len(b) == 0 {
		if atEOF {
			return sniffed{kind: kindEmpty}
		}
		return sniffed{kind: kindText}
	}
	switch b[0] {
	case '{':
		if bytes.Contains(b[:min(len(b), 512)], []byte("jsonfeed.org/version")) {
			return sniffed{kind: kindFeed}
		}
		if c, ok := firstAfterSpace(b[1:]); ok && (c == '"' || c == '}') || !ok && !atEOF {
			return sniffed{kind: sniffJSONObjects(b, atEOF)}
		}
	case '[':
		if c, ok := firstAfterSpace(b[1:]); ok && (c == '{' || c == ']') {
			return sniffed{kind: kindJSON}
		}
	case '<':
		if s, ok := sniffMarkup(b); ok {
			return s
		}
	}
	if hasHTMLMarker(b) || countHTMLTags(b, 10) >= 10 {
		return sniffed{kind: kindHTML}
	}
	return sniffed{kind: kindText}
}

// sniffJSONObjects tells JSON Lines (one object per line) from objects
// printed over many lines. b starts with '{'.
func sniffJSONObjects(b []byte, atEOF bool) kind {
	line, rest, found := bytes.Cut(b, []byte("\n"))
	if !found && !atEOF {
		return kindJSONL // a first line longer than the window
	}
	line = bytes.TrimSpace(line)
	if bytes.HasSuffix(line, []byte("}")) {
		return kindJSONL // complete, or broken but line-structured
	}
	// A broken first line followed by a line starting an object is still
	// JSON Lines; an indented key means a pretty-printed object.
	for len(rest) > 0 {
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if line[0] == '{' {
			return kindJSONL
		}
		break
	}
	return kindJSON
}

// sniffMarkup detects feeds and HTML by their first element, after the
// XML prolog (see skipProlog). b starts with '<'. When the prolog runs past
// b, the name its DOCTYPE gives the root element decides.
func sniffMarkup(b []byte) (sniffed, bool) {
	rest, doctype, ok := skipProlog(b)
	switch root := rootKind(doctype); {
	case root == kindHTML:
		return sniffed{kind: kindHTML}, true
	case !ok && root == kindFeed:
		return sniffed{kind: kindFeed}, true
	case !ok:
		return sniffed{}, false
	}
	name := elementName(rest[1:])
	switch root := rootKind(name); {
	case root != kindXML:
		return sniffed{kind: root}, true
	case name == "":
		return sniffed{}, false
	case hasHTMLMarker(rest) || countHTMLTags(rest, 10) >= 10:
		return sniffed{kind: kindHTML}, true
	}
	return sniffed{kindXML, name}, true
}

// rootKind tells a feed or an HTML page by the name of its root element:
// kindFeed, kindHTML, or kindXML for any other name.
func rootKind(name string) kind {
	local := lower(name)
	if i := strings.LastIndexByte(local, ':'); i >= 0 && local != "rdf:rdf" {
		local = local[i+1:]
	}
	switch {
	case local == "rss" || local == "feed" || local == "rdf:rdf":
		return kindFeed
	case isHTMLTag(local):
		return kindHTML
	}
	return kindXML
}

// skipProlog returns b from the start tag of its first element, past the
// XML prolog: a byte order mark, white space, the XML declaration,
// processing instructions, comments and a document type declaration with
// its internal subset. doctype is the root element's name as the DOCTYPE
// gives it. ok is false when the prolog does not end within b or something
// other than markup follows it.
//
// The DOCTYPE is skipped, never interpreted: entities it declares are not
// expanded here or anywhere else (encoding/xml, which parses feeds, knows
// only the predefined entities and, not being strict, leaves others as
// they are), so neither a "billion laughs" subset nor an external entity
// naming a local file has any effect.
func skipProlog(b []byte) (rest []byte, doctype string, ok bool) {
	b = bytes.TrimPrefix(b, []byte(utf8BOM))
	for {
		b = trimSpace(b)
		switch {
		case len(b) < 2 || b[0] != '<':
			return nil, doctype, false
		case b[1] == '?':
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return nil, doctype, false
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return nil, doctype, false
			}
			b = b[i+3:]
		case b[1] == '!':
			if hasPrefixFold(b, "<!doctype") {
				doctype = elementName(trimSpace(b[len("<!doctype"):]))
			}
			n := declEnd(b)
			if n < 0 {
				return nil, doctype, false
			}
			b = b[n:]
		default:
			return b, doctype, true
		}
	}
}

// declEnd returns the length of the markup declaration at the start of b
// ("<!DOCTYPE ...>" with any internal subset), or -1 when it does not end
// within b. A '>' ends it only outside quotes and outside the subset; in
// the subset, comments and processing instructions are skipped whole.
func declEnd(b []byte) int {
	subset := false
	for i := 2; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' || c == '\'':
			j := bytes.IndexByte(b[i+1:], c)
			if j < 0 {
				return -1
			}
			i += j + 1
		case subset && bytes.HasPrefix(b[i:], []byte("<!--")):
			j := bytes.Index(b[i+4:], []byte("-->"))
			if j < 0 {
				return -1
			}
			i += 4 + j + 2
		case subset && bytes.HasPrefix(b[i:], []byte("<?")):
			j := bytes.Index(b[i+2:], []byte("?>"))
			if j < 0 {
				return -1
			}
			i += 2 + j + 1
		case c == '[':
			subset = true
		case c == ']':
			subset = false
		case c == '>' && !subset:
			return i + 1
		}
	}
	return -1
}

// elementName returns the XML name at the start of b.
func elementName(b []byte) string {
	i := 0
	for i < len(b) {
		c := b[i]
		if c == ':' || c == '_' || c == '-' || c == '.' || isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' || c >= 0x80 {
			i++
			continue
		}
		break
	}
	return string(b[:i])
}

// hasHTMLMarker reports whether b holds an html, head or body tag or an
// HTML doctype: HTML behind some junk (a saved HTTP header, a stray line).
func hasHTMLMarker(b []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return false
		}
		t := b[i+j:]
		if hasPrefixFold(t, "<!doctype html") {
			return true
		}
		for _, name := range [...]string{"<html", "<head", "<body"} {
			if hasPrefixFold(t, name) && len(t) > len(name) && isTagEnd(t[len(name)]) {
				return true
			}
		}
		i += j + 1
	}
}

// countHTMLTags counts start and end tags of common HTML elements in b, up
// to limit.
func countHTMLTags(b []byte, limit int) int {
	n := 0
	for i := 0; n < limit; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		t := b[i:]
		if len(t) > 0 && t[0] == '/' {
			t = t[1:]
		}
		k := 0
		for k < len(t) && k < 12 && ('a' <= t[k]|0x20 && t[k]|0x20 <= 'z' || k > 0 && isDigit(t[k])) {
			k++
		}
		if k == 0 || k == len(t) || !isTagEnd(t[k]) {
			continue
		}
		if isHTMLTag(lower(string(t[:k]))) {
			n++
		}
	}
	return n
}

func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// isHTMLTag reports whether name (lower case) is a common HTML element.
func isHTMLTag(name string) bool {
	switch name {
	case "html", "head", "body", "title", "meta", "link", "script", "style", "noscript", "base",
		"div", "span", "p", "a", "br", "hr", "img", "picture", "source", "figure", "figcaption",
		"ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th",
		"h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header", "footer", "nav", "main", "aside",
		"blockquote", "em", "strong", "b", "i", "u", "s", "pre", "code", "form", "input", "button",
		"iframe", "time", "small", "sup", "sub", "abbr", "cite", "q", "center", "font", "video", "audio":
		return true
	}
	return false
}

// binaryMagic recognises common non-text files by their signature.
func binaryMagic(b []byte) (string, bool) {
	for _, m := range [...]struct{ magic, what string }{
		{"%PDF-", "PDF document"},
		{"PK\x03\x04", "zip archive"},
		{"PK\x05\x06", "zip archive"},
		{"\x89PNG", "PNG image"},
		{"GIF87a", "GIF image"},
		{"GIF89a", "GIF image"},
		{"\xFF\xD8\xFF", "JPEG image"},
		{"RIFF", "RIFF media"},
		{"II*\x00", "TIFF image"},
		{"MM\x00*", "TIFF image"},
		{"\xFD7zXZ\x00", "xz-compressed; only gzip is supported"},
		{"\x28\xB5\x2F\xFD", "zstd-compressed; only gzip is supported"},
		{"BZh", "bzip2-compressed; only gzip is supported"},
		{"\x1F\x9D", "compress-compressed; only gzip is supported"},
		{"7z\xBC\xAF\x27\x1C", "7z archive"},
		{"Rar!\x1A\x07", "RAR archive"},
		{"\x7FELF", "executable"},
		{"MZ\x90\x00", "executable"},
		{"\xCA\xFE\xBA\xBE", "executable"},
		{"\xD0\xCF\x11\xE0", "Microsoft Office document"},
		{"OggS", "Ogg media"},
		{"ID3", "MP3 audio"},
		{"fLaC", "FLAC audio"},
		{"wOFF", "font"},
		{"wOF2", "font"},
		{"SQLite format 3\x00", "SQLite database"},
		{"\x00asm", "WebAssembly"},
	} {
		if bytes.HasPrefix(b, []byte(m.magic)) {
			if m.magic == "BZh" && (len(b) < 10 || string(b[4:10]) != "\x31\x41\x59\x26\x53\x59") {
				continue // text that starts with "BZh"
			}
			return m.what, true
		}
	}
	if len(b) > 262 && string(b[257:262]) == "ustar" {
		return "tar archive", true
	}
	if len(b) > 12 && string(b[4:8]) == "ftyp" {
		return "MP4 media", true
	}
	return "", false
}

// looksBinary reports whether b is not text by the share of control bytes
// in it (NUL and the others, white space aside): more than one in a hundred,
// and more than a few, so that a stray NUL or two in a text or JSON Lines
// file leaves it text, to be read with only the lines they spoil failing.
// Text in any 8-bit charset passes; only its decoding is in doubt. When b
// looks binary, what says so.
func looksBinary(b []byte) (what string, ok bool) {
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
			ctl++
		}
	}
	if ctl <= max(len(b)/100, 3) {
		return "", false
	}
	return fmt.Sprintf("%d of its first %d bytes are control bytes", ctl, len(b)), true
}

func isGzip(b []byte) bool { return len(b) >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 8 }

const utf8BOM = "\xEF\xBB\xBF"

func hasUTF8BOM(b []byte) bool { return bytes.HasPrefix(b, []byte(utf8BOM)) }

// utf16Encoding returns the UTF-16 encoding of b, told by its byte order
// mark or, without one, by NUL bytes in every other position (ASCII text
// in UTF-16), or nil when b is not UTF-16.
func utf16Encoding(b []byte) encoding.Encoding {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	}
	n := min(len(b), 4096) &^ 1
	if n < 8 {
		return nil
	}
	var even, odd int // NUL bytes at even and odd offsets
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*7 && even*50 <= pairs:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case even*10 >= pairs*7 && odd*50 <= pairs:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	return nil
}

// transcoder returns r decoded from enc to UTF-8.
func transcoder(r io.Reader, enc encoding.Encoding) io.Reader {
	return transform.NewReader(r, enc.NewDecoder())
}

// lineReader reads lines of any length from a bufio.Reader, keeping at
// most max bytes of one line in memory.
type lineReader struct {
	br  *bufio.Reader
	max int64
	buf []byte
}

// next returns the next line without its line ending. A line longer than
// max is skipped and reported by tooLong. At the end of the stream err is
// io.EOF, with the last line when it had no newline. On another error the
// partial line is dropped.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	if cap(lr.buf) > 4<<20 {
		lr.buf = nil // let a huge line's buffer go
	}
	chunk, err := lr.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		line = trimEOL(chunk)
		if int64(len(line)) > lr.max {
			return nil, true, err
		}
		return line, false, err
	}
	// Longer than the buffer: gather it, up to max and its line ending.
	lr.buf = append(lr.buf[:0], chunk...)
	for err == bufio.ErrBufferFull {
		chunk, err = lr.br.ReadSlice('\n')
		if !tooLong {
			if int64(len(lr.buf)+len(chunk)) > lr.max+2 {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
	}
	line = trimEOL(lr.buf)
	if tooLong || int64(len(line)) > lr.max {
		return nil, true, err
	}
	return line, false, err
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func firstAfterSpace(b []byte) (byte, bool) {
	b = trimSpace(b)
	if len(b) == 0 {
		return 0, false
	}
	return b[0], true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// lower returns s in ASCII lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
