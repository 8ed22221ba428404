package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

// BenchmarkMarginalAgreement measures, at the scale of BenchmarkMarginal's
// stores, how far grouping what ingests add agrees with a full regroup
// (issue 19: "BCubed F1 between the two ... on a large generated
// corpus"). It adds the held-out articles to a copy of the store of M
// (built, or reused from STORYLINE_BENCH_CACHE, as BenchmarkMarginal
// builds it) in the ingests STORYLINE_BENCH_AGREE lists (default
// "100,900": the first 100 held-out articles, then the next 900), each
// grouped incrementally; then regroups the copy whole (storyline
// regroup) and scores the incremental grouping against the full one,
// BCubed F1, over the articles of every story (story-f1) or storyline
// (storyline-f1) that holds an added article in either. A regroup of a
// million takes a quarter of an hour; run one iteration:
// -benchtime 1x.
func BenchmarkMarginalAgreement(b *testing.B) {
	stores := benchInts(b, "STORYLINE_BENCH_STORES", "10000")
	adds := benchInts(b, "STORYLINE_BENCH_AGREE", "100,900")
	total := 0
	for _, n := range adds {
		total += n
	}
	eachMarginalStore(b, stores, max(1000, total+total%2), func(b *testing.B, base, extra string) {
		for b.Loop() {
			agree(b, base, heldOut(b, extra, adds))
		}
	})
}

// heldOut writes the held-out articles of extra, in order, to one file
// for each of adds, as many as it says.
func heldOut(b *testing.B, extra string, adds []int) []string {
	data, err := os.ReadFile(extra)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	var files []string
	for i, n := range adds {
		if n > len(lines) {
			b.Fatalf("%d articles to add, %d held out left", n, len(lines))
		}
		path := filepath.Join(b.TempDir(), fmt.Sprintf("agree-%d.jsonl", i))
		if err := os.WriteFile(path, []byte(strings.Join(lines[:n], "\n")+"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		files, lines = append(files, path), lines[n:]
	}
	return files
}

// agree ingests files one at a time into a copy of the store base,
// regroups the copy, and reports the agreement of the two groupings.
func agree(b *testing.B, base string, files []string) {
	ctx := context.Background()
	dir := b.TempDir()
	defer os.RemoveAll(dir) // a copy of a large store is gigabytes
	env := &Env{DBPath: filepath.Join(dir, "agree.db")}
	copyStore(b, base, env.DBPath)
	st, pl, err := openPipeline(ctx, env)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	added := articleIDs(b, files)
	for _, f := range files {
		if _, err := pl.Ingest(ctx, source.Read(ctx, []string{f}, source.Options{}), ingest.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	inc := groupsOf(b, st, added)
	if err := pl.Regroup(ctx); err != nil {
		b.Fatal(err)
	}
	full := groupsOf(b, st, added)
	stories := clustering.Score(full.story.over(inc.story), inc.story.over(full.story))
	lines := clustering.Score(full.line.over(inc.line), inc.line.over(full.line))
	b.ReportMetric(stories.BCubedF1, "story-f1")
	b.ReportMetric(lines.BCubedF1, "storyline-f1")
	b.ReportMetric(lines.BCubedPrecision, "storyline-p")
	b.ReportMetric(lines.BCubedRecall, "storyline-r")
	b.ReportMetric(float64(len(added)), "added")
}

// articleIDs returns the IDs an ingest gives the articles in files.
func articleIDs(b *testing.B, files []string) []news.ArticleID {
	var ids []news.ArticleID
	for it, err := range source.Read(context.Background(), files, source.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		a, err := ingest.Article(it, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

// labels maps articles to the story or storyline they are in.
type labels map[string]string

// over returns l for every article that l or other labels, an article l
// does not label standing alone.
func (l labels) over(other labels) map[string]string {
	out := map[string]string{}
	for _, m := range []labels{l, other} {
		for a := range m {
			if g, ok := l[a]; ok {
				out[a] = g
			} else {
				out[a] = "alone:" + a
			}
		}
	}
	return out
}

// groupings are the stories and storylines of the articles that share
// one with an added article.
type groupings struct{ story, line labels }

// groupsOf reads the stories and storylines of the added articles, with
// every article in them.
func groupsOf(b *testing.B, st Store, added []news.ArticleID) groupings {
	ctx := context.Background()
	of, err := st.StoriesOf(ctx, added)
	if err != nil {
		b.Fatal(err)
	}
	var stories []news.StoryID
	for _, s := range of {
		stories = append(stories, s)
	}
	lineOf, err := st.StorylinesOf(ctx, stories)
	if err != nil {
		b.Fatal(err)
	}
	g := groupings{story: labels{}, line: labels{}}
	lines, _, err := st.Storylines(ctx, 1<<30, 0)
	if err != nil {
		b.Fatal(err)
	}
	inLine := map[news.StorylineID][]news.StoryID{}
	for _, l := range lines {
		inLine[l.ID] = l.Stories
	}
	read := map[news.StorylineID]bool{}
	for _, s := range stories {
		if err := label(ctx, st, g.story, []news.StoryID{s}, string(s)); err != nil {
			b.Fatal(err)
		}
		l, ok := lineOf[s]
		switch {
		case !ok:
			err = label(ctx, st, g.line, []news.StoryID{s}, "story:"+string(s))
		case !read[l]:
			read[l] = true
			err = label(ctx, st, g.line, inLine[l], "line:"+string(l))
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return g
}

// label sets m[a] to name for every article of stories.
func label(ctx context.Context, st Store, m labels, stories []news.StoryID, name string) error {
	members, err := st.Members(ctx, stories)
	for _, a := range members {
		m[string(a)] = name
	}
	return err
}
