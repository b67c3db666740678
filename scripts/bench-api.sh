#!/usr/bin/env bash
# bench-api.sh is the API load benchmark (`make bench`; figures go in BENCHMARKS.md).
#
# On the PostgreSQL server that DATABASE_URL names it recreates a database of its own
# (newsfacts_bench_api), migrates it, ingests the generated corpus (10,000 articles), starts
# `newsfacts serve` on a free loopback port, picks a real exercise id and a search word that
# hits statements, and runs cmd/loadbench on
#
#   GET /v1/entities?limit=50   GET /v1/statements?q=WORD   GET /v1/exercises/ID
#
# at 32 and 128 connections, each beside its ceiling (a bare handler serving the same bytes
# from memory). It prints a markdown table. The server and the database are removed on exit.
#
# Knobs (environment): BENCH_ARTICLES (10000), BENCH_CONNS (32,128), BENCH_DURATION (10s),
# BENCH_WARMUP (2s), BENCH_QUERY (a search word; picked from the corpus when unset),
# BENCH_KEEP=1 (keep the database and print its URL, e.g. to EXPLAIN ANALYZE the queries),
# NEWSFACTS_BENCH_DB (database name; must start with newsfacts_bench).
# It needs psql, curl and a Go toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
	echo "bench-api: $*" >&2
	exit 2
}

: "${DATABASE_URL:?bench-api: DATABASE_URL is required: it names the PostgreSQL server to create the benchmark database on}"
articles="${BENCH_ARTICLES:-10000}"
conns="${BENCH_CONNS:-32,128}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
bench_db="${NEWSFACTS_BENCH_DB:-newsfacts_bench_api}"

# The database is dropped and recreated: refuse any name that could be someone's real data.
[[ "$bench_db" =~ ^newsfacts_bench[a-z0-9_]*$ ]] ||
	die "NEWSFACTS_BENCH_DB must match newsfacts_bench[a-z0-9_]*, got '$bench_db'"
for tool in psql curl go; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is required (psql: apt-get install postgresql-client)"
done

# shellcheck source=bench-urls.sh
. scripts/bench-urls.sh # the scripts run from the repository root
# The server under load talks to this database: keep the whole benchmark on this machine.
case "$db_host" in
127.* | localhost | ::1 | "") ;;
*) die "the database host must be loopback (127.0.0.1, localhost, ::1), got '$db_host'" ;;
esac

workdir=$(mktemp -d "${TMPDIR:-/tmp}/bench-api.XXXXXX")
serve_pid=""
cleanup() {
	local rc=$?
	if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
		kill "$serve_pid" 2>/dev/null || true
		wait "$serve_pid" 2>/dev/null || true
	fi
	if [ -n "${BENCH_KEEP:-}" ]; then
		echo "bench-api: kept database: $bench_url" >&2
	else
		psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null 2>&1 || true
	fi
	if [ "$rc" != 0 ] && [ -s "$workdir/serve.log" ]; then
		echo "bench-api: last lines of the server's log:" >&2
		tail -n 20 "$workdir/serve.log" >&2
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT

echo "bench-api: building"
mkdir -p bin
go build -o bin/newsfacts ./cmd/newsfacts
go build -o bin/loadbench ./cmd/loadbench
go build -o bin/gencorpus ./cmd/gencorpus

echo "bench-api: recreating database $bench_db"
psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null
psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $bench_db" >/dev/null
DATABASE_URL="$bench_url" bin/newsfacts migrate up

echo "bench-api: generating and ingesting $articles articles"
bin/gencorpus -n "$articles" -seed 1 >"$workdir/corpus.jsonl"
start=$(date +%s)
DATABASE_URL="$bench_url" bin/newsfacts ingest --json "$workdir/corpus.jsonl" >"$workdir/ingest.json"
echo "bench-api: ingested in $(($(date +%s) - start))s: $(tail -c 400 "$workdir/ingest.json")"
# Fresh statistics, as autovacuum would have gathered on a server that has been running.
psql "$bench_url" -qX -v ON_ERROR_STOP=1 -c "VACUUM ANALYZE" >/dev/null

# A free loopback port: the kernel's choice for a port-0 listen is not visible from bash, so
# probe a range instead.
port=""
for p in $(seq 18080 18180); do
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
		port=$p
		break
	fi
done
[ -n "$port" ] || die "no free port in 18080..18180"
api="http://127.0.0.1:$port"

echo "bench-api: serving on $api"
# One load generator on one address: the per-client limits would measure themselves, not the
# server, so they are off here (the 429 behaviour is measured apart, see BENCHMARKS.md).
DATABASE_URL="$bench_url" NEWSFACTS_RATE_LIMIT=0 NEWSFACTS_CLIENT_CONCURRENCY=0 NEWSFACTS_MAX_IN_FLIGHT=0 \
	bin/newsfacts serve --addr "127.0.0.1:$port" >"$workdir/serve.log" 2>&1 &
serve_pid=$!
ready=""
for _ in $(seq 1 100); do
	if bin/newsfacts healthcheck --url "$api/readyz" --timeout 1s 2>/dev/null; then
		ready=1
		break
	fi
	kill -0 "$serve_pid" 2>/dev/null || die "newsfacts serve exited before it was ready"
	sleep 0.2
done
[ -n "$ready" ] || die "newsfacts serve was not ready after 20s"

# The first exercise of the default list: a real id, so the detail endpoint answers 200.
exercise=$(curl -fsS "$api/v1/exercises?limit=1" | grep -oE '"id": ?"[^"]*"' | head -n 1 | cut -d'"' -f4)
[ -n "$exercise" ] || die "GET /v1/exercises returned no exercise"

# The search word: unless given, the most frequent word of five or more letters in the newest
# statements that full-text search finds (stop words such as "would" find nothing), so the
# query is a common one rather than a conveniently rare one.
word="${BENCH_QUERY:-}"
if [ -z "$word" ]; then
	candidates=$(curl -fsS "$api/v1/statements?limit=100" | grep -oE '"text": ?"[^"]*"' | cut -d'"' -f4 |
		tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' | awk 'length >= 5' | sort | uniq -c | sort -k1,1nr -k2,2 |
		awk '{print $2}' | head -n 20)
	for w in $candidates; do
		# Captured first: grep -q stopping early would fail the pipe under pipefail.
		page=$(curl -fsS "$api/v1/statements?q=$w&limit=1")
		if grep -qE '"data": ?\[ ?\{' <<<"$page"; then
			word=$w
			break
		fi
	done
	[ -n "$word" ] || die "no word of the newest statements finds statements by full-text search"
fi
hits=$(curl -fsS "$api/v1/statements?q=$word&limit=500" | grep -oE '"kind": ?"' | wc -l)
echo "bench-api: exercise id $exercise; search word '$word' ($hits hits on the first page of 500)"

bin/loadbench -url "$api" -c "$conns" -d "$duration" -warmup "$warmup" \
	-path '/v1/entities?limit=50' \
	-path "/v1/statements?q=$word" \
	-path "/v1/exercises/$exercise"
