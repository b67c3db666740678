# bench-urls.sh is sourced by the benchmark scripts. Given DATABASE_URL and bench_db, it sets
# bench_url (the benchmark's own database), admin_url (the maintenance database, to create and
# drop it), both on the same server with the same parameters, and db_host (the server's host).
# It needs the sourcing script's die function.

# Split postgres://user@host:port/db?params into the server part and the parameters.
case "$DATABASE_URL" in
postgres://* | postgresql://*) ;;
*) die "DATABASE_URL must be a postgres:// URL, got '${DATABASE_URL%%\?*}'" ;;
esac
params=""
if [[ "$DATABASE_URL" == *\?* ]]; then
	params="?${DATABASE_URL#*\?}"
fi
rest="${DATABASE_URL%%\?*}"
scheme="${rest%%://*}://"
rest="${rest#*://}"
authority="${rest%%/*}"
hostport="${authority##*@}"
db_host="${hostport%:*}"
db_host="${db_host#[}"
db_host="${db_host%]}"
bench_url="$scheme$authority/$bench_db$params"
admin_url="$scheme$authority/postgres$params"
unset params rest scheme authority hostport
