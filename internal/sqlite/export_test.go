package sqlite

// SetCountLimit sets how many matches db's searches count, for tests of
// the limit without news.SearchCountLimit articles.
func SetCountLimit(db *DB, n int) { db.countLimit = n }
