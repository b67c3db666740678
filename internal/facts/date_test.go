package facts

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDateMarshalJSON: the digit-by-digit form is the string form, quoted, for every day of
// years near both ends of the range and a few out of it.
func TestDateMarshalJSON(t *testing.T) {
	for _, y := range []int{0, 1, 9, 10, 99, 100, 999, 1000, 1999, 2024, 9999, 10000, -1} {
		for m := time.January; m <= time.December; m++ {
			for day := 1; day <= 31; day++ {
				d := Date{y, m, day}
				want, err := json.Marshal(d.String())
				require.NoError(t, err)
				got, err := json.Marshal(d)
				require.NoError(t, err)
				assert.Equal(t, string(want), string(got))
			}
		}
	}
}
