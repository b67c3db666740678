package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCmd runs the program with args and no environment, returning the exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"newsfacts"}, args...), func(string) string { return "" },
		bytes.NewReader(nil), &out, &errOut)
	return exitCode(err, &errOut), out.String(), errOut.String()
}

func TestRun(t *testing.T) {
	t.Run("NoCommand", func(t *testing.T) {
		code, _, stderr := runCmd(t)
		assert.Equal(t, exitSetup, code)
		assert.Contains(t, stderr, "Usage:")
		assert.Contains(t, stderr, "a command is required")
	})
	t.Run("UnknownCommand", func(t *testing.T) {
		code, _, stderr := runCmd(t, "frobnicate")
		assert.Equal(t, exitSetup, code)
		assert.Contains(t, stderr, `unknown command "frobnicate"`)
		assert.Contains(t, stderr, "Usage:")
	})
	t.Run("Help", func(t *testing.T) {
		code, stdout, _ := runCmd(t, "-h")
		assert.Equal(t, 0, code)
		for _, sub := range []string{"serve", "ingest", "extract", "migrate", "merge", "healthcheck"} {
			assert.Contains(t, stdout, "newsfacts "+sub)
		}
	})
}

func TestHealthcheck(t *testing.T) {
	ready := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()

	t.Run("OK", func(t *testing.T) {
		code, _, stderr := runCmd(t, "healthcheck", "--url", srv.URL)
		assert.Equal(t, 0, code, stderr)
	})
	t.Run("NotReady", func(t *testing.T) {
		ready = false
		defer func() { ready = true }()
		code, _, stderr := runCmd(t, "healthcheck", "--url", srv.URL)
		assert.Equal(t, exitFailure, code)
		assert.Contains(t, stderr, "503")
	})
	t.Run("Unreachable", func(t *testing.T) {
		code, _, stderr := runCmd(t, "healthcheck", "--url", "http://127.0.0.1:1/readyz")
		assert.Equal(t, exitFailure, code)
		assert.Contains(t, stderr, "healthcheck:")
	})
	t.Run("BadFlag", func(t *testing.T) {
		code, _, _ := runCmd(t, "healthcheck", "--nope")
		assert.Equal(t, exitSetup, code)
	})
	t.Run("HelpFlag", func(t *testing.T) {
		code, _, stderr := runCmd(t, "healthcheck", "-h")
		assert.Equal(t, 0, code)
		assert.Contains(t, stderr, "-url")
	})
}

func TestSignalContext(t *testing.T) {
	ctx := signalContext()
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	assert.Equal(t, 143, interruptedStatus(ctx), "128 + SIGTERM")

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Equal(t, exitInterrupted, interruptedStatus(cancelled), "no signal known: as for Ctrl-C")
}
