#!/usr/bin/env bash
# bench-ingest-instr.sh counts the instructions PostgreSQL runs to store one new article: a
# figure that, unlike seconds, other work on the machine cannot move, so that two versions of
# the write path can be compared by a run of each (see BENCHMARKS.md, "Ingest").
#
# It starts a private PostgreSQL cluster of its own (initdb in a temporary directory, listening
# on 127.0.0.1:BENCH_PG_PORT), and then:
#
#   1. migrates a database and ingests the first BENCH_BASE articles of the generated corpus
#      (cmd/gencorpus, seed 1), natively: the database a new article arrives in;
#   2. restarts the cluster under valgrind's callgrind, with every backend traced;
#   3. ingests the next BENCH_NEW articles with --workers 1 into a copy of that database;
#   4. prints the instructions of the backend(s) that served the ingest, per article.
#
# Knobs (environment): BENCH_BASE (3000), BENCH_NEW (200), BENCH_PG_PORT (54329),
# BENCH_PG_BIN (the directory of initdb and postgres; default: `pg_config --bindir`, else the
# newest /usr/lib/postgresql/*/bin),
# BENCH_KEEP=1 (keep the cluster's directory and print it). It needs valgrind, a PostgreSQL
# server installation and a Go toolchain; as root, the cluster runs as the user postgres. It
# takes about five minutes, most of it under valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
	echo "bench-ingest-instr: $*" >&2
	exit 2
}

base="${BENCH_BASE:-3000}"
new="${BENCH_NEW:-200}"
port="${BENCH_PG_PORT:-54329}"
bindir="${BENCH_PG_BIN:-$(pg_config --bindir 2>/dev/null || true)}"
if [ ! -x "$bindir/initdb" ]; then
	# Debian keeps the server's programs out of PATH, one directory per major version.
	bindir=$(find /usr/lib/postgresql -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -1)
fi
[ -x "$bindir/initdb" ] && [ -x "$bindir/postgres" ] ||
	die "no initdb and postgres in '$bindir': set BENCH_PG_BIN to their directory"
for tool in valgrind psql go; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ingest-instr.XXXXXX")
as_owner=()
if [ "$(id -u)" = 0 ]; then
	# initdb refuses to run as root.
	chown postgres "$work"
	as_owner=(runuser -u postgres --)
fi
data="$work/data"
stop() { # pg_ctl finds the postmaster by its pid file, also the one valgrind started
	"${as_owner[@]}" "$bindir/pg_ctl" -D "$data" stop -m fast >/dev/null 2>&1 || true
}
cleanup() {
	stop
	if [ -n "${BENCH_KEEP:-}" ]; then
		echo "bench-ingest-instr: kept $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

settings=(-c "port=$port" -c listen_addresses=127.0.0.1 -c "unix_socket_directories=$work"
	-c autovacuum=off -c shared_buffers=128MB)
admin="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
url() { echo "postgres://postgres@127.0.0.1:$port/$1?sslmode=disable"; }
wait_ready() {
	for _ in $(seq 120); do
		psql "$admin" -qXAtc 'SELECT 1' >/dev/null 2>&1 && return
		sleep 1
	done
	die "the private cluster did not start (see $work/log)"
}

echo "bench-ingest-instr: building; generating $((base + new)) articles" >&2
mkdir -p bin
go build -o bin/newsfacts ./cmd/newsfacts
go build -o bin/gencorpus ./cmd/gencorpus
bin/gencorpus -n $((base + new)) -seed 1 >"$work/corpus.jsonl"
head -n "$base" "$work/corpus.jsonl" >"$work/base.jsonl"
tail -n "$new" "$work/corpus.jsonl" >"$work/new.jsonl"

echo "bench-ingest-instr: initdb on port $port; ingesting $base articles natively" >&2
"${as_owner[@]}" "$bindir/initdb" -D "$data" -A trust -U postgres >"$work/initdb.log"
"${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/log" -o "${settings[*]}" start >/dev/null
wait_ready
psql "$admin" -qXc "CREATE DATABASE base"
DATABASE_URL=$(url base) bin/newsfacts migrate up >/dev/null
DATABASE_URL=$(url base) bin/newsfacts ingest --json "$work/base.jsonl" >/dev/null
stop

echo "bench-ingest-instr: restarting under callgrind; ingesting $new articles" >&2
mkdir -m 777 "$work/cg"
"${as_owner[@]}" sh -c "valgrind --tool=callgrind --trace-children=yes --callgrind-out-file='$work/cg/pg.%p' \
	'$bindir/postgres' -D '$data' ${settings[*]} >'$work/valgrind.log' 2>&1 &"
wait_ready
psql "$admin" -qXc "CREATE DATABASE measured TEMPLATE base"
sleep 2 # the backends of psql write their counts when they exit
ls "$work/cg" >"$work/before"
DATABASE_URL=$(url measured) bin/newsfacts ingest --json --workers 1 "$work/new.jsonl" >"$work/ingest.json"
sleep 3
grep -q "\"created\":$new," "$work/ingest.json" || die "the ingest did not create $new articles: $(cat "$work/ingest.json")"
total=0
for f in "$work"/cg/pg.*; do
	grep -qx "$(basename "$f")" "$work/before" && continue
	n=$(awk '/^summary:/ {print $2; exit}' "$f")
	total=$((total + ${n:-0}))
done
[ "$total" -gt 0 ] || die "no callgrind counts of the ingest's backend in $work/cg"
echo "backend instructions per new article: $((total / new)) ($new articles into a database of $base)"
