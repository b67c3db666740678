package postgres

import (
	"math/rand/v2"
	"testing"

	"github.com/newsfacts/newsfacts/internal/facts"

	"github.com/stretchr/testify/require"
)

// TestAppendFoldASCII holds facts.AppendFoldASCII to this package's fold (NFKD, then facts.Fold) over every ASCII character in random
// names, and checks that it declines anything else.
func TestAppendFoldASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"", " ", ".", "'", "U.S.", "People's  Liberation-Army", "  Vostok-2022 ", "A\x00B", "a\x7fb", "O'Neil.", "x--y", "ZZ top"}
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(128))
		}
		names = append(names, string(b))
	}
	for _, s := range names {
		got, ok := facts.AppendFoldASCII([]byte("kept"), s)
		require.True(t, ok, "%q", s)
		require.Equal(t, "kept"+fold(s), string(got), "%q", s)
	}
	for _, s := range []string{"Côte d’Ivoire", "Kallas\u00a0", "é", "ａｂ", "x\xff"} {
		got, ok := facts.AppendFoldASCII([]byte("kept"), s)
		require.False(t, ok, "%q", s)
		require.Equal(t, "kept", string(got))
	}
}
