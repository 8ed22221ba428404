package event

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/timex"
)

func TestDbgSeeds(t *testing.T) {
	tg, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	tf := timex.New()
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	pubs := map[string]time.Time{"000": time.Date(2021, 10, 3, 0, 0, 0, 0, time.UTC), "001": time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC), "002": time.Date(2021, 12, 16, 0, 0, 0, 0, time.UTC), "003": time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC), "004": time.Date(2024, 5, 28, 0, 0, 0, 0, time.UTC)}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		text := string(b)
		fmt.Println("=====", filepath.Base(f))
		for _, m := range tg.Tag(text) {
			fmt.Printf("  %s %q %q\n", m.Type, m.Text, m.Role)
		}
		for _, x := range tf.Find(text, pubs[filepath.Base(f)[:3]]) {
			fmt.Printf("  T %q %s %s\n", x.Text, x.Value, x.Precision)
		}
	}
}
