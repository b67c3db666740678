package postgres_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// TestDecodeTextArray sends random lists of awkward strings to PostgreSQL as text[] and
// decodes what comes back undecoded, in the binary format (a described statement) and in the
// text format (the simple protocol), against the list sent.
func TestDecodeTextArray(t *testing.T) {
	tx := pgtest.Tx(t)
	ctx := t.Context()
	odd := []string{"", " ", "a b", ",", "{", "}", "{}", `"`, `\`, `\"`, "NULL", "null", "Null", "x,y", " lead", "trail ",
		"tab\there", "new\nline", "Côte d’Ivoire", "日本", "🚀", "'", "a\"b\\c", "[1:2]={x}"}
	rng := rand.New(rand.NewPCG(3, 4))
	lists := [][]string{{}, {"a"}, odd}
	for range 300 {
		list := make([]string, rng.IntN(6))
		for i := range list {
			var b strings.Builder
			for range rng.IntN(4) {
				if rng.IntN(3) == 0 {
					b.WriteString(odd[rng.IntN(len(odd))])
				} else {
					b.WriteRune(rune(1 + rng.IntN(0x2FF)))
				}
			}
			list[i] = b.String()
		}
		lists = append(lists, list)
	}
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeSimpleProtocol} {
		for _, list := range lists {
			var raw pgtype.UndecodedBytes
			require.NoError(t, tx.QueryRow(ctx, `SELECT $1::text[]`, mode, list).Scan(&raw))
			got, err := postgres.DecodeTextArray(raw)
			require.NoError(t, err, "%v %q", mode, list)
			require.Equal(t, list, got, "%v: %q", mode, raw)
		}
		for _, bad := range []string{`SELECT ARRAY['a', NULL]`, `SELECT ARRAY[['a'], ['b']]`} {
			var raw pgtype.UndecodedBytes
			require.NoError(t, tx.QueryRow(ctx, bad, mode).Scan(&raw))
			_, err := postgres.DecodeTextArray(raw)
			require.Error(t, err, "%v: %s", mode, bad)
		}
		var raw pgtype.UndecodedBytes
		require.NoError(t, tx.QueryRow(ctx, `SELECT NULL::text[]`, mode).Scan(&raw))
		got, err := postgres.DecodeTextArray(raw)
		require.NoError(t, err)
		require.Nil(t, got)
	}
}
