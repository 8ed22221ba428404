package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestHostileNames ingests files whose names (and a URL) hold a
// newline and a right-to-left override: each input's message is exactly one
// line of standard error, with the name escaped, so no line can be forged
// ("FAKE: ingest ok") or reordered.
func TestIngestHostileNames(t *testing.T) {
	const evil = "evil\nFAKE: ingest ok\u202Etxt"
	tests := []struct {
		name string
		file string
		data []byte
		want string // the one line of stderr about the file, DIR its folder
	}{
		{"empty file", evil + ".txt", nil, `"DIR/evil\nFAKE: ingest ok\u202etxt.txt": empty file`},
		{"page with no article", evil + ".html", []byte(`<html><body><nav><a href="/">Home</a></nav></body></html>`),
			`"DIR/evil\nFAKE: ingest ok\u202etxt.html": extract page: no article text: invalid`},
		{"record whose URL holds a newline", "wire.jsonl", jsonl(map[string]any{
			"url": "https://wire.example/a\nFAKE: ingest ok\u202e", "html": `<html><body><nav><a href="/">Home</a></nav></body></html>`}),
			`DIR/wire.jsonl:1: extract https://wire.example/a\nFAKE: ingest ok\u202e: no article text: invalid`},
		{"warning", evil + ".txt", []byte("Zürich café São Paulo —\xff " + story),
			`warning: "DIR/evil\nFAKE: ingest ok\u202etxt.txt": offset 28: 1 invalid byte replaced with U+FFFD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{tt.file: tt.data})
			db := filepath.Join(t.TempDir(), "s.db")
			_, out, errs := cli(t, "", "ingest", "--db", db, filepath.Join(dir, tt.file))
			var lines []string
			for _, l := range strings.Split(strings.TrimSuffix(errs, "\n"), "\n") {
				if !strings.HasPrefix(l, "storyline ingest: ") { // the count of failures
					lines = append(lines, l)
				}
			}
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			if len(lines) != 1 || lines[0] != want {
				t.Errorf("stderr %q, want one line %s", errs, want)
			}
			if strings.ContainsRune(errs, '\u202E') || strings.Contains(errs+out, "\nFAKE") {
				t.Errorf("output carries a raw newline or override: %q %q", out, errs)
			}
		})
	}
}
