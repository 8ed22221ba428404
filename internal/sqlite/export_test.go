package sqlite

import "database/sql"

// SetCountLimit sets how many matches db's searches count, for tests of
// the limit without news.SearchCountLimit articles.
func SetCountLimit(db *DB, n int) { db.countLimit = n }

// Stats returns the statistics of db's connection pool.
func Stats(db *DB) sql.DBStats { return db.db.Stats() }
