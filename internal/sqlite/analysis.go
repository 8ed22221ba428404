package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// SaveAnalyses stores what the per-article stages found, in one
// transaction, and marks the articles analyzed and their copy keys
// stored. An inferred date is written only to an article that has none.
func (s *DB) SaveAnalyses(ctx context.Context, list []news.Analysis) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"mentions", "timexes", "quotes", "events", "signatures"} {
			col := "article"
			st, err := tx.PrepareContext(ctx, `DELETE FROM `+table+` WHERE `+col+` = ?`)
			if err != nil {
				return err
			}
			for _, an := range list {
				if _, err := st.ExecContext(ctx, an.Article); err != nil {
					st.Close()
					return err
				}
			}
			st.Close()
		}
		for _, t := range storedrows.FindingTables(list, "end") {
			if err := insertRows(ctx, tx, t.Name, t.Cols, t.Rows); err != nil {
				return fmt.Errorf("%s: %w", t.Name, err)
			}
		}
		mark, err := tx.PrepareContext(ctx, `UPDATE articles SET analyzed = 1, keyed = 1, analysis_notes = ?, kind = ?, kind_reasons = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer mark.Close()
		date, err := tx.PrepareContext(ctx, `UPDATE articles SET published = ?, date_source = ?, date_note = ? WHERE id = ? AND published IS NULL`)
		if err != nil {
			return err
		}
		defer date.Close()
		for _, an := range list {
			if !an.Published.IsZero() {
				if _, err := date.ExecContext(ctx, timeValue(an.Published), string(an.DateSource), an.DateNote, an.Article); err != nil {
					return err
				}
			}
			if _, err := mark.ExecContext(ctx, strings.Join(an.Notes, "\n"), string(an.Kind), strings.Join(an.KindReasons, "\n"), an.Article); err != nil {
				return err
			}
		}
		ids := make([]news.ArticleID, len(list))
		for i, an := range list {
			ids[i] = an.Article
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO ungrouped (seq) SELECT a.seq FROM json_each(?) j JOIN articles a ON a.id = j.value`, idList(ids)); err != nil {
			return err
		}
		return insertCopyKeys(ctx, tx, list)
	})
	if err != nil {
		return fmt.Errorf("save analyses: %w", err)
	}
	return nil
}

// Ungrouped returns the number of analyzed articles that are in no story:
// those stored since the last grouping was saved (by a run killed before
// it could save one, say).
func (s *DB) Ungrouped(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM ungrouped`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count ungrouped articles: %w", err)
	}
	return n, nil
}

// UngroupedIDs returns up to limit analyzed articles in no story, in the
// order they were stored.
func (s *DB) UngroupedIDs(ctx context.Context, limit int) ([]news.ArticleID, error) {
	rows, err := s.query(ctx, `SELECT a.id FROM ungrouped u JOIN articles a ON a.seq = u.seq ORDER BY u.seq LIMIT ?`, limit)
	out, err := collect(rows, err, scanOne[news.ArticleID])
	if err != nil {
		return nil, fmt.Errorf("read ungrouped articles: %w", err)
	}
	return out, nil
}

// Unanalyzed returns up to limit articles that have no analysis yet, in
// the order they were stored.
func (s *DB) Unanalyzed(ctx context.Context, limit int) ([]news.Article, error) {
	rows, err := s.query(ctx, `SELECT `+articleCols+` FROM articles WHERE analyzed = 0 ORDER BY seq`+limitSQL, limit)
	out, err := collect(rows, err, scanArticle)
	if err != nil {
		return nil, fmt.Errorf("list unanalyzed articles: %w", err)
	}
	return out, nil
}

// Analysis returns what the per-article stages found in one article.
func (s *DB) Analysis(ctx context.Context, id news.ArticleID) (news.Analysis, error) {
	m, err := s.analyses(ctx, []news.ArticleID{id}, true)
	if err != nil {
		return news.Analysis{Article: id}, fmt.Errorf("analysis of %s: %w", id, err)
	}
	return *m[id], nil
}

// Analyses returns what the per-article stages found in each article of
// ids, as Analysis does, in four queries however many articles there are.
// An article with no findings, or an unknown one, has an empty Analysis.
func (s *DB) Analyses(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Analysis, error) {
	m, err := s.analyses(ctx, ids, true)
	if err != nil {
		return nil, fmt.Errorf("analyses of %d articles: %w", len(ids), err)
	}
	out := make(map[news.ArticleID]news.Analysis, len(m))
	for id, an := range m {
		out[id] = *an
	}
	return out, nil
}

// analyses reads the findings of the articles in ids: their mentions,
// quotes and events, and with all also their dates and notes.
func (s *DB) analyses(ctx context.Context, ids []news.ArticleID, all bool) (map[news.ArticleID]*news.Analysis, error) {
	out := make(map[news.ArticleID]*news.Analysis, len(ids))
	for _, id := range ids {
		out[id] = &news.Analysis{Article: id}
	}
	if len(ids) == 0 {
		return out, nil
	}
	// Each query reads the rows of all the articles, in each article's
	// order, and hands every row to a scan that adds it to its article.
	// One article (the article page) is read by the plain index look-up,
	// faster than through json_each.
	in, arg := ` WHERE article IN (SELECT value FROM json_each(?)) ORDER BY article, `, any(idList(ids))
	if len(ids) == 1 {
		in, arg = ` WHERE article = ? ORDER BY `, ids[0]
	}
	read := func(q string, scan func(*sql.Rows) error) error { return s.each(ctx, q, scan, arg) }
	var id news.ArticleID
	err := read(`SELECT article, `+mentionCols+` FROM mentions`+in+`start`, func(rows *sql.Rows) error {
		m, err := storedrows.ScanMention(rows, &id)
		if err == nil {
			out[id].Mentions = append(out[id].Mentions, m)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = read(`SELECT article, `+quoteCols+` FROM quotes q`+in+`start`, func(rows *sql.Rows) error {
		q, err := storedrows.ScanQuote(rows, &id)
		if err == nil {
			out[id].Quotes = append(out[id].Quotes, q)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = read(`SELECT article, `+eventCols+` FROM events`+in+`sent_start`, func(rows *sql.Rows) error {
		e, err := storedrows.ScanEvent(rows, &id)
		if err == nil {
			out[id].Events = append(out[id].Events, e)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !all {
		return out, nil
	}
	err = read(`SELECT article, start, end, text, type, value, precision, begin_at, end_at FROM timexes`+in+`start`, func(rows *sql.Rows) error {
		t, err := storedrows.ScanTimex(rows, &id)
		if err == nil {
			out[id].Timexes = append(out[id].Timexes, t)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	notesIn := ` WHERE analysis_notes != '' AND id IN (SELECT value FROM json_each(?))`
	if len(ids) == 1 {
		notesIn = ` WHERE analysis_notes != '' AND id = ?`
	}
	err = read(`SELECT id, analysis_notes FROM articles`+notesIn, func(rows *sql.Rows) error {
		var notes string
		if err := rows.Scan(&id, &notes); err != nil {
			return err
		}
		if notes != "" {
			out[id].Notes = strings.Split(notes, "\n")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// quoteCols are the columns of a stored quote that storedrows.Quote
// receives, over the alias q.
const quoteCols = `q.start, q.end, q.text, q.speaker, q.entity, q.cue, q.direct, q.sent_start, q.sent_end, q.grp, q.kind,
	q.speaker_start, q.speaker_end, q.parts`

// mentionCols are the columns storedrows.ScanMention reads, after the
// article.
const mentionCols = `start, end, text, type, role, entity`

// scanOne scans a row of one column.
func scanOne[T any](r scanner) (v T, err error) { return v, r.Scan(&v) }

// eventCols are the columns storedrows.ScanEvent reads, in order.
const eventCols = `type, trigger, actor, target, place, when_json, killed, injured, arrested, sent_start, sent_end, grp, modality`

// Replay calls fn with every analyzed article (text included), its
// mentions and its copy signature, in the order they were stored: the
// cross-article stages rebuild their state from it.
func (s *DB) Replay(ctx context.Context, fn func(news.Article, news.Analysis) error) error {
	// Read everything first, so that no read transaction is held while fn
	// runs (fn may take a while; writers must not wait for it).
	rows, err := s.db.QueryContext(ctx, `SELECT `+replayCols+`
		FROM articles a LEFT JOIN signatures s ON s.article = a.id WHERE a.analyzed = 1 ORDER BY a.seq`)
	recs, err := collect(rows, err, storedrows.ScanReplayed)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	ments, err := byArticle(ctx, s, `SELECT article, `+mentionCols+` FROM mentions ORDER BY article, start`, storedrows.ScanMention)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	quotes, err := byArticle(ctx, s, `SELECT article, `+quoteCols+` FROM quotes q ORDER BY article, start`, storedrows.ScanQuote)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	events, err := byArticle(ctx, s, `SELECT article, `+eventCols+` FROM events ORDER BY article, sent_start`, storedrows.ScanEventOf)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	return storedrows.HandOn(recs, func(an *news.Analysis) {
		an.Mentions, an.Quotes, an.Events = ments[an.Article], quotes[an.Article], events[an.Article]
	}, fn)
}

// byArticle reads every row of q, each a finding after its article, into
// lists by article (see storedrows.ByArticle). The statement is not
// prepared: Replay runs it once.
func byArticle[T any](ctx context.Context, s *DB, q string, scan func(scanner, *news.ArticleID) (T, error)) (map[news.ArticleID][]T, error) {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storedrows.ByArticle(rows, scan)
}

// Prior returns what a new grouping's story and storyline IDs continue
// (see news.Prior).
func (s *DB) Prior(ctx context.Context) (news.Prior, error) {
	p := storedrows.NewPrior()
	read := func(q string, scan func(scanner) error) error {
		return s.each(ctx, q, func(r *sql.Rows) error { return scan(r) })
	}
	err := errors.Join(
		read(`SELECT m.article, m.story, a.seq FROM story_members m JOIN articles a ON a.id = m.article`, p.Member),
		read(`SELECT id, storyline FROM stories`, p.Story),
		read(`SELECT id FROM storylines UNION ALL SELECT old FROM moved UNION ALL SELECT new FROM moved`, p.Issued),
	)
	if err != nil {
		return news.Prior{}, fmt.Errorf("read prior grouping: %w", err)
	}
	return p.Prior(), nil
}

// MovedTo returns the ID that id, a story or storyline ID of an earlier
// grouping, now stands for, or news.ErrNotFound.
func (s *DB) MovedTo(ctx context.Context, kind news.IDKind, id string) (string, error) {
	var to string
	err := s.queryRow(ctx, `SELECT new FROM moved WHERE kind = ? AND old = ?`, string(kind), id).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s %s: %w", kind, id, news.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", kind, id, err)
	}
	return to, nil
}

// addDecision records d within tx unless an equal decision is recorded,
// and reports whether it recorded it.
func addDecision(ctx context.Context, tx *sql.Tx, d news.Decision) (bool, error) {
	known, err := jsonBodies[news.Decision](tx.QueryContext(ctx, `SELECT body FROM decisions WHERE kind = ?`, d.Kind))
	if err != nil {
		return false, err
	}
	if slices.ContainsFunc(known, d.Same) {
		return false, nil
	}
	if d.Created.IsZero() {
		d.Created = time.Now()
	}
	b, err := json.Marshal(d)
	if err != nil {
		return false, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO decisions (kind, body, created) VALUES (?, ?, ?)`, d.Kind, string(b), d.Created.UTC().Format(time.RFC3339))
	return err == nil, err
}

// Decisions returns every recorded correction, oldest first.
func (s *DB) Decisions(ctx context.Context) ([]news.Decision, error) {
	out, err := jsonBodies[news.Decision](s.db.QueryContext(ctx, `SELECT body FROM decisions ORDER BY seq`))
	if err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	return out, nil
}

// jsonBodies decodes rows of one JSON column into values of T.
func jsonBodies[T any](rows *sql.Rows, err error) ([]T, error) {
	return collect(rows, err, storedrows.ScanJSON[T])
}

// jsonBody decodes the one JSON column of the row query q finds for id into
// v; no row is news.ErrNotFound.
func (s *DB) jsonBody(ctx context.Context, q string, id, v any) error {
	var b string
	err := s.queryRow(ctx, q, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return news.ErrNotFound
	}
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(b), v)
}

// Stories lists stories, the most recently active and biggest first.
func (s *DB) Stories(ctx context.Context, f news.StoryFilter) ([]news.StorySummary, int, error) {
	var conds []string
	var args []any
	// One outlet or entity filter reads story_keys, which holds each
	// one's stories in the listing's order; a second is a condition.
	from, order := `stories s`, `s.end_at DESC, s.articles DESC, s.id`
	keyed := f.Outlet != "" || f.Entity != ""
	switch {
	case f.Outlet != "":
		from, order = `story_keys k JOIN stories s ON s.id = k.story`, `k.end_at DESC, k.articles DESC, k.story`
		conds = append(conds, "k.kind = 'outlet' AND k.value = ?")
		args = append(args, f.Outlet)
	case f.Entity != "":
		from, order = `story_keys k JOIN stories s ON s.id = k.story`, `k.end_at DESC, k.articles DESC, k.story`
		conds = append(conds, "k.kind = 'entity' AND k.value = ?")
		args = append(args, f.Entity)
	}
	if f.Entity != "" && f.Outlet != "" {
		conds = append(conds, "s.id IN (SELECT story FROM story_keys WHERE kind = 'entity' AND value = ?)")
		args = append(args, f.Entity)
	}
	if f.Storyline != "" {
		conds = append(conds, "s.storyline = ?")
		args = append(args, f.Storyline)
	}
	if !f.From.IsZero() {
		conds = append(conds, "s.end_at >= ?")
		args = append(args, timeValue(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "s.begin_at < ?")
		args = append(args, timeValue(f.To))
	}
	where := storedrows.Where(conds)
	var total int
	count := `SELECT count(*) FROM ` + from + ` ` + where
	if keyed && len(conds) == 1 {
		// One key alone: its number of stories is kept.
		count = `SELECT coalesce((SELECT stories FROM story_key_totals k ` + where + `), 0)`
	}
	if err := s.queryRow(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list stories: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.query(ctx, `SELECT `+storyCols+` FROM `+from+` `+where+`
		ORDER BY `+order+limitOffsetSQL, append(args, limit, offset)...)
	out, err := collect(rows, err, storedrows.ScanStory)
	if err != nil {
		return nil, 0, fmt.Errorf("list stories: %w", err)
	}
	return out, total, nil
}

const storyCols = `s.id, s.title, s.begin_at, s.end_at, s.storyline, s.articles, s.outlets, s.copies, s.reports, s.opinions`

// Story returns one story with its articles, earliest first (undated
// last), each with its copy link and the reason it joined.
func (s *DB) Story(ctx context.Context, id news.StoryID) (news.StoryDetail, error) {
	var d news.StoryDetail
	st, err := s.StorySummary(ctx, id)
	if err != nil {
		return d, err
	}
	d.StorySummary = st
	rows, err := s.query(ctx, `SELECT `+storyArticleCols+`
		FROM story_members m JOIN articles a ON a.id = m.article LEFT JOIN copies c ON c.article = a.id
		WHERE m.story = ? ORDER BY a.published IS NULL, a.published, a.seq`, id)
	members, err := collect(rows, err, storedrows.ScanStoryArticle)
	if err != nil {
		return d, fmt.Errorf("story %s: %w", id, err)
	}
	d.Members = members
	for _, sa := range members {
		d.Articles = append(d.Articles, sa.ID)
	}
	return d, nil
}

// StoryOf returns the story an article belongs to.
func (s *DB) StoryOf(ctx context.Context, id news.ArticleID) (news.StoryID, error) {
	var st news.StoryID
	err := s.queryRow(ctx, `SELECT story FROM story_members WHERE article = ?`, id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("story of article %s: %w", id, news.ErrNotFound)
	}
	return st, err
}

// Copies returns the copy links that touch an article: the one from it to
// its original, and those from its copies to it.
func (s *DB) Copies(ctx context.Context, id news.ArticleID) ([]news.CopyLink, error) {
	rows, err := s.query(ctx, `SELECT article, original, kind, similarity FROM copies WHERE article = ? OR original = ? ORDER BY article`, id, id)
	out, err := collect(rows, err, storedrows.ScanCopyLink)
	if err != nil {
		return nil, fmt.Errorf("copies of %s: %w", id, err)
	}
	return out, nil
}

// Storylines lists storylines, the most recently active first.
func (s *DB) Storylines(ctx context.Context, limit, offset int) ([]news.Storyline, int, error) {
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) FROM storylines`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list storylines: %w", err)
	}
	limit, offset = storedrows.Page(limit, offset)
	rows, err := s.query(ctx, `SELECT `+storylineCols+` FROM storylines ORDER BY end_at DESC, stories DESC, id`+limitOffsetSQL, limit, offset)
	out, err := collect(rows, err, storedrows.ScanStoryline)
	if err == nil {
		err = s.storylineStories(ctx, out)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("list storylines: %w", err)
	}
	return out, total, nil
}

// Storyline returns one storyline with its stories, earliest first.
func (s *DB) Storyline(ctx context.Context, id news.StorylineID) (news.StorylineDetail, error) {
	var d news.StorylineDetail
	l, err := s.StorylineSummary(ctx, id)
	if err != nil {
		return d, err
	}
	d.Storyline = l
	rows, err := s.query(ctx, `SELECT `+storyCols+` FROM stories s WHERE s.storyline = ? ORDER BY s.begin_at IS NULL, s.begin_at, s.id`, id)
	d.StoryList, err = collect(rows, err, storedrows.ScanStory)
	if err != nil {
		return d, fmt.Errorf("storyline %s: %w", id, err)
	}
	return d, nil
}

// storylineCols are the columns storedrows.ScanStoryline reads.
const storylineCols = `body, begin_at, end_at`

// storylineStories sets the stories of each storyline of lines to those
// that point to it: first those its body names, in the body's order, then
// any others, earliest first.
func (s *DB) storylineStories(ctx context.Context, lines []news.Storyline) error {
	if len(lines) == 0 {
		return nil
	}
	ids := make([]news.StorylineID, len(lines))
	for i, l := range lines {
		ids[i] = l.ID
	}
	rows, err := s.query(ctx, `SELECT storyline, id FROM stories WHERE storyline IN (SELECT j.value FROM json_each(?) j)
		ORDER BY storyline, begin_at IS NULL, begin_at, id`, idList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	return storedrows.SetStories(lines, rows)
}

// Unkinded returns up to limit analyzed articles that have no kind (those
// analyzed before kinds were kept), text included, in stored order.
func (s *DB) Unkinded(ctx context.Context, limit int) ([]news.Article, error) {
	rows, err := s.query(ctx, `SELECT `+articleCols+` FROM articles INDEXED BY articles_unkinded
		WHERE analyzed = 1 AND kind = '' ORDER BY seq LIMIT ?`, max(limit, 0))
	out, err := collect(rows, err, scanArticle)
	if err != nil {
		return nil, fmt.Errorf("list articles without a kind: %w", err)
	}
	return out, nil
}

// SaveKinds stores the kinds of analyzed articles (Kind, KindReasons of
// each analysis), in one transaction, and updates their stories' counts.
// For an opinion piece, Quotes are the stored quotes it keeps (by
// position): the others, its author's own argument, are removed.
func (s *DB) SaveKinds(ctx context.Context, list []news.Analysis) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ids := make([]news.ArticleID, len(list))
		for i, an := range list {
			ids[i] = an.Article
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET kind = ?, kind_reasons = ? WHERE id = ?`,
				string(an.Kind), strings.Join(an.KindReasons, "\n"), an.Article); err != nil {
				return err
			}
			if an.Kind != news.Opinion {
				continue
			}
			keep := make([]int, len(an.Quotes))
			for j, q := range an.Quotes {
				keep[j] = q.Start
			}
			b, _ := json.Marshal(keep)
			if _, err := tx.ExecContext(ctx, `DELETE FROM quotes WHERE article = ? AND start NOT IN (SELECT value FROM json_each(?))`,
				an.Article, string(b)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE stories SET `+kindCountsSQL+`
			WHERE id IN (SELECT m.story FROM story_members m WHERE m.article IN (SELECT value FROM json_each(?)))`, idList(ids))
		return err
	})
	if err != nil {
		return fmt.Errorf("save kinds: %w", err)
	}
	return nil
}
