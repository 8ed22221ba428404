package extract

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// metaCharset finds a charset declaration anywhere in the head of a page,
// for pages whose <meta charset> sits past the first 1024 bytes that the
// HTML5 prescan reads.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// headScan is how far into a page decodeHTML looks for a late <meta charset>.
const headScan = 64 << 10

// decodeHTML returns the page as UTF-8. The encoding is chosen, in order, by
// a byte order mark; by the bytes themselves when they are valid UTF-8 (a
// page that declares Windows-1252 but is sent as UTF-8 is common, the other
// way round is all but impossible); by a <meta> declaration; and otherwise
// Windows-1252, as browsers do. Mostly-UTF-8 pages with a few broken bytes
// keep UTF-8 with those bytes replaced.
func decodeHTML(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
	}
	if utf8.Valid(data) {
		return string(data)
	}
	if mostlyUTF8(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	enc, name := declaredEncoding(data)
	if enc == nil || name == "utf-8" {
		enc = charmap.Windows1252
	}
	return decodeWith(enc, data)
}

// declaredEncoding returns the encoding a page declares in a <meta> element,
// or the HTML5 prescan's guess for the first 1024 bytes.
func declaredEncoding(data []byte) (encoding.Encoding, string) {
	head := data
	if len(head) > headScan {
		head = head[:headScan]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil {
			return enc, name
		}
	}
	enc, name, _ := charset.DetermineEncoding(data, "")
	return enc, name
}

// mostlyUTF8 reports whether data, which is not valid UTF-8, is UTF-8 with
// a few bad bytes, as in a UTF-8 page with a stray Windows-1252 byte: it
// has valid multi-byte sequences, at least as many as bytes that are not.
// Text in a legacy encoding almost never forms multi-byte UTF-8 sequences
// (in Windows-1252 they would be a capital such as "Ã" followed by a sign
// such as "©"), so the evidence of a few of them outweighs a stray byte;
// the rule is the one internal/source applies to the files it reads.
func mostlyUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for len(data) > 0 {
		if data[0] < utf8.RuneSelf {
			data = data[1:]
			continue
		}
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			invalid++
			size = 1
		} else {
			valid++
		}
		data = data[size:]
	}
	return valid > 0 && invalid <= valid
}

// decodeWith decodes data with enc, replacing what cannot be decoded.
func decodeWith(enc encoding.Encoding, data []byte) string {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}
