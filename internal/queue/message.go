package queue

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/storyline-news/storyline/internal/source"
)

// Headers of the messages.
const (
	// hdrEncoding is "gzip" when the body is compressed.
	hdrEncoding = "Storyline-Encoding"
	// hdrOrigin names where the publisher read the item (source.Item.Origin).
	hdrOrigin = "Storyline-Origin"
	// Dead letters carry the error, the deliveries, the worker and the
	// item's sequence in the items' stream.
	hdrError    = "Storyline-Error"
	hdrTries    = "Storyline-Tries"
	hdrWorker   = "Storyline-Worker"
	hdrSequence = "Storyline-Sequence"
)

// gzipOver is the body size above which a message is compressed: HTML
// pages shrink five to ten times, and the server refuses messages over
// its max_payload (1 MiB by default).
const gzipOver = 16 << 10

// Identity returns what makes two items the same, the message ID under
// which the item is published: its URL when it has one (the store's
// rule: same URL, same article), else its outlet, title and body. Items
// read from different files with the same content are the same item.
// The ID is a hex SHA-256 prefix, so that it fits a header whatever the
// URL.
func Identity(it source.Item) string {
	h := sha256.New()
	if u := strings.TrimSpace(it.URL); u != "" {
		io.WriteString(h, "u\x00"+u)
		return "u" + hex.EncodeToString(h.Sum(nil)[:16])
	}
	for _, s := range []string{it.Outlet, it.Title, it.Text} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	h.Write(it.HTML)
	return "b" + hex.EncodeToString(h.Sum(nil)[:16])
}

// wireItem is an item as a message body holds it, in JSON. Warnings stay
// with the publisher, which reports them.
type wireItem struct {
	Origin    string            `json:"origin,omitempty"`
	Format    string            `json:"format,omitempty"`
	URL       string            `json:"url,omitempty"`
	Title     string            `json:"title,omitempty"`
	Outlet    string            `json:"outlet,omitempty"`
	Published time.Time         `json:"published,omitzero"`
	Text      string            `json:"text,omitempty"`
	HTML      []byte            `json:"html,omitempty"`
	Charset   string            `json:"charset,omitempty"`
	Meta      map[string]string `json:"meta,omitempty"`
}

// encode returns the message that carries it.
func encode(subject string, it source.Item) (*nats.Msg, error) {
	body, err := json.Marshal(wireItem{
		Origin: it.Origin, Format: string(it.Format), URL: it.URL, Title: it.Title,
		Outlet: it.Outlet, Published: it.Published, Text: it.Text, HTML: it.HTML,
		Charset: it.Charset, Meta: it.Meta,
	})
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", source.Quote(it.Origin), err)
	}
	m := nats.NewMsg(subject)
	m.Header.Set(nats.MsgIdHdr, Identity(it))
	m.Header.Set(hdrOrigin, headerValue(it.Origin))
	if len(body) > gzipOver {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("compress %s: %w", source.Quote(it.Origin), err)
		}
		body = buf.Bytes()
		m.Header.Set(hdrEncoding, "gzip")
	}
	m.Data = body
	return m, nil
}

// decode returns the item a message carries.
func decode(h nats.Header, data []byte) (source.Item, error) {
	if h.Get(hdrEncoding) == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return source.Item{}, fmt.Errorf("decompress: %w", err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return source.Item{}, fmt.Errorf("decompress: %w", err)
		}
	}
	var w wireItem
	if err := json.Unmarshal(data, &w); err != nil {
		return source.Item{}, fmt.Errorf("decode: %w", err)
	}
	return source.Item{
		Origin: w.Origin, Format: source.Format(w.Format), URL: w.URL, Title: w.Title,
		Outlet: w.Outlet, Published: w.Published, Text: w.Text, HTML: w.HTML,
		Charset: w.Charset, Meta: w.Meta,
	}, nil
}

// headerValue makes s fit a header: one line, at most 1 KiB.
func headerValue(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 1024 {
		s = strings.ToValidUTF8(s[:1021], "") + "..."
	}
	return s
}
