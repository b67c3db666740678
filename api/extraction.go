package api

import "github.com/newsfacts/newsfacts/internal/facts"

// ExtractionJSON returns x in the wire shape GET /v1/articles/{id}/facts serves (unknown
// speakers, hosts and purposes as null), so that `newsfacts extract` prints what the API answers.
func ExtractionJSON(x facts.Extraction) any { return newFactsJSON(x) }
