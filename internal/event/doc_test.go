package event

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDocListsTriggers keeps the trigger lexicon in the package
// documentation true: every trigger phrase is listed there.
func TestDocListsTriggers(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := regexp.MustCompile(`\s*\n//\s*`).ReplaceAllString(string(b), " ")
	for _, e := range triggerTable() {
		for p := range strings.SplitSeq(e.phrases, "|") {
			if !regexp.MustCompile(`[\s,(\["]` + regexp.QuoteMeta(p) + `[\s,.;\])"]`).MatchString(doc) {
				t.Errorf("trigger %q (%s) is not in the package documentation", p, e.typ)
			}
		}
	}
}
