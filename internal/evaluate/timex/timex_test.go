package timex

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

const platinum = "../../../../shared/data/timex/tempeval3/te3-platinum"

// TestTempEval3 scores the finder on the TempEval-3 platinum test set and
// holds it to the targets: value F1 of 0.80 (HeidelTime: 0.776) and
// relaxed extent F1 of 0.88. Run with -v to see the table,
// TIMEX_ERRORS=1 to list every disagreement, and TIMEX_DIR=dir to score
// another folder of TimeML files (the targets then still apply).
func TestTempEval3(t *testing.T) {
	dir := platinum
	if d := os.Getenv("TIMEX_DIR"); d != "" {
		dir = d
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("TempEval-3 platinum data not found at %s (shared/ beside the checkout)", dir)
	}
	r, err := Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.Print(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if os.Getenv("TIMEX_ERRORS") != "" {
		for _, e := range r.Errors {
			t.Log(e)
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", js)
	if dir == platinum && (r.Documents != 20 || r.Gold != 138) {
		t.Errorf("read %d documents with %d gold TIMEX3s, want 20 and 138", r.Documents, r.Gold)
	}
	if r.ValueF1 < 0.80 {
		t.Errorf("value F1 = %.3f, want >= 0.80", r.ValueF1)
	}
	if r.RelaxedF1 < 0.88 {
		t.Errorf("relaxed F1 = %.3f, want >= 0.88", r.RelaxedF1)
	}
}

// doc is a small TimeML document of our own.
const doc = `<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-06-12" functionInDocument="CREATION_TIME">June 12, 2020</TIMEX3></DCT>
<TEXT>
The mayor <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2020-06-11">Thursday</TIMEX3> that the fair &amp; parade would return <TIMEX3 tid="t2" type="DATE" value="2021">next year</TIMEX3> after <TIMEX3 tid="t3" type="DURATION" value="P2Y">two years</TIMEX3>.
</TEXT>
</TimeML>`

func TestParse(t *testing.T) {
	d, err := Parse("test.tml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !d.DCT.Equal(time.Date(2020, 6, 12, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("DCT = %v, want 2020-06-12", d.DCT)
	}
	if strings.Contains(d.Text, "<") || !strings.Contains(d.Text, "fair & parade") {
		t.Errorf("text not stripped and decoded: %q", d.Text)
	}
	want := []Expr{
		{Text: "Thursday", Type: "DATE", Value: "2020-06-11"},
		{Text: "next year", Type: "DATE", Value: "2021"},
		{Text: "two years", Type: "DURATION", Value: "P2Y"},
	}
	if len(d.Gold) != len(want) {
		t.Fatalf("gold = %+v, want %d expressions (the DCT is not one)", d.Gold, len(want))
	}
	for i, w := range want {
		g := d.Gold[i]
		if g.Text != w.Text || g.Type != w.Type || g.Value != w.Value || d.Text[g.Start:g.End] != g.Text {
			t.Errorf("gold #%d = %+v, want %+v", i, g, w)
		}
	}
}

// fixed is a Finder that returns set expressions, located by their text.
type fixed []news.Timex

func (f fixed) Find(text string, ref time.Time) []news.Timex {
	var out []news.Timex
	for _, x := range f {
		i := strings.Index(text, x.Text)
		if i < 0 {
			continue
		}
		x.Span = news.Span{Start: i, End: i + len(x.Text)}
		out = append(out, x)
	}
	return out
}

// TestScore checks the TE3 semantics: strict needs the exact span,
// relaxed an overlap, and value counts correct values among relaxed
// matches over system (precision) and gold (recall) expressions.
func TestScore(t *testing.T) {
	d, err := Parse("test.tml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	sys := fixed{
		{Text: "Thursday", Type: "DATE", Value: "2020-06-11"}, // strict, right value
		{Text: "year", Type: "DATE", Value: "2020"},           // relaxed ("next year"), wrong value
		{Text: "parade", Type: "DATE", Value: "XXXX"},         // spurious
	}
	r, err := Evaluate(context.Background(), []Document{d}, sys)
	if err != nil {
		t.Fatal(err)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	checks := []struct {
		name      string
		got, want float64
	}{
		{"strict precision", r.StrictPrecision, 1.0 / 3},
		{"strict recall", r.StrictRecall, 1.0 / 3},
		{"relaxed precision", r.RelaxedPrecision, 2.0 / 3},
		{"relaxed recall", r.RelaxedRecall, 2.0 / 3},
		{"relaxed F1", r.RelaxedF1, 2.0 / 3},
		{"value precision", r.ValuePrecision, 1.0 / 3},
		{"value recall", r.ValueRecall, 1.0 / 3},
		{"value accuracy", r.ValueAccuracy, 0.5},
		{"value F1 = accuracy x relaxed F1", r.ValueF1, 0.5 * 2.0 / 3},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %.4f, want %.4f", c.name, c.got, c.want)
		}
	}
	kinds := map[string]int{}
	for _, e := range r.Errors {
		kinds[e.Kind]++
	}
	if kinds["missed"] != 1 || kinds["spurious"] != 1 || kinds["value"] != 1 || kinds["span"] != 1 {
		t.Errorf("errors by kind = %v, want one each of missed, spurious, value, span", kinds)
	}
}
