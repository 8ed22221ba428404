package postgres

// SetCountLimit sets how many matches db's searches count, for tests of
// the limit without news.SearchCountLimit articles.
func SetCountLimit(db *DB, n int) { db.countLimit = n }

// Marks returns the words of text that query marks in a snippet.
func Marks(query, text string) []string { return newHighlighter(query).marks(text) }

// TSQuery is the tsquery text a search for query runs.
func TSQuery(query string) string { return tsQuery(query) }
