package clustering

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/news"
)

// Item is one labelled article of an evaluation file.
type Item struct {
	ID        string
	Title     string
	Text      string
	Published time.Time         // zero when the file gives no date
	CopyOf    string            // "" unless the file says
	Labels    map[string]string // every other string or number field: "story", "topic", ...
}

// ReadFile reads a JSON Lines file with one article per line: "id",
// "title", "text", optionally "published" or "date" (RFC 3339 or
// 2006-01-02) and "copy_of", and label fields such as "story" and "topic".
func ReadFile(name string) ([]Item, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read clustering data: %w", err)
	}
	defer f.Close()
	var items []Item
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		it, err := parseItem([]byte(raw))
		if err != nil {
			return nil, fmt.Errorf("read clustering data %s:%d: %w", name, line, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read clustering data %s: %w", name, err)
	}
	return items, nil
}

func parseItem(raw []byte) (Item, error) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return Item{}, err
	}
	it := Item{Labels: make(map[string]string)}
	for k, v := range m {
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			continue
		}
		switch k {
		case "id":
			it.ID = s
		case "title":
			it.Title = s
		case "text":
			it.Text = s
		case "copy_of":
			it.CopyOf = s
		case "published", "date":
			t, err := parseDate(s)
			if err != nil {
				return Item{}, fmt.Errorf("field %s: %w", k, err)
			}
			it.Published = t
		case "url":
		default:
			it.Labels[k] = s
		}
	}
	if it.ID == "" {
		return Item{}, fmt.Errorf("no id: %w", news.ErrInvalid)
	}
	return it, nil
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: %w", s, news.ErrInvalid)
}

// Level says which grouping is compared with the gold labels.
type Level string

// Levels.
const (
	Stories    Level = "stories"
	Storylines Level = "storylines"
)

// LevelFor returns the level a gold label describes: "story" and "event"
// labels describe stories; others ("topic", "storyline") describe
// storylines, which gather related stories.
func LevelFor(label string) Level {
	switch label {
	case "story", "event", "stories", "events":
		return Stories
	}
	return Storylines
}

// Report is the result of one evaluation run.
type Report struct {
	Label      string `json:"label"`
	Level      Level  `json:"level"`
	Scores     Scores `json:"scores"`
	Stories    int    `json:"stories"`
	Storylines int    `json:"storylines"`
	// Stability is the BCubed F1 of the clustering of each shuffled order
	// against that of the file's order, when asked for.
	Stability []float64 `json:"stability,omitempty"`
}

// Config tunes Run.
type Config struct {
	Options  cluster.Options // GuessNames is always set
	Shuffles int             // also cluster this many shuffled orders and measure stability
	Seed     uint64          // of the shuffles
	// Level overrides the level the label describes (see LevelFor).
	Level Level
	// Online skips Refine, to measure the online decisions alone.
	Online bool
}

// Run clusters the articles of a JSON Lines file (see ReadFile) in file
// order with names guessed from capitalised phrases, and scores the level
// the label describes (see LevelFor, or cfg.Level) against that label. With
// cfg.Shuffles it also measures how stable the grouping is under other
// orders of arrival.
func Run(ctx context.Context, file, label string, cfg Config) (Report, error) {
	items, err := ReadFile(file)
	if err != nil {
		return Report{}, err
	}
	gold := make(map[string]string, len(items))
	for _, it := range items {
		if g, ok := it.Labels[label]; ok {
			gold[it.ID] = g
		}
	}
	if len(gold) == 0 {
		return Report{}, fmt.Errorf("evaluate clustering %s: no item has label %q: %w", file, label, news.ErrInvalid)
	}
	level := cfg.Level
	if level == "" {
		level = LevelFor(label)
	}
	pred, nStories, nLines, err := clusterItems(ctx, items, level, cfg)
	if err != nil {
		return Report{}, fmt.Errorf("evaluate clustering %s: %w", file, err)
	}
	r := Report{Label: label, Level: level, Scores: Score(gold, pred), Stories: nStories, Storylines: nLines}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	for range cfg.Shuffles {
		shuffled := append([]Item(nil), items...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		other, _, _, err := clusterItems(ctx, shuffled, level, cfg)
		if err != nil {
			return r, fmt.Errorf("evaluate clustering %s: %w", file, err)
		}
		r.Stability = append(r.Stability, Score(pred, other).BCubedF1)
	}
	return r, nil
}

// clusterItems clusters items in order and returns item -> cluster at the
// given level.
func clusterItems(ctx context.Context, items []Item, level Level, cfg Config) (map[string]string, int, int, error) {
	opts := cfg.Options
	opts.GuessNames = true
	c := cluster.New(opts)
	for i, it := range items {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, 0, err
			}
		}
		c.Add(cluster.Doc{
			ID:        news.ArticleID(it.ID),
			Title:     it.Title,
			Text:      it.Text,
			Published: it.Published,
			CopyOf:    news.ArticleID(it.CopyOf),
		})
	}
	if !cfg.Online {
		c.Refine()
	}
	stories := c.Stories()
	lines := c.Storylines()
	pred := make(map[string]string, len(items))
	for _, s := range stories {
		label := string(s.ID)
		if level == Storylines {
			label = string(s.Storyline)
		}
		for _, a := range s.Articles {
			pred[string(a)] = label
		}
	}
	if len(pred) != len(items) {
		return nil, 0, 0, errors.New("clusterer lost articles")
	}
	return pred, len(stories), len(lines), nil
}
