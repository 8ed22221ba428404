// Package news holds Storyline's domain vocabulary: articles, copies, stories,
// storylines, entities, quotes, dates and events. It imports nothing of ours;
// every stage imports it.
package news

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// Sentinel error kinds, mapped to exit codes and HTTP statuses in one place each.
var (
	// ErrNotFound reports that a requested item does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid reports input that cannot be used as given.
	ErrInvalid = errors.New("invalid")
)

// ArticleID identifies an article. It is derived from the article's URL when
// it has one, otherwise from its normalised text, so the same article gets
// the same ID in every store and in every ingest order.
type ArticleID string

// NewArticleID returns the ID for an article with the given canonical URL
// (may be empty) and text hash (see TextHash).
func NewArticleID(url, textHash string) ArticleID {
	key := "u:" + url
	if url == "" {
		key = "t:" + textHash
	}
	sum := sha256.Sum256([]byte(key))
	return ArticleID(hex.EncodeToString(sum[:6]))
}

// DateSource says where an article's publication date came from.
type DateSource string

// Date sources, from most to least trustworthy.
const (
	DateUnknown  DateSource = ""         // no date: Published is zero
	DateMetadata DateSource = "metadata" // a field of the input (JSON, feed, HTML meta)
	DateHeader   DateSource = "header"   // a header line in the text, such as " date 2021-10-02 "
	DateURL      DateSource = "url"      // a date in the URL path
	DateText     DateSource = "text"     // a dateline or "Published ..." line in the text
	DateInferred DateSource = "inferred" // inferred from dates the text mentions
	DateCopy     DateSource = "copy"     // inherited from the article it copies
)

// Article is one news article as extracted and stored.
type Article struct {
	ID        ArticleID
	URL       string
	Outlet    string
	Title     string
	Text      string    // clean main text, paragraphs separated by "\n\n"
	Published time.Time // zero when unknown; never defaulted to the ingest time
	// DateSource says where Published came from; DateUnknown when zero.
	DateSource DateSource
	// DateNote explains an inferred or inherited date (for example the
	// expression it was inferred from).
	DateNote string
	Language string // ISO 639-1 code, "" when unknown
	// Origin names where the article was read: a file path, with the line,
	// item or record number when the file holds many ("feed.xml#3").
	Origin   string
	TextHash string            // see TextHash
	Meta     map[string]string // other input fields, kept as they came
	Ingested time.Time
}

// Summary is an article without its text, for listings.
type Summary struct {
	ID         ArticleID
	URL        string
	Outlet     string
	Title      string
	Published  time.Time
	DateSource DateSource
	Language   string
	Words      int
}

// CopyKind says how one article copies another.
type CopyKind string

// Copy kinds, from closest to loosest.
const (
	CopyExact   CopyKind = "exact"   // the same text after normalisation
	CopyNear    CopyKind = "near"    // small edits: headline, a paragraph, boilerplate
	CopyRewrite CopyKind = "rewrite" // the same report paraphrased sentence by sentence
)

// CopyLink records that Article copies Original.
type CopyLink struct {
	Article    ArticleID
	Original   ArticleID
	Kind       CopyKind
	Similarity float64 // 0..1, meaning depends on Kind (Jaccard for near, aligned sentences for rewrite)
}

// StoryID identifies a story.
type StoryID string

// StorylineID identifies a storyline.
type StorylineID string

// EntityID identifies an entity.
type EntityID string

// EntityType is the kind of a named entity.
type EntityType string

// Entity types, as in CoNLL.
const (
	Person       EntityType = "PER"
	Organisation EntityType = "ORG"
	Place        EntityType = "LOC"
	OtherName    EntityType = "MISC"
)

// Span is a half-open range of byte offsets into an article's Text.
type Span struct {
	Start, End int
}

// Mention is one occurrence of a name in an article.
type Mention struct {
	Span
	Text   string
	Type   EntityType
	Role   string   // title or role kept with a person ("Pentagon Press Secretary")
	Entity EntityID // "" until resolved
}

// Entity is a person, organisation, place or other name resolved across
// articles.
type Entity struct {
	ID       EntityID
	Name     string
	Type     EntityType
	Aliases  []string
	Country  string  // for places known to the gazetteer: ISO 3166-1 alpha-2
	Lat, Lon float64 // for places known to the gazetteer
	Mentions int
}

// Precision is how precise a resolved date is.
type Precision string

// Date precisions.
const (
	Day      Precision = "day"
	Month    Precision = "month"
	Year     Precision = "year"
	Range    Precision = "range"
	Duration Precision = "duration"
	Vague    Precision = "vague" // "recently", "the past": found but not resolvable
)

// Timex is a temporal expression found in a text, normalised against a
// reference date (the publication date).
type Timex struct {
	Span
	Text      string
	Type      string // TIMEX3 type: DATE, TIME, DURATION, SET
	Value     string // TIMEX3 value: "2021-10-07", "2024-03", "P20Y", "2021-10-07/2021-10-08"
	Precision Precision
	// Begin and End bound the expression in time when it is resolvable; both
	// zero otherwise. End is exclusive.
	Begin, End time.Time
}

// Quote is a direct quote or reported speech in one article.
type Quote struct {
	Span            // the quoted content
	Text     string // the content
	Speaker  string // the speaker as written, or as resolved from a pronoun
	Entity   EntityID
	Cue      string // the cue verb: "said", "told", "according to"
	Direct   bool   // within quote marks
	Sentence Span   // the sentence (or sentences) holding the quote
}

// EventType is a kind of event, from a small set for conflict and politics.
type EventType string

// Event types.
const (
	EventStatement EventType = "statement"
	EventMeeting   EventType = "meeting"
	EventTalks     EventType = "talks"
	EventAttack    EventType = "attack"
	EventArrest    EventType = "arrest"
	EventSanction  EventType = "sanction"
	EventAgreement EventType = "agreement"
	EventProtest   EventType = "protest"
	EventElection  EventType = "election"
	EventOther     EventType = "other"
)

// Event is who did what to whom, where and when, as one sentence reports it.
type Event struct {
	Type     EventType
	Trigger  string // the word that names the event ("attack", "met")
	Actor    string
	Target   string
	Place    string
	When     *Timex // nil when the sentence gives no date
	Killed   int    // -1 when not given
	Injured  int
	Arrested int
	Sentence Span
}
