// Package ingest turns raw articles into stored facts: normalize, extract, save. The ingest
// job (`newsfacts ingest`, through Run's prepare and save stages) and POST /v1/articles
// (through One) both prepare with Prepare and save with Saver.SaveArticle, so they cannot
// drift.
package ingest

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// Saver stores an article and its facts in one transaction. When ctx is cancelled before the
// transaction commits, it rolls back; once its COMMIT is sent, SaveArticle lets it finish, so
// that a nil error always means the article is stored and an error means it is not.
type Saver interface {
	SaveArticle(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error)
}

// Input is one article as it arrives.
type Input struct {
	facts.ArticleMeta
	Body string
}

// Prepare normalizes and extracts one article without touching the database. maxBytes limits
// the body (0 means extract.DefaultMaxBytes). Bad input is an EINVALID or ETOOLARGE *facts.Error.
// An article without a title takes its first line, which in wire copy is the headline or the
// lede, so that no stored article is listed untitled.
func Prepare(in Input, g *gazetteer.Gazetteer, maxBytes int) (facts.Article, facts.Extraction, error) {
	if err := checkMeta(in.ArticleMeta); err != nil {
		return facts.Article{}, facts.Extraction{}, err
	}
	body, err := extract.Normalize(in.Body, maxBytes)
	if err != nil {
		return facts.Article{}, facts.Extraction{}, err
	}
	if strings.TrimSpace(in.Title) == "" {
		in.Title = Headline(body)
	}
	x, err := extract.Facts(body, in.ArticleMeta, g)
	if err != nil {
		return facts.Article{}, facts.Extraction{}, err
	}
	// Facts hashed the normalized body already; body is normalized, so it is the same text.
	digest := x.Article.SHA256
	a := facts.Article{
		ID:               facts.ArticleID(in.URL, digest),
		ArticleMeta:      in.ArticleMeta,
		SHA256:           digest,
		Body:             body,
		ExtractorVersion: facts.ExtractorVersion,
	}
	return a, x, nil
}

// Limits on an article's metadata. A url is indexed, and PostgreSQL cannot index a value much
// over 2.7 kB; the others keep lists and logs readable.
const (
	MaxURLLen    = 2048
	MaxTitleLen  = 1000
	MaxSourceLen = 200
)

// checkMeta refuses metadata the database could not store or index: NUL bytes, invalid UTF-8,
// values over their limits, and dates outside years 1..9999.
func checkMeta(m facts.ArticleMeta) error {
	for _, f := range []struct {
		name, value string
		max         int
	}{{"title", m.Title, MaxTitleLen}, {"url", m.URL, MaxURLLen}, {"source", m.Source, MaxSourceLen}} {
		switch {
		case !utf8.ValidString(f.value):
			return facts.ParamErrorf(f.name, "%s must be valid UTF-8", f.name)
		case strings.IndexByte(f.value, 0) >= 0:
			return facts.ParamErrorf(f.name, "%s must not contain NUL", f.name)
		case len(f.value) > f.max:
			return facts.ParamErrorf(f.name, "%s must be at most %d bytes, got %d", f.name, f.max, len(f.value))
		}
	}
	if d := m.PublishedAt; d != nil && (d.Year < 1 || d.Year > 9999) {
		return facts.ParamErrorf("published_at", "published_at must be in years 1..9999, got %s", d)
	}
	return nil
}

// One prepares an article and saves it.
func One(ctx context.Context, s Saver, g *gazetteer.Gazetteer, in Input, maxBytes int) (facts.SaveResult, error) {
	a, x, err := Prepare(in, g, maxBytes)
	if err != nil {
		return facts.SaveResult{}, err
	}
	return s.SaveArticle(ctx, a, x)
}

// headlineMax bounds a title taken from the body, in code points.
const headlineMax = 200

// Headline returns the first non-blank line of body, without Markdown heading marks, cut at a
// word boundary to at most headlineMax code points.
func Headline(body string) string {
	line := ""
	for l := range strings.Lines(body) {
		if line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "#")); line != "" {
			break
		}
	}
	if utf8.RuneCountInString(line) <= headlineMax {
		return line
	}
	cut, runes := 0, 0
	for i, r := range line {
		if runes == headlineMax {
			if cut == 0 {
				cut = i
			}
			break
		}
		if r == ' ' {
			cut = i
		}
		runes++
	}
	return strings.TrimSpace(line[:cut]) + "…"
}
