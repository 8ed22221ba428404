package quotes

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/quote"
)

func TestZDebug(t *testing.T) {
	out := os.Getenv("QDEBUG")
	if out == "" {
		t.Skip()
	}
	arts, err := Read("../../../../shared/data/quotes/polnear/dev")
	if err != nil {
		t.Fatal(err)
	}
	f := quote.NewFinder()
	var b strings.Builder
	clip := func(s string) string { s = strings.ReplaceAll(s, "\n", " "); if len(s) > 220 { s = s[:220] + "…" }; return s }
	var sc Scorer
	for _, a := range arts {
		qs := f.Find(a.Text, nil)
		sc.Add(a, qs)
		m := Match(a.Attributions, qs)
		mg := map[int]int{}
		mq := map[int]bool{}
		for _, p := range m {
			mg[p[0]] = p[1]
			mq[p[1]] = true
		}
		for gi, g := range a.Attributions {
			gt := ""
			for _, s := range g.Content {
				gt += a.Text[s.Start:s.End] + " | "
			}
			src := ""
			for _, s := range g.Source {
				src += a.Text[s.Start:s.End]
			}
			if qi, ok := mg[gi]; ok {
				q := qs[qi]
				if len(g.Source) > 0 && !SpeakerRight(g, q) {
					fmt.Fprintf(&b, "SPK %s\n   gold=%q pred=%q @%q cue=%q\n   %s\n", a.Name, src, q.Speaker, a.Text[q.SpeakerSpan.Start:q.SpeakerSpan.End], q.Cue, clip(q.Text))
				}
				continue
			}
			lo, hi := g.Content[0].Start, g.Content[len(g.Content)-1].End
			for _, s := range g.Source {
				lo, hi = min(lo, s.Start), max(hi, s.End)
			}
			lo = max(0, strings.LastIndexAny(a.Text[:lo], ".\n")+1)
			if e := strings.IndexAny(a.Text[hi:], "\n"); e >= 0 {
				hi += e
			} else {
				hi = len(a.Text)
			}
			fmt.Fprintf(&b, "FN %s cue=%q src=%q\n   %s\n   CTX %s\n", a.Name, g.Cue, src, clip(gt), clip(a.Text[lo:hi]))
		}
		for qi, q := range qs {
			if !mq[qi] {
				fmt.Fprintf(&b, "FP %s cue=%q spk=%q\n   %s\n", a.Name, q.Cue, q.Speaker, clip(q.Text))
			}
		}
	}
	os.WriteFile(out, []byte(b.String()), 0o644)
	fmt.Println(sc.Result())
}
