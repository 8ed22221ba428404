package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

const ecbPlus = "../../../shared/data/clustering/ecbplus-train.jsonl"

// TestIDsStayPut ingests the seeds, then the demo corpus, then ECB+ into
// one store, and checks that every story and storyline ID shown after any
// of the ingests still leads somewhere after the last one: to itself, or
// to the story or storyline it became part of. Before IDs were kept,
// seed 002's story stopped existing once the demo was ingested.
func TestIDsStayPut(t *testing.T) {
	needSeeds(t)
	corpus := filepath.Join(t.TempDir(), "demo")
	if err := demo.WriteTo(corpus); err != nil {
		t.Fatal(err)
	}
	inputs := []string{seedsDir, corpus}
	if _, err := os.Stat(ecbPlus); err == nil {
		inputs = append(inputs, ecbPlus)
	} else {
		t.Logf("ECB+ not found at %s: seeds and demo only", ecbPlus)
	}
	env := &Env{DBPath: filepath.Join(t.TempDir(), "s.db")}
	st, p, err := openPipeline(t.Context(), env)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	shown := map[string]news.IDKind{}
	for _, in := range inputs {
		if _, err := p.Ingest(t.Context(), source.Read(t.Context(), []string{in}, source.Options{}), ingest.Options{}); err != nil {
			t.Fatalf("ingest %s: %v", in, err)
		}
		stories, _, err := st.Stories(t.Context(), news.StoryFilter{Limit: 100_000})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stories {
			shown[string(s.ID)] = news.KindStory
		}
		lines, _, err := st.Storylines(t.Context(), 100_000, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			shown[string(l.ID)] = news.KindStoryline
		}
	}
	lost := 0
	for id, kind := range shown {
		if news.KindOf(id) != kind {
			t.Errorf("%s ID %s does not say it is a %s", kind, id, kind)
		}
		var err error
		if kind == news.KindStory {
			_, err = lookupStory(t.Context(), &Env{Stderr: io.Discard}, st, id)
		} else {
			_, err = lookupStoryline(t.Context(), &Env{Stderr: io.Discard}, st, id)
		}
		if err != nil {
			lost++
			if lost <= 5 {
				t.Errorf("%s %s, shown after an earlier ingest, no longer resolves: %v", kind, id, err)
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d IDs shown no longer resolve", lost, len(shown))
	}
}

// TestWrongKindOfID checks that a command given an ID of another kind
// names the command for it.
func TestWrongKindOfID(t *testing.T) {
	db, ids := seedStore(t)
	var a struct {
		Story news.StoryID `json:"story"`
	}
	jsonOut(t, &a, "article", "--db", db, string(ids["001"]))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"article", string(a.Story)}, "is not an article ID but a story ID (try storyline story " + string(a.Story) + ")"},
		{[]string{"storyline", string(a.Story)}, "is not a storyline ID but a story ID"},
		{[]string{"story", string(ids["001"])}, "is not a story ID but an article ID (try storyline article "},
	} {
		code, _, errs := cli(t, "", append(tt.args, "--db", db)...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %q; want an error saying %q", tt.args, code, errs, tt.want)
		}
	}
}
