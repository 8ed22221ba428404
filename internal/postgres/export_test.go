package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

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

// serverURL is the PostgreSQL server the tests use: $STORYLINE_TEST_POSTGRES,
// or the one on loopback.
func serverURL() string {
	if u := os.Getenv("STORYLINE_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://root@127.0.0.1:5432/test?sslmode=disable"
}

// FreshDB creates a database of its own for t on the test server, dropped
// when t ends, and returns its address. Without a server it skips t.
func FreshDB(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, serverURL())
	if err != nil {
		t.Skipf("no PostgreSQL server at %s ($STORYLINE_TEST_POSTGRES): %v", redacted(serverURL()), err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "storyline_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, serverURL())
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(serverURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// redacted returns a server address without its password.
func redacted(addr string) string {
	if u, err := url.Parse(addr); err == nil {
		return u.Redacted()
	}
	return "(unparsable address)"
}
