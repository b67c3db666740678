// Package facts is the newsfacts domain: articles, the facts extracted from them, the filters
// used to list them, and the errors every layer speaks. It imports only the standard library.
package facts

import (
	"time"
)

// ExtractorVersion numbers the extraction rules that produced a set of facts: a larger number
// is a newer extractor. Ingest records it with each article (articles.extractor_version, an
// integer, served as the API's extractor_version); bump it whenever extraction output can
// change, so that `newsfacts ingest --reextract` redoes the stored articles whose version is
// smaller. An older binary never replaces facts a newer one extracted from the same body.
// internal/extract/testdata/output.sha256 holds the version beside a hash of the extractor's
// output on the seed and testdata, and a test fails with "bump ExtractorVersion" when the
// output changes while the version does not.
const ExtractorVersion = 13

// Span is a half-open range [Start, End) of Unicode code points (not bytes) into an article's
// normalized body; Text is exactly that slice.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// ArticleMeta is what is known about an article besides its text.
type ArticleMeta struct {
	Title       string `json:"title"`
	URL         string `json:"url,omitempty"`
	Source      string `json:"source,omitempty"`
	PublishedAt *Date  `json:"published_at"`
}

// Article is one stored news article.
type Article struct {
	ID string `json:"id"`
	ArticleMeta
	SHA256           string    `json:"sha256"` // hex digest of the normalized body
	Body             string    `json:"body"`
	ExtractorVersion int       `json:"extractor_version"`
	IngestedAt       time.Time `json:"ingested_at"`
	UpdatedAt        time.Time `json:"updated_at"`
	EntityCount      int       `json:"entity_count"`
	StatementCount   int       `json:"statement_count"`
	ExerciseCount    int       `json:"exercise_count"`
}

// EntityType is the kind of real-world thing an entity is.
type EntityType string

// The entity types.
const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Country      EntityType = "country"
	Location     EntityType = "location"
	Event        EntityType = "event"
	Group        EntityType = "group"
)

// EntityTypes lists every valid EntityType, in documentation order.
var EntityTypes = []EntityType{Person, Organization, Country, Location, Event, Group}

// Valid reports whether t is one of EntityTypes.
func (t EntityType) Valid() bool {
	for _, v := range EntityTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Entity is one real-world thing. Its ID is a stable slug of the canonical name
// ("vladimir-putin", "china"): the same in every article and every run.
type Entity struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	Type          EntityType `json:"type"`
	Aliases       []string   `json:"aliases"`
	Title         string     `json:"title,omitempty"`          // persons: "Russian President"
	AffiliationID string     `json:"affiliation_id,omitempty"` // persons: the country the title names
	Mentions      []Span     `json:"mentions"`                 // in one article (extraction output)
}

// EntityStats are an entity's counts across every stored article.
type EntityStats struct {
	MentionCount   int `json:"mention_count"`
	StatementCount int `json:"statement_count"` // statements the entity is the speaker of
	ArticleCount   int `json:"article_count"`
}

// StoredEntity is an entity as the store knows it: aliases gathered from every article, and counts.
// Its Mentions are empty; list them with Store.Mentions.
type StoredEntity struct {
	Entity
	EntityStats
}

// Mention is one place an entity is named in a stored article.
type Mention struct {
	EntityID  string `json:"entity_id"`
	ArticleID string `json:"article_id"`
	Span
	Snippet string `json:"snippet"` // the sentence or ~160 code points around the span
}

// StatementKind says whether a statement is quoted or reported.
type StatementKind string

// The statement kinds.
const (
	Direct   StatementKind = "direct"   // inside quotation marks
	Indirect StatementKind = "indirect" // reported speech
)

// Valid reports whether k is Direct or Indirect.
func (k StatementKind) Valid() bool { return k == Direct || k == Indirect }

// Statement is something a speaker said. Its span covers Text in the article body.
// In extraction output, ID is local to the document ("s1", "s2", ...); stored statements
// carry a global id ("<article id>-s1").
type Statement struct {
	ID          string        `json:"id"`
	ArticleID   string        `json:"article_id,omitempty"`
	SpeakerID   string        `json:"speaker_id"`   // "" when the speaker is no known entity; JSON null
	SpeakerText string        `json:"speaker_text"` // the words that name the speaker
	Kind        StatementKind `json:"kind"`
	Text        string        `json:"text"`
	Start       int           `json:"start"`
	End         int           `json:"end"`
	Verb        string        `json:"verb"` // "said", "says", "according to", ...
	SaidOn      *Date         `json:"said_on"`
	EntityIDs   []string      `json:"entity_ids"` // entities mentioned inside Text
}

// Period is when an exercise happens. Start and End are inclusive days; Text is the phrase that
// gave them ("late August").
type Period struct {
	Text  string `json:"text"`
	Start Date   `json:"start"`
	End   Date   `json:"end"`
}

// Exercise is a named military exercise. Its ID is a stable slug of its name ("vostok-2022").
type Exercise struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Aliases        []string `json:"aliases"`
	HostID         string   `json:"host_id"` // "" when unknown; JSON null
	ParticipantIDs []string `json:"participant_ids"`
	Period         *Period  `json:"period"`
	Purpose        string   `json:"purpose"` // "" when unknown; JSON null
	Mentions       []Span   `json:"mentions"`
}

// The most aliases and participant ids a StoredExercise carries; AliasCount and
// ParticipantCount say how many there are in all. An exercise in a list carries neither, only
// the counts; the exercise read alone carries up to MaxExerciseParticipants, expanded.
const (
	MaxEntityAliases        = 20 // the aliases a StoredEntity carries, first by name
	MaxExerciseAliases      = 20
	MaxExerciseParticipants = 50
)

// StoredExercise is an exercise as the store knows it, merged across articles. Its size does
// not grow with the corpus: Mentions is empty, Aliases and ParticipantIDs hold at most
// MaxExerciseAliases and MaxExerciseParticipants entries, and the articles and mentions that
// report it are counted here and listed page by page (ExerciseArticleFilter,
// ExerciseMentionFilter).
type StoredExercise struct {
	Exercise
	AliasCount       int
	ParticipantCount int
	ArticleCount     int
	MentionCount     int
	// The first and the latest report in report order (published date, unknown last, then
	// article id); nil only for an exercise no article reports, which is never stored.
	FirstReport, LatestReport *Report
	// Host and Participants expand HostID and ParticipantIDs with the stored entities they
	// name (nil and empty for ids that name none); only one exercise's lookup fills them.
	Host         *EntityRef
	Participants []EntityRef
}

// EntityRef names a stored entity that another fact points at.
type EntityRef struct {
	ID   string
	Name string
	Type EntityType
}

// Report is one article's report of an exercise.
type Report struct {
	ArticleID   string
	PublishedAt *Date
}

// ExerciseMention is one place an article names an exercise.
type ExerciseMention struct {
	ExerciseID string
	ArticleID  string
	Span
}

// Extraction is every fact found in one article: the output of `newsfacts extract` and of
// GET /v1/articles/{id}/facts. Slices are never nil, so they encode as [] rather than null.
type Extraction struct {
	Article    ExtractedArticle `json:"article"`
	Entities   []Entity         `json:"entities"`
	Statements []Statement      `json:"statements"`
	Exercises  []Exercise       `json:"exercises"`
}

// ExtractedArticle is the article part of an Extraction.
type ExtractedArticle struct {
	Title       string `json:"title"`
	PublishedAt *Date  `json:"published_at"`
	SHA256      string `json:"sha256"`
	Body        string `json:"body"`
}
