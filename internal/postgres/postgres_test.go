package postgres_test

import (
	"context"
	"testing"

	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/storetest"
)

func open(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), storetest.PostgresDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) storetest.Store { return open(t) },
		OpenAgain: func(t *testing.T, s storetest.Store) storetest.Store {
			return openAt(t, postgres.DSN(s.(*postgres.DB)))
		},
		SetCountLimit: func(s storetest.Store, n int) { postgres.SetCountLimit(s.(*postgres.DB), n) },
		NUL:           ' ', // text cannot hold a NUL
	})
}
