package source

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestEncodingEvidence checks that the encoding of an input is decided by
// the evidence of its bytes, not by one stray byte: UTF-8 with a few bad
// bytes stays UTF-8, the bad bytes replaced with U+FFFD and reported as a
// warning naming the file and the byte offset (the item is still read),
// while Windows-1252 and Latin-1 inputs are decoded as before, silently.
func TestEncodingEvidence(t *testing.T) {
	const want = "Zürich café São Paulo —"
	const stray = "Zürich café \xff São Paulo —" // one stray byte
	const cp1252 = "Z\xfcrich caf\xe9 S\xe3o Paulo \x97"
	rss := func(title string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>` +
			`<item><title>` + title + `</title><link>https://x.example/1</link><description>One.</description></item>` +
			`<item><title>Second</title><link>https://x.example/2</link><description>Two.</description></item></channel></rss>`
	}
	type check struct {
		field   func(Item) string // the field that holds the text
		want    string
		warning string // the warning's message, "" for none
	}
	text := func(it Item) string { return it.Text }
	title := func(it Item) string { return it.Title }
	html := func(it Item) string { return string(it.HTML) }
	jsonl := `{"title": "plain"}` + "\n" + `{"title": "` + stray + `"}` + "\n"
	tests := []struct {
		name string
		file string
		data string
		check
	}{
		{"utf-8 text with a stray byte", "a.txt", "Headline\n\n" + stray,
			check{text, "Headline\n\nZürich café \uFFFD São Paulo —", fmt.Sprintf("a.txt: offset %d: 1 invalid byte replaced with U+FFFD", len("Headline\n\nZürich café "))}},
		{"utf-8 text with a NUL", "a.txt", "Headline\n\n" + want + "\x00",
			check{text, "Headline\n\n" + want + "\uFFFD", fmt.Sprintf("a.txt: offset %d: 1 invalid byte replaced with U+FFFD", len("Headline\n\n"+want))}},
		{"utf-8 text", "a.txt", want, check{text, want, ""}},
		{"windows-1252 text", "a.txt", cp1252, check{text, want, ""}},
		{"latin-1 text", "a.txt", "Z\xfcrich caf\xe9 S\xe3o Paulo", check{text, "Zürich café São Paulo", ""}},
		{"utf-8 json line with a stray byte", "a.jsonl", jsonl,
			check{title, "Zürich café \uFFFD São Paulo —", fmt.Sprintf("a.jsonl:2: offset %d: 1 invalid byte replaced with U+FFFD", strings.Index(jsonl, "\xff"))}},
		{"windows-1252 json line", "a.jsonl", `{"title": "plain"}` + "\n" + `{"title": "` + cp1252 + `"}` + "\n", check{title, want, ""}},
		{"utf-8 feed with a stray byte", "a.xml", rss(stray),
			check{title, "Zürich café \uFFFD São Paulo —", fmt.Sprintf("a.xml: offset %d: 1 invalid byte replaced with U+FFFD", strings.Index(rss(stray), "\xff"))}},
		{"windows-1252 feed", "a.xml", rss(cp1252), check{title, want, ""}},
		{"utf-8 html with a stray byte", "a.html", "<html><body><p>" + stray + "</p></body></html>",
			check{html, "<html><body><p>Zürich café \uFFFD São Paulo —</p></body></html>", fmt.Sprintf("a.html: offset %d: 1 invalid byte replaced with U+FFFD", len("<html><body><p>Zürich café "))}},
		{"windows-1252 html", "a.html", "<html><body><p>" + cp1252 + "</p></body></html>",
			check{html, "<html><body><p>" + cp1252 + "</p></body></html>", ""}}, // left for the extractor
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string][]byte{tt.file: []byte(tt.data)})
			t.Chdir(dir)
			items, problems := collect(t, Read(context.Background(), []string{tt.file}, Options{}))
			if len(problems) > 0 {
				t.Fatalf("problems %v: a stray byte must not fail the item", problems)
			}
			var got string
			var warnings []*Problem
			for _, it := range items {
				if s := tt.field(it); s != "plain" && s != "Second" {
					got = s
				}
				warnings = append(warnings, it.Warnings...)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			switch {
			case tt.warning == "" && len(warnings) > 0:
				t.Errorf("warnings %v, want none", warnings)
			case tt.warning == "":
			case len(warnings) != 1:
				t.Errorf("warnings %v, want %q", warnings, tt.warning)
			case warnings[0].Error() != tt.warning || !errors.Is(warnings[0], ErrReplaced):
				t.Errorf("warning %q, want %q", warnings[0], tt.warning)
			}
		})
	}
}
