package storedrows

import (
	"slices"

	"github.com/storyline-news/storyline/internal/news"
)

// Prior gathers what a new grouping's story and storyline IDs continue
// (news.Prior) from the rows of the stored grouping, as its methods read
// them.
type Prior struct{ p news.Prior }

// NewPrior returns an empty Prior.
func NewPrior() *Prior {
	return &Prior{news.Prior{StoryOf: map[news.ArticleID]news.StoryID{}, StoryAge: map[news.StoryID]int64{},
		StorylineOf: map[news.StoryID]news.StorylineID{}, Issued: map[string]bool{}}}
}

// Member reads a story's member: the article, the story and the
// article's seq, the oldest of which is the story's age.
func (x *Prior) Member(r Scanner) error {
	var a, b string
	var n int64
	if err := r.Scan(&a, &b, &n); err != nil {
		return err
	}
	st := news.StoryID(b)
	x.p.StoryOf[news.ArticleID(a)] = st
	if age, ok := x.p.StoryAge[st]; !ok || n < age {
		x.p.StoryAge[st] = n
	}
	return nil
}

// Story reads a story and its storyline; the story's ID is issued.
func (x *Prior) Story(r Scanner) error {
	var a, b string
	if err := r.Scan(&a, &b); err != nil {
		return err
	}
	x.p.StorylineOf[news.StoryID(a)] = news.StorylineID(b)
	x.p.Issued[a] = true
	return nil
}

// Issued reads an ID issued before: a storyline's, or one a later
// grouping moved.
func (x *Prior) Issued(r Scanner) error {
	var a string
	if err := r.Scan(&a); err != nil {
		return err
	}
	x.p.Issued[a] = true
	return nil
}

// Prior returns what was read.
func (x *Prior) Prior() news.Prior { return x.p }

// The methods below gather the Prior of a working set (a store's
// PriorOf): the stories of some articles, then those stories' ages and
// storylines, then the IDs issued under some names.

// Membership reads an article and the story it is in.
func (x *Prior) Membership(r Scanner) error {
	var a, b string
	if err := r.Scan(&a, &b); err != nil {
		return err
	}
	x.p.StoryOf[news.ArticleID(a)] = news.StoryID(b)
	return nil
}

// Stories returns the stories Membership read, sorted, each once.
func (x *Prior) Stories() []news.StoryID {
	var stories []news.StoryID
	for _, st := range x.p.StoryOf {
		stories = append(stories, st)
	}
	return slices.Compact(slices.Sorted(slices.Values(stories)))
}

// Age reads a story and the seq of its first stored member.
func (x *Prior) Age(r Scanner) error {
	var a string
	var n int64
	if err := r.Scan(&a, &n); err != nil {
		return err
	}
	x.p.StoryAge[news.StoryID(a)] = n
	return nil
}

// Line reads a story and its storyline ("" for none); both IDs are
// issued.
func (x *Prior) Line(r Scanner) error {
	var a, b string
	if err := r.Scan(&a, &b); err != nil {
		return err
	}
	x.p.StorylineOf[news.StoryID(a)] = news.StorylineID(b)
	x.p.Issued[a] = true
	if b != "" {
		x.p.Issued[b] = true
	}
	return nil
}

// IssuedAs returns a reader of stored IDs that marks issued each that
// is a name of fresh, or that name followed by a hyphen and digits.
func (x *Prior) IssuedAs(fresh []string) func(Scanner) error {
	names := make(map[string]bool, len(fresh))
	for _, f := range fresh {
		names[f] = true
	}
	return func(r Scanner) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		if issuedAs(id, names) {
			x.p.Issued[id] = true
		}
		return nil
	}
}
