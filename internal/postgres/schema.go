package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
)

// migrations are applied in order; schema_version holds the number
// applied so far. Never edit a migration that has shipped: add one.
//
// Text columns are declared ctext, which stands for text in the "C"
// collation: IDs, dates (RFC 3339 text, as the SQLite store keeps them)
// and names then sort and compare byte by byte, as SQLite's BINARY does,
// whatever the database's locale. Times are text rather than timestamptz
// for the same reason: one format, one order, the same answers as the
// embedded store.
var migrations = []string{
	// 1: the whole schema of the SQLite store at its version 15, in one.
	// The full-text configuration is PostgreSQL's english without its stop
	// words: the SQLite store indexes every word, so that "and" must occur
	// when it is searched for.
	`CREATE TEXT SEARCH DICTIONARY storyline_stem (TEMPLATE = snowball, LANGUAGE = english);
	CREATE TEXT SEARCH CONFIGURATION storyline (COPY = english);
	ALTER TEXT SEARCH CONFIGURATION storyline ALTER MAPPING REPLACE english_stem WITH storyline_stem;
	-- Words with diacritics are indexed without them, as the SQLite store
	-- indexes them, where the server has the unaccent extension and lets
	-- this user create it; elsewhere "Pena" does not find "Peña".
	DO $$ BEGIN
		IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
			CREATE EXTENSION IF NOT EXISTS unaccent;
			ALTER TEXT SEARCH CONFIGURATION storyline ALTER MAPPING FOR word, hword, hword_part WITH unaccent, storyline_stem;
		END IF;
	EXCEPTION WHEN insufficient_privilege THEN NULL;
	END $$;
	CREATE TABLE articles (
		seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		id             ctext NOT NULL UNIQUE,
		url            ctext NOT NULL DEFAULT '',
		outlet         ctext NOT NULL DEFAULT '',
		title          ctext NOT NULL DEFAULT '',
		text           ctext NOT NULL,
		published      ctext,
		date_source    ctext NOT NULL DEFAULT '',
		date_note      ctext NOT NULL DEFAULT '',
		language       ctext NOT NULL DEFAULT '',
		origin         ctext NOT NULL DEFAULT '',
		text_hash      ctext NOT NULL,
		meta           ctext,
		words          integer NOT NULL DEFAULT 0,
		ingested       ctext NOT NULL,
		analyzed       boolean NOT NULL DEFAULT false,
		keyed          boolean NOT NULL DEFAULT false,
		analysis_notes ctext NOT NULL DEFAULT '',
		kind           ctext NOT NULL DEFAULT '',
		kind_reasons   ctext NOT NULL DEFAULT ''
	);
	CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> '';
	CREATE UNIQUE INDEX articles_hash ON articles(text_hash, outlet);
	CREATE INDEX articles_published ON articles(published);
	CREATE INDEX articles_outlet ON articles(lower(outlet));
	CREATE INDEX articles_recent ON articles(published DESC NULLS LAST, seq DESC);
	CREATE INDEX articles_unanalyzed ON articles(seq) WHERE NOT analyzed;
	CREATE INDEX articles_unkeyed ON articles(seq) WHERE analyzed AND NOT keyed;
	CREATE INDEX articles_unkinded ON articles(seq) WHERE analyzed AND kind = '';
	CREATE INDEX articles_kind_recent ON articles(kind, published DESC NULLS LAST, seq DESC);
	CREATE INDEX articles_id_outlet ON articles(id) INCLUDE (outlet, kind, seq);

	-- The full-text index: each article's title (weight A) and text (B)
	-- as a stored tsvector, kept by a trigger as SQLite's FTS5 table is.
	-- It is a table of its own, not a generated column of articles: the
	-- grouping and the analyses update articles' dates, kinds and flags,
	-- and every such update of a row with the tsvector wrote all its
	-- lexemes to the GIN index again (125 ms for 770 ECB+ articles, 25
	-- without). The index reads the first MiB of a text: a tsvector holds
	-- at most 1 MB, and a longer text would not be stored.
	CREATE TABLE articles_fts (
		seq bigint PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
		fts tsvector NOT NULL
	);
	CREATE INDEX articles_fts_index ON articles_fts USING gin (fts);
	CREATE FUNCTION articles_fts_row() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		INSERT INTO articles_fts (seq, fts) VALUES (NEW.seq,
			setweight(to_tsvector('storyline', NEW.title), 'A') ||
			setweight(to_tsvector('storyline', left(NEW.text, 1048576)), 'B'))
		ON CONFLICT (seq) DO UPDATE SET fts = excluded.fts;
		RETURN NULL;
	END $$;
	CREATE TRIGGER articles_fts_row AFTER INSERT OR UPDATE OF title, text ON articles
		FOR EACH ROW EXECUTE FUNCTION articles_fts_row();

	CREATE TABLE signatures (
		article ctext PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
		sig     bytea NOT NULL
	);
	CREATE TABLE mentions (
		rid     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		article ctext NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start   integer NOT NULL,
		stop    integer NOT NULL,
		text    ctext NOT NULL,
		type    ctext NOT NULL,
		role    ctext NOT NULL DEFAULT '',
		entity  ctext NOT NULL DEFAULT ''
	);
	CREATE INDEX mentions_position ON mentions(article, start, stop);
	CREATE INDEX mentions_entity ON mentions(entity, rid);
	CREATE TABLE timexes (
		rid       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		article   ctext NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start     integer NOT NULL,
		stop      integer NOT NULL,
		text      ctext NOT NULL,
		type      ctext NOT NULL,
		value     ctext NOT NULL,
		precision ctext NOT NULL,
		begin_at  ctext,
		end_at    ctext
	);
	CREATE INDEX timexes_article ON timexes(article);
	CREATE TABLE quotes (
		rid        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		article    ctext NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start      integer NOT NULL,
		stop       integer NOT NULL,
		text       ctext NOT NULL,
		speaker    ctext NOT NULL DEFAULT '',
		entity     ctext NOT NULL DEFAULT '',
		cue        ctext NOT NULL DEFAULT '',
		direct     boolean NOT NULL,
		sent_start integer NOT NULL,
		sent_end   integer NOT NULL,
		grp           ctext NOT NULL DEFAULT '',
		kind          ctext NOT NULL DEFAULT '',
		speaker_start integer NOT NULL DEFAULT 0,
		speaker_end   integer NOT NULL DEFAULT 0,
		parts         ctext NOT NULL DEFAULT ''
	);
	CREATE INDEX quotes_position ON quotes(article, start);
	CREATE INDEX quotes_entity ON quotes(entity, rid);
	CREATE TABLE events (
		rid        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		article    ctext NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		type       ctext NOT NULL,
		trigger    ctext NOT NULL,
		actor      ctext NOT NULL DEFAULT '',
		target     ctext NOT NULL DEFAULT '',
		place      ctext NOT NULL DEFAULT '',
		when_json  ctext,
		killed     integer NOT NULL DEFAULT -1,
		injured    integer NOT NULL DEFAULT -1,
		arrested   integer NOT NULL DEFAULT -1,
		sent_start integer NOT NULL,
		sent_end   integer NOT NULL,
		grp        ctext NOT NULL DEFAULT '',
		modality   ctext NOT NULL DEFAULT ''
	);
	CREATE INDEX events_position ON events(article, sent_start, type, trigger);

	CREATE TABLE copies (
		rid        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
		article    ctext PRIMARY KEY,
		original   ctext NOT NULL,
		kind       ctext NOT NULL,
		similarity double precision NOT NULL
	);
	CREATE INDEX copies_original ON copies(original, rid);
	CREATE TABLE story_members (
		article ctext PRIMARY KEY,
		story   ctext NOT NULL,
		why     ctext NOT NULL
	);
	CREATE INDEX story_members_story ON story_members(story);
	CREATE TABLE stories (
		id          ctext PRIMARY KEY,
		title       ctext NOT NULL,
		begin_at    ctext,
		end_at      ctext,
		storyline   ctext NOT NULL DEFAULT '',
		articles    integer NOT NULL,
		outlets     integer NOT NULL,
		copies      integer NOT NULL,
		latest      bigint,
		outlet_list ctext NOT NULL DEFAULT '[]',
		key_list    text[] NOT NULL DEFAULT '{}',
		reports     integer NOT NULL DEFAULT 0,
		opinions    integer NOT NULL DEFAULT 0
	);
	CREATE INDEX stories_recent ON stories(end_at DESC NULLS LAST, articles DESC, id);
	CREATE INDEX stories_storyline ON stories(storyline, begin_at, end_at);
	CREATE TABLE storylines (
		id       ctext PRIMARY KEY,
		name     ctext NOT NULL,
		begin_at ctext,
		end_at   ctext,
		stories  integer NOT NULL,
		body     ctext NOT NULL
	);
	CREATE INDEX storylines_recent ON storylines(end_at DESC NULLS LAST, stories DESC, id);
	CREATE TABLE entities (
		id       ctext PRIMARY KEY,
		name     ctext NOT NULL,
		type     ctext NOT NULL,
		body     ctext NOT NULL,
		mentions integer NOT NULL
	);
	CREATE INDEX entities_mentions ON entities(mentions DESC, name);
	CREATE TABLE decisions (
		seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		kind    ctext NOT NULL,
		body    ctext NOT NULL,
		created ctext NOT NULL
	);

	-- Stories by outlet and by entity, in the listing's order. value is
	-- kept lower-cased: the SQLite store compares it without case.
	CREATE TABLE story_keys (
		kind     ctext NOT NULL,
		value    ctext NOT NULL,
		end_at   ctext NOT NULL, -- '' when undated: last, as NULL in stories
		articles integer NOT NULL,
		story    ctext NOT NULL
	);
	CREATE UNIQUE INDEX story_keys_order ON story_keys(kind, value, end_at DESC, articles DESC, story);
	CREATE TABLE story_key_totals (
		kind    ctext NOT NULL,
		value   ctext NOT NULL,
		stories integer NOT NULL,
		PRIMARY KEY (kind, value)
	);
	CREATE TABLE moved (
		kind ctext NOT NULL,
		old  ctext NOT NULL,
		new  ctext NOT NULL,
		PRIMARY KEY (kind, old)
	);
	CREATE INDEX moved_new ON moved(kind, new);

	-- What an incremental grouping reads instead of the whole store (see
	-- the SQLite store's schema 10 to 12).
	CREATE TABLE copy_keys (
		key bigint NOT NULL,
		seq bigint NOT NULL, -- articles.seq
		PRIMARY KEY (key, seq)
	);
	CREATE TABLE story_terms (
		key    ctext NOT NULL,
		end_at ctext NOT NULL, -- '' when undated
		story  ctext NOT NULL
	);
	CREATE UNIQUE INDEX story_terms_order ON story_terms(key, end_at DESC, story);
	CREATE TABLE story_centroids (
		story    ctext PRIMARY KEY,
		centroid bytea NOT NULL
	);
	CREATE TABLE frequencies (
		key ctext PRIMARY KEY,
		df  bigint NOT NULL
	);
	CREATE TABLE meta (
		name  ctext PRIMARY KEY,
		value bigint NOT NULL
	);
	INSERT INTO meta (name, value) VALUES ('docs', 0), ('grouping_indexed', 1);
	CREATE TABLE ungrouped (seq bigint PRIMARY KEY);
	CREATE TABLE entity_keys (
		key    ctext NOT NULL,
		entity ctext NOT NULL,
		PRIMARY KEY (key, entity)
	);
	CREATE INDEX entity_keys_entity ON entity_keys(entity);

	-- A number every write transaction adds one to, in its last
	-- statement: see Version.
	CREATE TABLE store_version (v bigint NOT NULL);
	INSERT INTO store_version (v) VALUES (1);`,
}

// migrationLock is the key of the advisory lock migrations are applied
// under, so that two processes opening a new database at once do not both
// create its tables.
const migrationLock = 0x53544f52594c494e // "STORYLIN"

// migrate brings the schema up to date. A store at this version is only
// read, so that a user who may not create tables (a reader's role, a
// standby) opens it; otherwise the version is read again and the
// migrations applied in one transaction, under an advisory lock, so that
// two processes opening a new database at once do not both migrate. With
// existing, a database without the schema is news.ErrNotFound.
func (s *DB) migrate(ctx context.Context, existing bool) error {
	v, err := schemaVersion(ctx, s.pool, existing)
	if err != nil || v == len(migrations) {
		return err
	}
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return fmt.Errorf("lock schema: %w", err)
		}
		v, err := schemaVersion(ctx, tx, existing)
		if err != nil || v == len(migrations) {
			return err
		}
		if v < 0 {
			if _, err := tx.Exec(ctx, `CREATE TABLE schema_version (version integer NOT NULL)`); err != nil {
				return fmt.Errorf("create schema version: %w", err)
			}
			v = 0
		}
		for i := v; i < len(migrations); i++ {
			if _, err := tx.Exec(ctx, schemaSQL(migrations[i])); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM schema_version`); err != nil {
			return fmt.Errorf("record schema version: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, len(migrations)); err != nil {
			return fmt.Errorf("record schema version: %w", err)
		}
		return nil
	})
}

// schemaVersion returns the number of migrations applied, -1 for a
// database without the schema (news.ErrNotFound with existing), and an
// error for a schema newer than this program's.
func schemaVersion(ctx context.Context, q querier, existing bool) (int, error) {
	var found bool
	err := q.QueryRow(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&found)
	v := -1
	if err == nil && found {
		err = q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	}
	switch {
	case err != nil:
		return 0, fmt.Errorf("read schema version: %w", err)
	case v < 0 && existing:
		return 0, fmt.Errorf("%w: no Storyline store in this database (ingest some articles first, or pass --db)", news.ErrNotFound)
	case v > len(migrations):
		return 0, fmt.Errorf("schema version %d is newer than this storyline (%d): upgrade storyline", v, len(migrations))
	}
	return v, nil
}

// schemaSQL expands ctext in a migration.
func schemaSQL(m string) string {
	return strings.ReplaceAll(m, " ctext", ` text COLLATE "C"`)
}
