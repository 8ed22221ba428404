package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkHTML extracts the 181 pages of the Scrapinghub benchmark, one
// page per iteration.
func BenchmarkHTML(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "extraction", "scrapinghub")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		b.Skipf("benchmark data not found (needs shared/ beside the checkout): %v", err)
	}
	var gold map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		b.Fatal(err)
	}
	type page struct {
		data []byte
		url  string
	}
	var pages []page
	size := 0
	for id, g := range gold {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, zr); err != nil {
			b.Fatal(err)
		}
		f.Close()
		pages = append(pages, page{buf.Bytes(), g.URL})
		size += buf.Len()
	}
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := pages[i%len(pages)]
		if _, err := HTML(p.data, p.url); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkText reads a generated plain-text article of about 1,000 words
// with a date header, a title and boilerplate lines.
func BenchmarkText(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(" date 2021-10-02 Officials meet in Port Elwin to discuss the harbour\n\nEnglish News\n • facebook\n • twitter\n\n")
	for i := range 40 {
		fmt.Fprintf(&sb, "The council said on day %d that the repairs to the harbour wall would go on for another week, and that boats should use the northern channel until then.\n", i)
		if i%10 == 9 {
			sb.WriteString("Also Read : Storm season starts early this year\n(Photo Credit : Twitter)\n\n")
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if p := Text(text); p.Published.IsZero() {
			b.Fatal("no date")
		}
	}
}
