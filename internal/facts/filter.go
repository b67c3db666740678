package facts

// Page limits shared by every list.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page asks for one page of a list. Cursor is opaque: the NextCursor of the previous page, or
// "" for the first. Stores page by keyset on the list's sort key plus id, never by OFFSET, so a
// walk neither skips nor repeats a row that did not change while it walked. A Cursor the store
// cannot decode is an EINVALID error naming the "cursor" parameter.
type Page struct {
	Limit  int // 1..MaxLimit; 0 means DefaultLimit
	Cursor string
}

// ArticleFilter selects articles, newest published first (unknown dates last), then by id.
// Date bounds are inclusive and leave out articles whose date is unknown.
type ArticleFilter struct {
	Query           string // full-text search over title and body; "" for all
	PublishedAfter  *Date
	PublishedBefore *Date
	Page
}

// EntityFilter selects entities, most mentioned first, then by name, then by id.
type EntityFilter struct {
	Type      *EntityType
	Query     string // on names and aliases, tolerant of typos ("kallsa" finds Kallas)
	ArticleID string // only entities mentioned in this article
	Page
}

// MentionFilter selects the mentions of one entity, in article order (published date, article
// id) and then by position.
type MentionFilter struct {
	EntityID string
	Page
}

// StatementFilter selects statements, newest said first (unknown dates last), then by id.
// Date bounds are inclusive and leave out statements whose date is unknown.
type StatementFilter struct {
	SpeakerID  string
	ArticleID  string
	Kind       *StatementKind
	MentionsID string // only statements whose EntityIDs include this entity
	Query      string // full-text search over the statement text
	SaidAfter  *Date
	SaidBefore *Date
	Page
}

// ExerciseFilter selects exercises, latest start first (unknown periods last), then by id.
type ExerciseFilter struct {
	ParticipantID string
	HostID        string
	Year          int   // exercises whose period overlaps this year; 0 for all
	From, To      *Date // exercises whose period overlaps [From, To]; nil leaves a side open
	Query         string
	Page
}

// ExerciseArticleFilter selects the articles that report one exercise, in report order
// (published date, unknown last, then id).
type ExerciseArticleFilter struct {
	ExerciseID string
	Page
}

// ExerciseMentionFilter selects the spans that name one exercise, by article id and then by
// position.
type ExerciseMentionFilter struct {
	ExerciseID string
	Page
}

// SaveStatus says what SaveArticle did.
type SaveStatus string

// The save outcomes.
const (
	Created   SaveStatus = "created"   // a new article
	Updated   SaveStatus = "updated"   // same URL (or id), new body or newer extractor: facts replaced
	Unchanged SaveStatus = "unchanged" // same content and extractor version: nothing written
)

// Counts are how many facts one article holds.
type Counts struct {
	Entities   int `json:"entities"`
	Mentions   int `json:"mentions"`
	Statements int `json:"statements"`
	Exercises  int `json:"exercises"`
}

// SaveResult reports the outcome of saving one article.
type SaveResult struct {
	ArticleID string     `json:"article_id"`
	Status    SaveStatus `json:"status"`
	Counts    Counts     `json:"counts"`
}
