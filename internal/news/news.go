// Package news holds Storyline's domain vocabulary: articles, copies, stories,
// storylines, entities, quotes, dates and events. It imports nothing of ours;
// every stage imports it.
package news

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
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
// it has one, otherwise from its outlet and normalised text, so the same
// article gets the same ID in every store and in every ingest order.
type ArticleID string

// NewArticleID returns the ID for an article with the given canonical URL
// (may be empty), outlet (may be empty) and normalised-text hash.
func NewArticleID(url, outlet, textHash string) ArticleID {
	key := "u:" + url
	if url == "" {
		key = "t:" + outlet + "\x00" + textHash
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

// ArticleKind says whether an article reports events or argues a view.
type ArticleKind string

// Article kinds.
const (
	// KindUnknown is the kind of an article not classified yet.
	KindUnknown ArticleKind = ""
	// NewsReport is a report of events, attributed to sources.
	NewsReport ArticleKind = "news"
	// Opinion is an editorial, column, op-ed, commentary, review or
	// letter: the author argues in their own voice.
	Opinion ArticleKind = "opinion"
)

// Article is one news article as extracted and stored.
type Article struct {
	ID        ArticleID `json:"id,omitzero"`
	URL       string    `json:"url,omitzero"`
	Outlet    string    `json:"outlet,omitzero"`
	Title     string    `json:"title,omitzero"`
	Text      string    `json:"text,omitzero"`      // clean main text, paragraphs separated by "\n\n"
	Published time.Time `json:"published,omitzero"` // zero when unknown; never defaulted to the ingest time
	// DateSource says where Published came from; DateUnknown when zero.
	DateSource DateSource `json:"date_source,omitzero"`
	// DateNote explains an inferred or inherited date (for example the
	// expression it was inferred from).
	DateNote string `json:"date_note,omitzero"`
	Language string `json:"language,omitzero"` // ISO 639-1 code, "" when unknown
	// Origin names where the article was read: a file path, with the line,
	// item or record number when the file holds many ("feed.xml#3").
	Origin   string            `json:"origin,omitzero"`
	TextHash string            `json:"text_hash,omitzero"` // see TextHash
	Meta     map[string]string `json:"meta,omitzero"`      // other input fields, kept as they came
	Ingested time.Time         `json:"ingested,omitzero"`
	// Kind says whether the article is a news report or an opinion piece;
	// KindReasons give the evidence, one short line each ("publisher:
	// URL path /opinion/", "text: 5 prescriptions or judgements with no
	// source").
	Kind        ArticleKind `json:"kind,omitzero"`
	KindReasons []string    `json:"kind_reasons,omitzero"`
}

// Summary is an article without its text, for listings.
type Summary struct {
	ID         ArticleID   `json:"id,omitzero"`
	URL        string      `json:"url,omitzero"`
	Outlet     string      `json:"outlet,omitzero"`
	Title      string      `json:"title,omitzero"`
	Published  time.Time   `json:"published,omitzero"`
	DateSource DateSource  `json:"date_source,omitzero"`
	Language   string      `json:"language,omitzero"`
	Words      int         `json:"words,omitzero"`
	Kind       ArticleKind `json:"kind,omitzero"`
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
	Article    ArticleID `json:"article,omitzero"`
	Original   ArticleID `json:"original,omitzero"`
	Kind       CopyKind  `json:"kind,omitzero"`
	Similarity float64   `json:"similarity,omitzero"` // 0..1, meaning depends on Kind (Jaccard for near, aligned sentences for rewrite)
}

// StoryID identifies a story.
type StoryID string

// StorylineID identifies a storyline.
type StorylineID string

// EntityID identifies an entity: its type's IDPrefix, a hyphen and a slug
// of its name ("per-imran-khan"; "loc-norland-us" for a place the
// gazetteer put in a country).
type EntityID string

// Untyped returns the ID without its type's prefix: "estavia" for
// "loc-estavia" and "org-estavia", one name typed two ways.
func (id EntityID) Untyped() string {
	s := string(id)
	if i := strings.IndexByte(s, '-'); i > 0 {
		switch s[:i] {
		case Person.IDPrefix(), Organisation.IDPrefix(), Place.IDPrefix(), OtherName.IDPrefix():
			return s[i+1:]
		}
	}
	return s
}

// EntityType is the kind of a named entity.
type EntityType string

// Entity types, as in CoNLL.
const (
	Person       EntityType = "PER"
	Organisation EntityType = "ORG"
	Place        EntityType = "LOC"
	OtherName    EntityType = "MISC"
)

// IDPrefix is the prefix of the IDs of entities of type t.
func (t EntityType) IDPrefix() string {
	switch t {
	case Person:
		return "per"
	case Organisation:
		return "org"
	case Place:
		return "loc"
	}
	return "misc"
}

// Span is a half-open range of byte offsets into an article's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Mention is one occurrence of a name in an article.
type Mention struct {
	Span
	Text   string     `json:"text,omitzero"`
	Type   EntityType `json:"type,omitzero"`
	Role   string     `json:"role,omitzero"`   // title or role kept with a person ("Pentagon Press Secretary")
	Entity EntityID   `json:"entity,omitzero"` // "" until resolved
}

// Entity is a person, organisation, place or other name resolved across
// articles.
type Entity struct {
	ID       EntityID   `json:"id,omitzero"`
	Name     string     `json:"name,omitzero"`
	Type     EntityType `json:"type,omitzero"`
	Aliases  []string   `json:"aliases,omitzero"`
	Country  string     `json:"country,omitzero"` // for places known to the gazetteer: ISO 3166-1 alpha-2
	Lat      float64    `json:"lat,omitzero"`
	Lon      float64    `json:"lon,omitzero"`
	Mentions int        `json:"mentions,omitzero"`
	// Roles are the titles and roles written with a person's name ("Prime
	// Minister"), most frequent first. They are not names: Aliases has those.
	Roles []string `json:"roles,omitzero"`
	// Keys are the matching keys of its name and aliases, as the resolver
	// compares names: a store finds by them the stored entities that new
	// mentions may resolve to.
	Keys []string `json:"-"`
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
	Text      string    `json:"text,omitzero"`
	Type      string    `json:"type,omitzero"`  // TIMEX3 type: DATE, TIME, DURATION, SET
	Value     string    `json:"value,omitzero"` // TIMEX3 value: "2021-10-07", "2024-03", "P20Y", "2021-10-07/2021-10-08"
	Precision Precision `json:"precision,omitzero"`
	// Begin and End bound the expression in time when it is resolvable; both
	// zero otherwise. End is exclusive. (In JSON begin_time and end_time:
	// "start" and "end" are the span.)
	Begin time.Time `json:"begin_time,omitzero"`
	End   time.Time `json:"end_time,omitzero"`
}

// Quote is a direct quote or reported speech in one article, or, of Kind
// QuoteView, a belief or intention attributed to someone.
type Quote struct {
	Span               // the quoted content
	Text     string    `json:"text,omitzero"`    // the content
	Kind     QuoteKind `json:"kind,omitzero"`    // speech or view; empty (stored before kinds) is speech
	Speaker  string    `json:"speaker,omitzero"` // the speaker as written, or as resolved from a pronoun
	Entity   EntityID  `json:"entity,omitzero"`
	Cue      string    `json:"cue,omitzero"`      // the cue verb: "said", "told", "according to"
	Direct   bool      `json:"direct,omitzero"`   // within quote marks
	Sentence Span      `json:"sentence,omitzero"` // the sentence (or sentences) holding the quote
	// SpeakerSpan is where the speaker is written next to the cue: a name,
	// pronoun or noun phrase ("Pentagon Press Secretary John Kirby", "he",
	// "the minister"). It is zero when the speaker is taken from context, as
	// for a quote that goes on from an earlier one.
	SpeakerSpan Span `json:"speaker_span,omitzero"`
	// Parts are the pieces of a quote interrupted by its attribution
	// (`"We seek ...," Sherman told reporters. "Both ..."`), in order; Span
	// then runs from the first piece to the last and Text joins the pieces
	// with a space. Parts is nil for a quote in one piece.
	Parts []Span `json:"parts,omitzero"`
	// Group identifies the quote across articles: variants of one quote
	// (the same words, or reworded) carried by several outlets share it.
	Group string `json:"group,omitzero"`
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

// Modality says whether a sentence reports an event as real or as only
// planned or possible.
type Modality string

// Event modalities.
const (
	Asserted Modality = ""         // reported as happening or having happened
	Planned  Modality = "planned"  // announced for the future: "will meet", "the planned visit"
	Possible Modality = "possible" // threatened, demanded, hoped for or conditional: "could lead to sanctions"
	// Cancelled is an event called off, ended, broken or violated: "the
	// TTP called off the ceasefire". It no longer holds, or will not
	// happen.
	Cancelled Modality = "cancelled"
)

// Event is who did what to whom, where and when, as one sentence reports it.
type Event struct {
	Type     EventType `json:"type,omitzero"`
	Trigger  string    `json:"trigger,omitzero"` // the word that names the event ("attack", "met")
	Actor    string    `json:"actor,omitzero"`
	Target   string    `json:"target,omitzero"`
	Place    string    `json:"place,omitzero"`
	When     *Timex    `json:"when,omitzero"`   // nil when the sentence gives no date
	Killed   int       `json:"killed,omitzero"` // -1 when not given
	Injured  int       `json:"injured,omitzero"`
	Arrested int       `json:"arrested,omitzero"`
	// Modality says whether the sentence reports the event as real,
	// planned or only possible; events it denies are not reported.
	Modality Modality `json:"modality,omitzero"`
	Sentence Span     `json:"sentence,omitzero"`
	// Group identifies the real-world event across the articles that
	// report it.
	Group string `json:"group,omitzero"`
}

// ArticleFilter selects articles in listings and searches. Zero fields do
// not filter.
type ArticleFilter struct {
	Outlet string      `json:"outlet,omitzero"` // exact outlet name, case-insensitive
	Kind   ArticleKind `json:"kind,omitzero"`   // only news reports, or only opinion pieces
	From   time.Time   `json:"from,omitzero"`
	To     time.Time   `json:"to,omitzero"`
	Limit  int         `json:"limit,omitzero"` // at most this many; 0 means a default of 50
	Offset int         `json:"offset,omitzero"`
}

// SearchCountLimit is the most matches a search counts. A search matching
// more reports a total of SearchCountLimit+1, read "more than
// SearchCountLimit", and shows no page past SearchCountLimit: counting
// every match of a common word in a large store would cost more than the
// search itself. Web search engines and Elasticsearch stop counting
// likewise.
const SearchCountLimit = 10000

// SearchTotal reads the total a search reports: how many articles match,
// and whether more than that many do.
func SearchTotal(total int) (n int, more bool) {
	if total > SearchCountLimit {
		return SearchCountLimit, true
	}
	return total, false
}

// SearchHit is one ranked full-text search result.
type SearchHit struct {
	Summary
	Score   float64 `json:"score,omitzero"`   // higher is better
	Snippet string  `json:"snippet,omitzero"` // a passage of the text around the match
	// Highlights are the matched words in Snippet, as byte spans.
	Highlights []Span `json:"highlights,omitzero"`
}

// AddStatus tells what storing one article did.
type AddStatus int

// Outcomes of storing an article.
const (
	Added AddStatus = iota // stored as a new article
	Known                  // the same article (same URL, or same text from the same outlet) was already stored
)

// OutletCount is an outlet and how many stored articles it has.
type OutletCount struct {
	Outlet   string `json:"outlet,omitzero"`
	Articles int    `json:"articles,omitzero"`
}

// Story is a group of articles that report one real-world development: an
// event and its immediate follow-up.
type Story struct {
	ID StoryID `json:"id,omitzero"`
	// Title is the story's headline: the headline of its most central
	// news report, else one made from a report's lead (see
	// internal/summary.Headline).
	Title string `json:"title,omitzero"`
	// Articles lists the members, the most central first.
	Articles []ArticleID `json:"article_ids,omitzero"`
	// Begin and End span the publication dates of its dated members; both
	// zero when none is dated.
	Begin     time.Time   `json:"begin,omitzero"`
	End       time.Time   `json:"end,omitzero"`
	Storyline StorylineID `json:"storyline,omitzero"` // "" until storylines are linked
	// Keys are the terms and names the story is found by when later
	// articles look for their story ("t:" and a stem, "n:" and a name's
	// key): kept by the store for incremental grouping.
	Keys []string `json:"-"`
	// Centroid is the story's centroid and dates as the clusterer keeps
	// them (opaque to all but the clusterer): a store keeps it so that
	// later articles are scored against the story without its members.
	Centroid []byte `json:"-"`
}

// Storyline links stories about the same actors and conflict across time,
// from weeks to years.
type Storyline struct {
	ID   StorylineID `json:"id,omitzero"`
	Name string      `json:"name,omitzero"` // its main actors and the terms of their conflict: "Pakistan, Afghan Taliban and TTP: attacks and talks"
	// Stories lists the member stories, earliest first.
	Stories []StoryID `json:"stories,omitzero"`
	Begin   time.Time `json:"begin,omitzero"`
	End     time.Time `json:"end,omitzero"`    // span of the member stories' dated articles
	Actors  []string  `json:"actors,omitzero"` // main names, most prominent first
	Terms   []string  `json:"terms,omitzero"`  // main terms, most prominent first
	// Links explains, for every story after the first, the link that
	// brought it into the storyline.
	Links []StoryLink `json:"links,omitzero"`
	// Join, in an incremental grouping, is the stored storyline outside
	// the grouping's scope that this one links to and joins.
	Join StorylineID `json:"-"`
}

// StoryLink explains why two stories belong to one storyline.
type StoryLink struct {
	From           StoryID       `json:"from,omitzero"`
	To             StoryID       `json:"to,omitzero"`
	Score          float64       `json:"score,omitzero"`
	SharedEntities []string      `json:"shared_entities,omitzero"`
	SharedTerms    []string      `json:"shared_terms,omitzero"`
	DateGap        time.Duration `json:"date_gap,omitzero"` // between the two stories' spans; 0 when they overlap or a date is unknown
}

// Assignment records which story an article was put in and why.
type Assignment struct {
	Article ArticleID `json:"article,omitzero"`
	Story   StoryID   `json:"story,omitzero"`
	New     bool      `json:"new,omitzero"`   // the article started the story
	Score   float64   `json:"score,omitzero"` // similarity to the story joined, or to the best candidate when New
	// SharedTerms and SharedEntities are the terms and names that contributed
	// most to Score, strongest first.
	SharedTerms    []string      `json:"shared_terms,omitzero"`
	SharedEntities []string      `json:"shared_entities,omitzero"`
	DateGap        time.Duration `json:"date_gap,omitzero"` // from the article's date to the story's span; 0 when inside or unknown
	Reason         string        `json:"reason,omitzero"`   // one line for people: "joined: score 0.42 >= 0.30 ..."
}

// Analysis is what the per-article stages found in one article. It is
// computed once, when the article is first stored.
type Analysis struct {
	Article  ArticleID `json:"article"`
	Mentions []Mention `json:"mentions,omitzero"`
	Timexes  []Timex   `json:"timexes,omitzero"`
	Quotes   []Quote   `json:"quotes,omitzero"`
	Events   []Event   `json:"events,omitzero"`
	// Signature is the article's copy-detection signature, opaque to all
	// but the copy detector.
	Signature []byte `json:"-"`
	// CopyKeys are the signature's lookup keys: a store finds an
	// article's copy candidates by them without reading every signature.
	CopyKeys []uint32 `json:"-"`
	// Published, DateSource and DateNote are set when the article had no
	// date and one was inferred from its text.
	Published  time.Time  `json:"published,omitzero"`
	DateSource DateSource `json:"date_source,omitzero"`
	DateNote   string     `json:"date_note,omitzero"`
	// Notes say where the analysis did not read or keep everything: a long
	// text analysed in segments, a stage's findings capped.
	Notes []string `json:"notes,omitzero"`
	// Kind and KindReasons are the article's kind and the evidence for
	// it (see Article). For an opinion piece, Quotes holds only what the
	// author quotes of others, not the author's own argument.
	Kind        ArticleKind `json:"kind,omitzero"`
	KindReasons []string    `json:"kind_reasons,omitzero"`
}

// earliestPublished is the earliest publication date Storyline believes:
// earlier ones are mistakes, or zero values printed ("0001-01-01",
// "0000-01-01").
var earliestPublished = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)

// PlausibleDate reports whether t may be the publication date of an
// article read at now: not before 1800 and not more than a day after now
// (room for time zones and clocks a little off, not for a mistyped year).
// A date outside that range is unknown, wherever it was read.
func PlausibleDate(t, now time.Time) bool {
	return !t.Before(earliestPublished) && !t.After(now.Add(24*time.Hour))
}

// Grouping is what the cross-article stages derive from all stored
// articles: it replaces the previous grouping as a whole.
type Grouping struct {
	Copies      []CopyLink   `json:"copies,omitzero"`      // one per copy, to its group's original
	Assignments []Assignment `json:"assignments,omitzero"` // one per article
	Stories     []Story      `json:"stories,omitzero"`
	Storylines  []Storyline  `json:"storylines,omitzero"`
	Entities    []Entity     `json:"entities,omitzero"`
	// Inherited are dates that undated copies take from their originals.
	Inherited []Analysis `json:"inherited,omitzero"`
	// Resolved are the mentions whose entity differs from the stored one.
	Resolved []MentionEntity `json:"resolved,omitzero"`
	// QuoteGroups are the quotes whose group differs from the stored one.
	QuoteGroups []QuoteRef `json:"quote_groups,omitzero"`
	// EventGroups are the events whose group differs from the stored one.
	EventGroups []EventRef `json:"event_groups,omitzero"`
	// Redirects map entity IDs that now stand for another entity (a name
	// tagged with two types, an acronym taken over by its definition) to
	// that entity: stored mentions and quotes follow them.
	Redirects map[EntityID]EntityID `json:"redirects,omitzero"`
	// Moved are the story and storyline IDs of the grouping replaced that
	// this one does not continue: each now stands for the story or
	// storyline its articles went to.
	Moved []Moved `json:"moved,omitzero"`
	// Scope, when set, is the part of the stored grouping this one
	// replaces (an incremental grouping); nil replaces all of it.
	Scope *Scope `json:"scope,omitzero"`
	// Frequencies are the document frequencies of the stories' features
	// that the grouping counted: all of them (Replace), or those of the
	// articles it added, to add to the stored ones.
	Frequencies Frequencies `json:"-"`
}

// Scope is the part of a stored grouping that an incremental grouping
// replaces: the copy links and story memberships of Articles, the stories
// Stories (all of whose members are among Articles) and the storylines
// Storylines, which the grouping's stories were in. A storyline that
// keeps stories outside the scope keeps them; one left with none is
// removed. Entities in the grouping are added or replaced, never removed.
type Scope struct {
	Articles   []ArticleID   `json:"articles"`
	Stories    []StoryID     `json:"stories"`
	Storylines []StorylineID `json:"storylines"`
}

// CheckScope reports, as ErrInvalid, a partial grouping that links or
// assigns an article outside its scope: saving it would leave the story
// that article is in counted without it. A whole grouping has no scope
// to leave.
func (g *Grouping) CheckScope() error {
	if g.Scope == nil {
		return nil
	}
	in := make(map[ArticleID]bool, len(g.Scope.Articles))
	for _, a := range g.Scope.Articles {
		in[a] = true
	}
	for _, c := range g.Copies {
		if !in[c.Article] {
			return fmt.Errorf("copy link of article %s outside the scope: %w", c.Article, ErrInvalid)
		}
	}
	for _, a := range g.Assignments {
		if !in[a.Article] {
			return fmt.Errorf("assignment of article %s outside the scope: %w", a.Article, ErrInvalid)
		}
	}
	return nil
}

// Frequencies are document frequencies of the features the story
// clusterer weighs ("t:" and a stem, "n:" and a name's key), over Docs
// documents.
type Frequencies struct {
	Replace bool
	Docs    int
	DF      map[string]int
}

// Moved says that a story or storyline ID now stands for another: the
// stories were merged, or the story's articles now make up another.
type Moved struct {
	Kind IDKind `json:"kind"`
	From string `json:"from"`
	To   string `json:"to"`
}

// IDKind is the kind of thing an ID names.
type IDKind string

// ID kinds with their prefixes. Articles have bare IDs of 12 hex digits
// and entities their type's prefix ("per-", "org-").
const (
	KindArticle   IDKind = "article"
	KindStory     IDKind = "story"     // "s-..."
	KindStoryline IDKind = "storyline" // "sl-..."
	KindEntity    IDKind = "entity"
)

// Prefixes of story and storyline IDs.
const (
	StoryPrefix     = "s-"
	StorylinePrefix = "sl-"
)

// KindOf says what kind of thing an ID names, by its form: a story or
// storyline by its prefix, an entity by its type's prefix, an article by
// twelve hex digits; "" for none of these.
func KindOf(id string) IDKind {
	switch {
	case strings.HasPrefix(id, StoryPrefix):
		return KindStory
	case strings.HasPrefix(id, StorylinePrefix):
		return KindStoryline
	}
	if i := strings.IndexByte(id, '-'); i > 0 {
		for _, t := range []EntityType{Person, Organisation, Place, OtherName} {
			if id[:i] == t.IDPrefix() {
				return KindEntity
			}
		}
	}
	if len(id) == 12 && strings.Trim(id, "0123456789abcdef") == "" {
		return KindArticle
	}
	return ""
}

// Prior is what a new grouping's identities continue: which story held
// each article and which storyline each story, how old each story is, and
// every story and storyline ID ever issued (live or moved), which are
// never given to another.
type Prior struct {
	StoryOf     map[ArticleID]StoryID
	StoryAge    map[StoryID]int64 // the store's sequence number of its first stored article: smaller is older
	StorylineOf map[StoryID]StorylineID
	Issued      map[string]bool
}

// MentionEntity is the entity the mention at Span of an article resolves
// to. A grouping of a large store holds millions of them: it is small.
type MentionEntity struct {
	Article ArticleID `json:"article"`
	Span
	Entity EntityID `json:"entity"`
}

// StorySummary is a story with the counts a listing shows.
type StorySummary struct {
	Story
	Outlets int `json:"outlets"`  // distinct outlets
	Copies  int `json:"copies"`   // articles that copy another article of the story
	Size    int `json:"articles"` // articles
	// Reports and Opinions count the story's articles of each kind; an
	// article not classified yet is in neither.
	Reports  int `json:"reports"`
	Opinions int `json:"opinions"`
}

// StoryFilter selects stories in listings. Zero fields do not filter.
type StoryFilter struct {
	Storyline StorylineID `json:"storyline,omitzero"`
	Outlet    string      `json:"outlet,omitzero"`
	Entity    EntityID    `json:"entity,omitzero"`
	From      time.Time   `json:"from,omitzero"`
	To        time.Time   `json:"to,omitzero"` // the story's span overlaps [From, To)
	Limit     int         `json:"limit,omitzero"`
	Offset    int         `json:"offset,omitzero"`
}

// StoryArticle is one article of a story, with its place in a copy group
// and why it joined the story.
type StoryArticle struct {
	Summary
	// Copy is set when the article copies another: Original is its
	// group's original.
	Copy *CopyLink  `json:"copy,omitzero"`
	Why  Assignment `json:"why"`
}

// StoryDetail is a story with its articles.
type StoryDetail struct {
	StorySummary
	// Summary is the story told in a few sentences, computed when asked
	// for (see internal/summary).
	Summary []SummarySentence `json:"summary"`
	Members []StoryArticle    `json:"members"`
}

// SummarySentence is one sentence of a story's or storyline's summary,
// with the articles that carry it or a sentence nearly the same. In a
// storyline's summary it is a story's headline, and Story names the
// story.
type SummarySentence struct {
	Text     string      `json:"text"`
	Articles []ArticleID `json:"articles"`
	Story    StoryID     `json:"story,omitzero"`
	// Published is the date of the article it is quoted from (for a
	// storyline, the story's first date); zero when undated.
	Published time.Time `json:"published,omitzero"`
}

// StorylineDetail is a storyline with its stories, earliest first.
type StorylineDetail struct {
	Storyline
	// Summary is the headlines of its main stories, in time order.
	Summary   []SummarySentence `json:"summary"`
	StoryList []StorySummary    `json:"story_list"`
}

// Decision is a person's correction of a grouping, kept and replayed on
// every later grouping.
type Decision struct {
	Kind     string      `json:"kind"`              // "split" or "merge"
	Story    StoryID     `json:"story,omitzero"`    // merge: the story kept; split: the story split
	Other    StoryID     `json:"other,omitzero"`    // merge: the story merged into Story
	Articles []ArticleID `json:"articles,omitzero"` // split: the articles moved to a new story; merge: the articles of both
	Kept     []ArticleID `json:"kept,omitzero"`     // split: the articles that stay
	Created  time.Time   `json:"created,omitzero"`
}

// Same reports whether d and o decide the same thing, whenever each was
// made: repeating a decision changes nothing.
func (d Decision) Same(o Decision) bool {
	return d.Kind == o.Kind && d.Story == o.Story && d.Other == o.Other &&
		slices.Equal(d.Articles, o.Articles) && slices.Equal(d.Kept, o.Kept)
}

// EntityFilter selects entities in listings. Zero fields do not filter.
type EntityFilter struct {
	Type   EntityType
	Story  StoryID // only entities mentioned in this story
	Query  string  // only entities whose name or an alias contains this, case-insensitive
	Limit  int
	Offset int
}

// Count is a name or key with a number: a co-occurring entity, a day with
// its mentions.
type Count struct {
	Key   string `json:"key"`
	Name  string `json:"name,omitzero"`
	Count int    `json:"count"`
}

// EntityDetail is an entity with what is known about it across articles.
type EntityDetail struct {
	Entity
	Stories []StorySummary `json:"stories"`
	// With lists the entities mentioned in the same articles, most often
	// first: Key is the entity ID.
	With []Count `json:"with"`
	// Months counts the entity's mentions per month of publication: Key is
	// "2006-01"; undated articles are not counted.
	Months []Count `json:"months"`
}

// QuoteRef is a quote with the article that carries it.
type QuoteRef struct {
	Quote
	Article Summary `json:"article"`
	Story   StoryID `json:"story,omitzero"`
}

// QuoteKind says whether a quote is what someone said or what they are
// said to think or intend.
type QuoteKind string

// Quote kinds.
const (
	// QuoteSpeech is what someone said or wrote: a quotation, or reported
	// speech with a speech act ("said", "told", "according to", "urged").
	QuoteSpeech QuoteKind = "speech"
	// QuoteView is a belief or intention attributed to someone ("expects",
	// "wants", "plans"), or a finding ("a poll shows"): kept apart from
	// speech and listed only when asked for.
	QuoteView QuoteKind = "view"
)

// IsView reports whether q is a view rather than speech.
func (q Quote) IsView() bool { return q.Kind == QuoteView }

// QuoteFilter selects quotes. Zero fields do not filter, but for Views:
// by default only speech is listed.
type QuoteFilter struct {
	Speaker string // an entity ID, or a name the speaker contains
	Views   bool   // list views (beliefs, intentions) beside speech
	Story   StoryID
	Article ArticleID
	Limit   int
	Offset  int
}

// EventRef is an event mention with the article that reports it.
type EventRef struct {
	Event
	Article Summary `json:"article"`
	Story   StoryID `json:"story,omitzero"`
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Story   StoryID
	Type    EventType
	Article ArticleID
	Limit   int
	Offset  int
}
