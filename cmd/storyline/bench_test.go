package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/source"
)

// The generated news is fictional throughout: its people, places,
// countries, organisations and outlets are pseudo-words built from
// syllables, and its text is facts of invented stories among filler
// drawn from a Zipf-distributed vocabulary.
//
// Real news is told in tens of thousands of distinct words, a few very
// common and most rare, and every story has actors of its own. A small
// vocabulary or small pools of names make every report resemble every
// other, and the clustering then rightly chains them into a few giant
// stories; so the vocabulary has the real language's shape and the pools
// are wide enough that two stories of a day rarely share more than a
// country or a leader. BenchmarkGeneratedStories checks the stories the
// clustering finds against those generated.

// benchCommon is the head of the filler vocabulary, most frequent first:
// English function words, then the common words of news.
var benchCommon = strings.Fields(`the of and to a in that is was he for it with as his on be at by
had are but from or have an they which one were her all she there would their we him been has when
who will more no if out so said what up its about into than them can only other new some could
time these two may then do first any now such like our over even most made after also did many
before must through back years where much way well down should because each just those people
how too little state good very make world still own see men work long get here between both life
being under never day same another know while last might great old year off come since against go
came right used take three

government minister officials police army court judge parliament vote election budget tax water
river dam border village city region province farmers workers union strike port ship ferry harbour
road bridge school hospital doctors teachers students prices market bank loan debt export import
grain wheat fuel power electricity station line talks deal accord agreement ceasefire treaty
sanctions aid refugees families children women report statement interview meeting visit delegation
envoy spokesman leader party opposition protest march rally crowd square capital night morning week
month season weather storm flood drought harvest fields wells pumps engineers inspectors observers
monitors journalists told added warned promised denied confirmed announced rejected accepted
demanded urged local national foreign public private rural northern southern eastern western senior
during although despite without among security forces president council plan law rights support
group country money health care service system program company percent number months days
office plans case former likely least nearly several according expected including
military economy crisis reform issue policy members federal officers residents victims troops
fighting attack attacks killed injured arrested charged investigation evidence trial hearing
ministry agency authorities committee commission campaign candidates voters coalition cabinet
decision proposal measures funds costs shortage supplies convoy camps shelter rescue damage repairs
construction project contract wages jobs factory mine railway airport flights borders
coast island mountains valley north south east west centre district town streets homes
building`)

// benchTail is the number of pseudo-words after benchCommon in the filler
// vocabulary, and benchZipfS the exponent of its Zipf distribution.
const (
	benchTail  = 20000
	benchZipfS = 1.05
)

// benchVocab is the generated vocabulary.
type benchVocab struct {
	words []string  // benchCommon, then benchTail pseudo-words: Zipf ranks
	cdf   []float64 // cdf[k] is the probability of ranks up to k
	// Name pools.
	first, last, places, countries, groups, outlets []string
	// leaders are the foreign ministers in the news, two a country:
	// leaders[i] is of countries[i/2].
	leaders []string
}

// benchVocabulary builds the vocabulary once, from a seed of its own, so
// that it is the same for every corpus.
var benchVocabulary = sync.OnceValue(func() *benchVocab {
	r := rand.New(rand.NewPCG(1, 2))
	onsets := strings.Fields("b d f g h k l m n p r s t v z b d k l m n p r s t br dr gr kr st tr pl sh ch")
	vowels := strings.Fields("a e i o u a e i o u ai ou ea")
	codas := []string{"", "", "", "", "", "n", "r", "l", "s", "m", "k", "nd"}
	syllable := func() string {
		return onsets[r.IntN(len(onsets))] + vowels[r.IntN(len(vowels))] + codas[r.IntN(len(codas))]
	}
	seen := make(map[string]bool)
	for _, w := range benchCommon {
		seen[w] = true
	}
	// pseudo returns a new pseudo-word of lo to hi syllables, different
	// from every word made before and from the common words.
	pseudo := func(lo, hi int) string {
		for {
			var b strings.Builder
			for range lo + r.IntN(hi-lo+1) {
				b.WriteString(syllable())
			}
			if w := b.String(); len(w) >= 4 && !seen[w] {
				seen[w] = true
				return w
			}
		}
	}
	title := func(w string) string { return strings.ToUpper(w[:1]) + w[1:] }
	pool := func(n, lo, hi int, form func(string) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = form(title(pseudo(lo, hi)))
		}
		return out
	}
	v := &benchVocab{words: append([]string(nil), benchCommon...)}
	for range benchTail {
		v.words = append(v.words, pseudo(2, 3))
	}
	// Zipf-Mandelbrot weights 1/(k+4)^s over the ranks k: "the" is about
	// 3.5% of the filler and the common words about 60%, near English.
	v.cdf = make([]float64, len(v.words))
	var sum float64
	for k := range v.cdf {
		sum += 1 / math.Pow(float64(k)+4, benchZipfS)
		v.cdf[k] = sum
	}
	for k := range v.cdf {
		v.cdf[k] /= sum
	}
	id := func(s string) string { return s }
	v.first = pool(400, 2, 2, id)
	v.last = pool(3000, 2, 3, id)
	v.places = pool(500, 2, 3, id)
	suffixes := strings.Fields("ia land ova avia ora ia istan ania")
	v.countries = pool(40, 2, 2, func(s string) string { return s + suffixes[r.IntN(len(suffixes))] })
	groupForms := []string{"%s Front", "%s Workers Union", "National %s Party", "%s Movement", "%s Council",
		"%s Alliance", "%s Brigade", "%s Federation", "%s League", "Free %s Congress"}
	v.groups = pool(200, 2, 3, func(s string) string { return fmt.Sprintf(groupForms[r.IntN(len(groupForms))], s) })
	mastheads := strings.Fields("Herald Post Times Courier Observer Ledger Tribune Daily Wire Gazette Journal Chronicle")
	v.outlets = pool(40, 2, 2, func(s string) string { return s + " " + mastheads[r.IntN(len(mastheads))] })
	for range 2 * len(v.countries) {
		v.leaders = append(v.leaders, v.first[r.IntN(len(v.first))]+" "+v.last[r.IntN(len(v.last))])
	}
	return v
})

// word draws a filler word by its Zipf rank.
func (v *benchVocab) word(r *rand.Rand) string {
	k, _ := slices.BinarySearch(v.cdf, r.Float64())
	return v.words[min(k, len(v.words)-1)]
}

// rare draws a word of the vocabulary's tail uniformly: a term that few
// reports use, such as a story's own.
func (v *benchVocab) rare(r *rand.Rand) string {
	return v.words[len(v.words)-benchTail/2+r.IntN(benchTail/2)]
}

var (
	benchVerbs   = []string{"attacked", "met", "criticised", "praised", "accused", "welcomed", "visited", "warned", "questioned", "rebuked", "thanked", "challenged"}
	benchSubject = strings.Fields("accord strike budget talks dispute ceasefire reform deal blockade inquiry project tariffs election")
)

// benchPerDay is how many generated articles share a day: 64 stories of
// about eight articles, as a large aggregator sees, so that a million
// articles span five years and every date is in the past (a date more
// than a day ahead is dropped at ingest as implausible).
const benchPerDay = 512

// benchStory is one generated real-world development.
type benchStory struct {
	actor, target, place, country, group, topic, verb string
	// terms are the story's own words (the topic's among them), which its
	// reports repeat.
	terms  []string
	killed int
	day    time.Time
}

func newBenchStory(r *rand.Rand, i int) benchStory {
	v := benchVocabulary()
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	name := func() string { return pick(v.first) + " " + pick(v.last) }
	s := benchStory{
		actor: name(), target: name(), place: pick(v.places), country: pick(v.countries), group: pick(v.groups),
		verb: pick(benchVerbs), killed: 1 + r.IntN(12),
		day: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/benchPerDay),
	}
	// Half the stories are about one of the ministers always in the news,
	// as real news returns to the same few leaders.
	if r.IntN(2) == 0 {
		k := r.IntN(len(v.leaders))
		s.actor, s.country = v.leaders[k], v.countries[k/2]
	}
	for range 3 + r.IntN(3) {
		s.terms = append(s.terms, v.rare(r))
	}
	s.topic = "the " + s.terms[0] + " " + pick(benchSubject)
	return s
}

// article writes one outlet's report of s: about 250 words, three or four
// facts of the story, each in one of a few wordings, and filler sentences
// of its own, some with the story's own terms.
func (s benchStory) article(r *rand.Rand, n int) string {
	v := benchVocabulary()
	wording := func(forms ...string) string { return forms[r.IntN(len(forms))] }
	facts := []string{
		fmt.Sprintf(wording(
			"%[1]s, the foreign minister of %[2]s, %[3]s %[4]s on %[5]s in %[6]s, officials said.",
			"On %[5]s in %[6]s, the %[2]s foreign minister %[1]s %[3]s %[4]s.",
			"%[1]s %[3]s %[4]s in %[6]s on %[5]s, according to officials in %[2]s."),
			s.actor, s.country, s.verb, s.target, s.day.Weekday(), s.place),
		fmt.Sprintf(wording(
			"Police said %[1]d people were killed and %[2]d injured when fighting broke out near %[3]s.",
			"At least %[1]d people died and %[2]d were hurt in clashes near %[3]s, police said.",
			"Fighting near %[3]s left %[1]d dead and %[2]d wounded, according to the police."),
			s.killed, s.killed*2, s.place),
		fmt.Sprintf(wording(
			"\"We will not give up %[1]s,\" %[2]s told reporters after the meeting.",
			"%[2]s said: \"We will not give up %[1]s.\"",
			"\"We will not give up %[1]s,\" said %[2]s, who spoke after the meeting."),
			s.topic, s.target),
		fmt.Sprintf(wording(
			"The %[1]s said it would not accept any deal on %[2]s.",
			"The %[1]s rejected any deal on %[2]s, it said in a statement.",
			"Any deal on %[2]s is unacceptable, the %[1]s said."),
			s.group, s.topic),
	}
	r.Shuffle(len(facts), func(i, j int) { facts[i], facts[j] = facts[j], facts[i] })
	// One report in two leaves a fact out.
	facts = facts[:3+r.IntN(2)]
	var b strings.Builder
	for p := range facts {
		b.WriteString(facts[p])
		for range 3 + r.IntN(3) {
			// A sentence of 10 to 22 filler words, opening with a common
			// one; one in two names one of the story's terms.
			b.WriteByte(' ')
			words := make([]string, 10+r.IntN(13))
			for i := range words {
				words[i] = v.word(r)
			}
			open := v.words[r.IntN(40)]
			words[0] = strings.ToUpper(open[:1]) + open[1:]
			if r.IntN(2) == 0 {
				words[1+r.IntN(len(words)-1)] = s.terms[r.IntN(len(s.terms))]
			}
			b.WriteString(strings.Join(words, " "))
			b.WriteByte('.')
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// writeBenchCorpus writes n articles as JSON Lines: stories of about eight
// articles from different outlets, 15% of articles exact copies of an
// earlier one under another outlet and 10% near copies (a paragraph
// dropped, the headline changed).
func writeBenchCorpus(tb testing.TB, dir string, n int) string {
	path := filepath.Join(dir, fmt.Sprintf("bench-%d.jsonl", n))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	genBenchCorpus(n, func(x benchRow) {
		j, _ := json.Marshal(map[string]string{"url": x.URL, "source": x.Source, "title": x.Title, "published": x.Published, "text": x.Text})
		w.Write(j)
		w.WriteByte('\n')
	})
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return path
}

// benchRow is one generated article with the index of the story it
// reports.
type benchRow struct {
	URL, Source, Title, Published, Text string
	Story                               int
}

// benchStories returns the story each of the n articles of
// writeBenchCorpus reports, by URL: the index of the generated story,
// that of the original for a copy.
func benchStories(n int) map[string]int {
	out := make(map[string]int, n)
	genBenchCorpus(n, func(x benchRow) { out[x.URL] = x.Story })
	return out
}

// genBenchCorpus generates the n articles of writeBenchCorpus in order:
// each story takes 4 to 12 consecutive places, filled with its reports
// from different outlets and, in a quarter of them, copies of recent
// reports of any story.
func genBenchCorpus(n int, emit func(benchRow)) {
	v := benchVocabulary()
	r := rand.New(rand.NewPCG(7, uint64(n)))
	var recent []benchRow
	var st benchStory
	story, end := -1, 0
	var outlets []int // the story's outlets, one a report
	other := func(outlet string) string {
		for {
			if o := v.outlets[r.IntN(len(v.outlets))]; o != outlet {
				return o
			}
		}
	}
	for i := range n {
		if i == end {
			st = newBenchStory(r, i)
			story++
			end = i + 4 + r.IntN(9)
			outlets = r.Perm(len(v.outlets))
		}
		var x benchRow
		switch k := r.IntN(100); {
		case k < 15 && len(recent) > 0:
			x = recent[r.IntN(len(recent))]
			x.Source = other(x.Source)
		case k < 25 && len(recent) > 0:
			x = recent[r.IntN(len(recent))]
			x.Source = other(x.Source)
			x.Title = "Update: " + x.Title
			paras := strings.Split(x.Text, "\n\n")
			x.Text = strings.Join(paras[1:], "\n\n")
		default:
			x = benchRow{Source: v.outlets[outlets[0]],
				Title:     st.headline(r),
				Published: st.day.Add(time.Duration(r.IntN(48)) * time.Hour).Format(time.RFC3339),
				Text:      st.article(r, i), Story: story}
			outlets = outlets[1:]
			recent = append(recent, x)
			if len(recent) > 64 {
				recent = recent[1:]
			}
		}
		x.URL = fmt.Sprintf("https://%s.example/%d", strings.ToLower(strings.ReplaceAll(x.Source, " ", "")), i)
		emit(x)
	}
}

// headline writes one outlet's headline for s.
func (s benchStory) headline(r *rand.Rand) string {
	forms := []string{
		fmt.Sprintf("%s %s %s over %s", s.actor, s.verb, s.target, s.topic),
		fmt.Sprintf("%d killed near %s as %s row deepens", s.killed, s.place, s.terms[0]),
		fmt.Sprintf("%s rejects deal on %s", s.group, s.topic),
		fmt.Sprintf("%s: %s %s %s", s.country, s.actor, s.verb, s.target),
	}
	return forms[r.IntN(len(forms))]
}

// BenchmarkPipeline runs the whole ingest, as "storyline ingest" does it:
// extraction, names, dates, quotes, copy signatures and storage, with
// copies, entities, stories and storylines grouped beside it and saved.
// STORYLINE_BENCH_N sets the number of generated articles (default
// 10,000). It reports articles/s of the ingest, the peak RSS during it,
// the store's size on disk per article, and, for comparison, articles/s
// of a regroup from the store.
func BenchmarkPipeline(b *testing.B) {
	b.Run("all", func(b *testing.B) { benchPipeline(b, nil) })
	// Issue 3's scope: extraction, storage, copies, stories and storylines
	// (names guessed from capitalised phrases), without the tagger and the
	// date, quote and event stages.
	b.Run("copies+stories", func(b *testing.B) {
		benchPipeline(b, analysis.New(analysis.Stages{Cluster: cluster.Options{GuessNames: true}}))
	})
}

func benchPipeline(b *testing.B, only *analysis.Analyzer) {
	n := 10_000
	if s := os.Getenv("STORYLINE_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	corpus := writeBenchCorpus(b, b.TempDir(), n)
	ctx := context.Background()
	var total int
	var secs, regroupSecs, peak, storePer float64
	for b.Loop() {
		env := &Env{DBPath: filepath.Join(b.TempDir(), "bench.db")}
		st, err := openStore(ctx, env, false)
		if err != nil {
			b.Fatal(err)
		}
		an := only
		if an == nil {
			if an, err = newAnalyzer(env); err != nil {
				b.Fatal(err)
			}
		}
		pl := pipeline.New(an, st)
		t0 := time.Now()
		sum, err := pl.Ingest(ctx, source.Read(ctx, []string{corpus}, source.Options{}), ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		secs += time.Since(t0).Seconds()
		total += sum.New
		peak = peakRSSMiB()
		// The store file with its write-ahead log, per article stored.
		storePer = (fileBytes(env.DBPath) + fileBytes(env.DBPath+"-wal")) / float64(max(1, sum.New))
		// For comparison, the grouping made again from the store, as
		// after a split or an alias edit.
		t1 := time.Now()
		if err := pl.Regroup(ctx); err != nil {
			b.Fatal(err)
		}
		regroupSecs += time.Since(t1).Seconds()
		st.Close()
	}
	b.ReportMetric(float64(total)/secs, "articles/s")
	b.ReportMetric(float64(total)/regroupSecs, "regroup-articles/s")
	b.ReportMetric(peak, "peak-MiB") // of the ingest, before the regroup
	b.ReportMetric(storePer, "store-B/article")
}

// fileBytes returns the size of the file at path, 0 if it does not exist.
func fileBytes(path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(fi.Size())
}

// peakRSSMiB returns the process's peak resident set size (Linux).
func peakRSSMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.Atoi(strings.Fields(line)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}
