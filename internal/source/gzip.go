package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
)

// gzipError is a failure of the gzip stream, at an offset in the
// compressed file.
type gzipError struct {
	offset int64 // where decompression failed
	member int64 // where the failing member starts
	err    error
}

func (e *gzipError) Error() string { return e.err.Error() }
func (e *gzipError) Unwrap() error { return e.err }

// gzipStream decompresses a gzip file member by member (a .warc.gz holds
// one member per record), remembering where each member starts in the
// compressed file so that a problem can name the offset a WARC index would.
// After an error it can skip to the next member.
type gzipStream struct {
	src      *bufio.Reader // the compressed file
	cr       *countReader  // under src
	zr       *gzip.Reader
	inMember bool
	out      int64    // decompressed bytes produced
	members  []member // starts of recent members; the first may start before every offset still asked about
	err      error    // sticky: returned by every Read until resync
}

type member struct {
	in, out int64 // start of the member in the compressed file and in the output
}

func newGzipStream(src *bufio.Reader, cr *countReader) *gzipStream {
	return &gzipStream{src: src, cr: cr}
}

// inPos is the offset in the compressed file of the next byte to decompress.
func (g *gzipStream) inPos() int64 { return g.cr.n - int64(g.src.Buffered()) }

func (g *gzipStream) Read(p []byte) (int, error) {
	for g.err == nil {
		if !g.inMember {
			if err := g.startMember(); err != nil {
				g.err = err
				break
			}
		}
		n, err := g.zr.Read(p)
		g.out += int64(n)
		switch {
		case err == io.EOF:
			g.inMember = false
			if n > 0 {
				return n, nil
			}
		case err != nil:
			g.err = g.wrap(err)
			return n, g.err
		default:
			return n, nil
		}
	}
	return 0, g.err
}

// startMember reads the header of the next member. It returns io.EOF at
// the end of the file, allowing zero padding after the last member.
func (g *gzipStream) startMember() error {
	first := g.zr == nil
	for {
		b, err := g.src.Peek(1)
		if len(b) == 0 {
			if err == io.EOF && !first {
				return io.EOF
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return g.wrap(err)
		}
		if first || b[0] != 0 {
			break
		}
		g.src.Discard(1) // padding (some tools align members with NULs)
	}
	start := g.inPos()
	var err error
	if g.zr == nil {
		g.zr, err = gzip.NewReader(g.src)
	} else {
		err = g.zr.Reset(g.src)
	}
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		err = g.wrap(err)
		if ge, ok := err.(*gzipError); ok {
			ge.offset, ge.member = start, start
		}
		return err
	}
	g.zr.Multistream(false)
	g.members = append(g.members, member{start, g.out})
	g.inMember = true
	return nil
}

// wrap makes a decompression error a *gzipError at the current offset.
// Other read errors (cancellation) are returned as they are.
func (g *gzipStream) wrap(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = fmt.Errorf("%w gzip stream", ErrTruncated)
	case errors.As(err, &corrupt), errors.Is(err, gzip.ErrChecksum):
		err = fmt.Errorf("corrupt gzip stream: %w", err)
	case errors.Is(err, gzip.ErrHeader):
		err = errors.New("invalid gzip member header")
	default:
		return err
	}
	ge := &gzipError{offset: g.inPos(), err: err}
	if len(g.members) > 0 {
		ge.member = g.members[len(g.members)-1].in
	}
	return ge
}

// resync skips past a decompression error to the next gzip member header,
// so that a reader of many independent members (WARC) can go on. It
// reports whether there is a member to go on with.
func (g *gzipStream) resync() bool {
	var ge *gzipError
	if !errors.As(g.err, &ge) {
		return false
	}
	g.err = nil
	g.inMember = false
	for {
		b, _ := g.src.Peek(bufSize)
		if len(b) < 3 {
			g.src.Discard(len(b))
			g.err = io.EOF
			return false
		}
		i := bytes.Index(b, []byte{0x1F, 0x8B, 8})
		if i >= 0 {
			g.src.Discard(i)
			return true
		}
		g.src.Discard(len(b) - 2)
	}
}

// memberAt returns the offset in the compressed file of the member
// holding output offset pos.
func (g *gzipStream) memberAt(pos int64) int64 {
	off := int64(0)
	for _, m := range g.members {
		if m.out > pos {
			break
		}
		off = m.in
	}
	return off
}

// forget drops the members that end before output offset pos: offsets
// before pos will not be asked about.
func (g *gzipStream) forget(pos int64) {
	i := 0
	for i+1 < len(g.members) && g.members[i+1].out <= pos {
		i++
	}
	if i > 0 {
		g.members = append(g.members[:0], g.members[i:]...)
	}
}
