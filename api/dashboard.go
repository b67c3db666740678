package api

import (
	"io/fs"
	"log/slog"
	"net/http"
	"path"

	"github.com/go-chi/chi/v5"

	"github.com/newsfacts/newsfacts/api/dashboard"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// dashboardCSP lets the dashboard load scripts, styles and images from its own origin only, and
// talk to its own origin only: it never loads anything from elsewhere.
const dashboardCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// assetTypes are the content types of the files the dashboard is made of.
var assetTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
}

// handleDashboard serves the dashboard page at /. The view lives in the URL's fragment, so one
// page serves every view.
func handleDashboard() http.Handler {
	page, err := fs.ReadFile(dashboard.FS, "static/index.html")
	if err != nil {
		panic("dashboard: " + err.Error()) // embedded at build time; missing is a bug
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", dashboardCSP)
		w.Header().Set("Cache-Control", "no-cache")
		writeBody(w, r, http.StatusOK, assetTypes[".html"], page)
	})
}

// handleDashboardAsset serves the dashboard's scripts, styles and images. They are revalidated
// by ETag on every load (no-cache), so a new binary's assets are never mixed with old ones.
func handleDashboardAsset(logger *slog.Logger) http.Handler {
	sub, err := fs.Sub(dashboard.FS, "static")
	if err != nil {
		panic("dashboard: " + err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := chi.URLParam(r, "name")
		ctype, ok := assetTypes[path.Ext(name)]
		var body []byte
		if ok && name != "index.html" && fs.ValidPath(name) {
			var err error
			body, err = fs.ReadFile(sub, name)
			ok = err == nil
		}
		if !ok {
			writeError(logger, w, r, facts.Errorf(facts.ENOTFOUND, "no dashboard asset %q", name))
			return
		}
		w.Header().Set("Content-Security-Policy", dashboardCSP)
		w.Header().Set("Cache-Control", "no-cache")
		writeBody(w, r, http.StatusOK, ctype, body)
	})
}
