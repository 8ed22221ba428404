package clustering

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x.jsonl")
	data := `{"id": "a", "title": "T", "text": "Body", "story": "s1", "topic": 3, "date": "2025-03-02"}

{"id": "b", "text": "Other", "story": "s2", "topic": 3, "copy_of": "a", "url": "http://x"}
`
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	items, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("%d items, want 2", len(items))
	}
	a, b := items[0], items[1]
	if a.Labels["story"] != "s1" || a.Labels["topic"] != "3" || a.Published.Format("2006-01-02") != "2025-03-02" {
		t.Errorf("item a: %+v", a)
	}
	if b.CopyOf != "a" || !b.Published.IsZero() {
		t.Errorf("item b: %+v", b)
	}
	if _, ok := b.Labels["url"]; ok {
		t.Error("url taken for a label")
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"title": "no id"}`+"\n"), 0o644)
	if _, err := ReadFile(bad); err == nil {
		t.Error("a line without id: no error")
	}
}

func FuzzParseItem(f *testing.F) {
	f.Add([]byte(`{"id": "a", "title": "T", "text": "x", "story": "s", "topic": 1, "date": "2025-01-02"}`))
	f.Add([]byte(`{"id": 5, "published": "2025-01-02T03:04:05Z"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		it, err := parseItem(raw)
		if err == nil && it.ID == "" {
			t.Fatal("item without ID accepted")
		}
	})
}

// TestECBPlus measures story and storyline clustering on the ECB+ training
// topics, when the data is there.
func TestECBPlus(t *testing.T) {
	const file = "../../../../shared/data/clustering/ecbplus-train.jsonl"
	if _, err := os.Stat(file); err != nil {
		t.Skip("ECB+ data not found: ", err)
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	tests := []struct {
		label    string
		min      float64
		shuffles int
	}{
		{"story", 0.90, 2},
		{"topic", 0.90, 0},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			r, err := Run(context.Background(), file, tt.label, Config{Shuffles: tt.shuffles, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s (%s): %+v", tt.label, r.Level, r.Scores)
			if r.Scores.BCubedF1 < tt.min {
				t.Errorf("BCubed F1 %.3f over %s, want >= %.2f", r.Scores.BCubedF1, tt.label, tt.min)
			}
			for i, f := range r.Stability {
				if f < 0.99 {
					t.Errorf("shuffled order %d: BCubed F1 %.3f against the file order, want >= 0.99", i+1, f)
				}
			}
		})
	}
}
