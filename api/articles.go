package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/ingest"
)

// articleJSON is an article in a list: everything but the body.
type articleJSON struct {
	ID               string      `json:"id"`
	Title            string      `json:"title"`
	URL              *string     `json:"url"`
	Source           *string     `json:"source"`
	PublishedAt      *facts.Date `json:"published_at"`
	SHA256           string      `json:"sha256"`
	ExtractorVersion int         `json:"extractor_version"`
	IngestedAt       timestamp   `json:"ingested_at"`
	UpdatedAt        timestamp   `json:"updated_at"`
	EntityCount      int         `json:"entity_count"`
	StatementCount   int         `json:"statement_count"`
	ExerciseCount    int         `json:"exercise_count"`
}

// timestamp is a time written as time.Time writes it in JSON (RFC 3339, nanoseconds when there
// are any), through MarshalText: encoding/json re-scans (compacts) whatever a MarshalJSON
// returns, which with two timestamps a row was a tenth of the CPU time of a page of articles.
type timestamp time.Time

func (t timestamp) MarshalText() ([]byte, error) { return time.Time(t).MarshalText() }

func newArticleJSON(a facts.Article) articleJSON {
	return articleJSON{
		ID:               a.ID,
		Title:            a.Title,
		URL:              nullable(a.URL),
		Source:           nullable(a.Source),
		PublishedAt:      a.PublishedAt,
		SHA256:           a.SHA256,
		ExtractorVersion: a.ExtractorVersion,
		IngestedAt:       timestamp(a.IngestedAt.UTC()),
		UpdatedAt:        timestamp(a.UpdatedAt.UTC()),
		EntityCount:      a.EntityCount,
		StatementCount:   a.StatementCount,
		ExerciseCount:    a.ExerciseCount,
	}
}

// articleDetailJSON is one article with the body its spans point into.
type articleDetailJSON struct {
	articleJSON
	Body string `json:"body"`
}

// factsJSON is everything extracted from one article, in the shape `newsfacts extract` prints.
type factsJSON struct {
	Article    extractedArticleJSON  `json:"article"`
	Entities   []extractedEntityJSON `json:"entities"`
	Statements []statementJSON       `json:"statements"`
	Exercises  []extractedExercise   `json:"exercises"`
}

type extractedArticleJSON struct {
	Title       string      `json:"title"`
	PublishedAt *facts.Date `json:"published_at"`
	SHA256      string      `json:"sha256"`
	Body        string      `json:"body"`
}

type extractedEntityJSON struct {
	ID            string           `json:"id"`
	Name          string           `json:"name"`
	Type          facts.EntityType `json:"type"`
	Aliases       []string         `json:"aliases"`
	Title         string           `json:"title,omitempty"`
	AffiliationID string           `json:"affiliation_id,omitempty"`
	Mentions      []spanJSON       `json:"mentions"`
}

type extractedExercise struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Aliases        []string    `json:"aliases"`
	HostID         *string     `json:"host_id"`
	ParticipantIDs []string    `json:"participant_ids"`
	Period         *periodJSON `json:"period"`
	Purpose        *string     `json:"purpose"`
	Mentions       []spanJSON  `json:"mentions"`
}

func newFactsJSON(x facts.Extraction) factsJSON {
	return factsJSON{
		Article: extractedArticleJSON(x.Article),
		Entities: mapSlice(x.Entities, func(e facts.Entity) extractedEntityJSON {
			return extractedEntityJSON{
				ID: e.ID, Name: e.Name, Type: e.Type, Aliases: nonNil(e.Aliases), Title: e.Title,
				AffiliationID: e.AffiliationID, Mentions: mapSlice(e.Mentions, newSpanJSON),
			}
		}),
		Statements: mapSlice(x.Statements, newStatementJSON),
		Exercises: mapSlice(x.Exercises, func(e facts.Exercise) extractedExercise {
			return extractedExercise{
				ID: e.ID, Name: e.Name, Aliases: nonNil(e.Aliases), HostID: nullable(e.HostID),
				ParticipantIDs: nonNil(e.ParticipantIDs), Period: newPeriodJSON(e.Period),
				Purpose: nullable(e.Purpose), Mentions: mapSlice(e.Mentions, newSpanJSON),
			}
		}),
	}
}

func handleArticleList(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := parseQuery(r, "q", "published_after", "published_before", "limit", "cursor")
		f := facts.ArticleFilter{
			Query:           q.str("q"),
			PublishedAfter:  q.date("published_after"),
			PublishedBefore: q.date("published_before"),
			Page:            q.page(),
		}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		articles, next, err := store.Articles(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(articles, newArticleJSON), next)
	})
}

func handleArticleGet(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "article")
		if err == nil {
			err = parseQuery(r).err()
		}
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		a, err := store.Article(r.Context(), id)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		encode(w, r, http.StatusOK, articleDetailJSON{articleJSON: newArticleJSON(a), Body: a.Body})
	})
}

func handleArticleFacts(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "article")
		if err == nil {
			err = parseQuery(r).err()
		}
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		x, err := store.ArticleFacts(r.Context(), id)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		encode(w, r, http.StatusOK, newFactsJSON(x))
	})
}

// articleInput is the JSON body of POST /v1/articles.
type articleInput struct {
	Title       string      `json:"title"`
	URL         string      `json:"url"`
	Source      string      `json:"source"`
	PublishedAt *facts.Date `json:"published_at"`
	Body        string      `json:"body"`
}

// ingestResultJSON is the answer to POST /v1/articles.
type ingestResultJSON struct {
	ArticleID string           `json:"article_id"`
	Status    facts.SaveStatus `json:"status"`
	Counts    countsJSON       `json:"counts"`
}

type countsJSON struct {
	Entities   int `json:"entities"`
	Mentions   int `json:"mentions"`
	Statements int `json:"statements"`
	Exercises  int `json:"exercises"`
}

// handleArticleCreate ingests one article through ingest.One, the ingest job's own path. With
// no token configured it refuses every request, so that a server cannot be written to by
// accident; the token is compared in constant time so that its bytes cannot be timed out.
//
// At most opts.IngestConcurrency articles are read and extracted at once, since each holds its
// body and extraction in memory and keeps a core busy; the rest are told to retry (503 with
// Retry-After) before their bodies are read. The database timeout starts only when extraction
// is done, so that a slow upload or a long article is not reported as a database failure, and
// is opts.IngestTimeout, not the reads' timeout: a long article waits for the names another
// save holds. The response's write deadline moves accordingly.
func handleArticleCreate(logger *slog.Logger, store Store, opts Options) http.Handler {
	token, limit := opts.IngestToken, opts.BodyLimit
	slots := make(chan struct{}, opts.IngestConcurrency)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			writeError(logger, w, r, facts.Errorf(eForbidden, "ingest over HTTP is disabled; set NEWSFACTS_INGEST_TOKEN to enable it"))
			return
		}
		if !bearer(r.Header.Get("Authorization"), token) {
			writeError(logger, w, r, facts.Errorf(eUnauthorized, "a valid bearer token is required"))
			return
		}
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			w.Header().Set("Retry-After", "2")
			writeError(logger, w, r, facts.Errorf(facts.EUNAVAILABLE, "%d articles are being ingested already; retry later", cap(slots)))
			return
		}
		in, err := readArticle(w, r, limit)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		// Extraction takes about a second per MiB; the margin covers it and the answer.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(opts.IngestTimeout + 10*time.Second))
		res, err := ingest.One(r.Context(), timeoutSaver{opts.Saver, opts.IngestTimeout}, opts.Gazetteer, in, int(limit))
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		status := http.StatusOK
		if res.Status == facts.Created {
			status = http.StatusCreated
		}
		encode(w, r, status, ingestResultJSON{ArticleID: res.ArticleID, Status: res.Status, Counts: countsJSON(res.Counts)})
	})
}

// bearer reports whether an Authorization header value carries token under the Bearer scheme,
// whose name is case-insensitive (RFC 9110 §11.1). The token is compared in constant time.
func bearer(header, token string) bool {
	scheme, value, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimLeft(value, " ")), []byte(token)) == 1
}

// timeoutSaver bounds each save's time on the database by d.
type timeoutSaver struct {
	store ingest.Saver
	d     time.Duration
}

// SaveArticle implements ingest.Saver.
func (s timeoutSaver) SaveArticle(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error) {
	ctx, cancel := context.WithTimeout(ctx, s.d)
	defer cancel()
	return s.store.SaveArticle(ctx, a, x)
}

// readArticle reads a JSON or text/plain article of at most limit bytes.
func readArticle(w http.ResponseWriter, r *http.Request, limit int64) (ingest.Input, error) {
	var in ingest.Input
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mediaType = ""
	}
	q := parseQuery(r, "title", "url", "source", "published_at")
	if err := q.err(); err != nil {
		return in, err
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	switch mediaType {
	case "application/json":
		if len(q.values) > 0 {
			q.fail("query", "a JSON body carries the article's metadata; query parameters are for text/plain bodies")
			return in, q.err()
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return in, bodyError(err, limit)
		}
		// encoding/json would replace invalid UTF-8 with U+FFFD and store a text nobody sent;
		// refuse it as the text/plain and JSON-lines paths do.
		if !utf8.Valid(b) {
			at := 0
			for at < len(b) {
				r, size := utf8.DecodeRune(b[at:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				at += size
			}
			return in, facts.ParamErrorf("body", "the body is not valid UTF-8 (bad byte at offset %d)", at)
		}
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] != '{' {
			return in, facts.ParamErrorf("body", "the body must be a JSON object")
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var a articleInput
		if err := dec.Decode(&a); err != nil {
			return in, bodyError(err, limit)
		}
		if dec.More() {
			return in, facts.Errorf(facts.EINVALID, "the body must hold one JSON object")
		}
		in = ingest.Input{ArticleMeta: facts.ArticleMeta{Title: a.Title, URL: a.URL, Source: a.Source, PublishedAt: a.PublishedAt}, Body: a.Body}
	case "text/plain":
		in.Title, in.URL, in.Source, in.PublishedAt = q.str("title"), q.str("url"), q.str("source"), q.date("published_at")
		if err := q.err(); err != nil {
			return in, err
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return in, bodyError(err, limit)
		}
		in.Body = string(b)
	default:
		return in, facts.Errorf(eUnsupportedMedia, "Content-Type must be application/json or text/plain, got %q", r.Header.Get("Content-Type"))
	}
	if strings.TrimSpace(in.Body) == "" {
		return in, facts.ParamErrorf("body", "body must not be empty")
	}
	if in.Title == "" {
		in.Title = firstLine(in.Body)
	}
	return in, nil
}

// bodyError explains why a request body could not be read.
func bodyError(err error, limit int64) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return facts.Errorf(facts.ETOOLARGE, "the body is over the limit of %d bytes", limit)
	case errors.As(err, &syntax):
		return facts.Errorf(facts.EINVALID, "the body is not valid JSON: %v", err)
	case errors.As(err, &typ) && typ.Field == "":
		return facts.ParamErrorf("body", "the body must be a JSON object")
	case errors.As(err, &typ):
		return facts.ParamErrorf(typ.Field, "%s must be a JSON %s", typ.Field, typ.Type)
	case errors.Is(err, io.EOF):
		return facts.Errorf(facts.EINVALID, "the body is empty; send a JSON object")
	}
	// Unknown fields and bad dates arrive as plain errors whose text names the field.
	return facts.Errorf(facts.EINVALID, "the body is not a valid article: %v", err)
}

// maxTitle bounds a title taken from a body's first line, which may be a whole paragraph.
const maxTitle = 200

// firstLine returns the first non-blank line of body, cut to maxTitle code points, as the title
// of an article sent without one.
func firstLine(body string) string {
	for line := range strings.Lines(body) {
		if line = strings.TrimSpace(line); line != "" {
			if r := []rune(line); len(r) > maxTitle {
				return string(r[:maxTitle])
			}
			return line
		}
	}
	return ""
}
