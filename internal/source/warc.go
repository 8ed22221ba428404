package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
)

// maxWARCHeader bounds the header block of one WARC record.
const maxWARCHeader = 1 << 20

// errNotRecord reports bytes where a WARC record header should start.
var errNotRecord = errors.New("not a WARC record header")

// readWARC reads a WARC file (ISO 28500, versions 1.0 and 1.1, as written
// by crawlers): one item per response record whose HTTP status is 200 and
// whose payload is HTML, and per resource record of HTML. Records are
// numbered from 1 in the file, counting every record ("#N"). A broken
// record is a Problem at its offset (for .warc.gz, the offset of its gzip
// member); reading goes on at the next record header. After a gzip error
// it goes on at the next gzip member.
func (r *run) readWARC(ctx context.Context, in *input) bool {
	seek := false // looking for the next record after a broken one
	// failed reports a failure to read the stream and says whether the
	// file can be read on. A gzip error is reported at the start of its
	// member, where the broken record starts, and counts as one record.
	failed := func(err error) (goOn, ok bool) {
		p := in.readProblem(0, err)
		var ge *gzipError
		if errors.As(err, &ge) {
			p.Offset = ge.member
		}
		if !r.problem(ctx, p) {
			return false, false
		}
		return in.gz != nil && in.gz.resync(), true
	}
	for n := 1; ; {
		if in.gz != nil {
			in.gz.forget(in.pos())
		}
		hdr, start, bad, err := readWARCHeader(in, seek)
		switch {
		case err == io.EOF:
			return true
		case err != nil:
			goOn, ok := failed(err)
			if !goOn {
				return ok
			}
			n++
			seek = true
			continue
		case bad != nil:
			n++
			if !r.problem(ctx, in.problemAt(0, start, bad)) {
				return false
			}
			if errors.Is(bad, ErrTruncated) {
				return true
			}
			seek = true
			continue
		}
		seek = false
		num := n
		n++
		length, err := strconv.ParseInt(strings.TrimSpace(hdr["content-length"]), 10, 64)
		if err != nil || length < 0 {
			if !r.problem(ctx, in.problemAt(0, start, fmt.Errorf("WARC record %d: invalid Content-Length %q", num, hdr["content-length"]))) {
				return false
			}
			seek = true
			continue
		}
		catch := &errCatcher{r: in.br}
		block := &io.LimitedReader{R: catch, N: length}
		it, perr := warcRecord(hdr, block, in.max)
		io.Copy(io.Discard, block)
		switch {
		case catch.err != nil:
			goOn, ok := failed(catch.err)
			if !goOn {
				return ok
			}
			seek = true
			continue
		case block.N > 0:
			return r.problem(ctx, in.problemAt(0, start, fmt.Errorf("%w WARC record %d: %d of its %d bytes missing",
				ErrTruncated, num, block.N, length)))
		}
		skipNewlines(in.br)
		switch {
		case perr != nil:
			if !r.problem(ctx, in.problemAt(0, start, fmt.Errorf("WARC record %d: %w", num, perr))) {
				return false
			}
		case it != nil:
			it.Origin = in.name + "#" + strconv.Itoa(num)
			if !r.item(ctx, *it) {
				return false
			}
		}
	}
}

// errCatcher remembers the first error other than io.EOF from reading r,
// so that a reader of a record's block can tell a broken stream from a
// broken record.
type errCatcher struct {
	r   io.Reader
	err error
}

func (c *errCatcher) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

// readWARCHeader reads a record's version line and named fields (keys in
// lower case), skipping blank lines before it, and returns the stream
// offset where the record starts. With seek, lines that do not start a
// record are skipped. A header that is not one is reported by bad; err is
// a failure to read the stream, or io.EOF at its end.
func readWARCHeader(in *input, seek bool) (hdr map[string]string, start int64, bad, err error) {
	for {
		start = in.pos()
		line, long, err := readLine(in.br)
		if err != nil && err != io.EOF {
			return nil, start, nil, err
		}
		switch {
		case isWARCVersion(line):
		case len(line) == 0 && err == io.EOF:
			return nil, start, nil, io.EOF
		case !seek && (long || len(bytes.TrimSpace(line)) > 0):
			return nil, start, errNotRecord, nil
		case err == io.EOF:
			return nil, start, nil, io.EOF
		default:
			continue // a blank line between records, or skipping to the next record
		}
		if err == io.EOF {
			return nil, start, fmt.Errorf("%w WARC record header", ErrTruncated), nil
		}
		break
	}
	hdr = map[string]string{}
	size, last := 0, ""
	for {
		line, long, err := readLine(in.br)
		size += len(line)
		switch {
		case err != nil && err != io.EOF:
			return nil, start, nil, err
		case long || size > maxWARCHeader:
			return nil, start, &kindError{"WARC record header larger than limit", ErrTooLarge}, nil
		case err == io.EOF:
			return nil, start, fmt.Errorf("%w WARC record header", ErrTruncated), nil
		}
		line = trimEOL(line)
		if len(line) == 0 {
			return hdr, start, nil, nil
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			hdr[last] += " " + validString(bytes.TrimSpace(line))
			continue
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue // not a field: ignore it, as readers of damaged files do
		}
		last = lower(string(bytes.TrimSpace(name)))
		hdr[last] = validString(bytes.TrimSpace(value))
	}
}

func isWARCVersion(line []byte) bool {
	return bytes.HasPrefix(line, []byte("WARC/")) && len(line) > 5 && isDigit(line[5])
}

// readLine returns the next line with its ending; long reports a line
// longer than the buffer, of which only the start is returned and the rest
// skipped.
func readLine(br *bufio.Reader) (line []byte, long bool, err error) {
	line, err = br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return line, false, err
	}
	head := append([]byte(nil), line[:16]...)
	for err == bufio.ErrBufferFull {
		_, err = br.ReadSlice('\n')
	}
	return head, true, err
}

// skipNewlines consumes the CRLF CRLF that ends a record.
func skipNewlines(br *bufio.Reader) {
	for i := 0; i < 4; i++ {
		b, err := br.Peek(1)
		if err != nil || b[0] != '\r' && b[0] != '\n' {
			return
		}
		br.Discard(1)
	}
}

// warcRecord makes an Item of a record when it holds an HTML page, or
// returns nil for other records.
func warcRecord(hdr map[string]string, block io.Reader, max int64) (*Item, error) {
	typ := lower(hdr["warc-type"])
	ctype := hdr["content-type"]
	var it *Item
	var err error
	switch {
	case typ == "response" && strings.HasPrefix(lower(ctype), "application/http"):
		it, err = httpResponse(block, max)
	case (typ == "resource" || typ == "response") && isHTMLType(ctype):
		var body []byte
		body, err = readBody(block, max)
		if err == nil {
			it = &Item{HTML: body, Charset: charsetOf(ctype), Meta: map[string]string{"content-type": ctype}}
		}
	}
	if it == nil || err != nil {
		return nil, err
	}
	it.Format = FormatWARC
	it.URL = strings.Trim(hdr["warc-target-uri"], "<> ")
	if d := hdr["warc-date"]; d != "" {
		it.Meta["crawled"] = d // the crawl date, not the publication date
	}
	if id := hdr["warc-record-id"]; id != "" {
		it.Meta["warc-record-id"] = id
	}
	return it, nil
}

// httpResponse reads an HTTP response as stored in a WARC response record:
// a 200 HTML page becomes an Item, anything else nil. Chunked transfer
// coding and gzip or deflate content coding are undone (some crawlers
// store the body decoded but keep the headers: then it is taken as it is).
func httpResponse(block io.Reader, max int64) (*Item, error) {
	bb := bufio.NewReaderSize(block, 16<<10)
	resp, err := http.ReadResponse(bb, nil)
	if err != nil {
		return nil, fmt.Errorf("invalid HTTP response: %w", err)
	}
	ctype := strings.ToValidUTF8(resp.Header.Get("Content-Type"), "\uFFFD")
	if resp.StatusCode != http.StatusOK || ctype != "" && !isHTMLType(ctype) {
		return nil, nil
	}
	body, err := readBody(bb, max)
	if err != nil {
		return nil, err
	}
	if len(resp.TransferEncoding) > 0 && resp.TransferEncoding[0] == "chunked" {
		if b, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(body)), max+1)); err == nil {
			body = b
		}
	}
	switch enc := lower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity", "none", "utf-8":
	default:
		b, err := decodeContent(enc, body, max)
		switch {
		case errors.Is(err, ErrTooLarge):
			return nil, err
		case err == nil:
			body = b
		case sniff(body, true).kind != kindHTML:
			return nil, fmt.Errorf("HTTP body: %w", err)
		}
	}
	if int64(len(body)) > max {
		return nil, overLimit("HTTP body larger", max)
	}
	if ctype == "" && sniff(body, true).kind != kindHTML {
		return nil, nil
	}
	it := &Item{HTML: body, Charset: charsetOf(ctype), Meta: map[string]string{}}
	if ctype != "" {
		it.Meta["content-type"] = ctype
	}
	if lm := resp.Header.Get("Last-Modified"); lm != "" {
		it.Meta["last-modified"] = strings.ToValidUTF8(lm, "\uFFFD")
	}
	return it, nil
}

// decodeContent undoes an HTTP content coding, keeping at most max bytes.
func decodeContent(enc string, body []byte, max int64) ([]byte, error) {
	var zr io.Reader
	switch enc {
	case "gzip", "x-gzip":
		g, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("gzip content: %w", err)
		}
		zr = g
	case "deflate":
		if z, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			zr = z
		} else {
			zr = flate.NewReader(bytes.NewReader(body))
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s content: %w", enc, err)
	}
	if int64(len(b)) > max {
		return nil, overLimit("HTTP body larger", max)
	}
	return b, nil
}

// readBody reads at most max bytes of r.
func readBody(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, overLimit("HTML body larger", max)
	}
	return b, nil
}

// isHTMLType reports whether a Content-Type is HTML.
func isHTMLType(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt, _, _ = strings.Cut(lower(ctype), ";")
		mt = strings.TrimSpace(mt)
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// charsetOf returns the charset parameter of a Content-Type, in lower case.
func charsetOf(ctype string) string {
	_, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return ""
	}
	return lower(strings.Trim(params["charset"], `"' `))
}

// validString returns b as a string, with bytes that are not UTF-8 (rare
// in WARC headers, which should be ASCII) replaced, so that every string
// of an Item is valid UTF-8.
func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}
