package source

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Text that is not valid UTF-8 is either UTF-8 with a few damaged bytes (a
// truncated copy, a stray byte pasted from elsewhere) or text in a legacy
// 8-bit charset, almost always Windows-1252 in our inputs. The bytes tell
// which: a legacy charset almost never forms multi-byte UTF-8 sequences
// (in Windows-1252 they would be a capital such as "Ã" followed by a sign
// such as "©"), while UTF-8 text with a stray byte has many. The decision
// is made once per input from all the bytes at hand, never by one byte.

// evidence counts the non-ASCII bytes of some text by how they read as
// UTF-8.
type evidence struct {
	valid   int // multi-byte UTF-8 sequences
	invalid int // bytes in no valid sequence
}

// weigh adds the evidence of b. A sequence cut off by the end of b, as at
// the end of a sniffing window, counts for neither side.
func (e *evidence) weigh(b []byte) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r != utf8.RuneError || size > 1:
			e.valid++
		case !utf8.FullRune(b[i:]):
			return
		default:
			e.invalid++
		}
		i += size
	}
}

// utf8 reports whether text with this evidence is UTF-8: it has valid
// multi-byte sequences, and at least as many as bytes that are not.
func (e evidence) utf8() bool { return e.valid > 0 && e.invalid <= e.valid }

// isUTF8 reports whether b, which is not valid UTF-8, is UTF-8 with some
// bad bytes by its own evidence.
func isUTF8(b []byte) bool {
	var e evidence
	e.weigh(b)
	return e.utf8()
}

// repair records the bytes of an input that were replaced to make it valid
// UTF-8 text.
type repair struct {
	n     int // bytes replaced
	first int // offset in the input of the first, when n > 0
}

// warning returns the Problem that reports r, for input in at line (0 for
// none) with its bytes starting at stream position pos (-1 when unknown).
func (rp repair) warning(in *input, line int, pos int64) *Problem {
	off := int64(-1)
	if pos >= 0 {
		off = pos + int64(rp.first)
	}
	s := "s"
	if rp.n == 1 {
		s = ""
	}
	return &Problem{File: in.name, Line: line, Offset: in.fileOffset(off), Err: &kindError{
		fmt.Sprintf("%d invalid byte%s replaced with U+FFFD", rp.n, s), ErrReplaced}}
}

// toUTF8 returns b as UTF-8: as it is when valid; with each run of bad
// bytes replaced by U+FFFD when the evidence of b and of prior (what
// else of the same input was seen) says UTF-8; else decoded as
// Windows-1252, the usual encoding of Western text that is not UTF-8 (and
// a superset of ISO 8859-1 as browsers read it), which never fails.
func toUTF8(b []byte, prior evidence) ([]byte, repair) {
	if utf8.Valid(b) {
		return b, repair{}
	}
	e := prior
	e.weigh(b)
	if e.utf8() {
		return replaceInvalid(b)
	}
	return decode1252(b), repair{}
}

// decodeText returns the body of a text file as UTF-8 (see toUTF8), with
// NUL bytes, which no text holds, replaced by U+FFFD too.
func decodeText(b []byte) (string, repair) {
	out, rp := toUTF8(b, evidence{})
	if i := bytes.IndexByte(b, 0); i >= 0 {
		out = bytes.ReplaceAll(out, []byte{0}, []byte("\uFFFD"))
		if rp.n == 0 || i < rp.first {
			rp.first = i
		}
		rp.n += bytes.Count(b, []byte{0})
	}
	return string(out), rp
}

// replaceInvalid returns b with each run of bytes that are not valid UTF-8
// replaced by U+FFFD.
func replaceInvalid(b []byte) ([]byte, repair) {
	var rp repair
	out := make([]byte, 0, len(b)+8)
	bad := false // the last byte written was a replacement of a run
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if rp.n == 0 {
				rp.first = i
			}
			rp.n++
			if !bad {
				out = append(out, "\uFFFD"...)
			}
			bad = true
			i++
			continue
		}
		bad = false
		out = append(out, b[i:i+size]...)
		i += size
	}
	return out, rp
}

func decode1252(b []byte) []byte {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		// Not reached: every byte has a mapping. Keep the text usable.
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}
