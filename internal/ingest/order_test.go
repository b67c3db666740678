package ingest

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// orderCorpus returns articles that give people in the shapes whose resolution used to depend
// on arrival order: a surname that exactly one full name claims (Ozolkalns, Kalnietis), one
// that two full names claim (Liepins), one that only a later article claims (Berzins, claimed
// by one full name but named alone far more often), one nobody claims (Vitols), and titles
// that differ between the articles naming one person.
func orderCorpus() []Input {
	type full struct{ given, surname, title string }
	fulls := []full{
		{"Ilgvars", "Ozolkalns", "Latvian Foreign Minister"},
		{"Ilgvars", "Ozolkalns", "Latvian Foreign Minister"},
		{"Ilgvars", "Ozolkalns", "Latvian Defence Minister"},
		{"Ilgvars", "Ozolkalns", "Estonian Foreign Minister"},
		{"Maris", "Kalnietis", "Latvian Defence Minister"},
		{"Maris", "Kalnietis", "Lithuanian Defence Minister"},
		{"Ilgvars", "Liepins", "Latvian Foreign Minister"},
		{"Ilgvars", "Liepins", "Latvian Defence Minister"},
		{"Andris", "Liepins", "Estonian Defence Minister"},
		{"Janis", "Berzins", "Latvian Prime Minister"},
	}
	shorts := []string{"Ozolkalns", "Ozolkalns", "Kalnietis", "Liepins", "Liepins", "Berzins", "Berzins", "Berzins", "Vitols", "Vitols"}
	var out []Input
	for i, f := range fulls {
		out = append(out, Input{
			ArticleMeta: facts.ArticleMeta{Title: "full", URL: fmt.Sprintf("https://example.com/order-full-%d", i)},
			Body: fmt.Sprintf("%s %s %s said on Monday that the Baltic states would join the drills.\n“We are ready,” %s said.\nReport %d.\n",
				f.title, f.given, f.surname, f.surname, i),
		})
	}
	for i, s := range shorts {
		out = append(out, Input{
			ArticleMeta: facts.ArticleMeta{Title: "short", URL: fmt.Sprintf("https://example.com/order-short-%d", i)},
			Body: fmt.Sprintf("%s said on Friday that the talks in Riga had been frank.\n“Nothing is decided,” %s told reporters.\nReport %d.\n",
				s, s, i),
		})
	}
	for i := range 6 {
		out = append(out, Input{
			ArticleMeta: facts.ArticleMeta{Title: "rich", URL: fmt.Sprintf("https://example.com/order-rich-%d", i)},
			Body:        variant("order", i),
		})
	}
	return out
}

// storedState is everything the store holds about entities, in a form two runs compare by.
func storedState(tb testing.TB, db postgres.DBTX) []string {
	tb.Helper()
	ctx := context.Background()
	var out []string
	for _, q := range []string{
		`SELECT format('entity %s %s %s title=%s aff=%s m=%s s=%s a=%s names=%s', e.id, e.name, e.type,
			coalesce(e.title, '-'), coalesce(e.affiliation_id, '-'), e.mention_count, e.statement_count, e.article_count,
			(SELECT string_agg(n.name, '|' ORDER BY n.folded) FROM entity_names n WHERE n.entity_id = e.id))
		FROM entities e ORDER BY e.id`,
		`SELECT format('article %s names %s (%s, %s)', a.url, ae.entity_id, ae.mention_count, ae.statement_count)
		FROM article_entities ae JOIN articles a ON a.id = ae.article_id ORDER BY a.url, ae.entity_id`,
		`SELECT format('statement %s in %s by %s', s.local_id, a.url, coalesce(s.speaker_id, '-'))
		FROM statements s JOIN articles a ON a.id = s.article_id ORDER BY a.url, s.local_id`,
		`SELECT format('mention %s in %s at %s', m.entity_id, a.url, m.start_pos)
		FROM mentions m JOIN articles a ON a.id = m.article_id ORDER BY a.url, m.start_pos, m.entity_id`,
	} {
		rows, _ := db.Query(ctx, q)
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(tb, err)
		out = append(out, lines...)
	}
	return out
}

func items(ins []Input) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for i, in := range ins {
			if !yield(Item{Where: fmt.Sprintf("%d", i), Input: in}) {
				return
			}
		}
	}
}

func TestSameEntitiesWhateverTheOrder(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(ctx, url))
	pool, err := pgxpool.New(ctx, url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	g := gazetteer.Default()
	corpus := orderCorpus()

	reset := func(t *testing.T) {
		t.Helper()
		_, err := pool.Exec(ctx, `TRUNCATE articles, entities, entity_names, article_entities, mentions, statements,
			statement_entities, exercises, exercise_sources, exercise_aliases, exercise_participants, exercise_mentions CASCADE`)
		require.NoError(t, err)
	}
	ingest := func(t *testing.T, ins []Input, workers, runs int) {
		t.Helper()
		var wg sync.WaitGroup
		sums := make([]Summary, runs)
		for i := range runs {
			wg.Go(func() { sums[i] = Run(ctx, postgres.New(pool), items(ins), Options{Workers: workers, Gazetteer: g}) })
		}
		wg.Wait()
		created := 0
		for _, s := range sums {
			require.Zero(t, s.Failed, "%+v", s)
			created += s.Created
		}
		require.Equal(t, len(ins), created)
		mustBeConsistent(t, pool)
	}

	reset(t)
	ingest(t, corpus, 1, 1)
	want := storedState(t, pool)
	require.NotEmpty(t, want)

	rng := rand.New(rand.NewPCG(13, 13))
	for i := range 6 {
		ins := slices.Clone(corpus)
		if i == 0 {
			slices.Reverse(ins)
		} else {
			rng.Shuffle(len(ins), func(a, b int) { ins[a], ins[b] = ins[b], ins[a] })
		}
		for _, c := range []struct{ workers, runs int }{{1, 1}, {4, 1}, {3, 3}} {
			t.Run(fmt.Sprintf("order%d/workers=%d/runs=%d", i, c.workers, c.runs), func(t *testing.T) {
				reset(t)
				ingest(t, ins, c.workers, c.runs)
				got := storedState(t, pool)
				if missing, extra := lineDiff(want, got); len(missing)+len(extra) > 0 {
					var order []string
					for _, in := range ins {
						order = append(order, strings.TrimPrefix(in.URL, "https://example.com/order-"))
					}
					t.Errorf("stored state differs from the one-at-a-time state\norder: %s\nmissing:\n  %s\nextra:\n  %s",
						strings.Join(order, " "), strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
				}
			})
		}
	}
}

// lineDiff returns the lines of want that got lacks and the lines of got that want lacks.
func lineDiff(want, got []string) (missing, extra []string) {
	count := map[string]int{}
	for _, l := range want {
		count[l]++
	}
	for _, l := range got {
		count[l]--
	}
	for _, l := range want {
		if count[l] > 0 {
			missing = append(missing, l)
			count[l]--
		}
	}
	for _, l := range got {
		if count[l] < 0 {
			extra = append(extra, l)
			count[l]++
		}
	}
	return missing, extra
}
