package source

import (
	"context"
	"strings"
	"testing"
)

// TestProblemNames checks that a file name that could forge or reorder a
// line of output (a newline, a right-to-left override, other control or
// invisible characters, bytes that are not UTF-8) is printed quoted and
// escaped, on one line, while ordinary names stay as they are.
func TestProblemNames(t *testing.T) {
	tests := []struct {
		name string
		want string // Problem{File: name, Line: 3, Err: ErrEmpty}.Error()
	}{
		{"news/a.txt", `news/a.txt:3: empty file`},
		{"my news/Zürich café.txt", `my news/Zürich café.txt:3: empty file`},
		{"evil\nFAKE: ingest ok.txt", `"evil\nFAKE: ingest ok.txt":3: empty file`},
		{"report\u202Etxt.exe", `"report\u202etxt.exe":3: empty file`},
		{"bell\a\x1b[31mred", `"bell\a\x1b[31mred":3: empty file`},
		{"latin1-\xe9.txt", `"latin1-\xe9.txt":3: empty file`},
		{`say "hi".txt`, `"say \"hi\".txt":3: empty file`},
		{"nbsp\u00a0.txt", `"nbsp\u00a0.txt":3: empty file`},
		{"", `"":3: empty file`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := &Problem{File: tt.name, Line: 3, Offset: -1, Err: ErrEmpty}
			if got := p.Error(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestReadHostileName reads a real file whose name holds a newline and a
// right-to-left override: its problem is one line, with the name escaped.
func TestReadHostileName(t *testing.T) {
	name := "evil\nFAKE: ingest ok\u202Etxt.txt"
	dir := writeFiles(t, map[string][]byte{name: nil})
	t.Chdir(dir)
	_, problems := collect(t, Read(context.Background(), []string{name}, Options{}))
	if len(problems) != 1 {
		t.Fatalf("problems %v, want one", problems)
	}
	msg := problems[0].Error()
	if want := `"evil\nFAKE: ingest ok\u202etxt.txt": empty file`; msg != want {
		t.Errorf("got %s, want %s", msg, want)
	}
	if strings.ContainsAny(msg, "\n\u202E") {
		t.Errorf("message %q carries the raw characters", msg)
	}
}
