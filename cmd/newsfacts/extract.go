package main

import "context"

// runExtract implements `newsfacts extract`.
// TODO: placeholder until the extract work lands.
func runExtract(ctx context.Context, env environment, args []string) error {
	return setupErrorf("extract: not implemented yet")
}
