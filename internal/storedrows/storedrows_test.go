package storedrows

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func TestGroupOrders(t *testing.T) {
	ctx := context.Background()
	var o GroupOrders
	v, verr := int64(1), error(nil)
	version := func(context.Context) (int64, error) { return v, verr }
	reads := 0
	read := func(context.Context) ([]int64, error) { reads++; return []int64{3, 1, 2}, nil }
	steps := []struct {
		name   string
		v      int64
		verr   error
		outlet string
		reads  int // reads after the step
	}{
		{"first read", 1, nil, "", 1},
		{"kept", 1, nil, "", 1},
		{"outlet differs", 1, nil, "Wire", 2},
		{"outlet case", 1, nil, "wire", 2},
		{"store changed", 2, nil, "", 3},
		{"version fails", 2, errors.New("down"), "", 4},
		{"still kept", 2, nil, "", 4},
	}
	for _, st := range steps {
		v, verr = st.v, st.verr
		got, err := o.Order(ctx, version, "s1", st.outlet, read)
		if err != nil || !slices.Equal(got, []int64{3, 1, 2}) {
			t.Fatalf("%s: Order = %v, %v", st.name, got, err)
		}
		if reads != st.reads {
			t.Errorf("%s: %d reads, want %d", st.name, reads, st.reads)
		}
	}
	none := func(context.Context) ([]int64, error) { return nil, nil }
	if got, _ := o.Order(ctx, version, "empty", "", none); got == nil || len(got) != 0 {
		t.Errorf("story without groups: Order = %#v, want empty and not nil", got)
	}
}

func TestMergeStories(t *testing.T) {
	for _, tt := range []struct {
		name              string
		named, live, want []news.StoryID
	}{
		{"body order first", []news.StoryID{"b", "a"}, []news.StoryID{"a", "b", "c"}, []news.StoryID{"b", "a", "c"}},
		{"gone from body", []news.StoryID{"x", "a"}, []news.StoryID{"a"}, []news.StoryID{"a"}},
		{"no body", nil, []news.StoryID{"a", "b"}, []news.StoryID{"a", "b"}},
		{"named twice", []news.StoryID{"a", "a"}, []news.StoryID{"a"}, []news.StoryID{"a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := mergeStories(tt.named, tt.live); !slices.Equal(got, tt.want) {
				t.Errorf("mergeStories(%v, %v) = %v, want %v", tt.named, tt.live, got, tt.want)
			}
		})
	}
}

func TestQuoteParts(t *testing.T) {
	parts := []news.Span{{Start: 0, End: 4}, {Start: 10, End: 20}}
	var r Quote
	dest := r.Dest()
	*dest[len(dest)-1].(*string) = partsJSON(parts)
	if got := r.Quote().Parts; !slices.Equal(got, parts) {
		t.Errorf("parts read back = %v, want %v", got, parts)
	}
	if partsJSON(nil) != "" {
		t.Errorf("partsJSON(nil) = %q, want \"\"", partsJSON(nil))
	}
	*dest[len(dest)-1].(*string) = "[{"
	if got := r.Quote().Parts; got != nil {
		t.Errorf("undecodable parts read as %v, want none", got)
	}
}

func TestWindowPage(t *testing.T) {
	window := func() []Match { return []Match{{9, 0.1}, {8, 0.7}, {7, 0.4}, {6, 0.7}} }
	for _, tt := range []struct {
		name                 string
		total, offset, limit int
		want                 []int64 // seqs, or nil when the page lies past the window
	}{
		{"all in window", 4, 0, 10, []int64{8, 6, 7, 9}},
		{"second page", 4, 2, 2, []int64{7, 9}},
		{"page in window", 100, 1, 2, []int64{6, 7}},
		{"page past window", 100, 2, 5, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page, ok := WindowPage(window(), tt.total, tt.offset, tt.limit)
			if ok != (tt.want != nil) || !slices.Equal(Seqs(page), tt.want) {
				t.Errorf("WindowPage(total %d, offset %d, limit %d) = %v, %v; want %v", tt.total, tt.offset, tt.limit, Seqs(page), ok, tt.want)
			}
		})
	}
}

// fakeRows are rows of one string column.
type fakeRows struct {
	vals []string
	at   int // rows read
}

func (r *fakeRows) Next() bool { r.at++; return r.at <= len(r.vals) }
func (r *fakeRows) Err() error { return nil }
func (r *fakeRows) Scan(dest ...any) error {
	*dest[0].(*news.ArticleID) = news.ArticleID(r.vals[r.at-1])
	return nil
}

func TestFirstDistinct(t *testing.T) {
	rows := &fakeRows{vals: []string{"a", "b", "a", "c", "d"}}
	got, err := FirstDistinct[news.ArticleID](rows, 3)
	if err != nil || !slices.Equal(got, []news.ArticleID{"a", "b", "c"}) {
		t.Fatalf("FirstDistinct = %v, %v; want [a b c]", got, err)
	}
	if rows.at != 4 {
		t.Errorf("read %d rows, want 4 (none past the last one kept)", rows.at)
	}
}

func TestLikeContaining(t *testing.T) {
	for in, want := range map[string]string{
		"Khan":       "%Khan%",
		"50%_off":    `%50\%\_off%`,
		`back\slash`: `%back\\slash%`,
	} {
		if got := LikeContaining(in); got != want {
			t.Errorf("LikeContaining(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIssuedAs(t *testing.T) {
	names := map[string]bool{"s-dam": true, "s-1": true}
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"s-dam", true},
		{"s-dam-2", true},
		{"s-dam-12", true},
		{"s-1-3", true},
		{"s-dam-", false},
		{"s-dam-x", false},
		{"s-dams", false},
		{"s-dam-2-3", false},
		{"s", false},
	} {
		if got := issuedAs(tt.id, names); got != tt.want {
			t.Errorf("issuedAs(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}
