package main

import "context"

// runMigrate implements `newsfacts migrate`.
// TODO: placeholder until the migrate work lands.
func runMigrate(ctx context.Context, env environment, args []string) error {
	return setupErrorf("migrate: not implemented yet")
}
