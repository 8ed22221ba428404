package server_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
)

// listEndpoints are the API lists, with a key that identifies an item.
var listEndpoints = []struct {
	path string
	key  func(idItem) string
}{
	{"/api/stories", func(i idItem) string { return i.ID }},
	{"/api/storylines", func(i idItem) string { return i.ID }},
	{"/api/entities", func(i idItem) string { return i.ID }},
	{"/api/articles", func(i idItem) string { return i.ID }},
	{"/api/quotes", func(i idItem) string { return i.Article.ID + "\x00" + i.Text }},
	{"/api/events", func(i idItem) string { return i.Article.ID + "\x00" + i.Text }},
	{"/api/search?q=dam", func(i idItem) string { return i.ID }},
}

func withQuery(path, q string) string {
	if strings.Contains(path, "?") {
		return path + "&" + q
	}
	return path + "?" + q
}

func TestAPI(t *testing.T) {
	f := newFixture(t, server.Options{}, demoDir(t))

	t.Run("lists paginate", func(t *testing.T) {
		for _, ep := range listEndpoints {
			t.Run(ep.path, func(t *testing.T) {
				var all page[idItem]
				f.getJSON(t, withQuery(ep.path, "limit=1000"), 200, &all)
				if len(all.Items) != all.Total {
					t.Fatalf("limit=1000 gave %d items, total %d", len(all.Items), all.Total)
				}
				// Walk the list two at a time: every item once, in the same order.
				var walked []string
				for off := 0; off < all.Total+2; off += 2 {
					var p page[idItem]
					f.getJSON(t, withQuery(ep.path, fmt.Sprintf("limit=2&offset=%d", off)), 200, &p)
					if p.Total != all.Total || p.Limit != 2 || p.Offset != off {
						t.Fatalf("offset %d: total/limit/offset = %d/%d/%d, want %d/2/%d", off, p.Total, p.Limit, p.Offset, all.Total, off)
					}
					if want := min(2, max(all.Total-off, 0)); len(p.Items) != want {
						t.Fatalf("offset %d: %d items, want %d", off, len(p.Items), want)
					}
					for _, it := range p.Items {
						walked = append(walked, ep.key(it))
					}
				}
				for i, it := range all.Items {
					if walked[i] != ep.key(it) {
						t.Fatalf("item %d: paging gave %q, one page gave %q", i, walked[i], ep.key(it))
					}
				}
			})
		}
	})

	t.Run("the demo has content in every main list", func(t *testing.T) {
		for _, path := range []string{"/api/stories", "/api/storylines", "/api/entities", "/api/articles", "/api/quotes", "/api/search?q=dam"} {
			var p page[idItem]
			f.getJSON(t, path, 200, &p)
			if p.Total == 0 || len(p.Items) == 0 {
				t.Errorf("%s: empty (total %d)", path, p.Total)
			}
			want := 50
			if strings.HasPrefix(path, "/api/search") {
				want = 20 // a search page: each hit carries a snippet
			}
			if p.Limit != want || p.Offset != 0 {
				t.Errorf("%s: default limit/offset %d/%d, want %d/0", path, p.Limit, p.Offset, want)
			}
		}
	})

	t.Run("quotes are speech unless views are asked for", func(t *testing.T) {
		var speech, all page[news.QuoteRef]
		f.getJSON(t, "/api/quotes?limit=1000", 200, &speech)
		f.getJSON(t, "/api/quotes?limit=1000&views=1", 200, &all)
		if speech.Total == 0 || all.Total < speech.Total {
			t.Errorf("%d quotes with views, %d without", all.Total, speech.Total)
		}
		for _, q := range speech.Items {
			if q.IsView() {
				t.Errorf("a view listed without views=1: %+v", q.Quote)
			}
		}
	})

	t.Run("bad parameters are 400 with a JSON error", func(t *testing.T) {
		for _, path := range []string{
			"/api/stories?limit=-1", "/api/stories?limit=abc", "/api/stories?limit=0", "/api/stories?limit=1001",
			"/api/articles?offset=-3", "/api/articles?offset=x", "/api/stories?from=notadate", "/api/stories?to=2025-13",
			"/api/articles?from=2025-04&to=2025-03", "/api/stories?format=xml", "/api/entities?type=XYZ",
			"/api/events?type=bogus", "/api/search", "/api/search?q=", "/api/search?q=" + strings.Repeat("word+", 200),
			"/api/search?q=dam&from=yesterday", "/api/quotes?limit=1.5", "/api/quotes?views=maybe",
		} {
			var e struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			f.getJSON(t, path, 400, &e)
			if e.Error == "" || e.Status != 400 {
				t.Errorf("%s: error body %+v", path, e)
			}
		}
	})

	t.Run("unknown IDs are 404", func(t *testing.T) {
		for _, path := range []string{"/api/stories/nope", "/api/storylines/nope", "/api/entities/nope", "/api/articles/nope", "/api/nothing-here"} {
			var e struct {
				Error string `json:"error"`
			}
			f.getJSON(t, path, 404, &e)
			if !strings.Contains(e.Error, "not found") {
				t.Errorf("%s: error %q does not say not found", path, e.Error)
			}
		}
		for _, path := range []string{"/stories/nope", "/articles/nope", "/entities/nope", "/storylines/nope", "/no/such/page"} {
			code, h, body := f.get(t, path)
			if code != 404 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("Not Found")) {
				t.Errorf("%s: status %d, type %q: want an HTML 404 page", path, code, h.Get("Content-Type"))
			}
			if bytes.Contains(body, []byte("goroutine")) || bytes.Contains(body, []byte(".go:")) {
				t.Errorf("%s: the error page shows internals", path)
			}
		}
	})

	t.Run("wrong methods are 405", func(t *testing.T) {
		for _, path := range []string{"/api/stories", "/api/stories/x", "/stories"} {
			code, body := f.post(t, path, "", "application/json", "{}")
			if code != 405 || !bytes.Contains(body, []byte("not allowed")) {
				t.Errorf("POST %s: %d %s", path, code, clipBody(body))
			}
		}
		if code, _, _ := f.get(t, "/static/"); code != 404 {
			t.Errorf("GET /static/: %d, want 404 (no folder listing)", code)
		}
		if code, h, _ := f.get(t, "/static/app.js"); code != 200 || !strings.Contains(h.Get("Content-Type"), "javascript") {
			t.Errorf("GET /static/app.js: %d %q", code, h.Get("Content-Type"))
		}
	})

	t.Run("story detail", func(t *testing.T) {
		var list page[struct {
			ID       string `json:"id"`
			Articles int    `json:"articles"`
			Copies   int    `json:"copies"`
		}]
		f.getJSON(t, "/api/stories", 200, &list)
		id := ""
		for _, s := range list.Items {
			if s.Articles > 1 && s.Copies > 0 {
				id = s.ID
			}
		}
		if id == "" {
			t.Fatal("the demo has no story with copies")
		}
		type member struct {
			ID   string `json:"id"`
			Copy *struct {
				Original string `json:"original"`
			} `json:"copy"`
		}
		var v struct {
			Story struct {
				ID       string `json:"id"`
				Articles int    `json:"articles"`
			} `json:"story"`
			Whole   bool `json:"whole"`
			Summary []struct {
				Text     string   `json:"text"`
				Articles []string `json:"articles"`
			} `json:"summary"`
			Timeline []struct {
				Date    string `json:"date"`
				Kind    string `json:"kind"`
				Text    string `json:"text"`
				Article string `json:"article"`
			} `json:"timeline"`
			CopyGroups page[struct {
				Original  member   `json:"original"`
				Copies    []member `json:"copies"`
				CopyCount int      `json:"copy_count"`
			}] `json:"copy_groups"`
			Outlets  []struct{ Outlet string }   `json:"outlets"`
			Entities []struct{ ID, Name string } `json:"entities"`
			Quotes   []struct{ Text string }     `json:"quotes"`
			Events   []struct {
				Type, Group string
				Article     struct{ ID string }   `json:"article"`
				Also        []struct{ ID string } `json:"also"`
			} `json:"events"`
		}
		f.getJSON(t, "/api/stories/"+id, 200, &v)
		// A story of the demo fits on one page: its copy groups hold every
		// article, each copy under its original.
		members := map[string]bool{}
		for _, g := range v.CopyGroups.Items {
			members[g.Original.ID] = true
			if len(g.Copies) != g.CopyCount {
				t.Errorf("group of %s: %d copies shown of %d", g.Original.ID, len(g.Copies), g.CopyCount)
			}
			for _, c := range g.Copies {
				members[c.ID] = true
				if c.Copy == nil || c.Copy.Original != g.Original.ID {
					t.Errorf("%s is under %s, but copies %+v", c.ID, g.Original.ID, c.Copy)
				}
			}
		}
		if v.Story.ID != id || len(members) != v.Story.Articles || len(members) < 2 || !v.Whole {
			t.Fatalf("story %s: %d articles in copy groups of %d (whole %v)", v.Story.ID, len(members), v.Story.Articles, v.Whole)
		}
		if v.CopyGroups.Total != len(v.CopyGroups.Items) || v.CopyGroups.Limit != 40 || v.CopyGroups.Offset != 0 {
			t.Errorf("copy groups: total/limit/offset %d/%d/%d for %d groups", v.CopyGroups.Total, v.CopyGroups.Limit, v.CopyGroups.Offset, len(v.CopyGroups.Items))
		}
		// The summary tells the story in a few sentences, each naming
		// articles of the story.
		if n := len(v.Summary); n < 1 || n > 5 {
			t.Errorf("summary of %d sentences: %+v", n, v.Summary)
		}
		for i, s := range v.Summary {
			if s.Text == "" || len(s.Articles) == 0 {
				t.Errorf("summary sentence %d: %+v", i, s)
			}
			for _, a := range s.Articles {
				if !members[a] {
					t.Errorf("summary sentence %d names %s, not in the story", i, a)
				}
			}
		}
		if len(v.Timeline) == 0 {
			t.Fatal("empty timeline")
		}
		for i, e := range v.Timeline {
			if !members[e.Article] {
				t.Errorf("timeline entry %d links article %s, not in the story", i, e.Article)
			}
			if i > 0 && e.Date < v.Timeline[i-1].Date {
				t.Errorf("timeline not in date order at %d: %s after %s", i, e.Date, v.Timeline[i-1].Date)
			}
		}
		if len(v.Outlets) < 2 || len(v.Entities) == 0 {
			t.Errorf("%d outlets, %d entities: want several", len(v.Outlets), len(v.Entities))
		}
		// An event several articles report is listed once, with the others.
		groups, also := map[string]bool{}, 0
		for _, e := range v.Events {
			if e.Group != "" && groups[e.Group] {
				t.Errorf("event group %s (%s) is listed twice", e.Group, e.Type)
			}
			groups[e.Group] = true
			for _, a := range e.Also {
				if a.ID == e.Article.ID || !members[a.ID] {
					t.Errorf("event %s (%s) is also in %s: its own article, or not in the story", e.Group, e.Type, a.ID)
				}
			}
			also += len(e.Also)
		}
		if len(v.Events) == 0 || also == 0 {
			t.Errorf("%d events, %d reports of them in other articles: the demo's copies repeat its events", len(v.Events), also)
		}
	})

	t.Run("article, entity and storyline details", func(t *testing.T) {
		var arts page[idItem]
		f.getJSON(t, "/api/articles?limit=1", 200, &arts)
		var av struct {
			Article  struct{ ID, Text string } `json:"article"`
			Analysis struct {
				Mentions []struct {
					Start, End int
					Text       string
				} `json:"mentions"`
			} `json:"analysis"`
			Story *struct{ ID string } `json:"story"`
		}
		f.getJSON(t, "/api/articles/"+arts.Items[0].ID, 200, &av)
		if av.Article.Text == "" || len(av.Analysis.Mentions) == 0 || av.Story == nil {
			t.Fatalf("article %s: text %d bytes, %d mentions, story %v", av.Article.ID, len(av.Article.Text), len(av.Analysis.Mentions), av.Story)
		}
		for _, m := range av.Analysis.Mentions {
			if av.Article.Text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at %d:%d reads %q in the text", m.Text, m.Start, m.End, av.Article.Text[m.Start:m.End])
			}
		}

		var ents page[idItem]
		f.getJSON(t, "/api/entities?limit=1", 200, &ents)
		var ev struct {
			Entity  struct{ Name string }  `json:"entity"`
			Stories page[idItem]           `json:"stories"`
			Months  []struct{ Key string } `json:"months"`
		}
		f.getJSON(t, "/api/entities/"+url.PathEscape(ents.Items[0].ID), 200, &ev)
		if ev.Entity.Name != ents.Items[0].Name || len(ev.Stories.Items) == 0 || ev.Stories.Total != len(ev.Stories.Items) || len(ev.Months) == 0 {
			t.Errorf("entity %q: %+v", ents.Items[0].Name, ev)
		}

		var lines page[idItem]
		f.getJSON(t, "/api/storylines?limit=1", 200, &lines)
		var lv struct {
			Storyline struct{ Name string } `json:"storyline"`
			Stories   page[idItem]          `json:"stories"`
		}
		f.getJSON(t, "/api/storylines/"+lines.Items[0].ID, 200, &lv)
		if lv.Storyline.Name == "" || len(lv.Stories.Items) == 0 || lv.Stories.Total != len(lv.Stories.Items) {
			t.Errorf("storyline: %+v", lv)
		}
	})

	t.Run("filters narrow the lists", func(t *testing.T) {
		var all, one page[struct {
			ID         string                    `json:"id"`
			OutletList []struct{ Outlet string } `json:"outlet_list"`
		}]
		f.getJSON(t, "/api/stories", 200, &all)
		outlet := all.Items[0].OutletList[0].Outlet
		f.getJSON(t, "/api/stories?outlet="+url.QueryEscape(strings.ToUpper(outlet)), 200, &one)
		if one.Total == 0 || one.Total > all.Total {
			t.Fatalf("outlet %q: %d of %d stories", outlet, one.Total, all.Total)
		}
		for _, s := range one.Items {
			found := false
			for _, o := range s.OutletList {
				found = found || strings.EqualFold(o.Outlet, outlet)
			}
			if !found {
				t.Errorf("story %s has no article from %s", s.ID, outlet)
			}
		}
		var none page[idItem]
		f.getJSON(t, "/api/stories?from=1990&to=1990", 200, &none)
		if none.Total != 0 {
			t.Errorf("stories in 1990: %d", none.Total)
		}
		var arts page[struct {
			Published string `json:"published"`
		}]
		f.getJSON(t, "/api/articles?from=2025-03-20&to=2025-03", 200, &arts)
		for _, a := range arts.Items {
			if a.Published < "2025-03-20" || a.Published >= "2025-04" {
				t.Errorf("article of %s outside 20-31 March 2025", a.Published)
			}
		}
	})

	t.Run("exports parse", func(t *testing.T) {
		for _, ep := range listEndpoints {
			var all page[json.RawMessage]
			f.getJSON(t, withQuery(ep.path, "limit=1000"), 200, &all)
			t.Run(ep.path+" csv", func(t *testing.T) {
				code, h, body := f.get(t, withQuery(ep.path, "format=csv"))
				if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
					t.Fatalf("status %d, type %q, disposition %q", code, h.Get("Content-Type"), h.Get("Content-Disposition"))
				}
				recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(recs) != all.Total+1 {
					t.Fatalf("%d CSV rows, want a header and %d rows", len(recs), all.Total)
				}
				if len(recs[0]) < 3 || recs[0][0] == "" {
					t.Errorf("header %v", recs[0])
				}
			})
			t.Run(ep.path+" jsonl", func(t *testing.T) {
				code, _, body := f.get(t, withQuery(ep.path, "format=jsonl"))
				if code != 200 {
					t.Fatalf("status %d", code)
				}
				n := 0
				sc := bufio.NewScanner(bytes.NewReader(body))
				sc.Buffer(nil, 1<<24)
				for sc.Scan() {
					var v map[string]any
					if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
						t.Fatalf("line %d: %v", n+1, err)
					}
					n++
				}
				if n != all.Total {
					t.Errorf("%d lines, want %d", n, all.Total)
				}
			})
		}
		// An explicit limit exports one page.
		code, _, body := f.get(t, "/api/articles?format=jsonl&limit=2&offset=1")
		if lines := bytes.Count(body, []byte("\n")); code != 200 || lines != 2 {
			t.Errorf("limit=2 export: status %d, %d lines", code, lines)
		}
	})

	t.Run("pages link their exports", func(t *testing.T) {
		_, _, body := f.get(t, "/articles?outlet=Meridian+Wire")
		for _, want := range []string{`href="/api/articles?outlet=Meridian&#43;Wire&amp;format=csv"`, `format=jsonl"`} {
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("the articles page has no %s link", want)
			}
		}
	})

	t.Run("security headers", func(t *testing.T) {
		for _, path := range []string{"/", "/api/stories", "/static/style.css", "/nope"} {
			_, h, _ := f.get(t, path)
			csp := h.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("%s: CSP %q", path, csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: no nosniff", path)
			}
		}
	})

	t.Run("openapi", func(t *testing.T) {
		var doc struct {
			OpenAPI string                    `json:"openapi"`
			Paths   map[string]map[string]any `json:"paths"`
		}
		f.getJSON(t, "/api/openapi.json", 200, &doc)
		if !strings.HasPrefix(doc.OpenAPI, "3.") {
			t.Errorf("openapi %q", doc.OpenAPI)
		}
		for _, p := range []string{"/api/stories", "/api/stories/{id}", "/api/stories/{id}/compare", "/api/storylines", "/api/storylines/{id}", "/api/entities",
			"/api/entities/{id}", "/api/articles", "/api/articles/{id}", "/api/quotes", "/api/events", "/api/search"} {
			if doc.Paths[p]["get"] == nil {
				t.Errorf("openapi.json does not describe GET %s", p)
			}
		}
		if doc.Paths["/api/articles"]["post"] == nil {
			t.Error("openapi.json does not describe POST /api/articles")
		}
	})
}

func TestAPIWrites(t *testing.T) {
	const token = "s3cret-token"
	article := func(url, title string) string {
		return fmt.Sprintf(`{"url": %q, "source": "Test Gazette", "title": %q, "published": "2025-06-01", "text": "The harbour board of Port Avel met on Monday to discuss dredging (%s). Board chair Lena Ostrova said the work would start in July. Fishermen welcomed the plan."}`, url, title, title)
	}
	t.Run("disabled without a token", func(t *testing.T) {
		f := newFixture(t, server.Options{})
		code, body := f.post(t, "/api/articles", "Bearer anything", "application/json", article("https://example.com/a", "A"))
		if code != 403 || !bytes.Contains(body, []byte("disabled")) {
			t.Errorf("status %d, body %s: want 403 saying writes are disabled", code, body)
		}
	})

	f := newFixture(t, server.Options{Token: token, MaxBody: 64 << 10})
	for _, tc := range []struct {
		name, auth string
	}{
		{"no token", ""},
		{"wrong token", "Bearer wrong"},
		{"token prefix", "Bearer " + token[:5]},
		{"not bearer", "Basic " + token},
		{"token as is", token},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := f.post(t, "/api/articles", tc.auth, "application/json", article("https://example.com/x", "X"))
			if code != 401 || !bytes.Contains(body, []byte(`"error"`)) {
				t.Errorf("status %d, body %s: want 401 with a JSON error", code, body)
			}
		})
	}
	var before page[idItem]
	f.getJSON(t, "/api/articles", 200, &before)
	if before.Total != 0 {
		t.Fatalf("refused writes stored %d articles", before.Total)
	}

	t.Run("a posted article appears", func(t *testing.T) {
		code, body := f.post(t, "/api/articles", "Bearer "+token, "application/json", article("https://example.com/harbour", "Harbour board backs dredging"))
		var resp server.IngestResponse
		if err := json.Unmarshal(body, &resp); err != nil || code != 201 || resp.New != 1 {
			t.Fatalf("status %d, body %s: want 201 with new=1", code, body)
		}
		var arts page[idItem]
		f.getJSON(t, "/api/articles", 200, &arts)
		if arts.Total != 1 || arts.Items[0].Title != "Harbour board backs dredging" {
			t.Fatalf("after the post: %+v", arts)
		}
		var stories page[idItem]
		f.getJSON(t, "/api/stories", 200, &stories)
		if stories.Total != 1 {
			t.Errorf("after the post: %d stories, want 1", stories.Total)
		}
		// Posting it again stores nothing new.
		code, body = f.post(t, "/api/articles", "Bearer "+token, "application/json", article("https://example.com/harbour", "Harbour board backs dredging"))
		if err := json.Unmarshal(body, &resp); err != nil || code != 200 || resp.Known != 1 {
			t.Errorf("repost: status %d, body %s: want 200 with known=1", code, body)
		}
	})

	t.Run("array and JSON Lines, with a broken item", func(t *testing.T) {
		arr := "[" + article("https://example.com/b1", "B1") + "," + article("https://example.com/b2", "B2") + "]"
		code, body := f.post(t, "/api/articles", "Bearer "+token, "application/json", arr)
		var resp server.IngestResponse
		if json.Unmarshal(body, &resp); code != 201 || resp.New != 2 {
			t.Errorf("array: status %d, body %s", code, body)
		}
		jsonl := article("https://example.com/c1", "C1") + "\n{not json}\n" + article("https://example.com/c2", "C2") + "\n"
		code, body = f.post(t, "/api/articles", "Bearer "+token, "application/jsonl", jsonl)
		resp = server.IngestResponse{}
		if json.Unmarshal(body, &resp); code != 201 || resp.New != 2 || resp.Failed != 1 || len(resp.Problems) != 1 || !strings.Contains(resp.Problems[0], "2") {
			t.Errorf("JSON Lines: status %d, body %s: want 2 new and a problem naming line 2", code, body)
		}
	})

	t.Run("a warning comes back", func(t *testing.T) {
		// Valid UTF-8 with one stray byte: stored, the byte replaced, and
		// the poster told where.
		body := `{"url": "https://example.com/zurich", "title": "Zürich talks", "text": "Talks in Zürich went on as the café owners of São Paulo met the envoy ` + "\xff" + ` there."}`
		code, out := f.post(t, "/api/articles", "Bearer "+token, "application/json", body)
		var resp server.IngestResponse
		if err := json.Unmarshal(out, &resp); err != nil || code != 201 || len(resp.Warnings) != 1 || !strings.Contains(resp.Warnings[0], "request") {
			t.Errorf("status %d, body %s: want 201 with a warning naming the request", code, out)
		}
	})

	t.Run("bad bodies", func(t *testing.T) {
		for _, tc := range []struct {
			name, body string
			want       int
		}{
			{"empty", "", 400},
			{"not JSON", "just some words", 400},
			{"no text", `{"url": "https://example.com/empty", "title": "nothing"}`, 400},
			{"too large", `{"text": "` + strings.Repeat("word ", 20000) + `"}`, 413},
		} {
			t.Run(tc.name, func(t *testing.T) {
				code, body := f.post(t, "/api/articles", "Bearer "+token, "application/json", tc.body)
				if code != tc.want || !bytes.Contains(body, []byte(`"error"`)) {
					t.Errorf("status %d, body %s: want %d with an error", code, clipBody(body), tc.want)
				}
			})
		}
	})
}

func TestWatch(t *testing.T) {
	f := newFixture(t, server.Options{})
	dir := t.TempDir()
	w, err := server.NewWatcher(dir, f.ingest, server.WatchOptions{Settle: 1})
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var p page[idItem]
		f.getJSON(t, "/api/articles", 200, &p)
		return p.Total
	}
	ctx := t.Context()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("one.txt", "Ferry service resumes\n\nThe ferry between Lisk and Port Avel resumed on Friday after repairs, the operator said.")
	write(".hidden.txt", "Hidden notes\n\nThese are not an article and must be skipped by the watcher.")
	write("draft.txt.part", "Half written\n\nA download still in progress must wait.")
	if n, err := w.Poll(ctx); err != nil || n != 1 {
		t.Fatalf("first poll: %d files, %v; want 1", n, err)
	}
	if got := count(); got != 1 {
		t.Fatalf("after the first poll: %d articles, want 1", got)
	}
	if n, _ := w.Poll(ctx); n != 0 {
		t.Errorf("second poll read %d files again", n)
	}
	write("two.txt", "Dam talks adjourn\n\nNegotiators adjourned the Kessel Dam talks on Tuesday without a deal, officials said.")
	if n, _ := w.Poll(ctx); n != 1 {
		t.Errorf("after a new file: %d files read, want 1", n)
	}
	write("one.txt", "Ferry service resumes again\n\nThe ferry between Lisk and Port Avel resumed on Saturday after more repairs, the operator said.")
	if n, _ := w.Poll(ctx); n != 1 {
		t.Errorf("after a change: %d files read, want 1", n)
	}
	if got := count(); got != 3 {
		t.Errorf("at the end: %d articles, want 3", got)
	}
}
