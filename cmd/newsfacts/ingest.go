package main

import "context"

// runIngest implements `newsfacts ingest`.
// TODO: placeholder until the ingest work lands.
func runIngest(ctx context.Context, env environment, args []string) error {
	return setupErrorf("ingest: not implemented yet")
}
