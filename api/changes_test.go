package api_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/changefeed"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// sseEvent is one event read from a stream.
type sseEvent struct{ id, event, data string }

// openStream connects to srv's change stream and returns its events and comments as they come.
func openStream(tb testing.TB, srv *httptest.Server, lastID string) (events <-chan sseEvent, comments <-chan string) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/changes", nil)
	require.NoError(tb, err)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := srv.Client().Do(req)
	require.NoError(tb, err)
	require.Equal(tb, 200, res.StatusCode)
	require.Equal(tb, "text/event-stream", res.Header.Get("Content-Type"))
	ev, cm := make(chan sseEvent, 16), make(chan string, 16)
	go func() {
		defer res.Body.Close()
		defer close(ev)
		sc := bufio.NewScanner(res.Body)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.event != "" {
					ev <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, ":"):
				cm <- strings.TrimSpace(line[1:])
			case strings.HasPrefix(line, "id: "):
				e.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				e.event = line[7:]
			case strings.HasPrefix(line, "data: "):
				e.data = line[6:]
			}
		}
	}()
	// The stream is open once its first comment arrives.
	select {
	case c := <-cm:
		require.Equal(tb, "connected", c)
	case <-time.After(5 * time.Second):
		tb.Fatal("the stream sent nothing")
	}
	return ev, cm
}

func nextEvent(tb testing.TB, events <-chan sseEvent) sseEvent {
	tb.Helper()
	select {
	case e := <-events:
		return e
	case <-time.After(5 * time.Second):
		tb.Fatal("no event within 5s")
		return sseEvent{}
	}
}

func TestChanges(t *testing.T) {
	store := mustStore(t)
	feed := changefeed.New(3, 50)
	opts := testOptions()
	opts.Changes = feed
	opts.KeepAlive = 50 * time.Millisecond
	srv := httptest.NewServer(mustServer(t, store, opts))
	t.Cleanup(srv.Close)
	change := func(id string) facts.Change {
		return facts.Change{ArticleID: id, Title: "Title " + id, PublishedAt: date("2022-08-17"), EntityCount: 3, StatementCount: 2, ExerciseCount: 1}
	}

	t.Run("OK", func(t *testing.T) {
		events, comments := openStream(t, srv, "")
		feed.Publish(change("00000000000000a1"))
		e := nextEvent(t, events)
		assert.Equal(t, "article", e.event)
		assert.JSONEq(t, `{"id":"00000000000000a1","title":"Title 00000000000000a1","published_at":"2022-08-17",
			"entity_count":3,"statement_count":2,"exercise_count":1}`, e.data)
		select {
		case c := <-comments:
			assert.Equal(t, "keep-alive", c)
		case <-time.After(5 * time.Second):
			t.Fatal("no keep-alive comment")
		}
	})
	t.Run("Resume", func(t *testing.T) {
		first := feed.Publish(change("00000000000000b1"))
		feed.Publish(change("00000000000000b2"))
		feed.Publish(change("00000000000000b3"))
		events, _ := openStream(t, srv, strconv.FormatUint(first.ID, 10))
		assert.Contains(t, nextEvent(t, events).data, "00000000000000b2")
		assert.Contains(t, nextEvent(t, events).data, "00000000000000b3")
	})
	t.Run("ResumeBeyondWindow", func(t *testing.T) {
		// The window holds 3 events: a client further behind gets those 3.
		events, _ := openStream(t, srv, "1")
		for _, id := range []string{"00000000000000b1", "00000000000000b2", "00000000000000b3"} {
			assert.Contains(t, nextEvent(t, events).data, id)
		}
	})
	t.Run("InvalidLastEventID", func(t *testing.T) {
		c := mustClient(t, store, opts)
		res, body := c.get(t, "/v1/changes", "Last-Event-ID", "yesterday")
		require.Equal(t, 400, res.StatusCode)
		assert.Equal(t, []string{"Last-Event-ID"}, problemParams(t, body))
	})
	t.Run("TooManyStreams", func(t *testing.T) {
		// A feed of its own: the streams of the tests above leave asynchronously.
		opts := opts
		opts.Changes = changefeed.New(3, 2)
		srv := httptest.NewServer(mustServer(t, store, opts))
		t.Cleanup(srv.Close)
		openStream(t, srv, "")
		openStream(t, srv, "")
		c := mustClient(t, store, opts)
		res, body := c.get(t, "/v1/changes")
		require.Equal(t, 503, res.StatusCode, "%s", body)
		assert.Equal(t, "5", res.Header.Get("Retry-After"))
		assert.Contains(t, decode(t, body)["detail"], "too many open change streams")
	})
	t.Run("Close", func(t *testing.T) {
		events, _ := openStream(t, srv, "")
		feed.Close()
		select {
		case _, open := <-events:
			assert.False(t, open, "the stream ends")
		case <-time.After(5 * time.Second):
			t.Fatal("the stream stayed open after Close")
		}
		c := mustClient(t, store, opts)
		res, body := c.get(t, "/v1/changes")
		require.Equal(t, 503, res.StatusCode)
		assert.Contains(t, decode(t, body)["detail"], "shutting down")
	})
	t.Run("Off", func(t *testing.T) {
		c := mustClient(t, store, testOptions())
		res, _ := c.get(t, "/v1/changes")
		assert.Equal(t, 503, res.StatusCode)
	})
}

func TestChangesResumeByParameter(t *testing.T) {
	feed := changefeed.New(10, 10)
	opts := testOptions()
	opts.Changes = feed
	srv := httptest.NewServer(mustServer(t, mustStore(t), opts))
	t.Cleanup(srv.Close)
	first := feed.Publish(facts.Change{ArticleID: "00000000000000c1"})
	feed.Publish(facts.Change{ArticleID: "00000000000000c2"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/changes?last_event_id="+strconv.FormatUint(first.ID, 10), nil)
	require.NoError(t, err)
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data: ") {
			assert.Contains(t, sc.Text(), "00000000000000c2")
			return
		}
	}
	t.Fatal("stream ended without an event")
}

// BenchmarkChangesFanout measures the time from one commit's event to its arrival on each of
// 100 open streams (the default cap), over loopback HTTP.
func BenchmarkChangesFanout(b *testing.B) {
	const streams = 100
	feed := changefeed.New(0, streams)
	opts := testOptions()
	opts.Changes = feed
	srv := httptest.NewServer(mustServer(b, mustStore(b), opts))
	b.Cleanup(srv.Close)
	srv.Client().Transport.(*http.Transport).MaxIdleConnsPerHost = streams
	all := make([]<-chan sseEvent, streams)
	for i := range all {
		all[i], _ = openStream(b, srv, "")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		feed.Publish(facts.Change{ArticleID: "00000000000000d1", Title: "fan-out"})
		for _, ev := range all {
			<-ev
		}
	}
}

// A stream outlives the server's WriteTimeout, which is sized for one answer.
func TestChangesOutliveWriteTimeout(t *testing.T) {
	feed := changefeed.New(10, 10)
	opts := testOptions()
	opts.Changes = feed
	srv := httptest.NewUnstartedServer(mustServer(t, mustStore(t), opts))
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	events, _ := openStream(t, srv, "")
	time.Sleep(300 * time.Millisecond)
	feed.Publish(facts.Change{ArticleID: "00000000000000e1"})
	e := nextEvent(t, events)
	assert.Contains(t, e.data, "00000000000000e1")
}

// Open streams do not use up a client's or the server's requests in progress.
func TestChangesOutsideConcurrencyLimits(t *testing.T) {
	feed := changefeed.New(10, 10)
	opts := testOptions()
	opts.Changes = feed
	opts.Limits = api.Limits{PerClient: 1, InFlight: 1}
	srv := httptest.NewServer(mustServer(t, mustStore(t), opts))
	t.Cleanup(srv.Close)
	openStream(t, srv, "")
	openStream(t, srv, "")
	res, err := srv.Client().Get(srv.URL + "/healthz")
	require.NoError(t, err)
	res.Body.Close()
	res, err = srv.Client().Get(srv.URL + "/v1/entities")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
}
