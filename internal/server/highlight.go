package server

import (
	"cmp"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// mark is a highlighted span of an article's text.
type mark struct {
	sp          news.Span
	open, close string
	prio        int // nesting order for equal spans: lower is outer
	link        bool
}

// highlight returns an article's text as HTML with its quotes, dates and
// names marked, from the byte spans of its analysis. All text is escaped;
// the markup is ours. Spans that are out of range or cut a character are
// dropped; a span that crosses the end of an enclosing one is clipped to
// it, so the markup always nests.
func highlight(text string, an news.Analysis) template.HTML {
	var marks []mark
	for _, q := range an.Quotes {
		title := "quote"
		if q.Speaker != "" {
			title = "quote: " + q.Speaker
			if q.Cue != "" {
				title += " (" + q.Cue + ")"
			}
		}
		parts := q.Parts
		if len(parts) == 0 {
			parts = []news.Span{q.Span}
		}
		for _, p := range parts {
			marks = append(marks, mark{sp: p, prio: 0,
				open:  `<span class="hl-quote" title="` + esc(title) + `">`,
				close: `</span>`})
		}
	}
	for _, t := range an.Timexes {
		title := t.Value
		if title == "" {
			title = strings.ToLower(t.Type)
		}
		marks = append(marks, mark{sp: t.Span, prio: 1,
			open:  `<span class="hl-date" title="` + esc("date: "+title) + `">`,
			close: `</span>`})
	}
	for _, m := range an.Mentions {
		class := "hl-ent hl-" + strings.ToLower(string(m.Type))
		title := typeName(m.Type)
		if m.Role != "" {
			title += ": " + m.Role
		}
		if m.Entity != "" {
			marks = append(marks, mark{sp: m.Span, prio: 2, link: true,
				open:  `<a class="` + esc(class) + `" href="/entities/` + esc(url.PathEscape(string(m.Entity))) + `" title="` + esc(title) + `">`,
				close: `</a>`})
			continue
		}
		marks = append(marks, mark{sp: m.Span, prio: 2,
			open:  `<span class="` + esc(class) + `" title="` + esc(title) + `">`,
			close: `</span>`})
	}
	marks = slices.DeleteFunc(marks, func(m mark) bool {
		_, ok := clipSpan(text, m.sp)
		return !ok
	})
	slices.SortStableFunc(marks, func(a, b mark) int {
		if c := cmp.Compare(a.sp.Start, b.sp.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.sp.End, a.sp.End); c != 0 {
			return c
		}
		return cmp.Compare(a.prio, b.prio)
	})

	var b strings.Builder
	pos := 0
	text2 := func(to int) {
		if to > pos {
			b.WriteString(template.HTMLEscapeString(text[pos:to]))
			pos = to
		}
	}
	var stack []mark
	pop := func() {
		top := stack[len(stack)-1]
		text2(top.sp.End)
		b.WriteString(top.close)
		stack = stack[:len(stack)-1]
	}
	for _, m := range marks {
		for len(stack) > 0 && stack[len(stack)-1].sp.End <= m.sp.Start {
			pop()
		}
		if m.sp.Start < pos {
			continue // starts inside text already written (a clipped overlap)
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			m.sp.End = min(m.sp.End, top.sp.End)
			if m.sp.End <= m.sp.Start {
				continue
			}
			// Links do not nest in links.
			if m.link && slices.ContainsFunc(stack, func(s mark) bool { return s.link }) {
				continue
			}
		}
		text2(m.sp.Start)
		b.WriteString(m.open)
		stack = append(stack, m)
	}
	for len(stack) > 0 {
		pop()
	}
	text2(len(text))
	return template.HTML(b.String())
}

// esc escapes s for an HTML attribute value or text.
func esc(s string) string { return template.HTMLEscapeString(s) }

// typeName is an entity type as people say it.
func typeName(t news.EntityType) string {
	switch t {
	case news.Person:
		return "person"
	case news.Organisation:
		return "organisation"
	case news.Place:
		return "place"
	case news.OtherName:
		return "other name"
	}
	return "name"
}
