package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/sqlite"
)

// splitLines writes the first n lines of file to one file and the rest to
// another, and returns both.
func splitLines(t *testing.T, file string, n int) (string, string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var head, tail strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		b := &head
		if i >= n {
			b = &tail
		}
		b.WriteString(sc.Text() + "\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(file)
	a, b := filepath.Join(dir, "head.jsonl"), filepath.Join(dir, "tail.jsonl")
	writeFiles(t, dir, map[string][]byte{"head.jsonl": []byte(head.String()), "tail.jsonl": []byte(tail.String())})
	return a, b
}

// storyMembership returns every stored article's story, and the number of
// articles stored.
func storyMembership(t *testing.T, db string) (map[string]string, int) {
	t.Helper()
	ctx := context.Background()
	st := openDB(t, db)
	arts, total, err := st.Articles(ctx, news.ArticleFilter{Limit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]news.ArticleID, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	of, err := st.StoriesOf(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for a, s := range of {
		out[string(a)] = string(s)
	}
	if err := st.Check(ctx); err != nil {
		t.Errorf("store check: %v", err)
	}
	return out, total
}

// TestIncrementalIngestSurvivesKill kills an ingest into a grouped store
// with SIGKILL while it stores, analyses and groups incrementally, then
// runs it again: every article must be stored once and in a story, and
// the stories must agree with a full regroup of the same articles.
func TestIncrementalIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real processes")
	}
	// Killed while it stores and analyses, and once everything is stored,
	// while it groups.
	for _, when := range []string{"storing", "grouping"} {
		t.Run(when, func(t *testing.T) { killIncremental(t, when) })
	}
}

func killIncremental(t *testing.T, when string) {
	dir := t.TempDir()
	const n, base = 3000, 1000
	head, tail := splitLines(t, writeBenchCorpus(t, dir, n), base)
	db := filepath.Join(dir, "s.db")
	if code, out, errs := cli(t, "", "ingest", "--db", db, head); code != 0 {
		t.Fatalf("first ingest: %d %s %s", code, out, errs)
	}
	_, stored := storyMembership(t, db)
	cmd := exec.Command(os.Args[0], "ingest", "--db", db, tail)
	cmd.Env = append(os.Environ(), "STORYLINE_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has stored some of the new articles (most of its
	// batches are then stored but not yet grouped), or once it has stored
	// them all and groups.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		c := storedCount(db)
		if when == "storing" && c > stored+200 || when == "grouping" && c >= n-5 {
			break
		}
	}
	if when == "grouping" {
		time.Sleep(300 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	killedAt := storedCount(db)
	code, out, errs := cli(t, "", "ingest", "--db", db, tail)
	if code != 0 {
		t.Fatalf("ingest after kill at %d articles: exit %d %s %s", killedAt, code, out, errs)
	}
	inc, total := storyMembership(t, db)
	if len(inc) != total {
		t.Errorf("after kill at %d and re-ingest: %d of %d articles in a story", killedAt, len(inc), total)
	}
	if code, out, errs := cli(t, "", "regroup", "--db", db); code != 0 {
		t.Fatalf("regroup: %d %s %s", code, out, errs)
	}
	full, total2 := storyMembership(t, db)
	if total2 != total {
		t.Errorf("regroup changed the articles: %d, then %d", total, total2)
	}
	s := clustering.Score(full, inc)
	t.Logf("killed while %s at %d of %d stored articles; incremental vs full regroup: BCubed F1 %.3f", when, killedAt, total, s.BCubedF1)
	if s.BCubedF1 < 0.98 {
		t.Errorf("incremental vs full regroup after a kill: BCubed F1 %.3f, want >= 0.98", s.BCubedF1)
	}
}

// storedCount returns the number of articles stored in db, or -1.
func storedCount(db string) int {
	ctx := context.Background()
	if addressScheme(db) == "" {
		if _, err := os.Stat(db); err != nil {
			return -1
		}
	}
	st, err := openStore(ctx, &Env{DBPath: db, Stderr: io.Discard}, true)
	if err != nil {
		return -1
	}
	defer st.Close()
	c, err := st.Count(ctx)
	if err != nil {
		return -1
	}
	return c
}

// storylineMembership returns every stored article's storyline.
func storylineMembership(t *testing.T, db string) map[string]string {
	t.Helper()
	ctx := context.Background()
	st := openDB(t, db)
	lines, _, err := st.Storylines(ctx, 1_000_000, 0)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := map[string]string{}
	for _, l := range lines {
		for _, s := range l.Stories {
			lineOf[string(s)] = string(l.ID)
		}
	}
	stories, _ := storyMembership(t, db)
	out := map[string]string{}
	for a, s := range stories {
		out[a] = lineOf[s]
	}
	return out
}

// TestIncrementalStorylines adds articles a hundred at a time to a
// grouped store and compares the storylines with a full regroup's.
func TestIncrementalStorylines(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 3,000 articles")
	}
	dir := t.TempDir()
	const n, base = 3000, 1500
	file := writeBenchCorpus(t, dir, n)
	db := filepath.Join(dir, "s.db")
	head, _ := splitLines(t, file, base)
	if code, out, errs := cli(t, "", "ingest", "--db", db, head); code != 0 {
		t.Fatalf("first ingest: %d %s %s", code, out, errs)
	}
	for k := base; k < n; k += 100 {
		_, part := splitLines(t, file, k)
		part, _ = splitLines(t, part, 100)
		if code, out, errs := cli(t, "", "ingest", "--db", db, part); code != 0 {
			t.Fatalf("ingest of rows %d-%d: %d %s %s", k, k+100, code, out, errs)
		}
	}
	inc := storylineMembership(t, db)
	incStories, _ := storyMembership(t, db)
	incEntities := entityMentions(t, db)
	if code, out, errs := cli(t, "", "regroup", "--db", db); code != 0 {
		t.Fatalf("regroup: %d %s %s", code, out, errs)
	}
	full := storylineMembership(t, db)
	fullStories, _ := storyMembership(t, db)
	fullEntities := entityMentions(t, db)
	same := 0
	for id, n := range fullEntities {
		if incEntities[id] == n {
			same++
		}
	}
	t.Logf("entities: %d after incremental ingests, %d after a full regroup, %d with the same ID and mentions", len(incEntities), len(fullEntities), same)
	if same < len(fullEntities)*99/100 || len(incEntities) > len(fullEntities)*101/100 {
		t.Errorf("entities differ from a full regroup's: %d of %d the same, %d in all", same, len(fullEntities), len(incEntities))
	}
	s, l := clustering.Score(fullStories, incStories), clustering.Score(full, inc)
	t.Logf("incremental vs full regroup: stories BCubed F1 %.3f, storylines %.3f (P %.3f R %.3f)", s.BCubedF1, l.BCubedF1, l.BCubedPrecision, l.BCubedRecall)
	if s.BCubedF1 < 0.98 {
		t.Errorf("stories: BCubed F1 %.3f, want >= 0.98", s.BCubedF1)
	}
	if l.BCubedF1 < 0.9 {
		t.Errorf("storylines: BCubed F1 %.3f, want >= 0.9", l.BCubedF1)
	}
}

// entityMentions returns the stored entities' mention counts.
func entityMentions(t *testing.T, db string) map[news.EntityID]int {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.ResolverEntities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[news.EntityID]int{}
	for _, e := range list {
		out[e.ID] = e.Mentions
	}
	return out
}

// openDB opens the store db for the rest of the test.
func openDB(t *testing.T, db string) checkedStore {
	t.Helper()
	st, err := openStore(context.Background(), &Env{DBPath: db, Stderr: io.Discard}, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.(checkedStore)
}

// checkedStore is a store with a consistency check, as both backends have.
type checkedStore interface {
	Store
	Check(ctx context.Context) error
}
