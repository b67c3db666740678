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
#   2. copies it (natively), migrates the copy with the binary under test and runs BENCH_SQL
#      in it, if set;
#   3. restarts the cluster under valgrind's callgrind, with every backend traced;
#   4. ingests the next BENCH_NEW articles with --workers 1 into the copy;
#   5. prints the instructions of the backend(s) that served the ingest, per article, the
#      functions that ran the most of them (exclusive, callgrind_annotate), and what the ingest
#      cost the cluster in I/O per article: WAL bytes, full-page images, buffers allocated and
#      buffers the backend had to write out itself to make room (pg_stat_wal, pg_stat_bgwriter;
#      checkpoints come only from WAL volume here, so these do not depend on the machine's
#      speed either, except the split of writes between the backend and the background
#      writer, which runs on a timer).
#
# Knobs (environment): BENCH_BASE (3000), BENCH_NEW (200), BENCH_PG_PORT (54329),
# BENCH_PG_BIN (the directory of initdb and postgres; default: `pg_config --bindir`, else the
# newest /usr/lib/postgresql/*/bin),
# BENCH_KEEP=1 (keep the cluster's directory and print it), BENCH_DIR=dir (start from a
# directory an earlier run kept, skipping step 1: its base database must hold exactly
# BENCH_BASE articles of the same corpus; the binary under test may be newer, step 2 migrates
# the copy), BENCH_SQL (SQL run in the copy before the measured ingest, e.g. to disable a
# trigger for a comparison), BENCH_PG_SETTINGS (more server settings, e.g.
# "-c shared_buffers=1GB -c max_wal_size=8GB"; the default is PostgreSQL's own: 128MB, 1GB).
# It needs valgrind, a PostgreSQL server installation and a Go toolchain; as root, the cluster
# runs as the user postgres. It takes about five minutes at the default base, most of it under
# valgrind, and about half an hour at BENCH_BASE=30000.
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

if [ -n "${BENCH_DIR:-}" ]; then
	work="$BENCH_DIR"
	[ -f "$work/data/PG_VERSION" ] || die "BENCH_DIR=$work holds no cluster kept by an earlier run"
	BENCH_KEEP=1 # never delete what the caller named
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ingest-instr.XXXXXX")
fi
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
	-c autovacuum=off -c shared_buffers=128MB -c checkpoint_timeout=1h ${BENCH_PG_SETTINGS:-})
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

if [ -z "${BENCH_DIR:-}" ]; then
	echo "bench-ingest-instr: initdb on port $port; ingesting $base articles natively" >&2
	"${as_owner[@]}" "$bindir/initdb" -D "$data" -A trust -U postgres >"$work/initdb.log"
	"${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/log" -o "${settings[*]}" start >/dev/null
	wait_ready
	psql "$admin" -qXc "CREATE DATABASE base"
	DATABASE_URL=$(url base) bin/newsfacts migrate up >/dev/null
	DATABASE_URL=$(url base) bin/newsfacts ingest --json "$work/base.jsonl" >/dev/null
else
	echo "bench-ingest-instr: reusing the cluster in $work" >&2
	"${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/log" -o "${settings[*]}" start >/dev/null
	wait_ready
	stored=$(psql "$(url base)" -qXAtc 'SELECT count(*) FROM articles')
	[ "$stored" -eq "$base" ] || die "the kept base database holds $stored articles, not BENCH_BASE=$base (the new articles are the $new after the first BENCH_BASE)"
fi
psql "$admin" -qXc "DROP DATABASE IF EXISTS measured" -c "CREATE DATABASE measured TEMPLATE base STRATEGY FILE_COPY"
DATABASE_URL=$(url measured) bin/newsfacts migrate up >/dev/null
if [ -n "${BENCH_SQL:-}" ]; then
	psql "$(url measured)" -qX -v ON_ERROR_STOP=1 -c "$BENCH_SQL" >/dev/null
fi
# Statistics as autovacuum would have them (it is off here, so that nothing else runs).
psql "$(url measured)" -qXc "VACUUM ANALYZE" >/dev/null
psql "$(url measured)" -qXc "CHECKPOINT" >/dev/null # every run starts its WAL at a checkpoint
stop

echo "bench-ingest-instr: restarting under callgrind; ingesting $new articles" >&2
rm -rf "$work/cg"
mkdir -m 777 "$work/cg"
"${as_owner[@]}" sh -c "valgrind --tool=callgrind --trace-children=yes --callgrind-out-file='$work/cg/pg.%p' \
	'$bindir/postgres' -D '$data' ${settings[*]} >'$work/valgrind.log' 2>&1 &"
wait_ready
psql "$admin" -qXAt -c "SELECT pg_stat_reset_shared('wal')" -c "SELECT pg_stat_reset_shared('bgwriter')" >/dev/null
sleep 2 # the backends of psql write their counts when they exit
ls "$work/cg" >"$work/before"
DATABASE_URL=$(url measured) bin/newsfacts ingest --json --workers 1 "$work/new.jsonl" >"$work/ingest.json"
sleep 3
grep -q "\"created\":$new," "$work/ingest.json" || die "the ingest did not create $new articles: $(cat "$work/ingest.json")"
total=0 top=0 topfile=
for f in "$work"/cg/pg.*; do
	grep -qx "$(basename "$f")" "$work/before" && continue
	n=$(awk '/^summary:/ {print $2; exit}' "$f")
	total=$((total + ${n:-0}))
	if [ "${n:-0}" -gt "$top" ]; then
		top=${n:-0} topfile=$f
	fi
done
[ "$total" -gt 0 ] || die "no callgrind counts of the ingest's backend in $work/cg"
if command -v callgrind_annotate >/dev/null 2>&1; then
	echo "functions of the busiest backend, exclusive ($topfile):"
	callgrind_annotate --threshold=90 "$topfile" 2>/dev/null | sed -n '/file:function/,$p' | sed -n '3,42p' || true
fi
psql "$admin" -qXAt -F ' ' -c "SELECT 'per new article: WAL bytes', wal_bytes / $new, 'full-page images', wal_fpi / $new FROM pg_stat_wal" \
	-c "SELECT 'per new article: buffers allocated (read or extended)', buffers_alloc / $new, 'written by the backend', buffers_backend / $new, 'checkpoints', checkpoints_req FROM pg_stat_bgwriter"
echo "backend instructions per new article: $((total / new)) ($new articles into a database of $base)"
