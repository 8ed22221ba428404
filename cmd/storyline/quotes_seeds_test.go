package main

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/timeline"
)

// TestSeedsQuotesAreSpeech checks issue 21's seed criteria for quotes, as
// a reader of the seeds would: every statement the news reports (001, 002,
// 003) and the editorials report of others (000, 004) is listed with the
// full name of who made it; what is no speech (beliefs, intentions, what
// someone should do, a thing accepted or recognised) is at most one item
// of the list; nothing of the editorials' own argument is; views are kept
// apart, shown with --views; and a quote carried by several articles
// counts each article once.
func TestSeedsQuotesAreSpeech(t *testing.T) {
	db, ids := seedStore(t)
	var shown quotePage
	jsonOut(t, &shown, "quotes", "--db", db, "--limit", "1000")

	// What the seeds report someone said, read from the seeds: the article,
	// words of the statement, and who made it.
	said := []struct{ seed, words, speaker string }{
		{"001", "We seek a strong partnership", "Wendy Sherman"},
		{"001", "Both of our countries have suffered", "Wendy Sherman"},
		{"001", "serious concerns over Pakistan offering safe havens", "Pentagon"},
		{"001", "very honest about our concerns", "John Kirby"},
		{"001", "candid conversations with Pakistani leaders", "John Kirby"},
		{"001", "important to continue to remind them", "John Kirby"},
		{"001", "within its rights to continue drone strikes", "John Kirby"},
		{"001", "opened peace talks with the Pakistani Taliban", "Imran Khan"},
		{"001", "actually want to talk to our government", "Imran Khan"},
		{"001", "discussions were taking place in Afghanistan", "Imran Khan"},
		{"001", "I do not believe in military solutions", "Imran Khan"},
		{"002", "not completely optimistic", "Moeed Yusuf"},
		{"002", "Organised terrorist networks are still operating", "Moeed Yusuf"},
		{"002", "approached the Afghan Taliban leadership", "Moeed Yusuf"},
		{"002", "We did talk to them", "Moeed Yusuf"},
		{"002", "no sovereign country could meet", "Moeed Yusuf"},
		{"002", "refused to handover TTP leaders", "Sheikh Rasheed"},
		{"002", "putting more pressure on the Taliban", "Sheikh Rasheed"},
		{"003", "seeking a strong partnership with Pakistan", "Wendy Sherman"},
		{"003", "begun talks with the Pakistani Taliban", "Imran Khan"},
		{"003", "I do not believe in military solutions", "Imran Khan"},
		{"004", "the TTP was behind the deadly March attack", "Mohsin Naqvi"}, // "the interior minister ... stated at a press conference"
		{"004", "hand them to us", "Mohsin Naqvi"},
		{"000", "take action against all militant factions", "Wendy Sherman"},
		{"000", "open for dialogue and rehabilitation", "Imran Khan"},
		{"000", "military crackdowns are not the solution", "Imran Khan"},
		{"000", "ready for dialogue with any of the militant groups", "Imran Khan"},
	}
	for _, s := range said {
		var speakers []string
		found := false
		for _, q := range shown.Quotes {
			if q.Article.ID == ids[s.seed] && strings.Contains(q.Text, s.words) {
				speakers = append(speakers, q.Speaker)
				found = found || q.Speaker == s.speaker
			}
		}
		if !found {
			t.Errorf("%s: %q by %s not listed (speakers found: %q)", s.seed, s.words, s.speaker, speakers)
		}
	}

	// What the seeds say that nobody said: beliefs, intentions, things
	// accepted or recognised, passives without a speaker, and the
	// editorials' own argument (000, 004).
	notSaid := []string{
		"the Taliban’s position", "the Afghans to destroy the TTP", "hardline Islamist Taliban regime",
		"Taliban’s hardline 1996-2001 regime", "to engage with the world", "not doing more to curb",
		"to play an important role", "reconciliation with militants both at home", "the war to oust",
		"TTP fighters be moved far from the border", "to be legitimized", "a stable Afghanistan",
		"strong, stable and inclusive governance", "too much from Pakistan", "to respect rights of the minorities",
		"to put pressure on the Afghan Taliban", "have been educated and brought up",
	}
	var nonSpeech []string
	for _, q := range shown.Quotes {
		for _, n := range notSaid {
			if strings.Contains(q.Text, n) {
				nonSpeech = append(nonSpeech, q.Speaker+" "+q.Cue+": "+q.Text)
			}
		}
		if ed := q.Article.ID == ids["000"] || q.Article.ID == ids["004"]; ed && q.Speaker == "" {
			t.Errorf("editorial quote with no speaker, the author's own voice: %q", q.Text)
		}
		if q.IsView() {
			t.Errorf("a view listed without --views: %s %s: %q", q.Speaker, q.Cue, q.Text)
		}
	}
	if len(nonSpeech) > 1 {
		t.Errorf("%d quotes shown are no speech, want at most 1:\n  %s", len(nonSpeech), strings.Join(nonSpeech, "\n  "))
	}

	// Views are kept apart: listed only with --views, as views. The
	// editorial 000's "the US expects ..." is its author's argument (an
	// opinion piece), neither a quote nor a view of the US.
	var all quotePage
	jsonOut(t, &all, "quotes", "--db", db, "--views", "--limit", "1000")
	views := 0
	for _, q := range all.Quotes {
		if q.IsView() {
			views++
		}
		if strings.Contains(q.Text, "to put pressure on the Afghan Taliban") {
			t.Errorf("the editorial's own argument is listed as %q of %q", q.Kind, q.Speaker)
		}
	}
	if all.Total != shown.Total+views {
		t.Errorf("--views lists %d quotes, %d of them views; without it %d", all.Total, views, shown.Total)
	}

	// A quote carried by several articles counts each once: Khan's
	// "I repeat" is in 001 and 003, whose story has three articles.
	var a struct {
		Story news.StoryID `json:"story"`
	}
	jsonOut(t, &a, "article", "--db", db, string(ids["001"]))
	var tl struct {
		Entries []timeline.Entry `json:"entries"`
	}
	jsonOut(t, &tl, "timeline", "--db", db, string(a.Story))
	khan := false
	for _, e := range tl.Entries {
		if e.Kind != "quote" {
			continue
		}
		if e.Articles > 3 {
			t.Errorf("quote %q by %s counts %d articles in a story of 3", e.Text, e.Who, e.Articles)
		}
		if strings.Contains(e.Text, "I do not believe in military solutions") {
			khan = true
			if e.Articles != 2 || e.Who != "Imran Khan" {
				t.Errorf("Khan's quote: %d articles, by %q; want 2, by Imran Khan", e.Articles, e.Who)
			}
		}
	}
	if !khan {
		t.Error("Khan's quote is not in the timeline of 001's story")
	}
}
