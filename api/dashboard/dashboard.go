// Package dashboard holds the browser dashboard that `newsfacts serve` serves at /: one HTML
// page, its script and its style sheet, written by hand (no build step, no npm), embedded in
// the binary. The page reads only the public API, from its own origin.
package dashboard

import "embed"

// FS holds static/index.html and the assets it loads.
//
//go:embed static
var FS embed.FS
