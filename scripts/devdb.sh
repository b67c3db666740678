#!/usr/bin/env bash
# devdb.sh finds a PostgreSQL server for `make run` and `make test`, and prints its DATABASE_URL.
#
#   devdb.sh url    DATABASE_URL if set; else the server on 127.0.0.1:5432 if it answers; else a
#                   private cluster under .data/pg (created and started on a free port when the
#                   PostgreSQL server binaries are installed).
#   devdb.sh stop   stops the private cluster, if it runs.
#
# The private cluster lets a newcomer with only the server binaries installed run everything
# without configuring a system service. Its data stays in .data/ (git-ignored).
set -euo pipefail

cd "$(dirname "$0")/.."
datadir="$PWD/.data/pg"
dbname="${NEWSFACTS_DB_NAME:-newsfacts}"

answers() { # host port
	if command -v pg_isready >/dev/null 2>&1; then
		pg_isready -q -h "$1" -p "$2" -t 3
	else
		(exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
	fi
}

pgbin() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then
		echo "$d"
	elif command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v pg_ctl)"
	fi
}

# as_owner runs a server binary as the cluster's owner: PostgreSQL refuses to run as root.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	local p
	for p in $(seq 54329 54399); do
		if ! answers 127.0.0.1 "$p"; then
			echo "$p"
			return
		fi
	done
	echo "devdb: no free port in 54329..54399" >&2
	exit 1
}

start_private() {
	local bin port
	bin=$(pgbin)
	if [ -z "$bin" ]; then
		echo "devdb: no PostgreSQL answers on 127.0.0.1:5432 and no server binaries are installed." >&2
		echo "devdb: install PostgreSQL (e.g. apt-get install postgresql), or set DATABASE_URL." >&2
		exit 2
	fi
	if [ ! -f "$datadir/PG_VERSION" ]; then
		mkdir -p "$datadir"
		[ "$(id -u)" = 0 ] && chown postgres "$datadir"
		chmod 700 "$datadir"
		as_owner "$bin/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 >/dev/null
	fi
	if [ -f "$datadir/port" ] && answers 127.0.0.1 "$(cat "$datadir/port")"; then
		return
	fi
	port=$(free_port)
	as_owner "$bin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
		-o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
	echo "$port" >"$datadir/port"
	echo "devdb: started a private PostgreSQL on 127.0.0.1:$port (data in .data/pg; 'make db-stop' stops it)" >&2
}

case "${1:-url}" in
url)
	if [ -n "${DATABASE_URL:-}" ]; then
		echo "$DATABASE_URL"
	elif answers 127.0.0.1 5432; then
		echo "postgres://postgres@127.0.0.1:5432/$dbname?sslmode=disable"
	else
		start_private
		echo "postgres://postgres@127.0.0.1:$(cat "$datadir/port")/$dbname?sslmode=disable"
	fi
	;;
stop)
	bin=$(pgbin)
	if [ -n "$bin" ] && [ -f "$datadir/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$datadir" -m fast stop >/dev/null
		echo "devdb: stopped the private PostgreSQL in .data/pg" >&2
	else
		echo "devdb: no private PostgreSQL is running" >&2
	fi
	;;
*)
	echo "usage: devdb.sh url|stop" >&2
	exit 2
	;;
esac
