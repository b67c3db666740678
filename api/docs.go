package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/newsfacts/newsfacts"
)

// handleSpec serves the embedded openapi.yaml, the very document the tests enforce.
func handleSpec() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, r, http.StatusOK, "application/yaml", newsfacts.OpenAPI)
	})
}

// docsCSP lets the docs page use only its own inline styles: it loads nothing from anywhere.
const docsCSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

// handleDocs serves the API reference page, rendered once by renderDocs.
func handleDocs(page []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", docsCSP)
		writeBody(w, r, http.StatusOK, "text/html; charset=utf-8", page)
	})
}

// docOperation is one method on one path, as the docs page shows it.
type docOperation struct {
	Method string
	Path   string
	Anchor string
	Op     *openapi3.Operation
}

// docSchema is one named schema, as the docs page shows it.
type docSchema struct {
	Name   string
	Schema *openapi3.Schema
}

// docsPage is the reference page, rendered once per process: the spec it comes from is
// embedded, so every server would render the same bytes.
var docsPage = sync.OnceValues(renderDocs)

// renderDocs renders the reference page from the embedded spec, so that requests for /docs
// cost a copy of bytes.
func renderDocs() ([]byte, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(newsfacts.OpenAPI)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	paths, err := specPathOrder(newsfacts.OpenAPI)
	if err != nil {
		return nil, err
	}
	var ops []docOperation
	for _, p := range paths {
		item := doc.Paths.Value(p)
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if op := item.GetOperation(m); op != nil {
				ops = append(ops, docOperation{Method: m, Path: p, Anchor: op.OperationID, Op: op})
			}
		}
	}
	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	schemas := make([]docSchema, len(names))
	for i, name := range names {
		schemas[i] = docSchema{Name: name, Schema: doc.Components.Schemas[name].Value}
	}
	var buf bytes.Buffer
	err = docsTemplate.Execute(&buf, map[string]any{"Doc": doc, "Ops": ops, "Schemas": schemas})
	return buf.Bytes(), err
}

// specPathOrder returns the spec's paths in the order the file lists them, which the parsed
// document forgets.
func specPathOrder(spec []byte) ([]string, error) {
	var root struct {
		Paths yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(spec, &root); err != nil {
		return nil, err
	}
	var paths []string
	for i := 0; i+1 < len(root.Paths.Content); i += 2 {
		paths = append(paths, root.Paths.Content[i].Value)
	}
	return paths, nil
}

// schemaType describes a schema in a few words, linking named schemas.
func schemaType(ref *openapi3.SchemaRef) template.HTML {
	if ref == nil || ref.Value == nil {
		return "any"
	}
	if ref.Ref != "" {
		name := ref.Ref[strings.LastIndex(ref.Ref, "/")+1:]
		return template.HTML(fmt.Sprintf(`<a href="#schema-%s">%s</a>`, template.HTMLEscapeString(name), template.HTMLEscapeString(name)))
	}
	s := ref.Value
	var t string
	switch {
	case s.Type.Is(openapi3.TypeArray):
		return "array of " + schemaType(s.Items)
	case s.Type != nil && len(s.Type.Slice()) > 0:
		t = strings.Join(s.Type.Slice(), " | ")
	default:
		t = "any"
	}
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			vals[i] = fmt.Sprint(v)
		}
		t += ": " + strings.Join(vals, ", ")
	}
	if s.Min != nil || s.Max != nil {
		t += fmt.Sprintf(", %s..%s", bound(s.Min), bound(s.Max))
	}
	if s.Default != nil {
		t += fmt.Sprintf(", default %v", s.Default)
	}
	if s.Nullable {
		t += ", nullable"
	}
	return template.HTML(template.HTMLEscapeString(t))
}

// bound prints a schema limit, empty when there is none.
func bound(v *float64) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(*v)
}

// markup matches the two bits of Markdown the spec's descriptions use.
var markup = regexp.MustCompile("`([^`]+)`|\\*\\*([^*]+)\\*\\*")

// inline renders a description's `code` and **bold** spans as HTML, escaping everything else.
func inline(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range markup.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		if m[2] >= 0 {
			b.WriteString("<code>" + template.HTMLEscapeString(s[m[2]:m[3]]) + "</code>")
		} else {
			b.WriteString("<strong>" + template.HTMLEscapeString(s[m[4]:m[5]]) + "</strong>")
		}
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// pretty renders an example as indented JSON, or as itself when it is a plain string.
func pretty(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// sortedKeys returns m's keys in order, so the page is the same on every start.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// paragraphs splits a description into paragraphs for display.
func paragraphs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.TrimSpace(s), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var docsTemplate = template.Must(template.New("docs").Funcs(template.FuncMap{
	"schemaType": schemaType,
	"pretty":     pretty,
	"paragraphs": paragraphs,
	"inline":     inline,
	"lower":      strings.ToLower,
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
	"responseKeys": func(r *openapi3.Responses) []string {
		return sortedKeys(r.Map())
	},
	"contentKeys": func(c openapi3.Content) []string { return sortedKeys(c) },
	"propKeys":    func(s openapi3.Schemas) []string { return sortedKeys(s) },
	"headerKeys":  func(h openapi3.Headers) []string { return sortedKeys(h) },
	"required": func(s *openapi3.Schema, name string) bool {
		return slices.Contains(s.Required, name)
	},
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Doc.Info.Title}} {{.Doc.Info.Version}}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;display:flex}
nav{width:19rem;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f5f5f7;padding:1rem;box-sizing:border-box;font-size:13px}
nav a{display:block;color:#1d1d1f;text-decoration:none;padding:1px 0}
main{padding:1rem 2rem;max-width:60rem;min-width:0}
code,pre{font:13px/1.4 ui-monospace,monospace}
pre{background:#f5f5f7;padding:.6rem;overflow:auto;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border-bottom:1px solid #ddd;text-align:left;padding:3px 6px;vertical-align:top}
.m{display:inline-block;min-width:3.5rem;font-weight:bold;font-family:ui-monospace,monospace}
.get{color:#0a7d32}.post{color:#b25d00}
section{border-top:1px solid #ccc;padding-top:.5rem;margin-top:1.5rem}
</style>
</head>
<body>
<nav>
<strong>{{.Doc.Info.Title}} {{.Doc.Info.Version}}</strong>
{{range .Ops}}<a href="#{{.Anchor}}"><span class="m {{lower .Method}}">{{.Method}}</span>{{.Path}}</a>
{{end}}<strong>Schemas</strong>
{{range .Schemas}}<a href="#schema-{{.Name}}">{{.Name}}</a>
{{end}}</nav>
<main>
<h1>{{.Doc.Info.Title}} <small>{{.Doc.Info.Version}}</small></h1>
{{range paragraphs .Doc.Info.Description}}<p>{{inline .}}</p>
{{end}}
<p>The machine-readable contract: <a href="/openapi.yaml">openapi.yaml</a> (OpenAPI {{.Doc.OpenAPI}}).</p>
{{range .Ops}}{{$op := .Op}}
<section id="{{.Anchor}}">
<h2><span class="m {{lower .Method}}">{{.Method}}</span> <code>{{.Path}}</code></h2>
<p><strong>{{$op.Summary}}</strong></p>
{{range paragraphs $op.Description}}<p>{{inline .}}</p>
{{end}}
{{if $op.Security}}<p>Requires <code>Authorization: Bearer &lt;token&gt;</code>.</p>{{end}}
{{if $op.Parameters}}<h3>Parameters</h3>
<table><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr>
{{range $op.Parameters}}{{with .Value}}<tr><td><code>{{.Name}}</code>{{if .Required}} (required){{end}}</td><td>{{.In}}</td><td>{{schemaType .Schema}}</td><td>{{inline .Description}}{{if .Example}} Example: <code>{{pretty .Example}}</code>{{end}}</td></tr>
{{end}}{{end}}</table>{{end}}
{{with $op.RequestBody}}{{with .Value}}<h3>Request body</h3>
{{range paragraphs .Description}}<p>{{inline .}}</p>{{end}}
{{$c := .Content}}{{range contentKeys $c}}{{$mt := index $c .}}<p><code>{{.}}</code>: {{schemaType $mt.Schema}}</p>
{{if $mt.Example}}<pre>{{pretty $mt.Example}}</pre>{{end}}
{{end}}{{end}}{{end}}
<h3>Responses</h3>
{{$rs := $op.Responses}}{{range responseKeys $rs}}{{$r := ($rs.Value .).Value}}
<h4><code>{{.}}</code> {{inline (deref $r.Description)}}</h4>
{{if $r.Headers}}<table><tr><th>Header</th><th>Description</th></tr>
{{range headerKeys $r.Headers}}<tr><td><code>{{.}}</code></td><td>{{inline (index $r.Headers .).Value.Description}}</td></tr>
{{end}}</table>{{end}}
{{range contentKeys $r.Content}}{{$mt := index $r.Content .}}<p><code>{{.}}</code>{{if $mt.Schema}}: {{schemaType $mt.Schema}}{{end}}</p>
{{if $mt.Example}}<pre>{{pretty $mt.Example}}</pre>{{end}}
{{end}}{{end}}
</section>
{{end}}
<h2>Schemas</h2>
{{range .Schemas}}{{$s := .Schema}}
<section id="schema-{{.Name}}">
<h3>{{.Name}}</h3>
{{range paragraphs $s.Description}}<p>{{inline .}}</p>{{end}}
{{if $s.Properties}}<table><tr><th>Field</th><th>Type</th><th>Description</th></tr>
{{range propKeys $s.Properties}}{{$p := index $s.Properties .}}<tr><td><code>{{.}}</code>{{if required $s .}} (required){{end}}</td><td>{{schemaType $p}}</td><td>{{inline $p.Value.Description}}</td></tr>
{{end}}</table>{{else}}<p>{{schemaType (index $.Doc.Components.Schemas .Name)}}</p>{{end}}
</section>
{{end}}
</main>
</body>
</html>
`))
