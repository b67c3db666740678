#!/bin/sh
# Entry point of the standby: clone the primary once (pg_basebackup -R writes the streaming
# settings and standby.signal), then run PostgreSQL as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
	until pg_isready -q -h db-primary -U postgres; do sleep 1; done
	mkdir -p "$PGDATA"
	chown postgres:postgres "$PGDATA"
	chmod 700 "$PGDATA"
	gosu postgres pg_basebackup -d "host=db-primary user=postgres password=$POSTGRES_PASSWORD" \
		-D "$PGDATA" -R -X stream -c fast
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on
