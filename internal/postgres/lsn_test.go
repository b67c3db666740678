package postgres

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLSN(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, s := range []string{"0/0", "0/3A1B2C8", "16/B374D848", "FFFFFFFF/FFFFFFFF"} {
			lsn, err := ParseLSN(s)
			require.NoError(t, err, s)
			assert.Equal(t, s, lsn.String())
		}
		a, _ := ParseLSN("1/0")
		b, _ := ParseLSN("0/FFFFFFFF")
		assert.Greater(t, a, b)
	})
	t.Run("Invalid", func(t *testing.T) {
		for _, s := range []string{"", "0", "/1", "1/", "x/1", "1/2/3", "100000000/0", "-1/0"} {
			_, err := ParseLSN(s)
			assert.Error(t, err, s)
		}
	})
}
