package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// postgresServer is the PostgreSQL server the tests use:
// $STORYLINE_TEST_POSTGRES, or the one on loopback.
func postgresServer() string {
	if u := os.Getenv("STORYLINE_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://root@127.0.0.1:5432/test?sslmode=disable"
}

// PostgresDB creates a database of its own for t on the test PostgreSQL
// server ($STORYLINE_TEST_POSTGRES, or the one on loopback), dropped when
// t ends, and returns its address. Without a server it skips t.
func PostgresDB(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, postgresServer())
	if err != nil {
		t.Skipf("no PostgreSQL server at %s ($STORYLINE_TEST_POSTGRES): %v", redacted(postgresServer()), err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "storyline_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { dropDB(t, name) })
	u, err := url.Parse(postgresServer())
	if err != nil {
		t.Fatalf("test server address: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// dropDB drops the test database name, and reports when it cannot.
func dropDB(t testing.TB, name string) {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, postgresServer())
	if err != nil {
		t.Errorf("drop test database %s: %v", name, err)
		return
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
		t.Errorf("drop test database %s: %v", name, err)
	}
}

// redacted returns a server address without its password.
func redacted(addr string) string {
	if u, err := url.Parse(addr); err == nil {
		return u.Redacted()
	}
	return "(unparsable address)"
}
