package postgres

// SetCountLimit sets how many matches db's searches count, for tests of
// the limit without news.SearchCountLimit articles.
func SetCountLimit(db *DB, n int) { db.countLimit = n }

// DSN returns the address db was opened at, for tests that open the
// store again as another process would.
func DSN(db *DB) string { return db.pool.Config().ConnString() }

// Marks returns the words of text that query marks in a snippet.
func Marks(query, text string) []string { return newHighlighter(query).Marks(text) }

// TSQuery is the tsquery text a search for query runs.
func TSQuery(query string) string { return tsQuery(query) }
