package server_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/storetest"
)

// maxPage is the most a page of a story, however big, may weigh, and
// groupsPage the copy groups it shows.
const (
	maxPage    = 200 << 10
	groupsPage = 40
)

// bigFixture stores a story of n articles from 40 outlets over 60 days:
// one original copied wire-style by a quarter of them, the next 119 by a
// sixth, every article quoting someone and reporting an event that others
// report too; a storyline of 300 small stories; and a person named in all
// of them. Its first pages are the heaviest a story's can be: every group
// has more copies than a page shows.
func bigFixture(t *testing.T, n int) (f *fixture, wire news.ArticleID) {
	t.Helper()
	ctx := context.Background()
	f = newFixture(t, server.Options{})
	begin := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	var arts []news.Article
	var ans []news.Analysis
	var g news.Grouping
	add := func(i int, story news.StoryID, pub time.Time) news.Article {
		outlet := fmt.Sprintf("The Daily Outlet Number %02d", i%40)
		title := fmt.Sprintf("Negotiators from Norland and Estavia resume the Kessel Dam talks, report %05d", i)
		text := fmt.Sprintf("On %s the negotiators met again in Port Avel. \"We are close to a deal on the water,\" the envoy Lena Ostrova said. "+
			"Farmers marched in Lisk for the %dth day. The border stayed quiet, officials said, and the ferry ran on time. ", pub.Format("2 January 2006"), i)
		url := fmt.Sprintf("https://www.news%02d.example/world/europe/%s/norland-estavia-kessel-dam-talks-resume-%s-%d", i%40, pub.Format("2006/01/02"), story, i)
		a := storetest.Article(url, outlet, title, strings.Repeat(text, 3), pub)
		arts = append(arts, a)
		q := strings.Index(a.Text, "We are")
		ans = append(ans, news.Analysis{Article: a.ID,
			Mentions: []news.Mention{{Span: news.Span{Start: strings.Index(a.Text, "Lena"), End: strings.Index(a.Text, "Lena") + 11}, Text: "Lena Ostrova", Type: news.Person, Entity: "per-lena-ostrova"}},
			Quotes: []news.Quote{{Span: news.Span{Start: q, End: q + 32}, Text: "We are close to a deal on the water", Speaker: "Lena Ostrova",
				Entity: "per-lena-ostrova", Cue: "said", Direct: true, Group: fmt.Sprintf("q%d", i%97)}},
			Events: []news.Event{{Type: news.EventTalks, Trigger: "met", Actor: "the negotiators", Place: "Port Avel", Killed: -1, Injured: -1, Arrested: -1,
				Sentence: news.Span{Start: 0, End: strings.Index(a.Text, ".")}, Group: fmt.Sprintf("e%d", i%89)}},
		})
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: story, Score: 0.4,
			SharedTerms: []string{"kessel", "dam", "talks"}, SharedEntities: []string{"Lena Ostrova"}, Reason: "joined: score 0.40 >= 0.30"})
		return a
	}
	var originals []news.ArticleID
	copyOf := func(a news.Article, orig news.ArticleID, kind news.CopyKind) {
		g.Copies = append(g.Copies, news.CopyLink{Article: a.ID, Original: orig, Kind: kind, Similarity: 0.9})
		// A copy joins its original's story, as the clusterer says.
		g.Assignments[len(g.Assignments)-1] = news.Assignment{Article: a.ID, Story: "big", Score: 1, Reason: "copy of " + string(orig)}
	}
	for i := range n {
		a := add(i, "big", begin.Add(time.Duration(i)*(60*24*time.Hour/time.Duration(n))))
		// Every group of the first pages has more copies than it shows.
		switch {
		case i > 0 && i%4 == 0:
			copyOf(a, originals[0], news.CopyExact)
		case i%3 == 2 && len(originals) >= 120:
			copyOf(a, originals[1+i%119], news.CopyNear)
		default:
			originals = append(originals, a.ID)
		}
	}
	g.Stories = append(g.Stories, news.Story{ID: "big", Title: arts[0].Title, Begin: begin, End: begin.Add(60 * 24 * time.Hour), Storyline: "line"})
	line := news.Storyline{ID: "line", Name: "Kessel Dam talks", Stories: []news.StoryID{"big"}}
	for k := range 300 {
		id := news.StoryID(fmt.Sprintf("small%03d", k))
		pub := begin.AddDate(0, 0, -k)
		add(n+k, id, pub)
		g.Stories = append(g.Stories, news.Story{ID: id, Title: fmt.Sprintf("Small story %03d", k), Begin: pub, End: pub, Storyline: "line"})
		line.Stories = append(line.Stories, id)
		line.Links = append(line.Links, news.StoryLink{From: "big", To: id, Score: 0.3})
	}
	g.Storylines = []news.Storyline{line}
	g.Entities = []news.Entity{{ID: "per-lena-ostrova", Name: "Lena Ostrova", Type: news.Person, Mentions: len(arts)}}
	if _, err := f.st.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SaveAnalyses(ctx, ans); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	return f, originals[0]
}

// TestBigStoryPages checks that the pages of a story of 3,000 articles,
// of a storyline of 301 stories and of a person named 3,300 times are
// paginated: each page says which part of how many it shows, links to the
// next, stays under 200 KB, and the pages together show everything.
func TestBigStoryPages(t *testing.T) {
	const n = 3000
	f, wire := bigFixture(t, n)
	rangeRE := regexp.MustCompile(`Showing ([0-9,]+)–([0-9,]+) of ([0-9,]+)`)
	shows := func(t *testing.T, path string, from, to, total int) string {
		t.Helper()
		code, _, body := f.get(t, path)
		if code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		if len(body) > maxPage {
			t.Errorf("GET %s: %d KB, more than %d KB", path, len(body)>>10, maxPage>>10)
		}
		want := fmt.Sprintf("Showing %s–%s of %s", num(from), num(to), num(total))
		if m := rangeRE.FindString(string(body)); m != want {
			t.Errorf("GET %s says %q, want %q", path, m, want)
		}
		return string(body)
	}

	var head struct {
		Story struct {
			Articles, Copies int
		} `json:"story"`
		CopyGroups page[struct {
			Original  struct{ ID string } `json:"original"`
			Copies    []struct{ ID string }
			CopyCount int `json:"copy_count"`
		}] `json:"copy_groups"`
		Outlets      []struct{ Outlet string } `json:"outlets"`
		OtherOutlets []struct{ Outlet string } `json:"other_outlets"`
	}
	f.getJSON(t, "/api/stories/big", 200, &head)
	if _, _, raw := f.get(t, "/api/stories/big"); len(raw) > maxPage {
		t.Errorf("GET /api/stories/big: %d KB, more than %d KB", len(raw)>>10, maxPage>>10)
	}
	groups := head.CopyGroups.Total
	if head.Story.Articles != n || groups != n-head.Story.Copies || len(head.CopyGroups.Items) != groupsPage {
		t.Fatalf("story: %d articles, %d copies, %d groups (%d on the first page)", head.Story.Articles, head.Story.Copies, groups, len(head.CopyGroups.Items))
	}
	if len(head.Outlets) != 12 || len(head.OtherOutlets) != 28 {
		t.Errorf("%d outlets side by side and %d named after them, want 12 and 28", len(head.Outlets), len(head.OtherOutlets))
	}

	t.Run("story page", func(t *testing.T) {
		body := shows(t, "/stories/big", 1, groupsPage, groups)
		if k := strings.Count(body, `<div class="group">`); k != groupsPage {
			t.Errorf("the first page shows %d copy groups, want %d", k, groupsPage)
		}
		last := (groups - 1) / groupsPage * groupsPage
		if !strings.Contains(body, fmt.Sprintf(`href="/stories/big?offset=%d#articles"`, groupsPage)) || !strings.Contains(body, fmt.Sprintf(`href="/stories/big?offset=%d#articles"`, last)) {
			t.Error("no link to the next or the last page")
		}
		if !strings.Contains(body, fmt.Sprintf("All %s copies", num(n/4-1))) {
			t.Errorf("the wire original does not link its %d copies", n/4-1)
		}
		shows(t, "/stories/big?offset=1000", 1001, 1000+groupsPage, groups)
		shows(t, fmt.Sprintf("/stories/big?offset=%d", last), last+1, groups, groups)
		body = shows(t, "/stories/big?outlet="+url.QueryEscape("The Daily Outlet Number 07"), 1, groupsPage, countOutlet(t, f, 7))
		articles := body[strings.Index(body, `<section id="articles">`):]
		articles = articles[:strings.Index(articles, "</section>")]
		if got := regexp.MustCompile(`Outlet Number (\d\d) ·`).FindAllStringSubmatch(articles, -1); len(got) < groupsPage {
			t.Errorf("the page of outlet 07 shows %d articles", len(got))
		} else {
			for _, m := range got {
				if m[1] != "07" {
					t.Errorf("the page of outlet 07 shows an article of outlet %s", m[1])
				}
			}
		}
	})

	t.Run("API pages hold every article once", func(t *testing.T) {
		seen := map[string]bool{}
		articles := 0
		for off := 0; off < groups; off += 100 {
			var p struct {
				CopyGroups page[struct {
					Original  struct{ ID string } `json:"original"`
					CopyCount int                 `json:"copy_count"`
				}] `json:"copy_groups"`
			}
			path := fmt.Sprintf("/api/stories/big?limit=100&offset=%d", off)
			f.getJSON(t, path, 200, &p)
			if p.CopyGroups.Total != groups || p.CopyGroups.Offset != off || p.CopyGroups.Limit != 100 {
				t.Fatalf("GET %s: total/offset/limit %d/%d/%d", path, p.CopyGroups.Total, p.CopyGroups.Offset, p.CopyGroups.Limit)
			}
			for _, g := range p.CopyGroups.Items {
				if seen[g.Original.ID] {
					t.Errorf("group %s on two pages", g.Original.ID)
				}
				seen[g.Original.ID] = true
				articles += 1 + g.CopyCount
			}
		}
		if len(seen) != groups || articles != n {
			t.Errorf("the pages hold %d groups of %d articles, want %d of %d", len(seen), articles, groups, n)
		}
		var e struct{ Status int }
		f.getJSON(t, "/api/stories/big?limit=101", 400, &e)
	})

	t.Run("copies of the wire original", func(t *testing.T) {
		shows(t, "/articles/"+string(wire), 1, 50, n/4-1)
		shows(t, "/articles/"+string(wire)+"?offset=700", 701, n/4-1, n/4-1)
	})

	t.Run("storyline", func(t *testing.T) {
		body := shows(t, "/storylines/line", 1, 50, 301)
		if k := strings.Count(body, `class="card story"`); k != 50 {
			t.Errorf("the storyline's first page shows %d stories, want 50", k)
		}
		var v struct {
			Storyline struct {
				Stories []string `json:"stories"`
				Links   []struct{ To string }
			} `json:"storyline"`
			Stories page[idItem] `json:"stories"`
		}
		f.getJSON(t, "/api/storylines/line?offset=250", 200, &v)
		if v.Stories.Total != 301 || len(v.Stories.Items) != 50 || len(v.Storyline.Stories) != 50 || len(v.Storyline.Links) > 50 {
			t.Errorf("API: %d of %d stories, the storyline naming %d and %d links", len(v.Stories.Items), v.Stories.Total, len(v.Storyline.Stories), len(v.Storyline.Links))
		}
	})

	t.Run("entity", func(t *testing.T) {
		body := shows(t, "/entities/per-lena-ostrova", 1, 50, 301)
		if !strings.Contains(body, "All quotes of Lena Ostrova") {
			t.Error("the entity page does not link all its quotes")
		}
		code, _, raw := f.get(t, "/api/entities/per-lena-ostrova")
		if code != 200 || len(raw) > maxPage {
			t.Errorf("API: %d, %d KB", code, len(raw)>>10)
		}
	})
}

// countOutlet counts the copy groups of story "big" among the articles of
// outlet k.
func countOutlet(t *testing.T, f *fixture, k int) int {
	t.Helper()
	var p struct {
		CopyGroups page[idItem] `json:"copy_groups"`
	}
	f.getJSON(t, "/api/stories/big?limit=1&outlet="+url.QueryEscape(fmt.Sprintf("the daily outlet number %02d", k)), 200, &p)
	if p.CopyGroups.Total < 51 {
		t.Fatalf("outlet %d: %d groups, want more than a page", k, p.CopyGroups.Total)
	}
	return p.CopyGroups.Total
}

// num formats n as the pages do: 12,345.
func num(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
