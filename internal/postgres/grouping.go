package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// findingTables hold a grouping's changed findings until findingUpdates
// apply them. They live as long as their connection, and are emptied at
// every commit.
const findingTables = `CREATE TEMP TABLE IF NOT EXISTS new_mentions (article text, start integer, stop integer, entity text) ON COMMIT DELETE ROWS;
	CREATE TEMP TABLE IF NOT EXISTS new_quotes (article text, start integer, grp text, entity text) ON COMMIT DELETE ROWS;
	CREATE TEMP TABLE IF NOT EXISTS new_events (article text, sent_start integer, type text, trigger text, grp text, when_json text) ON COMMIT DELETE ROWS;
	CREATE TEMP TABLE IF NOT EXISTS redirects (old text PRIMARY KEY, new text) ON COMMIT DELETE ROWS;
	DELETE FROM new_mentions; DELETE FROM new_quotes; DELETE FROM new_events; DELETE FROM redirects`

// findingUpdates apply a grouping's changed entities and groups from the
// temporary tables to the stored findings, each found by its article and
// position through an index on both.
var findingUpdates = []string{
	`UPDATE new_mentions SET entity = r.new FROM redirects r WHERE new_mentions.entity = r.old`,
	`UPDATE new_quotes SET entity = r.new FROM redirects r WHERE new_quotes.entity = r.old`,
	// A row whose values stay is not written: most of a whole grouping's
	// findings are as the last one left them.
	`UPDATE mentions SET entity = n.entity FROM new_mentions n
		WHERE mentions.article = n.article AND mentions.start = n.start AND mentions.stop = n.stop
			AND mentions.entity IS DISTINCT FROM n.entity`,
	`UPDATE quotes SET grp = n.grp, entity = n.entity FROM new_quotes n
		WHERE quotes.article = n.article AND quotes.start = n.start
			AND (quotes.grp, quotes.entity) IS DISTINCT FROM (n.grp, n.entity)`,
	`UPDATE events SET grp = n.grp, when_json = coalesce(n.when_json, events.when_json) FROM new_events n
		WHERE events.article = n.article AND events.sent_start = n.sent_start AND events.type = n.type AND events.trigger = n.trigger
			AND (events.grp, events.when_json) IS DISTINCT FROM (n.grp, coalesce(n.when_json, events.when_json))`,
	`UPDATE mentions SET entity = r.new FROM redirects r WHERE mentions.entity = r.old`,
	`UPDATE quotes SET entity = r.new FROM redirects r WHERE quotes.entity = r.old`,
}

// SaveGrouping saves g in one transaction, under the grouping's lock. A
// whole grouping (g.Scope nil) replaces the copies, stories, storylines
// and entities, the stories' lookup keys and the frequencies; a partial
// one replaces only its scope (see saveScope). Both set the dates undated
// copies inherit.
func (s *DB) SaveGrouping(ctx context.Context, g news.Grouping) error {
	return s.write(ctx, true, func(tx pgx.Tx) error { return saveGrouping(ctx, tx, g) })
}

// Decide records a person's decision together with the grouping that
// applies it, in one transaction: a killed process leaves both or
// neither. A decision equal to one recorded (news.Decision.Same) is not
// recorded again, and its grouping not saved: Decide reports false.
func (s *DB) Decide(ctx context.Context, d news.Decision, g news.Grouping) (bool, error) {
	applied := false
	err := s.write(ctx, true, func(tx pgx.Tx) error {
		applied = false
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
func saveGrouping(ctx context.Context, tx pgx.Tx, g news.Grouping) error {
	return storedrows.SaveGrouping(g, func() error { return saveScope(ctx, tx, g) }, func() error { return saveWhole(ctx, tx, g) })
}

// saveWhole replaces the whole stored grouping with g and marks the
// grouping index (story_terms, frequencies) complete.
func saveWhole(ctx context.Context, tx pgx.Tx, g news.Grouping) error {
	steps := []func() error{
		func() error {
			return storedrows.Wrap("clear grouping", execAll(ctx, tx, nil, `DELETE FROM copies; DELETE FROM story_members;
				DELETE FROM stories; DELETE FROM story_terms; DELETE FROM story_centroids; DELETE FROM storylines;
				DELETE FROM entities; DELETE FROM entity_keys`))
		},
		func() error { return insertCopies(ctx, tx, g.Copies) },
		func() error { return insertMembers(ctx, tx, g.Assignments) },
		func() error { return insertStories(ctx, tx, g.Stories) },
		func() error { return storedrows.Wrap("story counts", execAll(ctx, tx, nil, storyCounts("true")...)) },
		func() error { return insertStorylines(ctx, tx, g.Storylines) },
		func() error { return insertEntities(ctx, tx, g.Entities, false) },
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

// storyCounts returns the statements that derive the outlet_list of the
// stories whose members match cond (over story_members m: "true" for all)
// and their counts of articles, outlets, copies and each kind, and their
// latest article. outlet_list is a JSON array of [outlet, articles] pairs,
// most articles first, then by outlet. Each reads the members once for
// all the stories: a subquery per story cost a whole save of 1,000
// articles half a second. A story without members keeps the zeros it is
// inserted with.
func storyCounts(cond string) []string {
	return []string{`UPDATE stories SET outlet_list = o.list FROM (
			SELECT x.story, json_agg(json_build_array(x.outlet, x.n) ORDER BY x.n DESC, x.outlet)::text AS list FROM (
				SELECT m.story, a.outlet, count(*) AS n FROM story_members m JOIN articles a ON a.id = m.article
				WHERE ` + cond + ` GROUP BY m.story, a.outlet) x
			GROUP BY x.story) o
		WHERE stories.id = o.story`,
		`UPDATE stories SET articles = c.articles, outlets = c.outlets, copies = c.copies, latest = c.latest,
			reports = c.reports, opinions = c.opinions FROM (
			SELECT m.story, count(*) AS articles, count(DISTINCT a.outlet) FILTER (WHERE a.outlet <> '') AS outlets,
				count(cp.article) AS copies, max(a.seq) AS latest,
				count(*) FILTER (WHERE a.kind = 'news') AS reports, count(*) FILTER (WHERE a.kind = 'opinion') AS opinions
			FROM story_members m JOIN articles a ON a.id = m.article LEFT JOIN copies cp ON cp.article = m.article
			WHERE ` + cond + ` GROUP BY m.story) c
		WHERE stories.id = c.story`}
}

// kindCountsSQL sets a story's counts of news reports and opinion pieces,
// after SET in an UPDATE of stories.
const kindCountsSQL = `reports = (SELECT count(*) FROM story_members m JOIN articles a ON a.id = m.article WHERE m.story = stories.id AND a.kind = 'news'),
	opinions = (SELECT count(*) FROM story_members m JOIN articles a ON a.id = m.article WHERE m.story = stories.id AND a.kind = 'opinion')`

// fillStoryKeys derives story_keys, and the number of stories of each key,
// from the stories, their members and the members' mentions.
const fillStoryKeys = `DELETE FROM story_keys;
	INSERT INTO story_keys (kind, value, end_at, articles, story)
		SELECT 'outlet', lower(a.outlet), coalesce(s.end_at, ''), s.articles, s.id
		FROM story_members m JOIN articles a ON a.id = m.article JOIN stories s ON s.id = m.story
		WHERE a.outlet <> ''
		ON CONFLICT DO NOTHING;
	INSERT INTO story_keys (kind, value, end_at, articles, story)
		SELECT 'entity', lower(x.entity), coalesce(s.end_at, ''), s.articles, s.id
		FROM mentions x JOIN story_members m ON m.article = x.article JOIN stories s ON s.id = m.story
		WHERE x.entity <> ''
		ON CONFLICT DO NOTHING;
	DELETE FROM story_key_totals;
	INSERT INTO story_key_totals (kind, value, stories)
		SELECT kind, value, count(*) FROM story_keys GROUP BY kind, value`

// insertStorylines inserts storylines, each with the stories it lists.
func insertStorylines(ctx context.Context, tx pgx.Tx, lines []news.Storyline) error {
	rows := make([][]any, len(lines))
	for i, l := range lines {
		b, _ := json.Marshal(l)
		rows[i] = []any{string(l.ID), l.Name, timeValue(l.Begin), timeValue(l.End), len(l.Stories), string(b)}
	}
	if err := copyRows(ctx, tx, "storylines", []string{"id", "name", "begin_at", "end_at", "stories", "body"}, rows); err != nil {
		return fmt.Errorf("storylines: %w", err)
	}
	return nil
}

// insertCopies inserts copy links.
func insertCopies(ctx context.Context, tx pgx.Tx, copies []news.CopyLink) error {
	err := copyEach(ctx, tx, "copies", []string{"article", "original", "kind", "similarity"}, len(copies), func(i int) []any {
		c := copies[i]
		return []any{string(c.Article), string(c.Original), string(c.Kind), c.Similarity}
	})
	if err != nil {
		return fmt.Errorf("copies: %w", err)
	}
	return nil
}

// insertMembers inserts the story memberships of assignments, the first
// of each article's.
func insertMembers(ctx context.Context, tx pgx.Tx, assignments []news.Assignment) error {
	assigned := storedrows.FirstAssignments(assignments)
	err := copyEach(ctx, tx, "story_members", []string{"article", "story", "why"}, len(assigned), func(i int) []any {
		a := assignments[assigned[i]]
		b, _ := json.Marshal(a)
		return []any{string(a.Article), string(a.Story), string(b)}
	})
	if err != nil {
		return fmt.Errorf("story members: %w", err)
	}
	ids := make([]string, len(assigned))
	for i, k := range assigned {
		ids[i] = string(assignments[k].Article)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM ungrouped WHERE seq IN (SELECT a.seq FROM articles a WHERE a.id = ANY($1))`, ids); err != nil {
		return fmt.Errorf("story members: %w", err)
	}
	return nil
}

// insertStories inserts stories, with counts of zero until they are
// counted, their lookup keys (in key_list and story_terms) and their
// centroids.
func insertStories(ctx context.Context, tx pgx.Tx, stories []news.Story) error {
	if err := copyEach(ctx, tx, "stories", []string{"id", "title", "begin_at", "end_at", "storyline", "articles", "outlets", "copies", "key_list"}, len(stories), func(i int) []any {
		st := stories[i]
		keys := st.Keys
		if keys == nil {
			keys = []string{}
		}
		return []any{string(st.ID), st.Title, timeValue(st.Begin), timeValue(st.End), string(st.Storyline), 0, 0, 0, keys}
	}); err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	if err := insertStoryTerms(ctx, tx, stories); err != nil {
		return fmt.Errorf("story terms: %w", err)
	}
	kept := storedrows.WithCentroid(stories)
	if err := copyEach(ctx, tx, "story_centroids", []string{"story", "centroid"}, len(kept), func(i int) []any {
		st := stories[kept[i]]
		return []any{string(st.ID), st.Centroid}
	}); err != nil {
		return fmt.Errorf("story centroids: %w", err)
	}
	return nil
}

// insertStoryTerms inserts the lookup keys of stories; a key a story
// lists twice is filed once.
func insertStoryTerms(ctx context.Context, tx pgx.Tx, stories []news.Story) error {
	var keys, ends, ids []string
	for _, st := range stories {
		end := storedrows.EndKey(st.End)
		for _, k := range slices.Compact(slices.Sorted(slices.Values(st.Keys))) {
			keys, ends, ids = append(keys, k), append(ends, end), append(ids, string(st.ID))
		}
	}
	return inChunks(len(keys), func(lo, hi int) error {
		_, err := tx.Exec(ctx, `INSERT INTO story_terms (key, end_at, story)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, keys[lo:hi], ends[lo:hi], ids[lo:hi])
		return err
	})
}

// unnestRows is how many rows one INSERT ... SELECT FROM unnest(...)
// carries at most: a grouping of a large store holds millions of keys,
// and one statement would hold all their arrays at once.
const unnestRows = 50_000

// inChunks calls fn with the bounds [lo, hi) of successive chunks of n
// rows, until it fails.
func inChunks(n int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += unnestRows {
		if err := fn(lo, min(lo+unnestRows, n)); err != nil {
			return err
		}
	}
	return nil
}

// insertEntities inserts entities, or with upsert replaces those stored
// already, and files them under their keys.
func insertEntities(ctx context.Context, tx pgx.Tx, list []news.Entity, upsert bool) error {
	n := len(list)
	ids, names, types, bodies, mentions := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]int64, n)
	var keys, keyed []string
	for i, e := range list {
		b, _ := json.Marshal(e)
		ids[i], names[i], types[i], bodies[i], mentions[i] = string(e.ID), e.Name, string(e.Type), string(b), int64(e.Mentions)
		for _, k := range e.Keys {
			keys, keyed = append(keys, k), append(keyed, string(e.ID))
		}
	}
	tail := ``
	if upsert {
		tail = ` ON CONFLICT (id) DO UPDATE SET
			name = excluded.name, type = excluded.type, body = excluded.body, mentions = excluded.mentions`
	}
	err := inChunks(n, func(lo, hi int) error {
		_, err := tx.Exec(ctx, `INSERT INTO entities (id, name, type, body, mentions)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])`+tail,
			ids[lo:hi], names[lo:hi], types[lo:hi], bodies[lo:hi], mentions[lo:hi])
		if err == nil && upsert {
			_, err = tx.Exec(ctx, `DELETE FROM entity_keys WHERE entity = ANY($1)`, ids[lo:hi])
		}
		return err
	})
	if err == nil {
		err = inChunks(len(keys), func(lo, hi int) error {
			_, err := tx.Exec(ctx, `INSERT INTO entity_keys (key, entity) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
				keys[lo:hi], keyed[lo:hi])
			return err
		})
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
func applyFindings(ctx context.Context, tx pgx.Tx, g news.Grouping) error {
	if _, err := tx.Exec(ctx, findingTables); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	if err := copyEach(ctx, tx, "new_mentions", []string{"article", "start", "stop", "entity"}, len(g.Resolved), func(i int) []any {
		m := g.Resolved[i]
		return []any{string(m.Article), m.Start, m.End, string(m.Entity)}
	}); err != nil {
		return fmt.Errorf("mention entities: %w", err)
	}
	if err := copyEach(ctx, tx, "new_quotes", []string{"article", "start", "grp", "entity"}, len(g.QuoteGroups), func(i int) []any {
		q := g.QuoteGroups[i]
		return []any{string(q.Article.ID), q.Start, q.Group, string(q.Entity)}
	}); err != nil {
		return fmt.Errorf("quote groups: %w", err)
	}
	if err := copyEach(ctx, tx, "new_events", []string{"article", "sent_start", "type", "trigger", "grp", "when_json"}, len(g.EventGroups), func(i int) []any {
		e := g.EventGroups[i]
		// when: a date found again once the article was dated
		return []any{string(e.Article.ID), e.Sentence.Start, string(e.Type), e.Trigger, e.Group, whenJSON(e.When)}
	}); err != nil {
		return fmt.Errorf("event groups: %w", err)
	}
	var redirects [][]any
	for from, to := range g.Redirects {
		redirects = append(redirects, []any{string(from), string(to)})
	}
	if err := copyRows(ctx, tx, "redirects", []string{"old", "new"}, redirects); err != nil {
		return fmt.Errorf("entity redirects: %w", err)
	}
	if err := execAll(ctx, tx, nil, findingUpdates...); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM new_mentions; DELETE FROM new_quotes; DELETE FROM new_events; DELETE FROM redirects`); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	return nil
}

// inheritDates sets the dates undated copies inherit from their originals.
func inheritDates(ctx context.Context, tx pgx.Tx, list []news.Analysis) error {
	b := &pgx.Batch{}
	for _, an := range list {
		b.Queue(`UPDATE articles SET published = $1, date_source = $2, date_note = $3 WHERE id = $4 AND (published IS NULL OR date_source = 'copy')`,
			timeValue(an.Published), string(an.DateSource), an.DateNote, string(an.Article))
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("inherited dates: %w", err)
	}
	return nil
}

// saveFrequencies replaces the stored document frequencies with f when
// f.Replace, and otherwise adds f's to them, so that two writers adding
// one after the other both count.
func saveFrequencies(ctx context.Context, tx pgx.Tx, f news.Frequencies) error {
	docs := `UPDATE meta SET value = value + $1 WHERE name = 'docs'`
	if f.Replace {
		docs = `UPDATE meta SET value = $1 WHERE name = 'docs'`
		if _, err := tx.Exec(ctx, `DELETE FROM frequencies`); err != nil {
			return fmt.Errorf("frequencies: %w", err)
		}
	}
	keys := slices.Sorted(maps.Keys(f.DF))
	dfs := make([]int64, len(keys))
	for i, k := range keys {
		dfs[i] = int64(f.DF[k])
	}
	if f.Replace { // nothing to add to: copied, many times faster than upserted
		err := copyEach(ctx, tx, "frequencies", []string{"key", "df"}, len(keys), func(i int) []any { return []any{keys[i], dfs[i]} })
		if err == nil {
			_, err = tx.Exec(ctx, docs, int64(f.Docs))
		}
		return storedrows.Wrap("frequencies", err)
	}
	err := inChunks(len(keys), func(lo, hi int) error {
		_, err := tx.Exec(ctx, `INSERT INTO frequencies (key, df) SELECT * FROM unnest($1::text[], $2::bigint[])
			ON CONFLICT (key) DO UPDATE SET df = frequencies.df + excluded.df`, keys[lo:hi], dfs[lo:hi])
		return err
	})
	if err == nil {
		_, err = tx.Exec(ctx, docs, int64(f.Docs))
	}
	if err != nil {
		return fmt.Errorf("frequencies: %w", err)
	}
	return nil
}

// execAll runs each statement of qs with args.
func execAll(ctx context.Context, tx pgx.Tx, args []any, qs ...string) error {
	for _, q := range qs {
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// saveMoved records the IDs a grouping moved, points what pointed at a
// moved ID at its new one (so that a look-up takes one step), and forgets
// moves of IDs that name a story or storyline again.
func saveMoved(ctx context.Context, tx pgx.Tx, moved []news.Moved) error {
	if err := upsertMoved(ctx, tx, moved); err != nil {
		return err
	}
	for _, q := range []string{
		`UPDATE moved SET new = m.new FROM moved m WHERE moved.kind = m.kind AND moved.new = m.old`,
		`DELETE FROM moved WHERE kind = 'story' AND old IN (SELECT id FROM stories)`,
		`DELETE FROM moved WHERE kind = 'storyline' AND old IN (SELECT id FROM storylines)`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("moved IDs: %w", err)
		}
	}
	return nil
}

// upsertMoved records moved IDs, a later move of one ID replacing an
// earlier.
func upsertMoved(ctx context.Context, tx pgx.Tx, moved []news.Moved) error {
	b := &pgx.Batch{}
	for _, m := range moved {
		b.Queue(`INSERT INTO moved (kind, old, new) VALUES ($1, $2, $3) ON CONFLICT (kind, old) DO UPDATE SET new = excluded.new`,
			string(m.Kind), m.From, m.To)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("moved IDs: %w", err)
	}
	return nil
}

// copyRows copies rows into table's columns cols.
func copyRows(ctx context.Context, tx pgx.Tx, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
	return err
}

// copyEach copies n rows into table's columns cols, row i made by row(i)
// as it is sent: a grouping of a large store holds millions of them.
func copyEach(ctx context.Context, tx pgx.Tx, table string, cols []string, n int, row func(i int) []any) error {
	if n == 0 {
		return nil
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(n, func(i int) ([]any, error) { return row(i), nil }))
	return err
}
