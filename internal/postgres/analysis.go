package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// SaveAnalyses stores what the per-article stages found, in one
// transaction, and marks the articles analyzed and their copy keys
// stored. An inferred date is written only to an article that has none.
// The articles' rows are locked first, in ID order: two processes saving
// one article's analysis (a redelivered message) take turns, and the
// second replaces the first's findings, as SQLite's single writer makes
// them, rather than both adding theirs.
func (s *DB) SaveAnalyses(ctx context.Context, list []news.Analysis) error {
	err := s.write(ctx, false, func(tx pgx.Tx) error {
		ids := make([]string, len(list))
		for i, an := range list {
			ids[i] = string(an.Article)
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM articles WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids); err != nil {
			return fmt.Errorf("lock articles: %w", err)
		}
		for _, table := range []string{"mentions", "timexes", "quotes", "events", "signatures"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE article = ANY($1)`, ids); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		if err := copyFindings(ctx, tx, list); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for _, an := range list {
			if !an.Published.IsZero() {
				b.Queue(`UPDATE articles SET published = $1, date_source = $2, date_note = $3 WHERE id = $4 AND published IS NULL`,
					timeValue(an.Published), string(an.DateSource), an.DateNote, string(an.Article))
			}
			b.Queue(`UPDATE articles SET analyzed = true, keyed = true, analysis_notes = $1, kind = $2, kind_reasons = $3 WHERE id = $4`,
				strings.Join(an.Notes, "\n"), string(an.Kind), strings.Join(an.KindReasons, "\n"), string(an.Article))
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("mark analyzed: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO ungrouped (seq) SELECT a.seq FROM articles a WHERE a.id = ANY($1) ON CONFLICT DO NOTHING`, ids); err != nil {
			return fmt.Errorf("ungrouped: %w", err)
		}
		return insertCopyKeys(ctx, tx, list)
	})
	if err != nil {
		return fmt.Errorf("save analyses: %w", err)
	}
	return nil
}

// copyFindings copies the findings of list into their tables.
func copyFindings(ctx context.Context, tx pgx.Tx, list []news.Analysis) error {
	for _, t := range storedrows.FindingTables(list, "stop") {
		if err := copyRows(ctx, tx, t.Name, t.Cols, t.Rows); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	return nil
}

// whenJSON encodes an event's date (see storedrows.WhenJSON).
func whenJSON(t *news.Timex) *string { return storedrows.WhenJSON(t) }

// Ungrouped returns the number of analyzed articles that are in no story:
// those stored since the last grouping was saved (by a run killed before
// it could save one, say).
func (s *DB) Ungrouped(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM ungrouped`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count ungrouped articles: %w", err)
	}
	return n, nil
}

// UngroupedIDs returns up to limit analyzed articles in no story, in the
// order they were stored.
func (s *DB) UngroupedIDs(ctx context.Context, limit int) ([]news.ArticleID, error) {
	rows, err := s.pool.Query(ctx, `SELECT a.id FROM ungrouped u JOIN articles a ON a.seq = u.seq ORDER BY u.seq LIMIT $1`, max(limit, 0))
	out, err := collect(rows, err, scanOne[news.ArticleID])
	if err != nil {
		return nil, fmt.Errorf("read ungrouped articles: %w", err)
	}
	return out, nil
}

// scanOne scans a row of one column.
func scanOne[T any](r scanner) (v T, err error) { return v, r.Scan(&v) }

// Unanalyzed returns up to limit articles that have no analysis yet, in
// the order they were stored.
func (s *DB) Unanalyzed(ctx context.Context, limit int) ([]news.Article, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+articleCols+` FROM articles WHERE NOT analyzed ORDER BY seq LIMIT $1`, max(limit, 0))
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
// ids, as Analysis does, in five queries however many articles there are.
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

// mentionCols are the columns storedrows.ScanMention reads, after the article.
const mentionCols = `start, stop, text, type, role, entity`

// quoteCols are the columns of a stored quote that storedrows.Quote
// receives, over the alias q.
const quoteCols = `q.start, q.stop, q.text, q.speaker, q.entity, q.cue, q.direct, q.sent_start, q.sent_end, q.grp, q.kind,
	q.speaker_start, q.speaker_end, q.parts`

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
	in, arg := ` WHERE article = ANY($1) ORDER BY article, `, strs(ids)
	read := func(q string, scan func(pgx.Rows) error) error { return each(ctx, s.pool, q, scan, arg) }
	var id news.ArticleID
	err := read(`SELECT article, `+mentionCols+` FROM mentions`+in+`start, stop, rid`, func(rows pgx.Rows) error {
		m, err := storedrows.ScanMention(rows, &id)
		if err == nil {
			out[id].Mentions = append(out[id].Mentions, m)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = read(`SELECT article, `+quoteCols+` FROM quotes q`+in+`start, rid`, func(rows pgx.Rows) error {
		q, err := storedrows.ScanQuote(rows, &id)
		if err == nil {
			out[id].Quotes = append(out[id].Quotes, q)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = read(`SELECT article, `+eventCols+` FROM events`+in+`sent_start, type, trigger, rid`, func(rows pgx.Rows) error {
		e, err := storedrows.ScanEvent(rows, &id)
		if err == nil {
			out[id].Events = append(out[id].Events, e)
		}
		return err
	})
	if err != nil || !all {
		return out, err
	}
	err = read(`SELECT article, start, stop, text, type, value, precision, begin_at, end_at FROM timexes`+in+`start, rid`, func(rows pgx.Rows) error {
		var t news.Timex
		var b, e *string
		var prec string
		if err := rows.Scan(&id, &t.Span.Start, &t.Span.End, &t.Text, &t.Type, &t.Value, &prec, &b, &e); err != nil {
			return err
		}
		t.Precision, t.Begin, t.End = news.Precision(prec), parseTime(b), parseTime(e)
		out[id].Timexes = append(out[id].Timexes, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = read(`SELECT id, analysis_notes FROM articles WHERE analysis_notes <> '' AND id = ANY($1)`, func(rows pgx.Rows) error {
		var notes string
		if err := rows.Scan(&id, &notes); err != nil {
			return err
		}
		out[id].Notes = strings.Split(notes, "\n")
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eventCols are the columns storedrows.ScanEvent reads, in order.
const eventCols = `type, trigger, actor, target, place, when_json, killed, injured, arrested, sent_start, sent_end, grp, modality`

// Replay calls fn with every analyzed article (text included), its
// mentions and its copy signature, in the order they were stored: the
// cross-article stages rebuild their state from it.
func (s *DB) Replay(ctx context.Context, fn func(news.Article, news.Analysis) error) error {
	// Read everything first, so that no connection is held while fn runs.
	rows, err := s.pool.Query(ctx, `SELECT `+replayCols+`
		FROM articles a LEFT JOIN signatures s ON s.article = a.id WHERE a.analyzed ORDER BY a.seq`)
	recs, err := collect(rows, err, storedrows.ScanReplayed)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	ments, merr := byArticle(ctx, s, `SELECT article, `+mentionCols+` FROM mentions ORDER BY article, start, stop, rid`, storedrows.ScanMention)
	quotes, qerr := byArticle(ctx, s, `SELECT article, `+quoteCols+` FROM quotes q ORDER BY article, start, rid`, storedrows.ScanQuote)
	events, eerr := byArticle(ctx, s, `SELECT article, `+eventCols+` FROM events ORDER BY article, sent_start, type, trigger, rid`, storedrows.ScanEventOf)
	if err := errors.Join(merr, qerr, eerr); err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	return storedrows.HandOn(recs, func(an *news.Analysis) {
		an.Mentions, an.Quotes, an.Events = ments[an.Article], quotes[an.Article], events[an.Article]
	}, fn)
}

// byArticle reads every row of q, each a finding after its article, into
// lists by article (see storedrows.ByArticle).
func byArticle[T any](ctx context.Context, s *DB, q string, scan func(scanner, *news.ArticleID) (T, error)) (map[news.ArticleID][]T, error) {
	rows, err := s.pool.Query(ctx, q)
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
		return each(ctx, s.pool, q, func(r pgx.Rows) error { return scan(r) })
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
	err := s.pool.QueryRow(ctx, `SELECT new FROM moved WHERE kind = $1 AND old = $2`, string(kind), id).Scan(&to)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("%s %s: %w", kind, id, news.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", kind, id, err)
	}
	return to, nil
}

// addDecision records d within tx unless an equal decision is recorded,
// and reports whether it recorded it. The caller holds the grouping's
// lock, so that two equal decisions at once are recorded once.
func addDecision(ctx context.Context, tx pgx.Tx, d news.Decision) (bool, error) {
	rows, err := tx.Query(ctx, `SELECT body FROM decisions WHERE kind = $1`, d.Kind)
	known, err := jsonBodies[news.Decision](rows, err)
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
	_, err = tx.Exec(ctx, `INSERT INTO decisions (kind, body, created) VALUES ($1, $2, $3)`, d.Kind, string(b), d.Created.UTC().Format(time.RFC3339))
	return err == nil, err
}

// Decisions returns every recorded correction, oldest first.
func (s *DB) Decisions(ctx context.Context) ([]news.Decision, error) {
	rows, err := s.pool.Query(ctx, `SELECT body FROM decisions ORDER BY seq`)
	out, err := jsonBodies[news.Decision](rows, err)
	if err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	return out, nil
}

// jsonBodies decodes rows of one JSON column into values of T.
func jsonBodies[T any](rows pgx.Rows, err error) ([]T, error) {
	return collect(rows, err, storedrows.ScanJSON[T])
}

// Unkinded returns up to limit analyzed articles that have no kind (those
// analyzed before kinds were kept), text included, in stored order.
func (s *DB) Unkinded(ctx context.Context, limit int) ([]news.Article, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+articleCols+` FROM articles
		WHERE analyzed AND kind = '' ORDER BY seq LIMIT $1`, max(limit, 0))
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
	err := s.write(ctx, true, func(tx pgx.Tx) error {
		ids := make([]string, len(list))
		b := &pgx.Batch{}
		for i, an := range list {
			ids[i] = string(an.Article)
			b.Queue(`UPDATE articles SET kind = $1, kind_reasons = $2 WHERE id = $3`,
				string(an.Kind), strings.Join(an.KindReasons, "\n"), string(an.Article))
			if an.Kind != news.Opinion {
				continue
			}
			keep := make([]int32, len(an.Quotes))
			for j, q := range an.Quotes {
				keep[j] = int32(q.Start)
			}
			b.Queue(`DELETE FROM quotes WHERE article = $1 AND start <> ALL($2::integer[])`, string(an.Article), keep)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE stories SET `+kindCountsSQL+`
			WHERE id IN (SELECT m.story FROM story_members m WHERE m.article = ANY($1))`, ids)
		return err
	})
	if err != nil {
		return fmt.Errorf("save kinds: %w", err)
	}
	return nil
}
