// Package storetest is the conformance suite every Storyline store must
// pass, in the manner of testing/fstest: a backend's own test calls Run with
// a Backend, which opens a fresh, empty store for each check.
package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// Store is what the suite checks: every method the commands call of a
// store (see store.Store).
type Store = store.Store

// Article returns a test article with its identity set.
func Article(url, outlet, title, text string, published time.Time) news.Article {
	a := news.Article{URL: url, Outlet: outlet, Title: title, Text: text, Published: published, Origin: "test"}
	if !published.IsZero() {
		a.DateSource = news.DateMetadata
	}
	a.TextHash = textnorm.Hash(text)
	a.ID = news.NewArticleID(url, outlet, a.TextHash)
	return a
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// corpus is a small fictional set of articles the tests search and list.
func corpus() []news.Article {
	return []news.Article{
		Article("https://a.example/1", "Meridian Wire", "Dam talks open in Port Avel",
			"Negotiators from Norland and Estavia opened talks on the Kessel Dam on Monday. The envoy said nobody walked out.", day("2025-03-24")),
		Article("https://b.example/2", "Harbour Daily", "Farmers march on Lisk",
			"Thousands of farmers marched through Lisk to demand water from the Kessel Dam talks.", day("2025-03-20")),
		Article("https://c.example/3", "Harbour Daily", "Ferry runs aground",
			"A ferry carrying 140 passengers ran aground outside Lisk harbour. No one was hurt.", day("2025-03-26")),
		Article("", "Northern Tribune", "Talking is the only way out",
			"An editorial: talking about the river is the only way out of the border dispute between Norland and Estavia.", time.Time{}),
	}
}

// Backend is what the suite needs of a store's implementation.
type Backend struct {
	// Open returns a new, empty store, closed by the test's cleanup.
	Open func(t *testing.T) Store

	// OpenAgain returns another handle on the store s, which Open
	// returned, as another process would open it, closed by the test's
	// cleanup; s may have been closed. Without it the checks of other
	// writers and of reopening are skipped.
	OpenAgain func(t *testing.T, s Store) Store

	// NUL is what the store keeps of a NUL character in text: zero for
	// the character itself, or a character of one byte in its place
	// (PostgreSQL's text cannot hold a NUL), so that offsets are kept.
	NUL rune

	// SetCountLimit sets how many matches s's searches count, in place of
	// news.SearchCountLimit, so that the limit is checked without that
	// many articles. Without it that part of a check is skipped.
	SetCountLimit func(s Store, n int)
}

// Run runs the conformance suite against b. Every check opens its own
// store.
func Run(t *testing.T, b Backend) {
	for _, c := range []struct {
		name  string
		check func(*testing.T, Store)
	}{
		{"AddThenGet", addThenGet},
		{"NUL", func(t *testing.T, s Store) { nul(t, s, b.NUL) }},
		{"UnknownDateStaysUnknown", unknownDate},
		{"NotFound", notFound},
		{"KnownArticles", knownArticles},
		{"ConcurrentAdds", concurrentAdds},
		{"ListFilterPage", listFilterPage},
		{"ListDefaults", listDefaults},
		{"Outlets", outlets},
		{"Search", searchMatches},
		{"SearchRanked", searchRanked},
		{"SearchWindow", func(t *testing.T, s Store) { searchWindow(t, s, b.SetCountLimit) }},
		{"Highlight", highlight},
		{"Analyses", analyses},
		{"BatchReads", batchReads},
		{"Kinds", kinds},
		{"Grouped", grouped},
		{"StoryFilters", storyFilters},
		{"WebLookups", webLookups},
		{"Findings", findings},
		{"StoryPages", storyPages},
		{"StoryGroupsOtherWriter", func(t *testing.T, s Store) { storyGroupsOtherWriter(t, s, openAgain(t, b)(t, s)) }},
		{"Identities", identities},
		{"Decisions", decisions},
		{"DecideWhole", decideWhole},
		{"Moves", moves},
		{"Incremental", incremental},
		{"StoryCandidatesRecent", storyCandidatesRecent},
		{"CommonCopyKeys", commonCopyKeys},
		{"Version", version},
		{"VersionOtherWriter", func(t *testing.T, s Store) { versionOtherWriter(t, s, openAgain(t, b)(t, s)) }},
		{"Reopen", func(t *testing.T, s Store) { reopen(t, s, openAgain(t, b)) }},
	} {
		t.Run(c.name, func(t *testing.T) { c.check(t, b.Open(t)) })
	}
}

// openAgain returns b.OpenAgain, or skips t when b has none.
func openAgain(t *testing.T, b Backend) func(*testing.T, Store) Store {
	t.Helper()
	if b.OpenAgain == nil {
		t.Skip("the backend opens no second handle on a store (Backend.OpenAgain)")
	}
	return b.OpenAgain
}

// add stores arts in s, or ends the test.
func add(t *testing.T, s Store, arts ...news.Article) {
	t.Helper()
	if _, err := s.Add(context.Background(), arts); err != nil {
		t.Fatalf("Add: %v", err)
	}
}

// seed stores the corpus in s.
func seed(t *testing.T, s Store) {
	t.Helper()
	add(t, s, corpus()...)
}

func titles(list []news.Summary) string {
	var t []string
	for _, a := range list {
		t = append(t, a.Title)
	}
	return strings.Join(t, "|")
}

func hitTitles(hits []news.SearchHit) string {
	var t []string
	for _, h := range hits {
		t = append(t, h.Title)
	}
	return strings.Join(t, "|")
}
