package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order; the store's PRAGMA user_version is the
// number applied so far. Never edit a migration that has shipped: add one.
var migrations = []string{
	// 1: articles and their full-text index.
	`CREATE TABLE articles (
		seq         INTEGER PRIMARY KEY,
		id          TEXT NOT NULL UNIQUE,
		url         TEXT NOT NULL DEFAULT '',
		outlet      TEXT NOT NULL DEFAULT '',
		title       TEXT NOT NULL DEFAULT '',
		text        TEXT NOT NULL,
		published   TEXT,
		date_source TEXT NOT NULL DEFAULT '',
		date_note   TEXT NOT NULL DEFAULT '',
		language    TEXT NOT NULL DEFAULT '',
		origin      TEXT NOT NULL DEFAULT '',
		text_hash   TEXT NOT NULL,
		meta        TEXT,
		words       INTEGER NOT NULL DEFAULT 0,
		ingested    TEXT NOT NULL
	);
	CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> '';
	CREATE UNIQUE INDEX articles_hash ON articles(text_hash, outlet);
	CREATE INDEX articles_published ON articles(published);
	CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
	CREATE VIRTUAL TABLE articles_fts USING fts5(
		title, text, content='articles', content_rowid='seq',
		tokenize='porter unicode61 remove_diacritics 2'
	);
	CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
	END;
	CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	END;
	CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
	END;`,

	// 2: what the analysis stages find. Per-article findings (mentions,
	// dates, quotes, events, copy signatures) are written once per article;
	// the groupings (copies, stories, storylines, entities) are derived from
	// all articles and replaced as a whole after every ingest.
	`ALTER TABLE articles ADD COLUMN analyzed INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX articles_unanalyzed ON articles(seq) WHERE analyzed = 0;
	CREATE TABLE signatures (
		article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
		sig     BLOB NOT NULL
	);
	CREATE TABLE mentions (
		article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start   INTEGER NOT NULL,
		end     INTEGER NOT NULL,
		text    TEXT NOT NULL,
		type    TEXT NOT NULL,
		role    TEXT NOT NULL DEFAULT '',
		entity  TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX mentions_article ON mentions(article);
	CREATE INDEX mentions_entity ON mentions(entity);
	CREATE TABLE timexes (
		article   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start     INTEGER NOT NULL,
		end       INTEGER NOT NULL,
		text      TEXT NOT NULL,
		type      TEXT NOT NULL,
		value     TEXT NOT NULL,
		precision TEXT NOT NULL,
		begin_at  TEXT,
		end_at    TEXT
	);
	CREATE INDEX timexes_article ON timexes(article);
	CREATE TABLE quotes (
		article    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start      INTEGER NOT NULL,
		end        INTEGER NOT NULL,
		text       TEXT NOT NULL,
		speaker    TEXT NOT NULL DEFAULT '',
		entity     TEXT NOT NULL DEFAULT '',
		cue        TEXT NOT NULL DEFAULT '',
		direct     INTEGER NOT NULL,
		sent_start INTEGER NOT NULL,
		sent_end   INTEGER NOT NULL,
		grp        TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX quotes_article ON quotes(article);
	CREATE INDEX quotes_entity ON quotes(entity);
	CREATE TABLE events (
		article    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		type       TEXT NOT NULL,
		trigger    TEXT NOT NULL,
		actor      TEXT NOT NULL DEFAULT '',
		target     TEXT NOT NULL DEFAULT '',
		place      TEXT NOT NULL DEFAULT '',
		when_json  TEXT,
		killed     INTEGER NOT NULL DEFAULT -1,
		injured    INTEGER NOT NULL DEFAULT -1,
		arrested   INTEGER NOT NULL DEFAULT -1,
		sent_start INTEGER NOT NULL,
		sent_end   INTEGER NOT NULL,
		grp        TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX events_article ON events(article);
	CREATE TABLE copies (
		article    TEXT PRIMARY KEY,
		original   TEXT NOT NULL,
		kind       TEXT NOT NULL,
		similarity REAL NOT NULL
	);
	CREATE INDEX copies_original ON copies(original);
	CREATE TABLE story_members (
		article TEXT PRIMARY KEY,
		story   TEXT NOT NULL,
		why     TEXT NOT NULL
	);
	CREATE INDEX story_members_story ON story_members(story);
	CREATE TABLE stories (
		id        TEXT PRIMARY KEY,
		title     TEXT NOT NULL,
		begin_at  TEXT,
		end_at    TEXT,
		storyline TEXT NOT NULL DEFAULT '',
		articles  INTEGER NOT NULL,
		outlets   INTEGER NOT NULL,
		copies    INTEGER NOT NULL,
		latest    TEXT
	);
	CREATE INDEX stories_storyline ON stories(storyline);
	CREATE TABLE storylines (
		id       TEXT PRIMARY KEY,
		name     TEXT NOT NULL,
		begin_at TEXT,
		end_at   TEXT,
		stories  INTEGER NOT NULL,
		body     TEXT NOT NULL
	);
	CREATE TABLE entities (
		id       TEXT PRIMARY KEY,
		name     TEXT NOT NULL,
		type     TEXT NOT NULL,
		body     TEXT NOT NULL,
		mentions INTEGER NOT NULL
	);
	CREATE TABLE decisions (
		seq     INTEGER PRIMARY KEY,
		kind    TEXT NOT NULL,
		body    TEXT NOT NULL,
		created TEXT NOT NULL
	);`,

	// 3: whether an event happened, is planned or only possible.
	`ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT '';`,

	// 4: indexes for the listings' orders.
	`CREATE INDEX stories_recent ON stories(end_at DESC, articles DESC, id);
	CREATE INDEX storylines_recent ON storylines(end_at DESC, stories DESC, id);
	CREATE INDEX entities_mentions ON entities(mentions DESC, name);
	CREATE INDEX articles_recent ON articles(published DESC, seq DESC);`,

	// 5: stories by outlet and by entity, in the listing's order, so that
	// a filtered list reads its page instead of every matching story.
	`CREATE TABLE story_keys (
		kind     TEXT NOT NULL,
		value    TEXT NOT NULL COLLATE NOCASE,
		end_at   TEXT NOT NULL, -- '' when undated: last, as NULL in stories
		articles INTEGER NOT NULL,
		story    TEXT NOT NULL,
		PRIMARY KEY (kind, value, end_at DESC, articles DESC, story)
	) WITHOUT ROWID;
	CREATE TABLE story_key_totals (
		kind    TEXT NOT NULL,
		value   TEXT NOT NULL COLLATE NOCASE,
		stories INTEGER NOT NULL,
		PRIMARY KEY (kind, value)
	) WITHOUT ROWID;
	-- Joins from members to their articles' outlets read this index alone,
	-- not the rows with their texts.
	CREATE INDEX articles_id_outlet ON articles(id, outlet);
	` + fillStoryKeys,

	// 6: each story's outlets with their article counts, kept with the
	// story, so that a list of stories does not join its members to their
	// articles.
	`ALTER TABLE stories ADD COLUMN outlet_list TEXT NOT NULL DEFAULT '[]';
	` + fillOutletLists,

	// 7: the grouping's updates find each mention, quote and event by its
	// article and position. With an index on the article alone, each row
	// scanned every finding of its article: quadratic in one long article
	// (9,209 events of one 1 MB article took 28 s).
	`CREATE INDEX IF NOT EXISTS mentions_position ON mentions(article, start, end);
	DROP INDEX IF EXISTS mentions_article;
	CREATE INDEX IF NOT EXISTS quotes_position ON quotes(article, start);
	DROP INDEX IF EXISTS quotes_article;
	CREATE INDEX IF NOT EXISTS events_position ON events(article, sent_start, type, trigger);
	DROP INDEX IF EXISTS events_article;`,

	// 8: where the analysis of an article did not read or keep everything
	// (news.Analysis.Notes), one note a line.
	`ALTER TABLE articles ADD COLUMN analysis_notes TEXT NOT NULL DEFAULT '';`,

	// 9: story and storyline IDs that now stand for another (merged, or
	// renamed with their kind's prefix), so that saved links keep working.
	`CREATE TABLE IF NOT EXISTS moved (
		kind TEXT NOT NULL,
		old  TEXT NOT NULL,
		new  TEXT NOT NULL,
		PRIMARY KEY (kind, old)
	) WITHOUT ROWID;`,

	// 10: what an incremental grouping reads instead of the whole store.
	// copy_keys finds an article's copy candidates by its signature's
	// lookup keys (articles.keyed says an analyzed article's keys are
	// stored; older stores fill them in the background). story_terms
	// finds a new article's candidate stories, the most recent first;
	// each story keeps its keys in key_list too, so that a partial save
	// finds its rows there without an index by story, which would make
	// every whole save slower. story_centroids keep what the clusterer
	// scores a new article against, apart from the stories, whose rows
	// every whole save rewrites. frequencies keep the document frequencies
	// the story clusterer weighs by, over meta's 'docs' documents. meta's
	// 'grouping_indexed' says story_terms and frequencies cover every
	// story: a store that has stories already needs one whole grouping
	// first. The other indexes let a partial save find a storyline's span
	// and moved IDs without reading any others.
	`CREATE TABLE IF NOT EXISTS copy_keys (
		key INTEGER NOT NULL,
		seq INTEGER NOT NULL, -- articles.seq
		PRIMARY KEY (key, seq)
	) WITHOUT ROWID;
	ALTER TABLE articles ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX IF NOT EXISTS articles_unkeyed ON articles(seq) WHERE analyzed = 1 AND keyed = 0;
	CREATE TABLE IF NOT EXISTS story_terms (
		key    TEXT NOT NULL,
		end_at TEXT NOT NULL, -- '' when undated
		story  TEXT NOT NULL,
		PRIMARY KEY (key, end_at DESC, story)
	) WITHOUT ROWID;
	ALTER TABLE stories ADD COLUMN key_list TEXT NOT NULL DEFAULT '[]';
	CREATE TABLE IF NOT EXISTS story_centroids (
		story    TEXT PRIMARY KEY,
		centroid BLOB NOT NULL
	);
	CREATE TABLE IF NOT EXISTS frequencies (
		key TEXT PRIMARY KEY,
		df  INTEGER NOT NULL
	) WITHOUT ROWID;
	CREATE TABLE IF NOT EXISTS meta (
		name  TEXT PRIMARY KEY,
		value
	) WITHOUT ROWID;
	INSERT OR IGNORE INTO meta (name, value) VALUES
		('docs', 0),
		('grouping_indexed', NOT EXISTS (SELECT 1 FROM stories));
	DROP INDEX IF EXISTS stories_storyline;
	CREATE INDEX stories_storyline ON stories(storyline, begin_at, end_at);
	CREATE INDEX IF NOT EXISTS moved_new ON moved(kind, new);`,

	// 11: articles in no story, found without reading every article: an
	// analyzed article is listed here until a grouping puts it in a story.
	// (A flag on articles would rewrite every article's row, text and all,
	// at every whole grouping.)
	`CREATE TABLE IF NOT EXISTS ungrouped (seq INTEGER PRIMARY KEY);
	INSERT OR IGNORE INTO ungrouped (seq) SELECT a.seq FROM articles a
		WHERE a.analyzed = 1 AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article = a.id);`,

	// 12: the stored entities a new mention may resolve to, by the
	// matching keys of their names and aliases (news.Entity.Keys), so that
	// an incremental grouping restores those, not every entity. A store
	// from before has none until a grouping saves its entities again, and
	// restores every entity until then.
	`CREATE TABLE IF NOT EXISTS entity_keys (
		key    TEXT NOT NULL,
		entity TEXT NOT NULL,
		PRIMARY KEY (key, entity)
	) WITHOUT ROWID;
	CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity);
	UPDATE meta SET value = 0 WHERE name = 'grouping_indexed' AND EXISTS (SELECT 1 FROM entities);`,

	// 13: whether an article is a news report or an opinion piece
	// (news.ArticleKind), with the evidence one reason a line; each
	// story's count of both. Articles analyzed before have no kind until
	// the pipeline classifies them (Unkinded, SaveKinds), which it does
	// when a store is opened for any command.
	`ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT '';
	ALTER TABLE articles ADD COLUMN kind_reasons TEXT NOT NULL DEFAULT '';
	CREATE INDEX IF NOT EXISTS articles_unkinded ON articles(seq) WHERE analyzed = 1 AND kind = '';
	CREATE INDEX IF NOT EXISTS articles_kind_recent ON articles(kind, published DESC, seq DESC);
	CREATE INDEX IF NOT EXISTS articles_id_kind ON articles(id, kind);
	ALTER TABLE stories ADD COLUMN reports INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE stories ADD COLUMN opinions INTEGER NOT NULL DEFAULT 0;`,

	// 14: a quote's kind (news.QuoteKind): 'speech', or 'view' for a
	// belief or intention, which lists leave out unless asked. Quotes
	// stored before have '' and are listed as speech, as they were.
	`ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT '';`,

	// 15: where a quote's speaker is written (news.Quote.SpeakerSpan) and
	// the pieces of a quote its attribution interrupts (Parts, a JSON
	// array of spans, '' for one piece), which stores before dropped: the
	// article page marked the attribution between two pieces as quoted,
	// and a stored comparison never knew the speaker's words. Quotes
	// stored before have neither until their article is analyzed again.
	`ALTER TABLE quotes ADD COLUMN speaker_start INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE quotes ADD COLUMN speaker_end INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE quotes ADD COLUMN parts TEXT NOT NULL DEFAULT '';`,
}

// fillOutletLists derives each story's outlet_list from its members: a
// JSON array of [outlet, articles] pairs, most articles first, then by
// outlet.
const fillOutletLists = outletListSQL + `;`

// outletListSQL is fillOutletLists without its end, for a WHERE clause
// that chooses the stories.
const outletListSQL = `UPDATE stories SET outlet_list = coalesce((
		SELECT json_group_array(json_array(outlet, n) ORDER BY n DESC, outlet) FROM (
			SELECT a.outlet AS outlet, count(*) AS n
			FROM story_members m JOIN articles a INDEXED BY articles_id_outlet ON a.id = m.article
			WHERE m.story = stories.id
			GROUP BY a.outlet)), '[]')`

// fillStoryKeys derives story_keys, and the number of stories of each key,
// from the stories, their members and the members' mentions.
const fillStoryKeys = `DELETE FROM story_keys;
	INSERT OR IGNORE INTO story_keys (kind, value, end_at, articles, story)
		SELECT 'outlet', a.outlet, coalesce(s.end_at, ''), s.articles, s.id
		FROM story_members m JOIN articles a INDEXED BY articles_id_outlet ON a.id = m.article JOIN stories s ON s.id = m.story
		WHERE a.outlet <> '';
	INSERT OR IGNORE INTO story_keys (kind, value, end_at, articles, story)
		SELECT 'entity', x.entity, coalesce(s.end_at, ''), s.articles, s.id
		FROM mentions x JOIN story_members m ON m.article = x.article JOIN stories s ON s.id = m.story
		WHERE x.entity <> '';
	DELETE FROM story_key_totals;
	INSERT INTO story_key_totals (kind, value, stories)
		SELECT kind, value, count(*) FROM story_keys GROUP BY kind, value;`

// migrate brings the schema up to date. The version is read and the
// migrations applied in one write transaction, so that two processes
// opening a new store at once (an ingest and a server) do not both migrate.
func (s *DB) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v == len(migrations) {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this storyline (%d): upgrade storyline", v, len(migrations))
		}
		for i := v; i < len(migrations); i++ {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
			}
		}
		// PRAGMA takes no parameters; the number is ours, not input.
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)))
		return err
	})
}
