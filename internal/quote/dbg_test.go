package quote

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	s := os.Getenv("Q")
	if s == "" {
		t.Skip()
	}
	f := NewFinder()
	for _, text := range strings.Split(s, "|||") {
		fmt.Println("##", text)
		for _, q := range f.Find(text, nil) {
			fmt.Printf("  [%s] cue=%q direct=%v @%q\n     %q\n", q.Speaker, q.Cue, q.Direct, text[q.SpeakerSpan.Start:q.SpeakerSpan.End], q.Text)
		}
	}
}
