package facts

// Bucket is the width of a timeline's buckets.
type Bucket string

// The timeline buckets. Weeks start on Monday (ISO 8601).
const (
	Day   Bucket = "day"
	Week  Bucket = "week"
	Month Bucket = "month"
)

// Valid reports whether b is a known bucket.
func (b Bucket) Valid() bool { return b == Day || b == Week || b == Month }

// TimelineFilter asks for one entity's activity over time. From and To are inclusive bounds on
// the articles' published dates; nil leaves that side open.
type TimelineFilter struct {
	EntityID string
	From, To *Date
	Bucket   Bucket
}

// TimelineCounts is one entity's activity in a set of articles: the times it is named, the
// articles that name it, and the statements it made in them.
type TimelineCounts struct {
	Mentions   int
	Articles   int
	Statements int
}

// TimelinePoint is the activity in the bucket that starts on Start.
type TimelinePoint struct {
	Start Date
	TimelineCounts
}

// Timeline is an entity's activity per bucket of published date, oldest first, leaving out
// empty buckets; Undated counts the articles without a published date, whatever the bounds.
type Timeline struct {
	Points  []TimelinePoint
	Undated TimelineCounts
}

// RelatedFilter selects the entities named in the same articles as EntityID, most shared
// articles first, then by id.
type RelatedFilter struct {
	EntityID string
	Type     *EntityType
	Page
}

// RelatedEntity is an entity with the number of articles it shares with another.
type RelatedEntity struct {
	StoredEntity
	SharedArticles int
}

// Change is an article whose save committed, as the change stream announces it.
type Change struct {
	ArticleID      string
	Title          string
	PublishedAt    *Date
	EntityCount    int
	StatementCount int
	ExerciseCount  int
}
