package api_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
)

// TestGoErrorsAreProblems: the answers net/http writes before any handler runs are problem
// documents too.
func TestGoErrorsAreProblems(t *testing.T) {
	srv := httptest.NewUnstartedServer(mustServer(t, mustStore(t), testOptions()))
	srv.Listener = api.ProblemListener(srv.Listener)
	srv.Config.MaxHeaderBytes = 1 << 10
	srv.Start()
	t.Cleanup(srv.Close)
	for name, tc := range map[string]struct {
		request string
		status  int
	}{
		"BadEscape":      {"GET /v1/entities/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		"BadRequestLine": {"GET\r\n\r\n", 400},
		"NoHost":         {"GET /v1/entities HTTP/1.1\r\n\r\n", 400},
		"HeaderTooLarge": {"GET /v1/entities HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 8<<10) + "\r\n\r\n", 431},
		"UnknownCoding":  {"POST /v1/articles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: rot13\r\n\r\n", 501},
	} {
		t.Run(name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			_, err = io.WriteString(conn, tc.request)
			require.NoError(t, err)
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
			var p map[string]any
			require.NoError(t, json.Unmarshal(body, &p), "%s", body)
			assert.EqualValues(t, tc.status, p["status"])
		})
	}
	t.Run("HandlerAnswersUntouched", func(t *testing.T) {
		res, err := http.Get(srv.URL + "/healthz")
		require.NoError(t, err)
		defer res.Body.Close()
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	})
}
