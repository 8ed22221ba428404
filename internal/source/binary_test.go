package source

import (
	"archive/zip"
	"bytes"
	"context"
	bin "encoding/binary"
	"errors"
	"strings"
	"testing"
)

// TestJSONLStrayBytes checks that a NUL byte or a broken line in a JSON
// Lines file, even in its first kilobytes, fails only that line: a Problem
// naming the file and the line, and every other line is read.
func TestJSONLStrayBytes(t *testing.T) {
	line := func(n int) string { return `{"title": "article ` + string(rune('0'+n)) + `", "text": "Body."}` }
	tests := []struct {
		name     string
		lines    []string
		titles   []string
		problems []wantProblem
	}{
		{
			name:     "NUL inside a string",
			lines:    []string{line(1), line(2), `{"title": "bad` + "\x00" + `", "text": "x"}`, line(4)},
			titles:   []string{"article 1", "article 2", "article 4"},
			problems: []wantProblem{{file: "dump.jsonl", line: 3, has: "dump.jsonl:3: invalid JSON"}},
		},
		{
			name:     "NUL line and a broken line",
			lines:    []string{line(1), "\x00\x00\x00", line(3), `{"title": `, line(5)},
			titles:   []string{"article 1", "article 3", "article 5"},
			problems: []wantProblem{{file: "dump.jsonl", line: 2, has: "invalid JSON"}, {file: "dump.jsonl", line: 4, has: "invalid JSON"}},
		},
		{
			name:     "NUL after the object",
			lines:    []string{line(1), line(2) + "\x00", line(3)},
			titles:   []string{"article 1", "article 3"},
			problems: []wantProblem{{file: "dump.jsonl", line: 2, has: "invalid JSON"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string][]byte{"dump.jsonl": []byte(strings.Join(tt.lines, "\n") + "\n")})
			t.Chdir(dir)
			items, problems := collect(t, Read(context.Background(), []string{"dump.jsonl"}, Options{}))
			var titles []string
			for _, it := range items {
				titles = append(titles, it.Title)
			}
			if !equal(titles, tt.titles...) {
				t.Errorf("titles %q, want %q", titles, tt.titles)
			}
			checkProblems(t, problems, tt.problems)
		})
	}
}

// TestBinaryFiles checks that files that are not text are still rejected,
// by their signature or by the share of control bytes in their start, with
// a message that says so, and that text with a stray control byte is not.
func TestBinaryFiles(t *testing.T) {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("article.txt")
	w.Write([]byte("Zipped text."))
	zw.Close()
	var table bytes.Buffer // an unknown binary format: little-endian integers
	for i := range 2000 {
		bin.Write(&table, bin.LittleEndian, uint32(i*37))
	}
	tests := []struct {
		name string
		data []byte
		has  string // in the message; "" means the file is text
	}{
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "binary file (PNG image), not an article"},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "binary file (PDF document), not an article"},
		{"ELF", append([]byte("\x7FELF\x02\x01\x01\x00"), make([]byte, 56)...), "binary file (executable), not an article"},
		{"zip", zipped.Bytes(), "binary file (zip archive), not an article"},
		{"unknown format", table.Bytes(), "bytes are control bytes), not an article"},
		{"text with one NUL", []byte(strings.Repeat("The harbour crane is back. ", 20) + "\x00 More text."), ""},
		{"short text with one NUL", []byte("text\x00text"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, problems := readBytes(t, "in", tt.data, Options{})
			if tt.has == "" {
				if len(items) != 1 || len(problems) != 0 {
					t.Errorf("items %d, problems %v; want the text read as one item", len(items), problems)
				}
				return
			}
			if len(items) != 0 || len(problems) != 1 || !errors.Is(problems[0], ErrBinary) || !strings.Contains(problems[0].Error(), tt.has) {
				t.Errorf("items %d, problems %v; want one saying %q", len(items), problems, tt.has)
			}
		})
	}
}
