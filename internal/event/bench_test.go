package event

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
)

// benchArticle is a fictional news article of about 3 KB.
const benchArticle = `TARSK — Gunmen from the Red Hand Front killed five soldiers and two civilians in an ambush near Dovra on Monday, the army said, the deadliest attack in the province this year.

The attackers opened fire on a convoy carrying engineers to the Ostrava dam, a project funded by Varnia. Three engineers were killed and four people were injured, officials said. The Red Hand Front claimed responsibility for the attack in a statement posted online.

Police arrested eleven suspects in raids across Tarsk on Tuesday. Interior Minister Ana Lenz told a news conference on Wednesday that the group was behind the ambush and that more arrests would follow.

The attack came days before President Otto Berg was due to meet Varnian Foreign Minister Ivo Marek in Tarsk on May 15-16 to discuss security along the border. Varnia has threatened to impose sanctions on Dostia, which it accuses of sheltering the militants, and its parliament voted last month to suspend a trade agreement signed in 2019.

Talks between the government and the Red Hand Front collapsed in March after the group called off a ceasefire agreed in Geneva. Since then the group has stepped up attacks on army posts, and at least 40 people have died in the fighting, according to a count by the Tarsk Observer.

On Saturday about 5,000 people marched through Tarsk to protest against the violence. Police detained 30 demonstrators after clashes outside the parliament, but no one was hurt. Organisers said they would hold another rally next week.

Berg said his government remained open to dialogue with the rebels if they laid down their arms. "We will not negotiate while our soldiers are being killed," he told reporters. He called for new elections in the province once the violence ends.

The death toll from Monday's ambush rose to 9 on Thursday after two of the wounded died in hospital, the health ministry said in a statement. A bomb exploded outside a police station in Dovra late on Thursday; no casualties were reported.

Analysts said the Red Hand Front, which has fought the government for a decade, was trying to derail the meeting with Varnia. The Varnian embassy in Tarsk said the visit would go ahead as planned.
`

// benchMentions are the names of benchArticle, as a tagger would give them.
var benchMentions = []string{"LOC:TARSK", "LOC:Tarsk", "LOC:Dovra", "LOC:Varnia", "LOC:Dostia", "LOC:Geneva",
	"ORG:Red Hand Front", "ORG:Ostrava", "PER:Ana Lenz", "PER:Otto Berg", "PER:Berg", "PER:Ivo Marek",
	"MISC:Varnian", "ORG:Tarsk Observer"}

func BenchmarkFind(b *testing.B) {
	text := benchArticle
	ments := names(text, benchMentions...)
	ts := times(text, refDate)
	f := NewFinder()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Find(text, ments, ts)
	}
}

func BenchmarkFindParallel(b *testing.B) {
	text := benchArticle
	ments := names(text, benchMentions...)
	ts := times(text, refDate)
	f := NewFinder()
	b.SetBytes(int64(len(text)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f.Find(text, ments, ts)
		}
	})
}

func BenchmarkGroup(b *testing.B) {
	f := NewFinder()
	var refs []Ref
	for i := range 20 {
		text := strings.ReplaceAll(benchArticle, "Monday", []string{"Monday", "Sunday", "Friday"}[i%3])
		for _, e := range f.Find(text, names(text, benchMentions...), times(text, refDate)) {
			refs = append(refs, Ref{Event: e, Article: news.ArticleID("a" + string(rune('a'+i))), Published: refDate})
		}
	}
	for b.Loop() {
		Group(refs)
	}
	b.ReportMetric(float64(len(refs)), "refs")
}

// BenchmarkFindSeeds runs Find over the five seed articles (about 3.5 KB
// each), with the mentions and dates of the real tagger and date finder.
func BenchmarkFindSeeds(b *testing.B) {
	tagger, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	type input struct {
		text  string
		ments []news.Mention
		times []news.Timex
	}
	var in []input
	size := 0
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		text := readSeed(b, seed)
		in = append(in, input{text, tagger.Tag(text), times(text, seedDates[seed])})
		size += len(text)
	}
	f := NewFinder()
	b.SetBytes(int64(size / len(in)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x := &in[i%len(in)]
		f.Find(x.text, x.ments, x.times)
	}
}
