package postgres_test

import (
	"context"
	"errors"
	"net"
	neturl "net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestListen(t *testing.T) {
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(ctx, url))
	pool, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	store := postgres.New(pool)

	l, err := postgres.Listen(ctx, url)
	require.NoError(t, err)
	t.Cleanup(l.Close)
	// waitBriefly reports whether a notification arrived within a short time.
	waitBriefly := func() bool {
		wctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		defer cancel()
		err := l.Wait(wctx)
		if errors.Is(err, context.DeadlineExceeded) {
			return false
		}
		require.NoError(t, err)
		return true
	}

	a, x := fixtureA(t)
	failing := postgres.New(pool)
	// "write" fails after every row is written, the article's among them: the trigger has fired.
	failing.SetFailAt(func(step string) error {
		if step == "write" {
			return errors.New("injected at " + step)
		}
		return nil
	})
	_, err = failing.SaveArticle(ctx, a, x)
	require.Error(t, err)
	assert.False(t, waitBriefly(), "a rolled-back save notifies nobody")

	mustSave(t, store, a, x)
	assert.True(t, waitBriefly(), "a committed save notifies listeners")

	mustSave(t, store, a, x)
	assert.False(t, waitBriefly(), "an unchanged save writes nothing and notifies nobody")
}

// freezer forwards one TCP connection to target until frozen, then holds it open without
// forwarding a byte, as a stopped backend or a proxy that dropped the connection would.
type freezer struct {
	ln     net.Listener
	frozen atomic.Bool
}

func mustFreezer(t *testing.T, target string) *freezer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	f := &freezer{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			t.Cleanup(func() { in.Close(); out.Close() })
			go f.copy(out, in)
			go f.copy(in, out)
		}
	}()
	return f
}

func (f *freezer) copy(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if err != nil {
			return
		}
		if f.frozen.Load() {
			continue // swallowed
		}
		if _, err := dst.Write(buf[:n]); err != nil {
			return
		}
	}
}

func TestListenHeartbeat(t *testing.T) {
	u, err := neturl.Parse(pgtest.URL(t))
	require.NoError(t, err)
	f := mustFreezer(t, u.Host)
	u.Host = f.ln.Addr().String()
	l, err := postgres.Listen(ctx, u.String())
	require.NoError(t, err)
	t.Cleanup(l.Close)
	l.Interval, l.Timeout = 100*time.Millisecond, 200*time.Millisecond

	wctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, l.Wait(wctx), context.DeadlineExceeded, "a live connection passes its heartbeats until ctx ends")

	f.frozen.Store(true)
	start := time.Now()
	err = l.Wait(ctx)
	assert.ErrorContains(t, err, "no heartbeat", "a frozen connection fails its heartbeat")
	assert.Less(t, time.Since(start), 2*time.Second)
}
