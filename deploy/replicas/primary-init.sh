#!/bin/sh
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d): the
# image's pg_hba.conf lets "all" databases in, which does not cover replication connections.
set -eu
echo "host replication all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
