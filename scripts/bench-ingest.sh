#!/usr/bin/env bash
# bench-ingest.sh is the ingest benchmark (`make bench`; figures go in BENCHMARKS.md).
#
# For each corpus size (BENCH_SIZES, default "10000 100000") it recreates a database of its own
# (newsfacts_bench_ingest) on the PostgreSQL server that DATABASE_URL names, migrates it,
# generates the corpus with cmd/gencorpus (seed 1), and runs, under /usr/bin/time -v,
#
#   newsfacts ingest --json corpus.jsonl     into the empty database (every article created)
#   newsfacts ingest --json corpus.jsonl     again (every article unchanged)
#
# With BENCH_TAIL=T it measures instead the speed at the end of each corpus: it ingests the first
# N - T articles untimed, then times the last T into that database (`BENCH_SIZES=100000
# BENCH_TAIL=10000`: the last 10,000 of 100,000), then times them again (unchanged).
#
# With BENCH_TEMPLATE=db as well (a database on the same server holding the first M articles of
# the same corpus, e.g. newsfacts_bench100k), it copies that database instead of ingesting the
# head (CREATE DATABASE ... TEMPLATE: nobody may be connected to it meanwhile), and times the
# next BENCH_TAIL articles, M+1 to M+BENCH_TAIL; BENCH_SIZES is ignored. Minutes instead of the
# head's hour.
#
# It prints a markdown table: articles, outcome, seconds, articles/s, peak RSS. The database is
# dropped on exit.
#
# Knobs (environment): BENCH_SIZES ("10000 100000"), BENCH_TAIL (unset: whole corpora),
# BENCH_TEMPLATE (a newsfacts_bench* database to start the tail from; needs BENCH_TAIL),
# BENCH_WORKERS (--workers; default: the command's own default, the number of CPUs),
# BENCH_KEEP=1 (keep the database and print its URL), NEWSFACTS_BENCH_DB (database name; must
# start with newsfacts_bench).
# It needs psql, GNU time (/usr/bin/time) and a Go toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
	echo "bench-ingest: $*" >&2
	exit 2
}

: "${DATABASE_URL:?bench-ingest: DATABASE_URL is required: it names the PostgreSQL server to create the benchmark database on}"
sizes="${BENCH_SIZES:-10000 100000}"
tail_n="${BENCH_TAIL:-}"
[[ -z "$tail_n" || "$tail_n" =~ ^[1-9][0-9]*$ ]] || die "BENCH_TAIL must be a positive number of articles, got '$tail_n'"
bench_db="${NEWSFACTS_BENCH_DB:-newsfacts_bench_ingest}"
template="${BENCH_TEMPLATE:-}"
if [ -n "$template" ]; then
	[ -n "$tail_n" ] || die "BENCH_TEMPLATE needs BENCH_TAIL: the number of articles to time after the template's"
	[[ "$template" =~ ^newsfacts_bench[a-z0-9_]*$ ]] || die "BENCH_TEMPLATE must match newsfacts_bench[a-z0-9_]*, got '$template'"
	[ "$template" != "$bench_db" ] || die "BENCH_TEMPLATE must not be the benchmark's own database ($bench_db), which is dropped"
fi
workers=()
if [ -n "${BENCH_WORKERS:-}" ]; then
	workers=(--workers "$BENCH_WORKERS")
fi

# The database is dropped and recreated: refuse any name that could be someone's real data.
[[ "$bench_db" =~ ^newsfacts_bench[a-z0-9_]*$ ]] ||
	die "NEWSFACTS_BENCH_DB must match newsfacts_bench[a-z0-9_]*, got '$bench_db'"
for tool in psql go; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is required (psql: apt-get install postgresql-client)"
done
[ -x /usr/bin/time ] || die "GNU time is required at /usr/bin/time (apt-get install time) to measure peak RSS"

# shellcheck source=bench-urls.sh
. scripts/bench-urls.sh # the scripts run from the repository root

workdir=$(mktemp -d "${TMPDIR:-/tmp}/bench-ingest.XXXXXX")
cleanup() {
	if [ -n "${BENCH_KEEP:-}" ]; then
		echo "bench-ingest: kept database: $bench_url" >&2
	else
		psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null 2>&1 || true
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT

echo "bench-ingest: building" >&2
mkdir -p bin
go build -o bin/newsfacts ./cmd/newsfacts
go build -o bin/gencorpus ./cmd/gencorpus

# ingest_once runs one ingest of the file (default: the corpus) under GNU time and prints a table row.
ingest_once() { # articles label [file]
	local out="$workdir/ingest.json" timing="$workdir/time.txt" rc=0
	DATABASE_URL="$bench_url" /usr/bin/time -v -o "$timing" \
		bin/newsfacts ingest --json "${workers[@]}" "${3:-$workdir/corpus.jsonl}" >"$out" 2>"$workdir/ingest.err" || rc=$?
	if [ "$rc" != 0 ]; then
		tail -n 20 "$workdir/ingest.err" >&2
		die "newsfacts ingest exited $rc"
	fi
	local secs rate rss created unchanged
	secs=$(grep -oE '"elapsed_seconds":[0-9.e+-]+' "$out" | cut -d: -f2)
	rate=$(grep -oE '"articles_per_second":[0-9.e+-]+' "$out" | cut -d: -f2)
	created=$(grep -oE '"created":[0-9]+' "$out" | cut -d: -f2)
	unchanged=$(grep -oE '"unchanged":[0-9]+' "$out" | cut -d: -f2)
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
	printf '| %s | %s (created %s, unchanged %s) | %.1f | %.0f | %d MB |\n' \
		"$1" "$2" "$created" "$unchanged" "$secs" "$rate" $((rss / 1024))
}

echo
echo "| articles | run | seconds | articles/s | peak RSS |"
echo "|---:|---|---:|---:|---:|"
if [ -n "$template" ]; then
	echo "bench-ingest: copying $template to $bench_db" >&2
	psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null
	psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $bench_db TEMPLATE $template STRATEGY FILE_COPY" >/dev/null
	DATABASE_URL="$bench_url" bin/newsfacts migrate up >/dev/null
	# A migration that rewrites tables leaves their pages dirty: written out now, not by the
	# checkpoints of the timed ingest.
	psql "$bench_url" -qX -v ON_ERROR_STOP=1 -c "CHECKPOINT" >/dev/null
	m=$(psql "$bench_url" -qXAtc "SELECT count(*) FROM articles")
	n=$((m + tail_n))
	echo "bench-ingest: $template holds $m articles; generating $n, timing the last $tail_n" >&2
	bin/gencorpus -n "$n" -seed 1 | tail -n "$tail_n" >"$workdir/tail.jsonl"
	ingest_once "$tail_n" "$((m + 1))–$n, into a copy of $template" "$workdir/tail.jsonl"
	ingest_once "$tail_n" "the same again" "$workdir/tail.jsonl"
	exit 0
fi
for n in $sizes; do
	echo "bench-ingest: $n articles: recreating $bench_db, generating the corpus" >&2
	psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null
	psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $bench_db" >/dev/null
	DATABASE_URL="$bench_url" bin/newsfacts migrate up >/dev/null
	bin/gencorpus -n "$n" -seed 1 >"$workdir/corpus.jsonl"
	if [ -n "$tail_n" ]; then
		[ "$tail_n" -lt "$n" ] || die "BENCH_TAIL ($tail_n) must be below the corpus size ($n)"
		head -n $((n - tail_n)) "$workdir/corpus.jsonl" >"$workdir/head.jsonl"
		tail -n "$tail_n" "$workdir/corpus.jsonl" >"$workdir/tail.jsonl"
		echo "bench-ingest: $n articles: ingesting the first $((n - tail_n)) untimed" >&2
		DATABASE_URL="$bench_url" bin/newsfacts ingest --json "${workers[@]}" "$workdir/head.jsonl" >/dev/null 2>"$workdir/ingest.err" ||
			die "newsfacts ingest of the first $((n - tail_n)) failed: $(tail -n 5 "$workdir/ingest.err")"
		ingest_once "$tail_n" "last $tail_n of $n" "$workdir/tail.jsonl"
		ingest_once "$tail_n" "last $tail_n of $n again" "$workdir/tail.jsonl"
		continue
	fi
	ingest_once "$n" "empty database"
	ingest_once "$n" "same corpus again"
done
