package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// findingTables hold a grouping's changed findings until findingUpdates
// apply them.
var findingTables = []string{
	`CREATE TEMP TABLE IF NOT EXISTS new_mentions (article TEXT, start INTEGER, end INTEGER, entity TEXT)`,
	`CREATE TEMP TABLE IF NOT EXISTS new_quotes (article TEXT, start INTEGER, grp TEXT, entity TEXT)`,
	`CREATE TEMP TABLE IF NOT EXISTS new_events (article TEXT, sent_start INTEGER, type TEXT, trigger TEXT, grp TEXT, when_json TEXT)`,
	`CREATE TEMP TABLE IF NOT EXISTS redirects (old TEXT PRIMARY KEY, new TEXT)`,
}

// findingUpdates apply a grouping's changed entities and groups from the
// temporary tables to the stored findings. Each finds its rows by article
// and position through an index on both (schema 7), so that one article's
// thousands of findings cost no more each than one article's few.
var findingUpdates = []string{
	`UPDATE new_mentions SET entity = r.new FROM redirects r WHERE new_mentions.entity = r.old`,
	`UPDATE new_quotes SET entity = r.new FROM redirects r WHERE new_quotes.entity = r.old`,
	`UPDATE mentions SET entity = n.entity FROM new_mentions n
		WHERE mentions.article = n.article AND mentions.start = n.start AND mentions.end = n.end`,
	`UPDATE quotes SET grp = n.grp, entity = n.entity FROM new_quotes n
		WHERE quotes.article = n.article AND quotes.start = n.start`,
	`UPDATE events SET grp = n.grp, when_json = coalesce(n.when_json, events.when_json) FROM new_events n
		WHERE events.article = n.article AND events.sent_start = n.sent_start AND events.type = n.type AND events.trigger = n.trigger`,
	// Redirected entities are found in the index of each table by entity,
	// not by reading every row.
	`UPDATE mentions SET entity = (SELECT r.new FROM redirects r WHERE r.old = mentions.entity)
		WHERE entity IN (SELECT old FROM redirects)`,
	`UPDATE quotes SET entity = (SELECT r.new FROM redirects r WHERE r.old = quotes.entity)
		WHERE entity IN (SELECT old FROM redirects)`,
}

// SaveGrouping saves g in one transaction. A whole grouping (g.Scope nil)
// replaces the copies, stories, storylines and entities, the stories'
// lookup keys and the frequencies; a partial one replaces only its scope
// (see saveScope). Both set the dates undated copies inherit.
func (s *DB) SaveGrouping(ctx context.Context, g news.Grouping) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return saveGrouping(ctx, tx, g) })
}

// Decide records a person's decision together with the grouping that
// applies it, in one transaction: a killed process leaves both or
// neither. A decision equal to one recorded (news.Decision.Same) is not
// recorded again, and its grouping not saved: Decide reports false.
func (s *DB) Decide(ctx context.Context, d news.Decision, g news.Grouping) (bool, error) {
	applied := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ok, err := addDecision(ctx, tx, d)
		if err != nil || !ok {
			return err
		}
		applied = true
		return saveGrouping(ctx, tx, g)
	})
	if err != nil {
		return false, fmt.Errorf("record %s decision: %w", d.Kind, err)
	}
	return applied, nil
}

// saveGrouping is SaveGrouping within tx.
func saveGrouping(ctx context.Context, tx *sql.Tx, g news.Grouping) error {
	return storedrows.SaveGrouping(g, func() error { return saveScope(ctx, tx, g) }, func() error { return saveWhole(ctx, tx, g) })
}

// saveWhole replaces the whole stored grouping with g and marks the
// grouping index (story_terms, frequencies) complete.
func saveWhole(ctx context.Context, tx *sql.Tx, g news.Grouping) error {
	steps := []func() error{
		func() error {
			return storedrows.Wrap("clear grouping", execAll(ctx, tx, nil, `DELETE FROM copies`, `DELETE FROM story_members`,
				`DELETE FROM stories`, `DELETE FROM story_terms`, `DELETE FROM story_centroids`, `DELETE FROM storylines`,
				`DELETE FROM entities`, `DELETE FROM entity_keys`))
		},
		func() error { return insertCopies(ctx, tx, g.Copies) },
		func() error { return insertMembers(ctx, tx, g.Assignments) },
		func() error { return insertStories(ctx, tx, g.Stories) },
		func() error {
			return storedrows.Wrap("story counts", execAll(ctx, tx, nil, fillOutletLists, fillStoryCounts))
		},
		func() error { return insertStorylines(ctx, tx, g.Storylines) },
		func() error { return insertEntities(ctx, tx, g.Entities, "") },
		func() error { return applyFindings(ctx, tx, g) },
		func() error { return storedrows.Wrap("story keys", execAll(ctx, tx, nil, fillStoryKeys)) },
		func() error { return saveMoved(ctx, tx, g.Moved) },
		func() error { return inheritDates(ctx, tx, g.Inherited) },
		func() error { return saveFrequencies(ctx, tx, g.Frequencies) },
		func() error {
			return storedrows.Wrap("grouping index", execAll(ctx, tx, nil, `UPDATE meta SET value = 1 WHERE name = 'grouping_indexed'`))
		},
	}
	return storedrows.RunSteps(steps)
}

// insertStorylines inserts storylines, each with the stories it lists.
func insertStorylines(ctx context.Context, tx *sql.Tx, lines []news.Storyline) error {
	err := execEach(ctx, tx, `INSERT INTO storylines (id, name, begin_at, end_at, stories, body) VALUES (?, ?, ?, ?, ?, ?)`, len(lines), func(i int) []any {
		l := lines[i]
		b, _ := json.Marshal(l)
		return []any{l.ID, l.Name, timeValue(l.Begin), timeValue(l.End), len(l.Stories), string(b)}
	})
	if err != nil {
		return fmt.Errorf("storylines: %w", err)
	}
	return nil
}

// fillStoryCounts derives each story's articles, outlets, copies, latest
// article and counts of each kind from its members and its outlet_list (see fillOutletLists, run
// first: the outlets are counted in it rather than by joining the members
// to their articles again).
const fillStoryCounts = `UPDATE stories SET
	articles = (SELECT count(*) FROM story_members m WHERE m.story = stories.id),
	outlets = (SELECT count(*) FROM json_each(stories.outlet_list) o WHERE o.value ->> 0 <> ''),
	copies = (SELECT count(*) FROM story_members m JOIN copies c ON c.article = m.article WHERE m.story = stories.id),
	latest = (SELECT max(a.seq) FROM story_members m JOIN articles a INDEXED BY articles_id_outlet ON a.id = m.article WHERE m.story = stories.id),
	` + kindCountsSQL

// kindCountsSQL sets a story's counts of news reports and opinion pieces,
// after SET in an UPDATE of stories.
const kindCountsSQL = `reports = (SELECT count(*) FROM story_members m JOIN articles a INDEXED BY articles_id_kind ON a.id = m.article WHERE m.story = stories.id AND a.kind = 'news'),
	opinions = (SELECT count(*) FROM story_members m JOIN articles a INDEXED BY articles_id_kind ON a.id = m.article WHERE m.story = stories.id AND a.kind = 'opinion')`

// insertCopies inserts copy links. Rows are made as they are inserted
// here and below: a grouping of a large store holds millions of them.
func insertCopies(ctx context.Context, tx *sql.Tx, copies []news.CopyLink) error {
	err := insertEach(ctx, tx, "copies", []string{"article", "original", "kind", "similarity"}, len(copies), func(i int, dst []any) []any {
		c := copies[i]
		return append(dst, c.Article, c.Original, string(c.Kind), c.Similarity)
	})
	if err != nil {
		return fmt.Errorf("copies: %w", err)
	}
	return nil
}

// insertMembers inserts the story memberships of assignments, the first
// of each article's.
func insertMembers(ctx context.Context, tx *sql.Tx, assignments []news.Assignment) error {
	assigned := storedrows.FirstAssignments(assignments)
	err := insertEach(ctx, tx, "story_members", []string{"article", "story", "why"}, len(assigned), func(i int, dst []any) []any {
		a := assignments[assigned[i]]
		b, _ := json.Marshal(a)
		return append(dst, a.Article, a.Story, string(b))
	})
	if err != nil {
		return fmt.Errorf("story members: %w", err)
	}
	ids := make([]news.ArticleID, len(assigned))
	for i, k := range assigned {
		ids[i] = assignments[k].Article
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM ungrouped WHERE seq IN (SELECT a.seq FROM json_each(?) j JOIN articles a ON a.id = j.value)`, idList(ids)); err != nil {
		return fmt.Errorf("story members: %w", err)
	}
	return nil
}

// insertStories inserts stories, with counts of zero until they are
// counted, their lookup keys (in key_list and story_terms) and their
// centroids.
func insertStories(ctx context.Context, tx *sql.Tx, stories []news.Story) error {
	if err := insertEach(ctx, tx, "stories", []string{"id", "title", "begin_at", "end_at", "storyline", "articles", "outlets", "copies", "key_list"}, len(stories), func(i int, dst []any) []any {
		st := stories[i]
		keys, _ := json.Marshal(st.Keys) // strings always encode
		if st.Keys == nil {
			keys = []byte("[]")
		}
		return append(dst, st.ID, st.Title, timeValue(st.Begin), timeValue(st.End), st.Storyline, 0, 0, 0, string(keys))
	}); err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	if err := insertStoryTerms(ctx, tx, stories); err != nil {
		return fmt.Errorf("story terms: %w", err)
	}
	kept := storedrows.WithCentroid(stories)
	if err := insertEach(ctx, tx, "story_centroids", []string{"story", "centroid"}, len(kept), func(i int, dst []any) []any {
		st := stories[kept[i]]
		return append(dst, st.ID, st.Centroid)
	}); err != nil {
		return fmt.Errorf("story centroids: %w", err)
	}
	return nil
}

// insertStoryTerms inserts the lookup keys of stories, in the order of
// story_terms' primary key: a grouping of a large store holds millions of
// keys, and in that order each goes to the end of the table's B-tree.
func insertStoryTerms(ctx context.Context, tx *sql.Tx, stories []news.Story) error {
	type term struct {
		key string
		st  int32 // index in stories
	}
	var terms []term
	for i, st := range stories {
		for _, k := range st.Keys {
			terms = append(terms, term{k, int32(i)})
		}
	}
	ends := make([]string, len(stories))
	for i, st := range stories {
		ends[i] = storedrows.EndKey(st.End)
	}
	slices.SortFunc(terms, func(a, b term) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if c := strings.Compare(ends[b.st], ends[a.st]); c != 0 {
			return c
		}
		return strings.Compare(string(stories[a.st].ID), string(stories[b.st].ID))
	})
	return insertWith(ctx, tx, "INSERT OR IGNORE INTO story_terms", []string{"key", "end_at", "story"}, "", len(terms), func(i int, dst []any) []any {
		t := terms[i]
		return append(dst, t.key, ends[t.st], stories[t.st].ID)
	})
}

// insertEntities inserts entities; tail may make the insert an upsert.
func insertEntities(ctx context.Context, tx *sql.Tx, list []news.Entity, tail string) error {
	err := execEach(ctx, tx, `INSERT INTO entities (id, name, type, body, mentions) VALUES (?, ?, ?, ?, ?)`+tail, len(list), func(i int) []any {
		e := list[i]
		b, _ := json.Marshal(e)
		return []any{e.ID, e.Name, string(e.Type), string(b), e.Mentions}
	})
	if err == nil && tail != "" {
		err = execEach(ctx, tx, `DELETE FROM entity_keys WHERE entity = ?`, len(list), func(i int) []any { return []any{list[i].ID} })
	}
	if err == nil {
		var rows [][]any
		for _, e := range list {
			for _, k := range e.Keys {
				rows = append(rows, []any{k, e.ID})
			}
		}
		err = insertRows(ctx, tx, "entity_keys", []string{"key", "entity"}, rows)
	}
	if err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	return nil
}

// applyFindings writes g's changed mention entities, quote and event
// groups and entity redirects to the stored findings. They go through
// temporary tables and one UPDATE each: after an alias edit every mention
// may change.
func applyFindings(ctx context.Context, tx *sql.Tx, g news.Grouping) error {
	empty := []string{`DELETE FROM new_mentions`, `DELETE FROM new_quotes`, `DELETE FROM new_events`, `DELETE FROM redirects`}
	if err := execAll(ctx, tx, nil, append(findingTables[:len(findingTables):len(findingTables)], empty...)...); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	if err := insertEach(ctx, tx, "new_mentions", []string{"article", "start", "end", "entity"}, len(g.Resolved), func(i int, dst []any) []any {
		m := g.Resolved[i]
		return append(dst, m.Article, m.Start, m.End, string(m.Entity))
	}); err != nil {
		return fmt.Errorf("mention entities: %w", err)
	}
	if err := insertEach(ctx, tx, "new_quotes", []string{"article", "start", "grp", "entity"}, len(g.QuoteGroups), func(i int, dst []any) []any {
		q := g.QuoteGroups[i]
		return append(dst, q.Article.ID, q.Start, q.Group, string(q.Entity))
	}); err != nil {
		return fmt.Errorf("quote groups: %w", err)
	}
	if err := insertEach(ctx, tx, "new_events", []string{"article", "sent_start", "type", "trigger", "grp", "when_json"}, len(g.EventGroups), func(i int, dst []any) []any {
		e := g.EventGroups[i]
		var when any // a date found again once the article was dated
		if e.When != nil {
			b, _ := json.Marshal(e.When)
			when = string(b)
		}
		return append(dst, e.Article.ID, e.Sentence.Start, string(e.Type), e.Trigger, e.Group, when)
	}); err != nil {
		return fmt.Errorf("event groups: %w", err)
	}
	var redirects [][]any
	for from, to := range g.Redirects {
		redirects = append(redirects, []any{string(from), string(to)})
	}
	if err := insertRows(ctx, tx, "redirects", []string{"old", "new"}, redirects); err != nil {
		return fmt.Errorf("entity redirects: %w", err)
	}
	if err := execAll(ctx, tx, nil, append(findingUpdates[:len(findingUpdates):len(findingUpdates)], empty...)...); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	return nil
}

// inheritDates sets the dates undated copies inherit from their originals.
func inheritDates(ctx context.Context, tx *sql.Tx, list []news.Analysis) error {
	err := execEach(ctx, tx, `UPDATE articles SET published = ?, date_source = ?, date_note = ? WHERE id = ? AND (published IS NULL OR date_source = 'copy')`, len(list), func(i int) []any {
		an := list[i]
		return []any{timeValue(an.Published), string(an.DateSource), an.DateNote, an.Article}
	})
	if err != nil {
		return fmt.Errorf("inherited dates: %w", err)
	}
	return nil
}

// saveFrequencies replaces the stored document frequencies with f when
// f.Replace, and otherwise adds f's to them, so that two writers adding
// one after the other both count.
func saveFrequencies(ctx context.Context, tx *sql.Tx, f news.Frequencies) error {
	docs := `UPDATE meta SET value = value + ? WHERE name = 'docs'`
	if f.Replace {
		docs = `UPDATE meta SET value = ? WHERE name = 'docs'`
		if _, err := tx.ExecContext(ctx, `DELETE FROM frequencies`); err != nil {
			return fmt.Errorf("frequencies: %w", err)
		}
	}
	// In key order, the rows go to the end of the table's B-tree.
	keys := slices.Sorted(maps.Keys(f.DF))
	err := insertWith(ctx, tx, "INSERT INTO frequencies", []string{"key", "df"}, " ON CONFLICT (key) DO UPDATE SET df = df + excluded.df", len(keys), func(i int, dst []any) []any {
		return append(dst, keys[i], f.DF[keys[i]])
	})
	if err == nil {
		_, err = tx.ExecContext(ctx, docs, f.Docs)
	}
	if err != nil {
		return fmt.Errorf("frequencies: %w", err)
	}
	return nil
}

// execAll runs each statement of qs with args.
func execAll(ctx context.Context, tx *sql.Tx, args []any, qs ...string) error {
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

func execEach(ctx context.Context, tx *sql.Tx, q string, n int, args func(int) []any) error {
	if n == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return err
	}
	defer st.Close()
	for i := range n {
		if _, err := st.ExecContext(ctx, args(i)...); err != nil {
			return err
		}
	}
	return nil
}

// saveMoved records the IDs a grouping moved, points what pointed at a
// moved ID at its new one (so that a look-up takes one step), and forgets
// moves of IDs that name a story or storyline again.
func saveMoved(ctx context.Context, tx *sql.Tx, moved []news.Moved) error {
	if err := execEach(ctx, tx, `INSERT OR REPLACE INTO moved (kind, old, new) VALUES (?, ?, ?)`, len(moved), func(i int) []any {
		m := moved[i]
		return []any{string(m.Kind), m.From, m.To}
	}); err != nil {
		return fmt.Errorf("moved IDs: %w", err)
	}
	for _, q := range []string{
		`UPDATE moved SET new = m.new FROM moved m WHERE moved.kind = m.kind AND moved.new = m.old`,
		`DELETE FROM moved WHERE kind = 'story' AND old IN (SELECT id FROM stories)`,
		`DELETE FROM moved WHERE kind = 'storyline' AND old IN (SELECT id FROM storylines)`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("moved IDs: %w", err)
		}
	}
	return nil
}
