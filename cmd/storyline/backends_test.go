package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/storetest"
)

// backend is every read both stores serve.
type backend interface {
	Store
	server.Store
	ResolverEntities(ctx context.Context) ([]news.Entity, error)
	Members(ctx context.Context, stories []news.StoryID) ([]news.ArticleID, error)
	Frequencies(ctx context.Context, keys []string) (news.Frequencies, error)
}

var (
	_ backend = (*sqlite.DB)(nil)
	_ backend = (*postgres.DB)(nil)
)

// TestPostgresSameAnswers ingests the demo corpus and then the seeds into
// SQLite and PostgreSQL through the CLI, merges two stories, and asks
// both stores every read the commands, the server and the grouping make,
// with the filters each takes, over every article, story, storyline and
// the most mentioned entities: the answers must be equal, but for the
// times articles were ingested and decisions made, and search scores and
// order (BM25 against ts_rank_cd).
func TestPostgresSameAnswers(t *testing.T) {
	needSeeds(t)
	ctx := t.Context()
	pgAddr := storetest.PostgresDB(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "demo")
	if err := demo.WriteTo(corpus); err != nil {
		t.Fatal(err)
	}
	litePath := filepath.Join(dir, "s.db")
	for _, db := range []string{litePath, pgAddr} {
		for _, in := range []string{corpus, seedsDir} {
			if code, out, errs := cli(t, "", "ingest", "--db", db, in); code != 0 {
				t.Fatalf("ingest %s into %s: exit %d\n%s%s", in, db, code, out, errs)
			}
		}
	}
	// A person's merge of two stories: a decision, and a moved ID.
	var list struct {
		Stories []news.StorySummary `json:"stories"`
	}
	jsonOut(t, &list, "stories", "--db", litePath)
	if len(list.Stories) < 3 {
		t.Fatalf("%d stories, want 3 or more", len(list.Stories))
	}
	for _, db := range []string{litePath, pgAddr} {
		if code, out, errs := cli(t, "", "story", "merge", "--db", db, string(list.Stories[0].ID), string(list.Stories[2].ID)); code != 0 {
			t.Fatalf("story merge in %s: exit %d\n%s%s", db, code, out, errs)
		}
	}
	lite, err := sqlite.Open(ctx, litePath)
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := postgres.Open(ctx, pgAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	calls := sameAnswerCalls(t, lite)
	calls = append(calls, sameCall{"MovedTo(merged)", func(ctx context.Context, s backend) (any, error) {
		return s.MovedTo(ctx, news.KindStory, string(list.Stories[2].ID))
	}})
	t.Logf("%d reads", len(calls))
	if len(calls) < 100 {
		t.Fatalf("only %d calls to compare", len(calls))
	}
	opts := cmp.Options{cmpopts.IgnoreFields(news.Article{}, "Ingested"), cmpopts.IgnoreFields(news.Decision{}, "Created"), cmpopts.EquateEmpty()}
	for _, c := range calls {
		want, werr := c.call(ctx, lite)
		got, gerr := c.call(ctx, pg)
		if (werr == nil) != (gerr == nil) {
			t.Errorf("%s: SQLite error %v, PostgreSQL error %v", c.name, werr, gerr)
			continue
		}
		if diff := cmp.Diff(want, got, opts); diff != "" {
			t.Errorf("%s: PostgreSQL differs from SQLite (-SQLite +PostgreSQL):\n%s", c.name, diff)
		}
	}
}

// A sameCall is one read to ask both stores.
type sameCall struct {
	name string
	call func(context.Context, backend) (any, error)
}

// sameAnswerCalls returns the reads to compare, with arguments taken from
// what the store ref holds.
func sameAnswerCalls(t *testing.T, ref backend) []sameCall {
	t.Helper()
	ctx := t.Context()
	arts, _, err := ref.Articles(ctx, news.ArticleFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	stories, _, err := ref.Stories(ctx, news.StoryFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	lines, _, err := ref.Storylines(ctx, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	ents, _, err := ref.Entities(ctx, news.EntityFilter{Limit: 12})
	if err != nil {
		t.Fatal(err)
	}
	var ids []news.ArticleID
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	var storyIDs []news.StoryID
	for _, s := range stories {
		storyIDs = append(storyIDs, s.ID)
	}
	var lineIDs []news.StorylineID
	for _, l := range lines {
		lineIDs = append(lineIDs, l.ID)
	}
	var entIDs []news.EntityID
	var keys []string
	for _, e := range ents {
		entIDs = append(entIDs, e.ID)
		keys = append(keys, e.Keys...)
	}
	c := sameCalls{}
	c.lists(arts, stories, lines, ents)
	c.batches(ids, storyIDs, lineIDs, entIDs)
	c.perItem(ids, storyIDs, lineIDs, entIDs)
	c.grouping(ids, storyIDs, lineIDs, entIDs, keys)
	return c.calls
}

type sameCalls struct{ calls []sameCall }

func (c *sameCalls) add(name string, call func(context.Context, backend) (any, error)) {
	c.calls = append(c.calls, sameCall{name, call})
}

// two makes the two results of a read (a page and its total, say) one
// value to compare.
func two[A, B any](a A, b B, err error) (any, error) { return [2]any{a, b}, err }

// lists adds the listings with their filters.
func (c *sameCalls) lists(arts []news.Summary, stories []news.StorySummary, lines []news.Storyline, ents []news.Entity) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	c.add("Count", func(ctx context.Context, s backend) (any, error) { return s.Count(ctx) })
	c.add("CountUpTo(3)", func(ctx context.Context, s backend) (any, error) { return s.CountUpTo(ctx, 3) })
	c.add("Outlets", func(ctx context.Context, s backend) (any, error) { return s.Outlets(ctx) })
	outlet := ""
	for _, a := range arts {
		if a.Outlet != "" {
			outlet = strings.ToUpper(a.Outlet)
			break
		}
	}
	for _, f := range []news.ArticleFilter{{}, {Limit: 3, Offset: 2}, {Outlet: outlet}, {Kind: news.Opinion}, {Kind: news.NewsReport},
		{From: day("2025-03-20"), To: day("2025-03-25")}} {
		c.add(fmt.Sprintf("Articles(%+v)", f), func(ctx context.Context, s backend) (any, error) { return two(s.Articles(ctx, f)) })
	}
	for _, q := range []string{"Kessel", "dam talks", `"Kessel Dam"`, "negotiat*", "farmers OR ferry", "talks -dam", "Pakistan"} {
		for _, f := range []news.ArticleFilter{{}, {Outlet: outlet}, {From: day("2025-03-21")}} {
			c.add(fmt.Sprintf("Search(%q, %+v)", q, f), func(ctx context.Context, s backend) (any, error) {
				hits, total, err := s.Search(ctx, q, f)
				for i := range hits {
					hits[i].Score = 0
				}
				slices.SortFunc(hits, func(a, b news.SearchHit) int { return strings.Compare(string(a.ID), string(b.ID)) })
				return [2]any{hits, total}, err
			})
		}
	}
	sf := []news.StoryFilter{{}, {Limit: 2, Offset: 1}, {Outlet: outlet}, {From: day("2025-03-22")}, {To: day("2025-03-22")}}
	if len(lines) > 0 {
		sf = append(sf, news.StoryFilter{Storyline: lines[0].ID})
	}
	for _, e := range ents[:min(3, len(ents))] {
		sf = append(sf, news.StoryFilter{Entity: e.ID}, news.StoryFilter{Entity: e.ID, Outlet: outlet})
	}
	for _, f := range sf {
		c.add(fmt.Sprintf("Stories(%+v)", f), func(ctx context.Context, s backend) (any, error) { return two(s.Stories(ctx, f)) })
	}
	c.add("Storylines", func(ctx context.Context, s backend) (any, error) { return two(s.Storylines(ctx, 100, 0)) })
	ef := []news.EntityFilter{{}, {Type: news.Person}, {Query: "dam"}, {Limit: 5, Offset: 3}}
	if len(stories) > 0 {
		ef = append(ef, news.EntityFilter{Story: stories[0].ID})
	}
	for _, f := range ef {
		c.add(fmt.Sprintf("Entities(%+v)", f), func(ctx context.Context, s backend) (any, error) { return two(s.Entities(ctx, f)) })
	}
	qf := []news.QuoteFilter{{}, {Views: true}, {Speaker: "min"}}
	ev := []news.EventFilter{{}, {Type: news.EventAttack}}
	if len(stories) > 0 {
		qf = append(qf, news.QuoteFilter{Story: stories[0].ID})
		ev = append(ev, news.EventFilter{Story: stories[0].ID})
	}
	for _, e := range ents[:min(3, len(ents))] {
		qf = append(qf, news.QuoteFilter{Speaker: string(e.ID)})
	}
	for _, a := range arts[:min(4, len(arts))] {
		qf = append(qf, news.QuoteFilter{Article: a.ID, Views: true})
		ev = append(ev, news.EventFilter{Article: a.ID})
	}
	for _, f := range qf {
		c.add(fmt.Sprintf("Quotes(%+v)", f), func(ctx context.Context, s backend) (any, error) { return two(s.Quotes(ctx, f)) })
	}
	for _, f := range ev {
		c.add(fmt.Sprintf("Events(%+v)", f), func(ctx context.Context, s backend) (any, error) { return two(s.Events(ctx, f)) })
	}
}

// batches adds the batch look-ups, over every ID and one unknown.
func (c *sameCalls) batches(ids []news.ArticleID, stories []news.StoryID, lines []news.StorylineID, ents []news.EntityID) {
	ids = append(slices.Clone(ids), "unknown")
	stories = append(slices.Clone(stories), "s-unknown")
	c.add("ArticlesByID", func(ctx context.Context, s backend) (any, error) { return s.ArticlesByID(ctx, ids) })
	c.add("Analyses", func(ctx context.Context, s backend) (any, error) { return s.Analyses(ctx, ids) })
	c.add("Summaries", func(ctx context.Context, s backend) (any, error) { return s.Summaries(ctx, ids) })
	c.add("StoriesOf", func(ctx context.Context, s backend) (any, error) { return s.StoriesOf(ctx, ids) })
	c.add("CopyCounts", func(ctx context.Context, s backend) (any, error) { return s.CopyCounts(ctx, ids) })
	c.add("QuotesIn", func(ctx context.Context, s backend) (any, error) { return s.QuotesIn(ctx, ids, 1000) })
	c.add("EventsIn", func(ctx context.Context, s backend) (any, error) { return s.EventsIn(ctx, ids, 1000) })
	c.add("EntitiesIn", func(ctx context.Context, s backend) (any, error) { return s.EntitiesIn(ctx, ids, 1000) })
	c.add("Signatures", func(ctx context.Context, s backend) (any, error) { return s.Signatures(ctx, ids) })
	c.add("StoryOutlets", func(ctx context.Context, s backend) (any, error) { return s.StoryOutlets(ctx, stories) })
	c.add("StoryCentroids", func(ctx context.Context, s backend) (any, error) { return s.StoryCentroids(ctx, stories) })
	c.add("StorylinesOf", func(ctx context.Context, s backend) (any, error) { return s.StorylinesOf(ctx, stories) })
	c.add("Members", func(ctx context.Context, s backend) (any, error) { return s.Members(ctx, stories) })
	c.add("StorylineNames", func(ctx context.Context, s backend) (any, error) { return s.StorylineNames(ctx, lines) })
	c.add("EntityNames", func(ctx context.Context, s backend) (any, error) { return s.EntityNames(ctx, ents) })
}

// perItem adds the reads of one article, story, storyline or entity.
func (c *sameCalls) perItem(ids []news.ArticleID, stories []news.StoryID, lines []news.StorylineID, ents []news.EntityID) {
	for _, id := range append(slices.Clone(ids), "unknown") {
		c.add("Article("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.Article(ctx, id) })
		c.add("Analysis("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.Analysis(ctx, id) })
		c.add("StoryOf("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.StoryOf(ctx, id) })
		c.add("Copies("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.Copies(ctx, id) })
		c.add("CopyLinks("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return two(s.CopyLinks(ctx, id, 10, 0)) })
	}
	for _, id := range append(slices.Clone(stories), "s-unknown") {
		c.add("Story("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.Story(ctx, id) })
		c.add("StorySummary("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.StorySummary(ctx, id) })
		c.add("MovedTo("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.MovedTo(ctx, news.KindStory, string(id)) })
		c.add("StoryGroups("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return two(s.StoryGroups(ctx, id, "", 50, 0)) })
		c.add("StoryCopies("+string(id)+")", func(ctx context.Context, s backend) (any, error) {
			groups, _, err := s.StoryGroups(ctx, id, "", 50, 0)
			var heads []news.ArticleID
			for _, g := range groups {
				heads = append(heads, g.ID)
			}
			if err != nil {
				return nil, err
			}
			return s.StoryCopies(ctx, id, heads, "", 3)
		})
	}
	for _, id := range append(slices.Clone(lines), "sl-unknown") {
		c.add("Storyline("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.Storyline(ctx, id) })
		c.add("StorylineSummary("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.StorylineSummary(ctx, id) })
		c.add("StorylineStories("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return two(s.StorylineStories(ctx, id, 10, 0)) })
		c.add("StorylineCentroids("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.StorylineCentroids(ctx, id, 5) })
	}
	for _, id := range append(slices.Clone(ents), "per-unknown") {
		c.add("Entity("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.Entity(ctx, id) })
		c.add("QuotesBy("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return two(s.QuotesBy(ctx, id, 10)) })
		c.add("MentionedIn("+string(id)+")", func(ctx context.Context, s backend) (any, error) { return s.MentionedIn(ctx, id, 10) })
	}
}

// grouping adds the reads a grouping makes.
func (c *sameCalls) grouping(ids []news.ArticleID, stories []news.StoryID, lines []news.StorylineID, ents []news.EntityID, keys []string) {
	c.add("Replay", func(ctx context.Context, s backend) (any, error) {
		var out []news.Analysis
		err := s.Replay(ctx, func(a news.Article, an news.Analysis) error {
			an.Notes = []string{a.Title, a.Text, a.Published.String()} // the article, compared too
			out = append(out, an)
			return nil
		})
		return out, err
	})
	c.add("ReplayOnly", func(ctx context.Context, s backend) (any, error) {
		var out []news.ArticleID
		err := s.ReplayOnly(ctx, ids[:len(ids)/2], func(a news.Article, _ news.Analysis) error { out = append(out, a.ID); return nil })
		return out, err
	})
	c.add("Prior", func(ctx context.Context, s backend) (any, error) { return s.Prior(ctx) })
	c.add("PriorOf", func(ctx context.Context, s backend) (any, error) {
		return s.PriorOf(ctx, ids[:len(ids)/2], []string{"s-new", "sl-new"})
	})
	c.add("Decisions", func(ctx context.Context, s backend) (any, error) { return s.Decisions(ctx) })
	c.add("ResolverEntities", func(ctx context.Context, s backend) (any, error) { return s.ResolverEntities(ctx) })
	c.add("ResolverEntitiesFor", func(ctx context.Context, s backend) (any, error) {
		return s.ResolverEntitiesFor(ctx, ents[:min(2, len(ents))], keys)
	})
	c.add("Frequencies", func(ctx context.Context, s backend) (any, error) { return s.Frequencies(ctx, keys) })
	c.add("GroupingIndexed", func(ctx context.Context, s backend) (any, error) { return s.GroupingIndexed(ctx) })
	c.add("Ungrouped", func(ctx context.Context, s backend) (any, error) { return s.Ungrouped(ctx) })
	c.add("UngroupedIDs", func(ctx context.Context, s backend) (any, error) { return s.UngroupedIDs(ctx, 10) })
	c.add("Unanalyzed", func(ctx context.Context, s backend) (any, error) { return s.Unanalyzed(ctx, 10) })
	c.add("Unkinded", func(ctx context.Context, s backend) (any, error) { return s.Unkinded(ctx, 10) })
	c.add("UnkeyedSignatures", func(ctx context.Context, s backend) (any, error) { return s.UnkeyedSignatures(ctx, 10) })
	c.add("CopyCandidates", func(ctx context.Context, s backend) (any, error) {
		sigs, err := s.Signatures(ctx, ids)
		if err != nil {
			return nil, err
		}
		var ks []uint32
		for _, sig := range sigs {
			for i := 0; i+4 <= len(sig) && i < 64; i += 4 {
				ks = append(ks, uint32(sig[i])|uint32(sig[i+1])<<8|uint32(sig[i+2])<<16|uint32(sig[i+3])<<24)
			}
		}
		return s.CopyCandidates(ctx, ks, 32)
	})
	for _, at := range []time.Time{{}, time.Date(2025, 3, 24, 0, 0, 0, 0, time.UTC)} {
		c.add("StoryCandidates("+at.String()+")", func(ctx context.Context, s backend) (any, error) {
			return s.StoryCandidates(ctx, keys, at, 96*time.Hour, 64, 10)
		})
	}
}
