package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storetest"
)

// planFixture is a store with a whole grouping of two stories, and a
// partial grouping that uses every part of a grouping: copies, stories
// with keys, storylines, entities, changed mentions, quote and event
// groups, redirects, moved stories and storylines, inherited dates and
// frequencies.
type planFixture struct {
	day         time.Time
	newAnalyses []news.Analysis // of n1, stored but not analyzed
	part        news.Grouping
}

func newPlanFixture(t *testing.T, db *DB) *planFixture {
	ctx := context.Background()
	f := &planFixture{day: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	a1 := storetest.Article("https://p.example/a1", "Meridian Wire", "Dam talks", "Talks on the dam opened in Port Avel.", f.day)
	a2 := storetest.Article("https://p.example/a2", "Valley Post", "Dam talks", "The dam talks went on in Port Avel.", f.day)
	b1 := storetest.Article("https://p.example/b1", "Harbour Daily", "Ferry", "A ferry ran aground.", f.day)
	n1 := storetest.Article("https://p.example/n1", "Harbour Daily", "Dam talks", "Talks on the dam opened in Port Avel.", time.Time{})
	if _, err := db.Add(ctx, []news.Article{a1, a2, b1, n1}); err != nil {
		t.Fatal(err)
	}
	an := func(a news.Article, ent news.EntityID, keys ...uint32) news.Analysis {
		return news.Analysis{Article: a.ID, Signature: []byte("sig"), CopyKeys: keys,
			Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 5}, Text: a.Text[:5], Type: news.Person, Entity: ent}},
			Quotes:   []news.Quote{{Span: news.Span{Start: 6, End: 10}, Text: a.Text[6:10], Speaker: "X", Entity: ent, Cue: "said"}},
			Events:   []news.Event{{Type: news.EventTalks, Trigger: "talks", Killed: -1, Injured: -1, Arrested: -1, Sentence: news.Span{Start: 0, End: 20}}}}
	}
	if err := db.SaveAnalyses(ctx, []news.Analysis{an(a1, "per-x", 1, 2), an(a2, "per-y", 2), an(b1, "per-y", 3)}); err != nil {
		t.Fatal(err)
	}
	f.newAnalyses = []news.Analysis{an(n1, "per-x", 1, 2)}
	whole := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-dam"}, {Article: a2.ID, Story: "s-dam"}, {Article: b1.ID, Story: "s-ferry"}},
		Stories: []news.Story{{ID: "s-dam", Begin: f.day, End: f.day, Storyline: "sl-dam", Keys: []string{"t:dam"}},
			{ID: "s-ferry", Begin: f.day, End: f.day, Storyline: "sl-ferry", Keys: []string{"t:ferry"}}},
		Storylines:  []news.Storyline{{ID: "sl-dam", Stories: []news.StoryID{"s-dam"}}, {ID: "sl-ferry", Stories: []news.StoryID{"s-ferry"}}},
		Entities:    []news.Entity{{ID: "per-x", Name: "X"}, {ID: "per-y", Name: "Y"}},
		Frequencies: news.Frequencies{Replace: true, Docs: 3, DF: map[string]int{"t:dam": 2}},
	}
	if err := db.SaveGrouping(ctx, whole); err != nil {
		t.Fatal(err)
	}
	f.part = news.Grouping{
		Copies:      []news.CopyLink{{Article: n1.ID, Original: a1.ID, Kind: news.CopyExact, Similarity: 1}},
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-talks"}, {Article: a2.ID, Story: "s-talks"}, {Article: n1.ID, Story: "s-talks"}},
		Stories:     []news.Story{{ID: "s-talks", Begin: f.day, End: f.day, Storyline: "sl-dam", Keys: []string{"t:dam", "t:talks"}}},
		Storylines:  []news.Storyline{{ID: "sl-dam", Stories: []news.StoryID{"s-talks"}}},
		Entities:    []news.Entity{{ID: "per-x", Name: "X", Mentions: 3}, {ID: "per-z", Name: "Z"}},
		Resolved:    []news.MentionEntity{{Article: a2.ID, Span: news.Span{Start: 0, End: 5}, Entity: "per-z"}},
		QuoteGroups: []news.QuoteRef{{Quote: news.Quote{Span: news.Span{Start: 6, End: 10}, Group: "q1", Entity: "per-x"}, Article: news.Summary{ID: a1.ID}}},
		EventGroups: []news.EventRef{{Event: news.Event{Type: news.EventTalks, Trigger: "talks", Group: "e1"}, Article: news.Summary{ID: a1.ID}}},
		Redirects:   map[news.EntityID]news.EntityID{"per-y": "per-z"},
		Moved: []news.Moved{{Kind: news.KindStory, From: "s-dam", To: "s-talks"},
			{Kind: news.KindStoryline, From: "sl-ferry", To: "sl-dam"}},
		Inherited:   []news.Analysis{{Article: n1.ID, Published: f.day, DateSource: news.DateCopy}},
		Scope:       &news.Scope{Articles: []news.ArticleID{a1.ID, a2.ID, n1.ID}, Stories: []news.StoryID{"s-dam"}, Storylines: []news.StorylineID{"sl-dam"}},
		Frequencies: news.Frequencies{Docs: 1, DF: map[string]int{"t:dam": 1, "t:talks": 1}},
	}
	return f
}

// TestScopedSaveWritesEveryPart checks the parts of a partial save that
// the conformance suite does not: changed findings, redirects, inherited
// dates, and that the story's own rows replace the old story's.
func TestScopedSaveWritesEveryPart(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := newPlanFixture(t, db)
	if err := db.SaveAnalyses(ctx, f.newAnalyses); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveGrouping(ctx, f.part); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want string
	}{
		{`SELECT string_agg(entity, ' ' ORDER BY entity) FROM mentions`, "per-x per-x per-z per-z"},
		{`SELECT string_agg(grp || ':' || entity, ' ' ORDER BY grp, entity) FROM quotes`, ":per-x :per-z :per-z q1:per-x"},
		{`SELECT string_agg(grp, ' ') FROM events WHERE grp <> ''`, "e1"},
		{`SELECT date_source FROM articles WHERE url = 'https://p.example/n1'`, "copy"},
		{`SELECT string_agg(story || ':' || key, ' ' ORDER BY story, key) FROM story_terms`, "s-ferry:t:ferry s-talks:t:dam s-talks:t:talks"},
		{`SELECT string_agg(id || ':' || stories, ' ' ORDER BY id) FROM storylines`, "sl-dam:2"},
		{`SELECT string_agg(id, ' ' ORDER BY id) FROM entities`, "per-x per-y per-z"},
	} {
		var got string
		if err := db.pool.QueryRow(ctx, c.q).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s\n= %q, %v; want %q", c.q, got, err, c.want)
		}
	}
}

// TestScopedSavesKeepDerivedRows saves random partial groupings one after
// another, and checks after each that the rows a save derives from its
// stories (their counts, story_keys and their totals, storylines' counts
// and spans, story_terms, moved IDs) are those a whole save would derive
// from the same stories: the differences a partial save applies do not
// drift.
func TestScopedSavesKeepDerivedRows(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	w := &world{t: t, db: db, rng: rand.New(rand.NewPCG(1, 2)), day: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	var g news.Grouping
	arts := w.addArticles(60)
	for i := 0; i < len(arts); i += 4 {
		w.addStory(&g, news.StoryID(fmt.Sprintf("s-%d", i)), news.StorylineID(fmt.Sprintf("sl-%d", i%5)), arts[i:i+4])
	}
	g.Frequencies = news.Frequencies{Replace: true, Docs: 60}
	if err := db.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	w.checkDerived("whole grouping")
	for round := range 40 {
		g := w.partial(round)
		if err := db.SaveGrouping(ctx, g); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		w.checkDerived(fmt.Sprintf("round %d (%d stories replaced by %d)", round, len(g.Scope.Stories), len(g.Stories)))
	}
}

// world makes random articles and groupings of them.
type world struct {
	t    *testing.T
	db   *DB
	rng  *rand.Rand
	day  time.Time
	n    int // articles made
	next int // stories and storylines named
}

var outlets = []string{"Meridian Wire", "Valley Post", "Harbour Daily", "meridian wire", "Northern Tribune", ""}

// addArticles stores and analyzes n new articles, each naming two of ten
// entities, from outlets some of which differ only in case, and returns
// them.
func (w *world) addArticles(n int) []news.Article {
	var arts []news.Article
	var ans []news.Analysis
	for range n {
		w.n++
		pub := w.day.AddDate(0, 0, w.rng.IntN(60))
		if w.rng.IntN(10) == 0 {
			pub = time.Time{}
		}
		a := storetest.Article(fmt.Sprintf("https://w.example/%d", w.n), outlets[w.rng.IntN(len(outlets))],
			fmt.Sprintf("Report %d", w.n), fmt.Sprintf("Report %d of the river talks.", w.n), pub)
		arts = append(arts, a)
		ans = append(ans, news.Analysis{Article: a.ID, Mentions: []news.Mention{
			{Span: news.Span{Start: 0, End: 6}, Text: "Report", Type: news.Person, Entity: news.EntityID(fmt.Sprintf("per-%d", w.rng.IntN(10)))},
			{Span: news.Span{Start: 7, End: 9}, Text: "of", Type: news.Person, Entity: news.EntityID(fmt.Sprintf("per-%d", w.rng.IntN(10)))}}})
	}
	ctx := context.Background()
	if _, err := w.db.Add(ctx, arts); err != nil {
		w.t.Fatal(err)
	}
	if err := w.db.SaveAnalyses(ctx, ans); err != nil {
		w.t.Fatal(err)
	}
	return arts
}

// addStory adds to g a story of arts, with the span of their dates and
// keys made from its ID, in storyline line ("" for none).
func (w *world) addStory(g *news.Grouping, id news.StoryID, line news.StorylineID, arts []news.Article) {
	st := news.Story{ID: id, Title: arts[0].Title, Storyline: line, Keys: []string{"t:" + string(id), "t:common"}, Centroid: []byte(id)}
	for i, a := range arts {
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: id, New: i == 0})
		if i > 0 && w.rng.IntN(3) == 0 {
			g.Copies = append(g.Copies, news.CopyLink{Article: a.ID, Original: arts[0].ID, Kind: news.CopyNear, Similarity: 0.9})
		}
		if p := a.Published; !p.IsZero() {
			if st.Begin.IsZero() || p.Before(st.Begin) {
				st.Begin = p
			}
			if p.After(st.End) {
				st.End = p
			}
		}
	}
	g.Stories = append(g.Stories, st)
	if line != "" && !slices.ContainsFunc(g.Storylines, func(l news.Storyline) bool { return l.ID == line }) {
		g.Storylines = append(g.Storylines, news.Storyline{ID: line, Name: string(line)})
	}
	// The storyline's span, as the stories give it.
	for i := range g.Storylines {
		if l := &g.Storylines[i]; l.ID == line {
			l.Stories = append(l.Stories, id)
			if !st.Begin.IsZero() && (l.Begin.IsZero() || st.Begin.Before(l.Begin)) {
				l.Begin = st.Begin
			}
			if st.End.After(l.End) {
				l.End = st.End
			}
		}
	}
}

// partial makes a partial grouping: one to three stored stories and a few
// new articles, regrouped into one to four stories that keep an old ID,
// take a new one or join another storyline; now and then a storyline
// merges into another; mentions name other entities.
func (w *world) partial(round int) news.Grouping {
	ctx := context.Background()
	stories := w.column(`SELECT id FROM stories ORDER BY id`)
	lines := w.column(`SELECT id FROM storylines ORDER BY id`)
	w.rng.Shuffle(len(stories), func(i, j int) { stories[i], stories[j] = stories[j], stories[i] })
	old := stories[:min(1+w.rng.IntN(3), len(stories))]
	g := news.Grouping{Scope: &news.Scope{}, Frequencies: news.Frequencies{Docs: 2, DF: map[string]int{"t:common": 1}}}
	var ids []news.ArticleID
	for _, id := range old {
		g.Scope.Stories = append(g.Scope.Stories, news.StoryID(id))
		members, err := w.db.Members(ctx, []news.StoryID{news.StoryID(id)})
		if err != nil {
			w.t.Fatal(err)
		}
		ids = append(ids, members...)
	}
	for _, l := range w.column(`SELECT DISTINCT storyline FROM stories WHERE id = ANY($1) AND storyline <> ''`, old) {
		g.Scope.Storylines = append(g.Scope.Storylines, news.StorylineID(l))
	}
	byID, err := w.db.ArticlesByID(ctx, ids)
	if err != nil {
		w.t.Fatal(err)
	}
	arts := w.addArticles(w.rng.IntN(4))
	for _, id := range ids {
		arts = append(arts, byID[id])
	}
	for _, a := range arts {
		g.Scope.Articles = append(g.Scope.Articles, a.ID)
	}
	w.rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	for k := 1 + w.rng.IntN(4); k > 0 && len(arts) > 0; k-- {
		n := max(1, len(arts)/k)
		w.addStory(&g, w.storyID(&g, old), w.storylineID(lines), arts[:n])
		arts = arts[n:]
	}
	if len(lines) > 1 && w.rng.IntN(3) == 0 && len(g.Storylines) > 0 {
		from := lines[w.rng.IntN(len(lines))]
		if to := string(g.Storylines[0].ID); from != to && !slices.ContainsFunc(g.Storylines, func(l news.Storyline) bool { return string(l.ID) == from }) {
			g.Moved = append(g.Moved, news.Moved{Kind: news.KindStoryline, From: from, To: to})
		}
	}
	if len(old) > 0 && !slices.ContainsFunc(g.Stories, func(s news.Story) bool { return string(s.ID) == old[0] }) {
		g.Moved = append(g.Moved, news.Moved{Kind: news.KindStory, From: old[0], To: string(g.Stories[0].ID)})
	}
	// A mention in the scope and one anywhere name a new entity; now and
	// then an entity is redirected to another.
	ents := []news.EntityID{news.EntityID(fmt.Sprintf("per-%d", 10+2*round)), news.EntityID(fmt.Sprintf("per-%d", 11+2*round))}
	analyzed := w.column(`SELECT id FROM articles WHERE analyzed ORDER BY seq`)
	anywhere := analyzed[w.rng.IntN(len(analyzed))]
	for i, a := range []news.ArticleID{g.Scope.Articles[w.rng.IntN(len(g.Scope.Articles))], news.ArticleID(anywhere)} {
		g.Resolved = append(g.Resolved, news.MentionEntity{Article: a, Span: news.Span{Start: 0, End: 6}, Entity: ents[i]})
	}
	if round%3 == 0 {
		g.Redirects = map[news.EntityID]news.EntityID{news.EntityID(fmt.Sprintf("per-%d", w.rng.IntN(10+2*round))): ents[0]}
	}
	return g
}

// storyID returns one of the old stories' IDs that g has not taken, or a
// new one.
func (w *world) storyID(g *news.Grouping, old []string) news.StoryID {
	if len(old) > 0 && w.rng.IntN(2) == 0 {
		id := news.StoryID(old[w.rng.IntN(len(old))])
		if !slices.ContainsFunc(g.Stories, func(s news.Story) bool { return s.ID == id }) {
			return id
		}
	}
	w.next++
	return news.StoryID(fmt.Sprintf("s-new-%d", w.next))
}

// storylineID returns a stored storyline, a new one, or none.
func (w *world) storylineID(lines []string) news.StorylineID {
	switch r := w.rng.IntN(6); {
	case r == 0:
		return ""
	case r == 1 || len(lines) == 0:
		w.next++
		return news.StorylineID(fmt.Sprintf("sl-new-%d", w.next))
	}
	return news.StorylineID(lines[w.rng.IntN(len(lines))])
}

func (w *world) column(q string, args ...any) []string {
	rows, err := w.db.pool.Query(context.Background(), q, args...)
	out, err := collect(rows, err, func(r scanner) (s string, err error) { return s, r.Scan(&s) })
	if err != nil {
		w.t.Fatal(err)
	}
	return out
}

// derived reads the rows a save derives from the stories.
const derived = `SELECT 'story ' || id || ' ' || outlet_list || ' ' || articles || ' ' || outlets || ' ' || copies || ' ' || coalesce(latest::text, '') FROM stories
	UNION ALL SELECT 'key ' || kind || ' ' || lower(value) || ' ' || end_at || ' ' || articles || ' ' || story FROM story_keys
	UNION ALL SELECT 'total ' || kind || ' ' || lower(value) || ' ' || stories FROM story_key_totals
	UNION ALL SELECT 'storyline ' || id || ' ' || stories || ' ' || coalesce(begin_at, '') || ' ' || coalesce(end_at, '') FROM storylines
	ORDER BY 1`

// rederive derives the rows again from the stories, a story at a time,
// as the SQLite store does.
var rederive = []string{`UPDATE stories SET outlet_list = coalesce((
		SELECT json_agg(json_build_array(o.outlet, o.n) ORDER BY o.n DESC, o.outlet)::text FROM (
			SELECT a.outlet AS outlet, count(*) AS n
			FROM story_members m JOIN articles a ON a.id = m.article
			WHERE m.story = stories.id
			GROUP BY a.outlet) o), '[]')`,
	`UPDATE stories SET
		articles = (SELECT count(*) FROM story_members m WHERE m.story = stories.id),
		outlets = (SELECT count(*) FROM json_array_elements(stories.outlet_list::json) o WHERE o ->> 0 <> ''),
		copies = (SELECT count(*) FROM story_members m JOIN copies c ON c.article = m.article WHERE m.story = stories.id),
		latest = (SELECT max(a.seq) FROM story_members m JOIN articles a ON a.id = m.article WHERE m.story = stories.id),
		` + kindCountsSQL,
	fillStoryKeys,
	`UPDATE storylines SET stories = (SELECT count(*) FROM stories s WHERE s.storyline = storylines.id),
		begin_at = (SELECT min(begin_at) FROM stories s WHERE s.storyline = storylines.id),
		end_at = (SELECT max(end_at) FROM stories s WHERE s.storyline = storylines.id)`,
	`DELETE FROM storylines WHERE stories = 0`}

// checkDerived compares the derived rows with those derived again, in a
// transaction rolled back, and checks story_terms and moved.
func (w *world) checkDerived(when string) {
	ctx := context.Background()
	tx, err := w.db.pool.Begin(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	rows := func() []string {
		rows, err := tx.Query(ctx, derived)
		out, err := collect(rows, err, func(r scanner) (s string, err error) { return s, r.Scan(&s) })
		if err != nil {
			w.t.Fatal(err)
		}
		return out
	}
	saved := rows()
	for _, q := range rederive {
		if _, err := tx.Exec(ctx, q); err != nil {
			w.t.Fatal(err)
		}
	}
	if again := rows(); !slices.Equal(saved, again) {
		w.t.Errorf("after %s, derived rows differ from a whole save's:\n%s", when, diffLines(saved, again))
	}
	for _, q := range []string{
		// Each story's terms are its keys (made from its ID), at its end.
		`SELECT 'term ' || story || ' ' || key FROM story_terms t
			WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = t.story AND t.key IN ('t:' || s.id, 't:common') AND t.end_at = coalesce(s.end_at, ''))`,
		`SELECT 'terms of ' || id FROM stories s WHERE (SELECT count(*) FROM story_terms t WHERE t.story = s.id) <> 2`,
		`SELECT 'member of gone story ' || story FROM story_members WHERE story NOT IN (SELECT id FROM stories)`,
		`SELECT 'centroid of ' || id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_centroids c WHERE c.story = s.id AND c.centroid = convert_to(s.id, 'UTF8'))`,
		`SELECT 'centroid of gone story ' || story FROM story_centroids WHERE story NOT IN (SELECT id FROM stories)`,
		`SELECT 'moved live ' || old FROM moved WHERE old IN (SELECT id FROM stories UNION ALL SELECT id FROM storylines)`,
		`SELECT 'moved twice ' || m.old FROM moved m JOIN moved n ON n.kind = m.kind AND n.old = m.new`,
	} {
		if bad := w.column(q); len(bad) > 0 {
			w.t.Errorf("after %s: %s", when, strings.Join(bad, "; "))
		}
	}
}

// diffLines lists the lines only in a (-) and only in b (+).
func diffLines(a, b []string) string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, "- "+s)
		}
	}
	for _, s := range b {
		if !slices.Contains(a, s) {
			out = append(out, "+ "+s)
		}
	}
	return strings.Join(out, "\n")
}

// openTest opens a new store in a database of its own, closed when the
// test ends.
func openTest(t *testing.T) *DB {
	db, err := Open(context.Background(), FreshDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
