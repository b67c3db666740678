package postgres

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestDecodeCursor(t *testing.T) {
	enc := func(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }
	for raw, ok := range map[string]bool{
		`["2022-08-17","a"]`: true, `["-infinity","a"]`: true, `["infinity","a"]`: true,
		`["2022-8-17","a"]`: false, `["0000-01-01","a"]`: false, `["x","a"]`: false, `[null,"a"]`: false,
		`[1,"a"]`: false, `["2022-08-17","a\u0000"]`: false, `["2022-08-17"]`: false, `{}`: false,
	} {
		_, err := decodeCursorOf(enc(raw), curDate, curText)
		if ok {
			assert.NoError(t, err, raw)
		} else {
			assert.Equal(t, facts.EINVALID, facts.ErrorCode(err), raw)
		}
	}
	_, err := decodeCursorOf(enc(`["-2147483648","a","b"]`), curInt, curText, curText)
	assert.NoError(t, err)
	_, err = decodeCursorOf(enc(`["2147483648","a","b"]`), curInt, curText, curText)
	assert.Error(t, err, "past int32")
	t.Run("TextOnly", func(t *testing.T) {
		v, err := decodeCursor(enc(`["report","2022-08-17","x"]`), 3)
		assert.NoError(t, err)
		assert.Equal(t, []string{"report", "2022-08-17", "x"}, v)
		_, err = decodeCursor(enc(`["report","a\u0000","x"]`), 3)
		assert.Error(t, err, "NUL never reaches SQL")
	})
}
