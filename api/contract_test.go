package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts"
)

var spec struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// mustSpec loads and validates openapi.yaml once for the whole package.
func mustSpec(tb testing.TB) (*openapi3.T, routers.Router) {
	tb.Helper()
	spec.once.Do(func() {
		loader := openapi3.NewLoader()
		spec.doc, spec.err = loader.LoadFromData(newsfacts.OpenAPI)
		if spec.err != nil {
			return
		}
		// Validate also checks every example against its schema.
		if spec.err = spec.doc.Validate(context.Background()); spec.err != nil {
			return
		}
		// The spec leaves answers open to new fields, so that clients built from it survive
		// additions; the tests hold this server to exactly the fields it lists.
		for _, s := range spec.doc.Components.Schemas {
			closeSchema(s.Value, map[*openapi3.Schema]bool{})
		}
		spec.router, spec.err = legacy.NewRouter(spec.doc)
	})
	require.NoError(tb, spec.err, "openapi.yaml")
	return spec.doc, spec.router
}

// closeSchema forbids properties s does not list, in s and every object schema inside it.
func closeSchema(s *openapi3.Schema, seen map[*openapi3.Schema]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	if s.Type.Is(openapi3.TypeObject) && s.AdditionalProperties.Schema == nil {
		no := false
		s.AdditionalProperties.Has = &no
	}
	for _, p := range s.Properties {
		closeSchema(p.Value, seen)
	}
	if s.Items != nil {
		closeSchema(s.Items.Value, seen)
	}
	for _, all := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range all {
			closeSchema(r.Value, seen)
		}
	}
}

// validating wraps an API handler so that every answer it gives in a test is checked against
// openapi.yaml: status, headers, content type and body. A mismatch fails the test.
type validating struct {
	h http.Handler
}

// do sends req through the handler, validates the answer and returns it.
func (v validating) do(tb testing.TB, req *http.Request) *http.Response {
	tb.Helper()
	doc, router := mustSpec(tb)
	rec := httptest.NewRecorder()
	v.h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(tb, err)
	res.Body = io.NopCloser(bytes.NewReader(body))

	what := req.Method + " " + req.URL.String()
	assert.Equal(tb, "nosniff", res.Header.Get("X-Content-Type-Options"), what)
	assert.NotEmpty(tb, res.Header.Get("X-Request-Id"), what)
	if res.StatusCode >= 400 {
		assert.Equal(tb, "application/problem+json", res.Header.Get("Content-Type"), what)
		assert.Equal(tb, "no-store", res.Header.Get("Cache-Control"), what)
		assert.Empty(tb, res.Header.Get("ETag"), what)
	}
	if enc := res.Header.Get("Content-Encoding"); enc != "" {
		require.Equal(tb, "gzip", enc, what)
		zr, err := gzip.NewReader(bytes.NewReader(body))
		require.NoError(tb, err, what)
		body, err = io.ReadAll(zr)
		require.NoError(tb, err, what)
		res.Header.Del("Content-Encoding") // the caller gets, and the spec describes, the plain body
		res.Body = io.NopCloser(bytes.NewReader(body))
	}

	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		// No operation in the spec: only the router's own 404 and 405 may answer, as problems.
		require.Containsf(tb, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, res.StatusCode, "%s is not in openapi.yaml and answered %d", what, res.StatusCode)
		var problem any
		require.NoError(tb, json.Unmarshal(body, &problem), what)
		require.NoError(tb, doc.Components.Schemas["Problem"].Value.VisitJSON(problem), "%s: problem body %s", what, body)
		return res
	}
	if res.StatusCode == http.StatusNotModified {
		assert.Empty(tb, body, what)
		assert.NotEmpty(tb, res.Header.Get("ETag"), what)
		_, documented := route.Operation.Responses.Map()["304"]
		assert.True(tb, documented, "%s answered 304, which openapi.yaml does not document", what)
		return res
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route},
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	require.NoError(tb, openapi3filter.ValidateResponse(context.Background(), input), "%s answered %d %s", what, res.StatusCode, body)
	return res
}

// get is do for a GET with optional header name/value pairs.
func (v validating) get(tb testing.TB, target string, header ...string) (*http.Response, []byte) {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res := v.do(tb, req)
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func TestSpecMatchesRoutes(t *testing.T) {
	doc, _ := mustSpec(t)
	var inSpec []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			inSpec = append(inSpec, method+" "+path)
		}
	}
	var inChi []string
	h := mustServer(t, mustStore(t), testOptions())
	err := chi.Walk(h.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if route != "/" {
			route = strings.TrimSuffix(route, "/")
		}
		inChi = append(inChi, method+" "+route)
		return nil
	})
	require.NoError(t, err)
	slices.Sort(inSpec)
	slices.Sort(inChi)
	for _, r := range inChi {
		assert.Contains(t, inSpec, r, "chi route missing from openapi.yaml")
	}
	for _, r := range inSpec {
		assert.Contains(t, inChi, r, "openapi.yaml path with no chi route")
	}
	assert.Len(t, inChi, 24)
}

func TestSpecIsOpenAPI303(t *testing.T) {
	doc, _ := mustSpec(t)
	assert.Equal(t, "3.0.3", doc.OpenAPI)
}

// TestSpecArraysBounded checks that every array in openapi.yaml states its maxItems: no
// response may carry an array that grows with the corpus (issue 12).
func TestSpecArraysBounded(t *testing.T) {
	doc, _ := mustSpec(t)
	seen := map[*openapi3.Schema]bool{}
	var visit func(path string, ref *openapi3.SchemaRef)
	visit = func(path string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Type.Is(openapi3.TypeArray) {
			assert.NotNil(t, s.MaxItems, "%s: an array without maxItems", path)
			visit(path+"[]", s.Items)
		}
		for name, p := range s.Properties {
			visit(path+"."+name, p)
		}
		for _, sub := range append(append(s.AllOf, s.AnyOf...), s.OneOf...) {
			visit(path, sub)
		}
	}
	for name, ref := range doc.Components.Schemas {
		visit(name, ref)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for status, res := range op.Responses.Map() {
				if res.Value == nil {
					continue
				}
				for ct, mt := range res.Value.Content {
					visit(method+" "+path+" "+status+" "+ct, mt.Schema)
				}
			}
		}
	}
	assert.NotEmpty(t, seen)
}
