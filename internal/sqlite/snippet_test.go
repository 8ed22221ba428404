package sqlite

import (
	"fmt"
	"strings"
	"testing"
)

// TestSnippetAgreesWithIndex checks the highlighter against FTS5's own
// highlight(): both must mark the same words.
func TestSnippetAgreesWithIndex(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, t.TempDir()+"/s.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	texts := []string{
		"Negotiators met in Port Avel on Monday. The negotiation over the Peña dam failed; NEGOTIATING again is planned.",
		"Flooding hit the valleys; the floods were the worst since 1998. Ferries stopped and a ferry ran aground near Lisk.",
		"The Tehreek-e-Taliban Pakistan (TTP) claimed the attack. Pakistan's army said militants crossed from Afghanistan.",
		"Ministers argued, arguing that the arguments were generalised; generalization is what they feared. Relational relativity.",
	}
	for i, text := range texts {
		if _, err := s.db.Exec(`INSERT INTO articles (id, text, text_hash, ingested) VALUES (?, ?, ?, '')`, fmt.Sprint(i), text, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"negotiator", "negotiat*", "pena", "flood", "ferry", "ferri*", "pakistan", "taliban ttp", "argue", "general*", "generalization", "relativ*", "1998", "\"port avel\""} {
		rows, err := s.db.Query(`SELECT a.text, highlight(articles_fts, 1, char(1), char(2)) FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?`, ftsQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var text, hl string
			rows.Scan(&text, &hl)
			var want []string
			for _, part := range strings.Split(hl, "\x01")[1:] {
				want = append(want, part[:strings.IndexByte(part, 2)])
			}
			got := newHighlighter(q).Marks(text)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("query %q in %q: marked %q, index marks %q", q, text, got, want)
			}
		}
		rows.Close()
	}
}
