#!/usr/bin/env bash
# bench-scale.sh is the read path's benchmark at scale (`make bench`; figures in BENCHMARKS.md).
#
# For each corpus size (BENCH_SIZES, default "10000 30000 100000") it keeps a database of its
# own, newsfacts_bench<N/1000>k on the server DATABASE_URL names (BENCH_DB_PREFIX replaces
# newsfacts_bench), holding the first N articles of the generated corpus (`gencorpus -seed
# 1`): a database that already holds exactly N articles is reused and only migrated (ingesting
# 100,000 takes minutes), any other is recreated. It then serves it with the response cache and
# the rate limits off (NEWSFACTS_CACHE=off, NEWSFACTS_RATE_LIMIT=0, ...) and runs
# cmd/loadbench at BENCH_CONNS (32) connections, each endpoint beside a bare net/http server
# serving the same bytes, on
#
#   the endpoints of issue 12's table, the exercise sub-resources and two article searches
#     (a word in no article, a word in 3-5% of the newest), one at a time;
#   the reference of the shares (loadbench -reference): a chi + pgx handler running SELECT 1
#     and sending the same bytes, beside the smallest response and the largest;
#   a mixed run rotating through a few hundred distinct URLs (random entities, search words,
#     filters, cursors of later pages);
#   the mixed run again while `newsfacts ingest` adds BENCH_INGEST (2000) new articles (from
#     a seed no earlier run used) at its default rate: read latency under writes. Those stay,
#     so a database is reused while it holds N to 1.25 N articles; the run prints how many.
#
# Knobs: BENCH_SIZES, BENCH_CONNS, BENCH_DURATION (10s), BENCH_WARMUP (2s), BENCH_INGEST (0
# leaves out the run under ingest, and the database as it was), BENCH_PATHS (an extended
# regular expression: only the endpoints of the table that match it run, the mixed runs
# always; e.g. 'q=' for the searches), BENCH_DB_PREFIX (to measure a copy of your own: `CREATE
# DATABASE newsfacts_me_100k TEMPLATE newsfacts_bench100k`, then BENCH_SIZES=100000
# BENCH_DB_PREFIX=newsfacts_me_ BENCH_INGEST=0; such a copy is migrated, never recreated nor
# dropped), NEWSFACTS_BIN (the server binary to measure;
# default: built from this tree; give an older build to compare before and after in the same
# conditions), BENCH_KEEP=0 drops the databases at the end. It needs psql, curl and a Go
# toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
	echo "bench-scale: $*" >&2
	exit 2
}

: "${DATABASE_URL:?bench-scale: DATABASE_URL is required: it names the PostgreSQL server to create the benchmark databases on}"
sizes="${BENCH_SIZES:-10000 30000 100000}"
conns="${BENCH_CONNS:-32}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
extra="${BENCH_INGEST:-2000}"
for tool in psql curl go; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

bench_db=newsfacts_bench # bench-urls.sh needs a name; each size sets its own below
# shellcheck source=bench-urls.sh
. scripts/bench-urls.sh
case "$db_host" in
127.* | localhost | ::1 | "") ;;
*) die "the database host must be loopback (127.0.0.1, localhost, ::1), got '$db_host'" ;;
esac

workdir=$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")
serve_pid=""
ingest_pid=""
stop() {
	for pid in $ingest_pid $serve_pid; do
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	serve_pid=""
	ingest_pid=""
}
cleanup() {
	local rc=$?
	stop
	if [ "$rc" != 0 ] && [ -s "$workdir/serve.log" ]; then
		echo "bench-scale: last lines of the server's log:" >&2
		tail -n 20 "$workdir/serve.log" >&2
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT

echo "bench-scale: building"
mkdir -p bin
go build -o bin/newsfacts ./cmd/newsfacts
go build -o bin/loadbench ./cmd/loadbench
go build -o bin/gencorpus ./cmd/gencorpus
server="${NEWSFACTS_BIN:-bin/newsfacts}"

free_port() {
	for p in $(seq 18181 18281); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port in 18181..18281"
}

for n in $sizes; do
	db="${BENCH_DB_PREFIX:-newsfacts_bench}$((n / 1000))k"
	url=$(sed -E "s#(postgres(ql)?://[^/]*)/[^?]*#\1/$db#" <<<"$DATABASE_URL")
	have=$(psql "$url" -qAtX -c "SELECT count(*) FROM articles" 2>/dev/null || echo none)
	# Each run's ingest under reads adds articles for good (the store has no delete path that
	# keeps the counts right), so a database holding N to 1.25 N articles is reused as is.
	if ! [[ "$have" =~ ^[0-9]+$ ]] || [ "$have" -lt "$n" ] || [ "$have" -ge $((n + n / 4)) ]; then
		# A copy of one's own (BENCH_DB_PREFIX) is never dropped or recreated.
		[ -z "${BENCH_DB_PREFIX:-}" ] || die "$db holds $have articles, not $n to $((n + n / 4)): BENCH_DB_PREFIX names a copy of your own, which this script does not recreate"
		echo "bench-scale: $db holds $have articles, not $n: recreating it and ingesting $n"
		psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
		psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" >/dev/null
		DATABASE_URL="$url" "$server" migrate up
		bin/gencorpus -n "$n" -seed 1 >"$workdir/corpus.jsonl"
		DATABASE_URL="$url" "$server" ingest --json "$workdir/corpus.jsonl" >"$workdir/ingest.json"
		echo "bench-scale: $(tail -c 300 "$workdir/ingest.json")"
		have=$n
	else
		DATABASE_URL="$url" "$server" migrate up
	fi
	psql "$url" -qX -v ON_ERROR_STOP=1 -c "VACUUM ANALYZE" >/dev/null

	port=$(free_port)
	api="http://127.0.0.1:$port"
	NEWSFACTS_CACHE=off NEWSFACTS_RATE_LIMIT=0 NEWSFACTS_CLIENT_CONCURRENCY=0 NEWSFACTS_MAX_IN_FLIGHT=0 DATABASE_URL="$url" "$server" serve --addr "127.0.0.1:$port" >"$workdir/serve.log" 2>&1 &
	serve_pid=$!
	for _ in $(seq 1 100); do
		curl -fsS "$api/readyz" >/dev/null 2>&1 && break
		kill -0 "$serve_pid" 2>/dev/null || die "newsfacts serve exited before it was ready"
		sleep 0.2
	done

	# The ids of issue 12's table: the most mentioned country, the most mentioned of the
	# entities that speak least (none, in the generated corpus), the exercise reported by the
	# most articles.
	q() { psql "$url" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
	country=$(q "SELECT id FROM entities WHERE type = 'country' ORDER BY mention_count DESC, id LIMIT 1")
	quiet=$(q "SELECT id FROM entities ORDER BY statement_count, mention_count DESC, id LIMIT 1")
	person=$(q "SELECT id FROM entities WHERE type = 'person' ORDER BY mention_count DESC, id LIMIT 1")
	exercise=$(q "SELECT exercise_id FROM exercise_sources GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
	# A word in 3-5% of the newest 2,000 articles: the first step of an article search (its
	# window of the newest 420) finds some of a page there, and tests every row of it.
	midword=$(q "SELECT word FROM ts_stat('SELECT search FROM articles ORDER BY coalesce(published_at, ''-infinity''::date) DESC, id DESC LIMIT 2000')
		WHERE ndoc BETWEEN 60 AND 100 AND word ~ '^[a-z]{6,}\$' ORDER BY ndoc DESC, word LIMIT 1")
	[ -n "$midword" ] || die "no word in 60-100 of the newest 2,000 articles: the corpus is too small or odd for the mid-frequency search"
	echo "bench-scale: $have articles; country $country, silent entity $quiet, exercise $exercise, word $midword"
	paths=(
		'/v1/entities?limit=50'
		"/v1/entities/$person"
		"/v1/entities/$quiet/statements?limit=50"
		"/v1/entities/$country/mentions?limit=50"
		'/v1/statements?q=troops&limit=20'
		'/v1/articles?q=exercise%20navy&limit=20'
		'/v1/articles?limit=20'
		"/v1/exercises?participant_id=$country&limit=50"
		"/v1/exercises/$exercise"
		'/v1/entities?q=putn&limit=10'
		'/v1/statements?q=navy&limit=20'
		'/v1/articles?q=navy&limit=20'
		"/v1/exercises/$exercise/articles?limit=50"
		"/v1/exercises/$exercise/mentions?limit=50"
		'/v1/articles?q=zzzzqq&limit=20'
		"/v1/articles?q=$midword&limit=20"
	)
	# The mixed run's URLs: 300, from random entities, exercises, search words and the second
	# page of lists (a real cursor).
	{
		q "SELECT '/v1/entities/' || id FROM entities ORDER BY md5(id) LIMIT 60"
		q "SELECT '/v1/entities/' || id || '/mentions?limit=20' FROM entities ORDER BY md5(id || 'm') LIMIT 40"
		q "SELECT '/v1/entities/' || id || '/statements?limit=20' FROM entities ORDER BY md5(id || 's') LIMIT 30"
		q "SELECT '/v1/exercises/' || id FROM exercises ORDER BY md5(id) LIMIT 40"
		q "SELECT '/v1/exercises?participant_id=' || id || '&limit=20' FROM entities WHERE type = 'country' ORDER BY md5(id) LIMIT 20"
		q "SELECT '/v1/exercises/' || id || '/mentions?limit=20' FROM exercises ORDER BY md5(id || 'm') LIMIT 20"
		q "SELECT '/v1/entities?type=' || t || '&limit=20' FROM unnest(array['person','organization','country','location']) t"
		for w in troops border minister exercise navy drills sanctions talks missile president; do
			echo "/v1/statements?q=$w&limit=20"
			echo "/v1/articles?q=$w&limit=20"
		done
		for w in putn kallsa russ chin minis; do echo "/v1/entities?q=$w&limit=10"; done
		for list in '/v1/articles?limit=20' '/v1/statements?limit=20' '/v1/entities?limit=20' '/v1/exercises?limit=20'; do
			next=$(curl -fsS "$api$list" | grep -oE '"next_cursor": ?"[^"]*"' | cut -d'"' -f4)
			[ -n "$next" ] && echo "$list&cursor=$next"
		done
	} | head -n 300 >"$workdir/mix.all"
	# Only the URLs this server answers (an older build lacks the exercise sub-resources).
	while read -r p; do
		if curl -fsS -o /dev/null "$api$p" 2>/dev/null; then echo "$p"; fi
	done <"$workdir/mix.all" >"$workdir/mix.txt"
	echo "bench-scale: mixed run over $(wc -l <"$workdir/mix.txt") URLs"

	args=()
	for p in "${paths[@]}"; do
		if [ -n "${BENCH_PATHS:-}" ] && ! grep -qE "$BENCH_PATHS" <<<"$p"; then
			continue
		fi
		if curl -fsS -o /dev/null "$api$p"; then
			args+=(-path "$p")
		else
			echo "bench-scale: $p does not answer 200 on this server: left out"
		fi
	done
	echo "### $n articles, cache off, $conns connections"
	bin/loadbench -url "$api" -c "$conns" -d "$duration" -warmup "$warmup" "${args[@]}" -mix "$workdir/mix.txt" | sed -n '/^| Endpoint/,$p'

	# The yardstick of the shares: a chi router whose handler runs SELECT 1 with pgx on the
	# same database and sends the same bytes, for the smallest response and the largest.
	echo "### $n articles: the reference (chi + pgx, SELECT 1) beside two endpoints"
	bin/loadbench -url "$api" -c "$conns" -d "$duration" -warmup "$warmup" -reference "$url" \
		-path "/v1/entities/$person" -path "/v1/exercises?participant_id=$country&limit=50" | sed -n '/^| Endpoint/,$p'

	# Reads while an ingest runs: new articles, from a seed no earlier run used.
	if [ "$extra" != 0 ]; then
		bin/gencorpus -n "$extra" -seed "$((1000 + have))" >"$workdir/extra.jsonl"
		DATABASE_URL="$url" "$server" ingest --json "$workdir/extra.jsonl" >"$workdir/extra.json" 2>/dev/null &
		ingest_pid=$!
		sleep 1
		echo "### $n articles, mixed run while ingest adds $extra articles"
		bin/loadbench -url "$api" -c "$conns" -d "$duration" -warmup 0s -ceiling=false -mix "$workdir/mix.txt" | sed -n '/^| Endpoint/,$p'
		wait "$ingest_pid" || true
		ingest_pid=""
		echo "bench-scale: the ingest beside it: $(tail -c 200 "$workdir/extra.json")"
	fi
	stop
	if [ "${BENCH_KEEP:-1}" = 0 ] && [ -z "${BENCH_DB_PREFIX:-}" ]; then
		psql "$admin_url" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
	fi
done
