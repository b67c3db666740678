// Package migrations holds the database schema as numbered golang-migrate SQL files, embedded so
// that the binary migrates without the source tree.
package migrations

import (
	"embed"
	"io/fs"
	"strconv"
	"strings"
)

// FS holds every migration, NNNNNN_name.up.sql and .down.sql.
//
//go:embed *.sql
var FS embed.FS

// Latest returns the highest migration version in FS: the schema version this binary needs.
func Latest() uint {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		panic("migrations: cannot read embedded files: " + err.Error()) // embed guarantees the directory
	}
	var latest uint
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			continue
		}
		if v, err := strconv.ParseUint(prefix, 10, 32); err == nil && uint(v) > latest {
			latest = uint(v)
		}
	}
	return latest
}
