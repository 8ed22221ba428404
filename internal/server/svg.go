package server

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// The charts are drawn on the server as inline SVG: they need no script,
// work offline and print. Every text in them is escaped; every link is one
// of ours.

// monthsChart draws an entity's mentions per month as bars, empty months
// included so that gaps show. It returns "" when there is nothing to draw.
func monthsChart(months []news.Count) template.HTML {
	type bar struct {
		label string
		n     int
		year  int
		month time.Month
	}
	var first, last time.Time
	counts := make(map[string]int)
	for _, m := range months {
		t, err := time.Parse("2006-01", m.Key)
		if err != nil {
			continue
		}
		counts[m.Key] += m.Count
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return ""
	}
	var bars []bar
	byYear := last.Sub(first) > 10*365*24*time.Hour // over ten years: a bar a year
	for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
		n := counts[t.Format("2006-01")]
		if byYear {
			if len(bars) > 0 && bars[len(bars)-1].year == t.Year() {
				bars[len(bars)-1].n += n
				continue
			}
			bars = append(bars, bar{label: t.Format("2006"), n: n, year: t.Year()})
			continue
		}
		bars = append(bars, bar{label: t.Format("Jan 2006"), n: n, year: t.Year(), month: t.Month()})
	}
	peak := 1
	for _, b := range bars {
		peak = max(peak, b.n)
	}
	const w, h, top, bottom, left = 480.0, 200.0, 12.0, 28.0, 34.0
	plotW, plotH := w-left-8, h-top-bottom
	step := plotW / float64(len(bars))
	gap := math.Min(step*0.2, 4)
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="mentions per %s">`, w, h, map[bool]string{true: "year", false: "month"}[byYear])
	fmt.Fprintf(&s, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, top+plotH, w-8, top+plotH)
	fmt.Fprintf(&s, `<text class="tick" x="%g" y="%g" text-anchor="end">%d</text>`, left-6, top+8, peak)
	fmt.Fprintf(&s, `<text class="tick" x="%g" y="%g" text-anchor="end">0</text>`, left-6, top+plotH)
	labelEvery := int(math.Ceil(float64(len(bars)) / 8))
	for i, b := range bars {
		x := left + float64(i)*step
		bh := plotH * float64(b.n) / float64(peak)
		unit := "mentions"
		if b.n == 1 {
			unit = "mention"
		}
		fmt.Fprintf(&s, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %d %s</title></rect>`,
			x+gap/2, top+plotH-bh, step-gap, bh, esc(b.label), b.n, unit)
		if i%labelEvery == 0 {
			label := b.label
			if !byYear && (b.month != time.January && i != 0) {
				label = b.label[:3]
			}
			fmt.Fprintf(&s, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x+step/2, h-10, esc(label))
		}
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// maxGraphNodes bounds the entities drawn around the centre of a graph.
const maxGraphNodes = 16

// coGraph draws an entity with the entities it appears with around it,
// the line to each as thick as the number of shared articles. It returns
// "" when the entity appears with none.
func coGraph(center news.Entity, with []news.Count) template.HTML {
	if len(with) == 0 {
		return ""
	}
	with = with[:min(len(with), maxGraphNodes)]
	peak := 1
	for _, c := range with {
		peak = max(peak, c.Count)
	}
	const w, h = 620.0, 340.0
	cx, cy, rx, ry := w/2, h/2, 150.0, 130.0
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="graph" viewBox="0 0 %g %g" role="img" aria-label="entities that appear with %s">`, w, h, esc(center.Name))
	type node struct {
		x, y float64
		c    news.Count
	}
	nodes := make([]node, len(with))
	for i, c := range with {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(with))
		nodes[i] = node{cx + rx*math.Cos(a), cy + ry*math.Sin(a), c}
	}
	for _, n := range nodes {
		sw := 1 + 5*float64(n.c.Count)/float64(peak)
		fmt.Fprintf(&s, `<line class="edge" x1="%g" y1="%g" x2="%.1f" y2="%.1f" stroke-width="%.1f"><title>%d shared articles</title></line>`,
			cx, cy, n.x, n.y, sw, n.c.Count)
	}
	for _, n := range nodes {
		anchor, dx := "start", 9.0
		if n.x < cx-1 {
			anchor, dx = "end", -9
		} else if math.Abs(n.x-cx) <= 1 {
			anchor, dx = "middle", 0
		}
		dy := 4.0
		if anchor == "middle" {
			dy = -10
			if n.y > cy {
				dy = 20
			}
		}
		name := n.c.Name
		if name == "" {
			name = n.c.Key
		}
		fmt.Fprintf(&s, `<a class="node" href="/entities/%s"><circle cx="%.1f" cy="%.1f" r="6"/><text x="%.1f" y="%.1f" text-anchor="%s">%s</text><title>%s: %d shared articles</title></a>`,
			esc(url.PathEscape(n.c.Key)), n.x, n.y, n.x+dx, n.y+dy, anchor, esc(clip(name, 20)), esc(name), n.c.Count)
	}
	fmt.Fprintf(&s, `<g class="centre"><circle cx="%g" cy="%g" r="10"/><text x="%g" y="%g" text-anchor="middle">%s</text></g>`,
		cx, cy, cx, cy+26, esc(clip(center.Name, 30)))
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// maxAxisStories bounds the stories drawn on a storyline's axis.
const maxAxisStories = 200

// storylineAxis draws a storyline's dated stories on a time axis, one row
// each, as bars from their first to their last article. It returns "" when
// no story is dated.
func storylineAxis(stories []news.StorySummary) template.HTML {
	var dated []news.StorySummary
	var t0, t1 time.Time
	for _, st := range stories {
		if st.Begin.IsZero() {
			continue
		}
		end := st.End
		if end.IsZero() {
			end = st.Begin
		}
		if t0.IsZero() || st.Begin.Before(t0) {
			t0 = st.Begin
		}
		if end.After(t1) {
			t1 = end
		}
		dated = append(dated, st)
		if len(dated) == maxAxisStories {
			break
		}
	}
	if len(dated) == 0 {
		return ""
	}
	ticks, lo, hi := axisTicks(t0, t1)
	const w, left, right, top, row = 900.0, 10.0, 10.0, 30.0, 24.0
	h := top + row*float64(len(dated)) + 10
	plotW := w - left - right
	x := func(t time.Time) float64 {
		return left + plotW*float64(t.Sub(lo))/float64(hi.Sub(lo))
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="axis-chart" viewBox="0 0 %g %g" role="img" aria-label="stories on a time axis">`, w, h)
	for i, tk := range ticks {
		tx := x(tk.t)
		anchor := "middle"
		if i == 0 {
			anchor = "start" // the first label starts at the left edge
		}
		fmt.Fprintf(&s, `<line class="grid" x1="%.1f" y1="%g" x2="%.1f" y2="%g"/><text class="tick" x="%.1f" y="16" text-anchor="%s">%s</text>`,
			tx, top-8, tx, h-4, tx, anchor, esc(tk.label))
	}
	for i, st := range dated {
		end := st.End
		if end.IsZero() {
			end = st.Begin
		}
		x0, x1 := x(st.Begin), x(end)
		if x1-x0 < 6 {
			x1 = x0 + 6
		}
		y := top + row*float64(i)
		anchor, lx := "start", x1+6
		if x0 > left+plotW*0.55 {
			anchor, lx = "end", x0-6
		}
		fmt.Fprintf(&s, `<a class="story" href="/stories/%s"><rect x="%.1f" y="%.1f" width="%.1f" height="12" rx="3"/><text x="%.1f" y="%.1f" text-anchor="%s">%s</text><title>%s (%s, %d articles)</title></a>`,
			esc(url.PathEscape(string(st.ID))), x0, y, x1-x0, lx, y+10, anchor, esc(clip(st.Title, 60)),
			esc(st.Title), esc(dateSpan(st.Begin, st.End)), st.Size)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

type tick struct {
	t     time.Time
	label string
}

// axisTicks returns ticks for the span [t0, t1] and the bounds of the axis:
// years for spans over two years, months for spans over two months, days
// otherwise.
func axisTicks(t0, t1 time.Time) ([]tick, time.Time, time.Time) {
	t0, t1 = t0.UTC(), t1.UTC()
	var ticks []tick
	switch span := t1.Sub(t0); {
	case span > 2*365*24*time.Hour:
		stepY := 1 + int(span.Hours()/24/365)/12
		lo := time.Date(t0.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		hi := time.Date(t1.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		for t := lo; t.Before(hi); t = t.AddDate(stepY, 0, 0) {
			ticks = append(ticks, tick{t, t.Format("2006")})
		}
		return ticks, lo, hi
	case span > 60*24*time.Hour:
		lo := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
		hi := time.Date(t1.Year(), t1.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		stepM := 1 + int(span.Hours()/24/30)/12
		for t := lo; t.Before(hi); t = t.AddDate(0, stepM, 0) {
			label := t.Format("Jan")
			if t.Month() == time.January || t.Equal(lo) {
				label = t.Format("Jan 2006")
			}
			ticks = append(ticks, tick{t, label})
		}
		return ticks, lo, hi
	default:
		lo := time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		hi := time.Date(t1.Year(), t1.Month(), t1.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 2)
		days := int(hi.Sub(lo).Hours() / 24)
		stepD := 1 + days/10
		for t := lo; t.Before(hi); t = t.AddDate(0, 0, stepD) {
			ticks = append(ticks, tick{t, t.Format("2 Jan")})
		}
		return ticks, lo, hi
	}
}

// clip shortens s to n characters, with an ellipsis when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
