package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// seedKinds are the seeds' kinds: 000 and 004 are editorials.
var seedKinds = map[string]news.ArticleKind{"000": news.Opinion, "001": news.NewsReport, "002": news.NewsReport, "003": news.NewsReport, "004": news.Opinion}

// TestSeedsKinds checks issue 20's seed criteria: the editorials are
// opinion and the reports news, each with its reasons; --kind lists each
// kind; stories count both.
func TestSeedsKinds(t *testing.T) {
	db, ids := seedStore(t)
	for p, want := range seedKinds {
		a := getArticle(t, db, ids[p])
		if a.Kind != want || len(a.KindReasons) == 0 || !strings.HasPrefix(a.KindReasons[0], "text: ") {
			t.Errorf("%s: kind %q because %q; want %s, read from the text", p, a.Kind, a.KindReasons, want)
		}
	}
	for _, kind := range []news.ArticleKind{news.Opinion, news.NewsReport} {
		var got []string
		for _, s := range listArticles(t, db, "--kind", string(kind)).Articles {
			for p, id := range ids {
				if s.ID == id && s.Kind == kind {
					got = append(got, p)
				}
			}
		}
		slices.Sort(got)
		var want []string
		for p, k := range seedKinds {
			if k == kind {
				want = append(want, p)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("articles --kind %s lists %v, want %v", kind, got, want)
		}
	}
	if code, _, errs := cli(t, "", "articles", "--db", db, "--kind", "blog"); code != 2 || !strings.Contains(errs, "news or opinion") {
		t.Errorf("articles --kind blog: exit %d, %q; want a usage error", code, errs)
	}
	var stories struct {
		Stories []news.StorySummary `json:"stories"`
	}
	jsonOut(t, &stories, "stories", "--db", db)
	reports, opinions := 0, 0
	for _, s := range stories.Stories {
		if s.Reports+s.Opinions != s.Size {
			t.Errorf("story %s: %d news + %d opinion, but %d articles", s.ID, s.Reports, s.Opinions, s.Size)
		}
		reports += s.Reports
		opinions += s.Opinions
	}
	if reports != 3 || opinions != 2 {
		t.Errorf("stories count %d news and %d opinion, want 3 and 2", reports, opinions)
	}
	if _, out, _ := cli(t, "", "stories", "--db", db); !strings.Contains(out, "NEWS") || !strings.Contains(out, "OPINION") {
		t.Errorf("stories shows no counts of kinds:\n%s", out)
	}
}

// TestSeedsEditorialsQuoteNoCountry checks that an editorial's own
// argument is not reported as a quote ("Pakistan ought to require ...",
// "the US expects ..."), while the words it attributes to named people
// stay quotes.
func TestSeedsEditorialsQuoteNoCountry(t *testing.T) {
	db, ids := seedStore(t)
	var qs quotePage
	jsonOut(t, &qs, "quotes", "--db", db, "--limit", "1000")
	speakers := map[string][]string{}
	for _, q := range qs.Quotes {
		for _, p := range []string{"000", "004"} {
			if q.Article.ID == ids[p] {
				speakers[p] = append(speakers[p], q.Speaker)
				// Countries, groups named as places and pronouns argued for.
				if !q.Direct && slices.Contains([]string{"Pakistan", "US", "Taliban", "TTP", "Kabul", "they", "the government"}, q.Speaker) {
					t.Errorf("%s: %q is quoted as %s's (%s); it is the editorial's own view", p, q.Text, q.Speaker, q.Cue)
				}
			}
		}
	}
	for p, want := range map[string][]string{"000": {"Wendy Sherman", "Imran Khan"}, "004": {"Mohsin Naqvi"}} {
		for _, w := range want {
			if !slices.Contains(speakers[p], w) {
				t.Errorf("%s: %s's words are no longer quoted (speakers %q)", p, w, speakers[p])
			}
		}
	}
}

// TestOldStoreGetsKinds opens a store from before kinds (schema 12) whose
// editorial holds a quote that is its own argument: any command lists
// every article with its kind, and the quote is gone.
func TestOldStoreGetsKinds(t *testing.T) {
	db, ids := seedStore(t)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE quotes DROP COLUMN speaker_start`, `ALTER TABLE quotes DROP COLUMN speaker_end`, `ALTER TABLE quotes DROP COLUMN parts`,
		`DROP INDEX articles_unkinded`, `DROP INDEX articles_kind_recent`, `DROP INDEX articles_id_kind`,
		`ALTER TABLE articles DROP COLUMN kind`, `ALTER TABLE articles DROP COLUMN kind_reasons`,
		`ALTER TABLE stories DROP COLUMN reports`, `ALTER TABLE stories DROP COLUMN opinions`, `ALTER TABLE quotes DROP COLUMN kind`,
		// What an older storyline found in 004: "Pakistan ought to require that ...".
		`INSERT INTO quotes (article, start, end, text, speaker, entity, cue, direct, sent_start, sent_end)
			VALUES ('` + string(ids["004"]) + `', 2000, 2100, 'TTP fighters be moved far from the border', 'Pakistan', 'loc-pakistan', 'require', 0, 1990, 2200)`,
		`PRAGMA user_version = 12`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	code, out, errs := cli(t, "", "articles", "--db", db, "--json")
	if code != 0 || !strings.Contains(errs, "classified 5 articles") {
		t.Fatalf("articles on an old store: exit %d, stderr %q", code, errs)
	}
	var l articleList
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Articles {
		for p, id := range ids {
			if s.ID == id && s.Kind != seedKinds[p] {
				t.Errorf("%s: kind %q after the upgrade, want %s", p, s.Kind, seedKinds[p])
			}
		}
	}
	var qs quotePage
	jsonOut(t, &qs, "quotes", "--db", db, "--speaker", "Pakistan", "--limit", "1000")
	for _, q := range qs.Quotes {
		if q.Article.ID == ids["004"] && q.Cue == "require" {
			t.Errorf("the editorial's own argument is still a quote of Pakistan: %q", q.Text)
		}
	}
	var stories struct {
		Stories []news.StorySummary `json:"stories"`
	}
	jsonOut(t, &stories, "stories", "--db", db)
	opinions := 0
	for _, s := range stories.Stories {
		opinions += s.Opinions
	}
	if opinions != 2 {
		t.Errorf("stories count %d opinion pieces after the upgrade, want 2", opinions)
	}
}

// TestEvalOpinion scores the classifier on the seeds written as a labelled
// JSON Lines file, with a row it cannot score.
func TestEvalOpinion(t *testing.T) {
	needSeeds(t)
	var rows []map[string]any
	for p, kind := range seedKinds {
		paths, _ := filepath.Glob(filepath.Join(seedsDir, p+"_*.txt"))
		if len(paths) != 1 {
			t.Fatalf("seed %s: %v", p, paths)
		}
		b, err := os.ReadFile(paths[0])
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, map[string]any{"title": "", "text": string(b), "kind": string(kind)})
	}
	rows = append(rows, map[string]any{"title": "x", "text": "y", "kind": "satire"})
	path := filepath.Join(t.TempDir(), "kinds.jsonl")
	if err := os.WriteFile(path, jsonl(rows...), 0o644); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Articles int     `json:"articles"`
		Skipped  int     `json:"skipped"`
		Accuracy float64 `json:"accuracy"`
		MacroF1  float64 `json:"macro_f1"`
	}
	jsonOut(t, &r, "eval", "opinion", path)
	if r.Articles != 5 || r.Skipped != 1 || r.Accuracy != 1 || r.MacroF1 != 1 {
		t.Errorf("eval opinion on the seeds = %+v; want 5 articles all right, 1 skipped", r)
	}
}
