package timex

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Hint is what is known about an article's date from outside its text.
type Hint struct {
	// Near is a date the article is likely close to: the publication date
	// of a copy of it, of its story's other articles, or of the batch it
	// came in. It picks the year of dates the text gives without one.
	Near time.Time
	// NotAfter bounds the publication date from above: the time the
	// article was fetched or ingested.
	NotAfter time.Time
}

// Inference is a publication date inferred from what a text says.
type Inference struct {
	// Date is the most likely publication day.
	Date time.Time
	// Earliest and Latest bound the days consistent with the evidence
	// (inclusive), within a month of Date.
	Earliest, Latest time.Time
	// Confidence is 0..1; below 0.5 the date is a guess (its year, most
	// often, comes from no firm evidence).
	Confidence float64
	// Note says what the date was inferred from, for a person to check.
	Note string
}

// InferPublished infers a missing publication date from the temporal
// expressions of text (found by Find with an unknown reference date; nil
// to find them here). It returns the most likely day, a note of the
// evidence, and whether the evidence is firm enough to use. It builds a
// Finder for the call; keep one and use its method in a loop.
func InferPublished(text string, found []news.Timex) (time.Time, string, bool) {
	return New().InferPublished(text, found)
}

// InferPublished is Infer without a hint: the date, a note, and whether
// its confidence is at least 0.5.
func (f *Finder) InferPublished(text string, found []news.Timex) (time.Time, string, bool) {
	inf, ok := f.Infer(text, found, Hint{})
	return inf.Date, inf.Note, ok
}

// clue is one dated statement of the text.
type clue struct {
	text    string
	tense   cue
	y, m, d int  // a day; y == 0 when the text gives no year
	wd      int  // a weekday without a date
	end     bool // the last day of a range ("October 7-8": 8)
	yearful bool
}

// Infer bounds the publication date of text from what it says: dates in
// the past tense happened on or before it, dates in the future tense come
// after it, and weekdays ("said on Thursday") name days of the week before
// it. Dates without a year take it from h.Near, else from the latest full
// date of the text (a weak guess), else from h.NotAfter. It reports false
// when the text gives no usable date or the evidence is too weak
// (Confidence < 0.5).
func (f *Finder) Infer(text string, found []news.Timex, h Hint) (Inference, bool) {
	if found == nil {
		found = f.Find(text, time.Time{})
	}
	s := scan{f: f, text: text, loc: time.UTC}
	buf := f.tokens()
	defer f.putTokens(buf)
	s.toks = tokenize(text, lowerASCII(text), f.lex, f.shapes, (*buf)[:0])
	*buf = s.toks
	var clues []clue
	for _, t := range found {
		i, j := s.tokenSpan(t.Span)
		if i >= j {
			continue
		}
		tense := s.tense(i, j)
		parts := strings.Split(t.Value, "/")
		for k, v := range parts {
			c, ok := parseClue(v)
			if !ok {
				continue
			}
			c.text, c.tense, c.end = t.Text, tense, k > 0
			clues = append(clues, c)
		}
	}
	return infer(clues, h)
}

// tokenSpan returns the tokens [i, j) covering byte span sp.
func (s *scan) tokenSpan(sp news.Span) (int, int) {
	i := sort.Search(len(s.toks), func(k int) bool { return s.toks[k].start >= sp.Start })
	j := i
	for j < len(s.toks) && s.toks[j].end <= sp.End {
		j++
	}
	return i, j
}

// parseClue reads a day ("2021-10-07", "XXXX-10-07") or a weekday
// ("XXXX-WXX-4") from a TIMEX3 value.
func parseClue(v string) (clue, bool) {
	if k := strings.IndexByte(v, 'T'); k >= 0 {
		v = v[:k]
	}
	if strings.HasPrefix(v, "XXXX-WXX-") && len(v) == 10 {
		wd := int(v[9] - '0')
		if wd >= 1 && wd <= 7 {
			return clue{wd: wd}, true
		}
		return clue{}, false
	}
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return clue{}, false
	}
	m, err1 := strconv.Atoi(v[5:7])
	d, err2 := strconv.Atoi(v[8:10])
	if err1 != nil || err2 != nil {
		return clue{}, false
	}
	c := clue{m: m, d: d}
	if v[:4] != "XXXX" {
		y, err := strconv.Atoi(v[:4])
		if err != nil {
			return clue{}, false
		}
		c.y, c.yearful = y, true
	}
	if !validDate(point{g: gDay, y: c.y, m: m, d: d}) {
		return clue{}, false
	}
	return c, true
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func infer(clues []clue, h Hint) (Inference, bool) {
	var dated, weekdays []clue
	var latestFull time.Time
	for _, c := range clues {
		switch {
		case c.wd != 0:
			weekdays = append(weekdays, c)
		default:
			dated = append(dated, c)
			if c.yearful {
				if t := day(c.y, c.m, c.d); t.After(latestFull) {
					latestFull = t
				}
			}
		}
	}
	if len(dated) == 0 {
		return Inference{Note: "no dates in the text"}, false
	}
	// Give every yearless date a year.
	conf := 0.8
	var yearNote string
	for k := range dated {
		c := &dated[k]
		if c.yearful {
			continue
		}
		switch {
		case !h.Near.IsZero():
			c.y = nearestYear(c.m, c.d, h.Near)
			yearNote = fmt.Sprintf("the year of %q from the related date %s", c.text, h.Near.Format("2006-01-02"))
			conf = min(conf, 0.7)
		case !latestFull.IsZero():
			c.y = latestFull.Year()
			if day(c.y, c.m, c.d).Before(latestFull) {
				c.y++
			}
			yearNote = fmt.Sprintf("the year of %q guessed from the latest full date of the text, %s", c.text, latestFull.Format("January 2, 2006"))
			conf = min(conf, 0.3)
		case !h.NotAfter.IsZero():
			// A past date lies before the fetch; a future one near it.
			c.y = h.NotAfter.Year()
			if c.tense == cueFuture {
				c.y = nearestYear(c.m, c.d, h.NotAfter)
			} else if day(c.y, c.m, c.d).After(h.NotAfter) {
				c.y--
			}
			yearNote = fmt.Sprintf("the year of %q guessed from the fetch date %s", c.text, h.NotAfter.Format("2006-01-02"))
			conf = min(conf, 0.3)
		default:
			c.y = 0
		}
	}
	// Past and undated mentions happened on or before publication; future
	// ones after it.
	var lo, hi time.Time
	var loWhy, hiWhy string
	for _, c := range dated {
		if c.y == 0 {
			continue
		}
		t := day(c.y, c.m, c.d)
		switch c.tense {
		case cueFuture:
			if !c.end && (hi.IsZero() || t.AddDate(0, 0, -1).Before(hi)) {
				hi, hiWhy = t.AddDate(0, 0, -1), c.text
			}
		case cuePast:
			if lo.IsZero() || t.After(lo) {
				lo, loWhy = t, c.text
			}
		}
	}
	if lo.IsZero() && hi.IsZero() {
		// Only dates without a tense: take the latest as a lower bound.
		for _, c := range dated {
			if c.y != 0 {
				if t := day(c.y, c.m, c.d); t.After(lo) {
					lo, loWhy = t, c.text
				}
			}
		}
		conf *= 0.7
	}
	if lo.IsZero() && hi.IsZero() {
		return Inference{Note: "dates in the text have no year"}, false
	}
	if !h.NotAfter.IsZero() {
		na := day(h.NotAfter.Year(), int(h.NotAfter.Month()), h.NotAfter.Day())
		if hi.IsZero() || na.Before(hi) {
			hi, hiWhy = na, "the fetch date"
		}
	}
	// An article's own dates lie close to it: look within a month of the
	// nearest bound, the future one first (a date a text looks forward to
	// is seldom far off; a past one may be history).
	const span = 30
	switch {
	case lo.IsZero():
		lo = hi.AddDate(0, 0, -span)
	case hi.IsZero():
		hi = lo.AddDate(0, 0, span)
	case hi.Sub(lo) > span*24*time.Hour:
		lo, loWhy = hi.AddDate(0, 0, -span), ""
	}
	if hi.Before(lo) {
		return Inference{Note: fmt.Sprintf("conflicting dates: %q before %q", loWhy, hiWhy)}, false
	}
	// Score each candidate day: weekdays in the past tense are best a day or
	// two before publication, in the future tense a few days after.
	best, bestScore := time.Time{}, 0.0
	// With only a future bound, prefer days close to it; else close to the
	// past bound.
	anchoredLate := loWhy == ""
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		score := 0.0
		wd := isoWeekday(d)
		for _, w := range weekdays {
			if w.tense == cueFuture {
				gap := (w.wd - wd + 7) % 7
				if gap == 0 {
					gap = 7
				}
				score -= float64(gap)
			} else {
				score -= float64((wd - w.wd + 7) % 7)
			}
		}
		if best.IsZero() || score > bestScore || score == bestScore && anchoredLate {
			best, bestScore = d, score
		}
	}
	inf := Inference{Date: best, Earliest: lo, Latest: hi, Confidence: conf}
	var why []string
	if loWhy != "" && loWhy != "the fetch date" {
		why = append(why, fmt.Sprintf("on or after %q (%s)", loWhy, lo.Format("2006-01-02")))
	}
	if hiWhy != "" {
		why = append(why, fmt.Sprintf("before %q (%s)", hiWhy, hi.AddDate(0, 0, 1).Format("2006-01-02")))
	}
	if len(weekdays) > 0 {
		var ws []string
		for _, w := range weekdays {
			ws = append(ws, fmt.Sprintf("%q", w.text))
		}
		why = append(why, "closest after "+strings.Join(ws, ", "))
		inf.Confidence = min(1, inf.Confidence+0.05)
	}
	inf.Note = "published " + strings.Join(why, "; ")
	if yearNote != "" {
		inf.Note += "; " + yearNote
	}
	return inf, inf.Confidence >= 0.5
}

// nearestYear picks the year that puts month m, day d closest to near.
func nearestYear(m, d int, near time.Time) int {
	bestY, bestGap := 0, time.Duration(1<<62)
	for y := near.Year() - 1; y <= near.Year()+1; y++ {
		gap := day(y, m, d).Sub(near)
		if gap < 0 {
			gap = -gap
		}
		if gap < bestGap {
			bestY, bestGap = y, gap
		}
	}
	return bestY
}
