package storedrows

import "github.com/storyline-news/storyline/internal/news"

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
