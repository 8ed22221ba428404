package quotes

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
)

func TestZNER(t *testing.T) {
	if os.Getenv("QNER") == "" {
		t.Skip()
	}
	tg, err := ner.Load()
	if err != nil {
		t.Skip(err)
	}
	r, err := RunFinder(context.Background(), devDir, quote.NewFinder(), tg.Tag)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(r)
}
