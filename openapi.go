// Package newsfacts holds what belongs to the repository as a whole: the OpenAPI contract,
// embedded so that the server serves the very document its tests enforce.
package newsfacts

import _ "embed"

// OpenAPI is openapi.yaml, the contract of the HTTP API.
//
//go:embed openapi.yaml
var OpenAPI []byte
