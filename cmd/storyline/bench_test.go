package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/source"
)

// Vocabulary for generated news: fictional people, groups, places.
var (
	benchFirst   = strings.Fields("Petra Idris Amina Tomas Lena Omar Marta Sara Jon Ana Ravi Noor Elif Karl Mira Ivo Hana Luca Zara Emil")
	benchLast    = strings.Fields("Halvik Kamara Odede Reyl Marsh Selby Ilves Ndiaye Arvid Ruiz Varga Osei Lindqvist Duarte Petrov Haddad Moreau Sato Quist Brandt")
	benchPlaces  = strings.Fields("Lisk Dunmere Avel Korvath Istrel Maren Solvik Tarnow Ebberly Quillan Rask Vedmore Hollin Carrow Pellam Wendt")
	benchCountry = strings.Fields("Norland Estavia Valdonia Keshmir Ostreva Marovia Belcaria Tyrol")
	benchGroups  = []string{"Free Vena Front", "Harbour Workers Union", "National Unity Party", "Coastal Guard", "Green Valley Movement", "Justice Council", "River Alliance", "Northern Brigade"}
	benchOutlets = []string{"Meridian Wire", "Harbour Daily", "Valley Post", "Coastal Ledger", "Northern Tribune", "Estavia Today", "Lisk Herald", "Avel Times", "Dunmere Courier", "Solvik Observer"}
	benchVerbs   = []string{"attacked", "met", "criticised", "praised", "accused", "welcomed", "visited", "warned"}
	benchTopics  = []string{"the water accord", "the border crossings", "the new budget", "the port strike", "the election law", "the ceasefire", "the grain exports", "the dam repairs"}
)

// benchPerDay is how many generated articles share a day: 64 stories of
// about eight articles, as a large aggregator sees, so that a million
// articles span five years and every date is in the past (a date more
// than a day ahead is dropped at ingest as implausible).
const benchPerDay = 512

// benchStory is one generated real-world development.
type benchStory struct {
	actor, target, place, country, group, topic, verb string
	killed                                            int
	day                                               time.Time
}

func newBenchStory(r *rand.Rand, i int) benchStory {
	name := func() string { return benchFirst[r.IntN(len(benchFirst))] + " " + benchLast[r.IntN(len(benchLast))] }
	return benchStory{
		actor: name(), target: name(), place: benchPlaces[r.IntN(len(benchPlaces))] + strconv.Itoa(i%97),
		country: benchCountry[r.IntN(len(benchCountry))], group: benchGroups[r.IntN(len(benchGroups))],
		topic: benchTopics[r.IntN(len(benchTopics))], verb: benchVerbs[r.IntN(len(benchVerbs))],
		killed: r.IntN(12), day: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/benchPerDay),
	}
}

// benchWords is filler vocabulary: each report adds its own sentences of
// it, so that different reports of one story share facts, not text.
var benchWords = strings.Fields(`government minister officials police army court judge parliament
vote election budget tax water river dam border village city region province farmers workers
union strike port ship ferry harbour road bridge school hospital doctors teachers students
prices market bank loan debt export import grain wheat fuel power electricity station line
talks deal accord agreement ceasefire treaty sanctions aid refugees families children women
report statement interview meeting visit delegation envoy spokesman leader party opposition
protest march rally crowd square capital night morning week month year season weather storm
flood drought harvest fields wells pumps engineers inspectors observers monitors journalists
said told added warned promised denied confirmed announced rejected accepted demanded urged
new old local national foreign public private rural northern southern eastern western senior
after before during since while although because despite without with against between among`)

// article writes one outlet's report of s: about 300 words, four facts of
// the story and filler sentences of its own.
func (s benchStory) article(r *rand.Rand, n int) string {
	facts := []string{
		fmt.Sprintf("%s, the foreign minister of %s, %s %s on %s in %s, officials said.", s.actor, s.country, s.verb, s.target, s.day.Weekday(), s.place),
		fmt.Sprintf("Police said %d people were killed and %d injured when fighting broke out near %s.", s.killed, s.killed*2, s.place),
		fmt.Sprintf("\"We will not give up %s,\" %s told reporters after the meeting.", s.topic, s.target),
		fmt.Sprintf("The %s said it would not accept any deal on %s.", s.group, s.topic),
	}
	r.Shuffle(len(facts), func(i, j int) { facts[i], facts[j] = facts[j], facts[i] })
	var b strings.Builder
	for p := range 4 {
		b.WriteString(facts[p])
		for range 3 {
			// "The W of the W said that W W would W the W in the W."
			w := func() string { return benchWords[r.IntN(len(benchWords))] }
			fmt.Fprintf(&b, " The %s of the %s said that the %s %s would %s the %s in the %s and %s.",
				w(), w(), w(), w(), w(), w(), w(), w())
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
	r := rand.New(rand.NewPCG(7, uint64(n)))
	type row struct {
		URL, Source, Title, Published, Text string
	}
	var recent []row
	var st benchStory
	for i := range n {
		if i%8 == 0 {
			st = newBenchStory(r, i)
		}
		var x row
		switch k := r.IntN(100); {
		case k < 15 && len(recent) > 0:
			x = recent[r.IntN(len(recent))]
			x.Source = benchOutlets[r.IntN(len(benchOutlets))]
		case k < 25 && len(recent) > 0:
			x = recent[r.IntN(len(recent))]
			x.Source = benchOutlets[r.IntN(len(benchOutlets))]
			x.Title = "Update: " + x.Title
			paras := strings.Split(x.Text, "\n\n")
			x.Text = strings.Join(paras[1:], "\n\n")
		default:
			x = row{Source: benchOutlets[r.IntN(len(benchOutlets))],
				Title:     fmt.Sprintf("%s %s %s over %s", st.actor, st.verb, st.target, st.topic),
				Published: st.day.Add(time.Duration(r.IntN(48)) * time.Hour).Format(time.RFC3339),
				Text:      st.article(r, i)}
			recent = append(recent, x)
			if len(recent) > 64 {
				recent = recent[1:]
			}
		}
		x.URL = fmt.Sprintf("https://%s.example/%d", strings.ToLower(strings.ReplaceAll(x.Source, " ", "")), i)
		j, _ := json.Marshal(map[string]string{"url": x.URL, "source": x.Source, "title": x.Title, "published": x.Published, "text": x.Text})
		w.Write(j)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return path
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
