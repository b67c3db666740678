package api

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// addRoutes is the table of contents of the API: one line per endpoint, in openapi.yaml order.
func addRoutes(r chi.Router, logger *slog.Logger, store Store, opts Options, docs []byte) {
	r.Method(http.MethodGet, "/healthz", handleHealth())
	r.With(dbTimeout(opts.DBTimeout)).Method(http.MethodGet, "/readyz", handleReady(logger, store))
	r.Method(http.MethodGet, "/metrics", promhttp.HandlerFor(opts.Registry, promhttp.HandlerOpts{}))
	r.Method(http.MethodGet, "/openapi.yaml", handleSpec())
	r.Method(http.MethodGet, "/docs", handleDocs(docs))
	r.Method(http.MethodGet, "/", handleDashboard())
	r.Method(http.MethodGet, "/assets/{name}", handleDashboardAsset(logger))
	// A stream, so outside /v1's response cache and database timeout; chi prefers this static
	// route to the /v1 subrouter.
	r.Method(http.MethodGet, "/v1/changes", handleChanges(logger, opts.Changes, opts.KeepAlive))
	r.Route("/v1", func(r chi.Router) {
		if opts.Reads != nil {
			r.Use(consistency(logger, opts.Reads))
		}
		if opts.Cache != nil {
			r.Use(opts.Cache.Middleware)
		}
		r.Use(dbTimeout(opts.DBTimeout))
		r.Method(http.MethodGet, "/articles", handleArticleList(logger, store))
		r.Method(http.MethodPost, "/articles", handleArticleCreate(logger, store, opts))
		r.Method(http.MethodGet, "/articles/{id}", handleArticleGet(logger, store))
		r.Method(http.MethodGet, "/articles/{id}/facts", handleArticleFacts(logger, store))
		r.Method(http.MethodGet, "/entities", handleEntityList(logger, store))
		r.Method(http.MethodGet, "/entities/{id}", handleEntityGet(logger, store))
		r.Method(http.MethodGet, "/entities/{id}/mentions", handleEntityMentions(logger, store))
		r.Method(http.MethodGet, "/entities/{id}/statements", handleEntityStatements(logger, store))
		r.Method(http.MethodGet, "/entities/{id}/timeline", handleEntityTimeline(logger, store))
		r.Method(http.MethodGet, "/entities/{id}/related", handleEntityRelated(logger, store))
		r.Method(http.MethodGet, "/statements", handleStatementList(logger, store))
		r.Method(http.MethodGet, "/statements/{id}", handleStatementGet(logger, store))
		r.Method(http.MethodGet, "/exercises", handleExerciseList(logger, store))
		r.Method(http.MethodGet, "/exercises/{id}", handleExerciseGet(logger, store))
		r.Method(http.MethodGet, "/exercises/{id}/articles", handleExerciseArticles(logger, store))
		r.Method(http.MethodGet, "/exercises/{id}/mentions", handleExerciseMentions(logger, store))
	})
}
