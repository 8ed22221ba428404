package postgres_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/storetest"
)

// TestSnippetAgreesWithIndex checks the highlighter against PostgreSQL's
// ts_headline over the index's configuration: both must mark the same
// words.
func TestSnippetAgreesWithIndex(t *testing.T) {
	ctx := t.Context()
	db, err := pgx.Connect(ctx, storetest.PostgresDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	s, err := postgres.Open(ctx, db.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	texts := []string{
		"Negotiators met in Port Avel on Monday. The negotiation over the Peña dam failed; NEGOTIATING again is planned.",
		"Flooding hit the valleys; the floods were the worst since 1998. Ferries stopped and a ferry ran aground near Lisk.",
		"The Tehreek-e-Taliban Pakistan (TTP) claimed the attack. Pakistan's army said militants crossed from Afghanistan.",
		"Ministers argued, arguing that the arguments were generalised; generalization is what they feared. Relational relativity.",
	}
	for i, text := range texts {
		if _, err := db.Exec(ctx, `INSERT INTO articles (id, text, text_hash, ingested) VALUES ($1, $2, $3, '')`, fmt.Sprint(i), text, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"negotiator", "negotiat*", "pena", "flood", "ferry", "ferri*", "pakistan", "taliban ttp", "argue", "general*", "generalization", "relativ*", "1998", "\"port avel\""} {
		rows, err := db.Query(ctx, `SELECT text, ts_headline('storyline', text, to_tsquery('storyline', $1), 'StartSel=<<, StopSel=>>, HighlightAll=true')
			FROM articles a JOIN articles_fts f ON f.seq = a.seq WHERE f.fts @@ to_tsquery('storyline', $1)`, postgres.TSQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
			var text, hl string
			if err := rows.Scan(&text, &hl); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, part := range strings.Split(hl, "<<")[1:] {
				want = append(want, part[:strings.Index(part, ">>")])
			}
			if got := postgres.Marks(q, text); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("query %q in %q: marked %q, index marks %q", q, text, got, want)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if n == 0 {
			t.Errorf("query %q matched nothing", q)
		}
	}
}
