package main

import "context"

// runServe implements `newsfacts serve`.
// TODO: placeholder until the serve work lands.
func runServe(ctx context.Context, env environment, args []string) error {
	return setupErrorf("serve: not implemented yet")
}
