package api

import (
	"context"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// Store is what the HTTP layer reads and writes. *postgres.Store implements it; the API never
// imports package postgres. List methods return one page and the opaque cursor of the next ("" on
// the last page). Lookups of unknown ids return an ENOTFOUND *facts.Error; a database that
// cannot be reached, EUNAVAILABLE.
type Store interface {
	Articles(ctx context.Context, f facts.ArticleFilter) ([]facts.Article, string, error)
	Article(ctx context.Context, id string) (facts.Article, error)
	ArticleFacts(ctx context.Context, id string) (facts.Extraction, error)

	Entities(ctx context.Context, f facts.EntityFilter) ([]facts.StoredEntity, string, error)
	Entity(ctx context.Context, id string) (facts.StoredEntity, error)
	// EntityRedirect returns the entity that entity id was merged into, or ENOTFOUND when id
	// was not merged.
	EntityRedirect(ctx context.Context, id string) (string, error)
	Mentions(ctx context.Context, f facts.MentionFilter) ([]facts.Mention, string, error)

	// Timeline counts an entity's activity per bucket of published date; Related lists the
	// entities named in the same articles, most shared first. Both return ENOTFOUND for an
	// unknown entity.
	Timeline(ctx context.Context, f facts.TimelineFilter) (facts.Timeline, error)
	Related(ctx context.Context, f facts.RelatedFilter) ([]facts.RelatedEntity, string, error)

	Statements(ctx context.Context, f facts.StatementFilter) ([]facts.Statement, string, error)
	Statement(ctx context.Context, id string) (facts.Statement, error)

	Exercises(ctx context.Context, f facts.ExerciseFilter) ([]facts.StoredExercise, string, error)
	// Exercise also expands the exercise's host and participants (StoredExercise.Host and
	// Participants).
	Exercise(ctx context.Context, id string) (facts.StoredExercise, error)
	// ExerciseArticles and ExerciseMentions page through what an exercise's counts count; an
	// unknown exercise is ENOTFOUND.
	ExerciseArticles(ctx context.Context, f facts.ExerciseArticleFilter) ([]facts.Article, string, error)
	ExerciseMentions(ctx context.Context, f facts.ExerciseMentionFilter) ([]facts.ExerciseMention, string, error)

	// SaveArticle stores an article and its extracted facts in one transaction (see
	// postgres.Store.SaveArticle).
	SaveArticle(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error)

	// Ready returns nil when the database answers and its schema is the one this binary
	// expects, else an EUNAVAILABLE error saying which.
	Ready(ctx context.Context) error
}
