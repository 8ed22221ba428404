package source_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/source"
)

func Example() {
	// Read a folder: its feed and JSON Lines files are found by content.
	for it, err := range source.Read(context.Background(), []string{"testdata/example"}, source.Options{}) {
		if err != nil {
			fmt.Println("problem:", err)
			continue
		}
		fmt.Printf("%s %s %q %s %s\n", filepath.ToSlash(it.Origin), it.Format, it.Title, it.Outlet, it.Published.Format(time.DateOnly))
	}
	// Output:
	// testdata/example/gazette.xml#1 rss "Ferry timetable changes in spring" The Harbour Gazette 2024-03-07
	// testdata/example/wire.jsonl:1 jsonl "Harbour crane returns to service" Example Wire 2024-03-05
	// testdata/example/wire.jsonl:2 jsonl "Town library extends evening hours" Example Wire 2024-03-06
}

func ExampleReadStream() {
	upload := strings.NewReader(`{"title": "Quay market moves indoors", "date": "2024-03-09", "text": "The market moves."}
{"title": "cut off
{"title": "Ferry fares unchanged", "text": "Fares stay."}
`)
	read, problems := 0, 0
	for it, err := range source.ReadStream(context.Background(), "upload.jsonl", upload, source.Options{}) {
		var p *source.Problem
		if errors.As(err, &p) {
			problems++
			fmt.Println(p.File, p.Line, p)
			continue
		}
		read++
		fmt.Println(it.Origin, it.Title)
	}
	fmt.Println(read, "read,", problems, "problem")
	// Output:
	// upload.jsonl:1 Quay market moves indoors
	// upload.jsonl 2 upload.jsonl:2: invalid JSON: unexpected end of JSON input
	// upload.jsonl:3 Ferry fares unchanged
	// 2 read, 1 problem
}
