#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/pg_trgm.sh: PostgreSQL pg_trgm on the benchmark's accounts, for
# comparison with libl2a.
#
#   bench/pg_trgm.sh --accounts ACCOUNTS.csv --sample SAMPLE.csv
#
# SAMPLE.csv has person_id,company_name,account_id (the right account).
# A throwaway cluster is created in a temporary folder, listens only on a
# unix socket in that folder, and is stopped and deleted at the end, always.
#
# What is measured (one JSON object on stdout, progress on stderr):
#   load_s       COPY of the accounts file into a staging table, then
#                accounts(account_id, name) with the names as given
#                (pg_trgm lowercases and drops punctuation by itself);
#   gin_build_s  CREATE INDEX ... USING gin (name gin_trgm_ops);
#   mean_ms, p99_ms
#                per lead, the prepared statement
#                  SELECT account_id FROM accounts WHERE name % $1
#                  ORDER BY similarity(name, $1) DESC LIMIT 1
#                run once per sample name through psql \gexec with \timing
#                (client-side time over the unix socket, cache warm);
#   top1, answered
#                share of sample names whose returned account is the right
#                one, and share that return any row at all.
# Settings: shared_buffers 1GB, maintenance_work_mem 1GB, work_mem 64MB,
# fsync off; the default pg_trgm.similarity_threshold (0.3).
set -euo pipefail

accounts='' sample=''
die() { echo "pg_trgm.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --accounts) accounts=$2; shift 2 ;;
        --sample) sample=$2; shift 2 ;;
        -h|--help) sed -n '4,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1" ;;
    esac
done
if [ ! -f "$accounts" ] || [ ! -f "$sample" ]; then
    die "usage: pg_trgm.sh --accounts FILE --sample FILE"
fi

bindir=
for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && bindir=$d
done
[ -n "$bindir" ] || die "PostgreSQL server binaries not found (install postgresql-15 postgresql-contrib)"
command -v psql >/dev/null 2>&1 || die "psql not found"

# initdb and the server write to /dev/null: it must be the device.
[ -c /dev/null ] || die "/dev/null is not a character device (restore it: mknod -m 666 /dev/null c 1 3)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/l2a-pg.XXXXXX")
pgdata=$tmp/data
port=5432
started=0

# PostgreSQL refuses to run as root: then the cluster belongs to "postgres".
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a postgres user"
    chown postgres "$tmp"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

cleanup() {
    if [ "$started" = 1 ]; then
        as_pg "$bindir/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }

as_pg "$bindir/initdb" -D "$pgdata" -U bench -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
    || die "initdb failed"
as_pg "$bindir/pg_ctl" -D "$pgdata" -l "$tmp/server.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$tmp' -c port=$port -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB \
        -c maintenance_work_mem=1GB -c work_mem=64MB -c max_wal_size=8GB" start >/dev/null \
    || { cat "$tmp/server.log" >&2; die "the server did not start"; }
started=1

q() { psql -X -q -h "$tmp" -p "$port" -U bench -d postgres -v ON_ERROR_STOP=1 "$@"; }

q -c "CREATE EXTENSION pg_trgm"

# Staging table with every column of the file, as text.
header=$(head -n 1 "$accounts" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')
cols=$(echo "$header" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i }')
echo "$header" | tr ',' '\n' | grep -qx account_id || die "no account_id column in $accounts"
echo "$header" | tr ',' '\n' | grep -qx name || die "no name column in $accounts"

echo "pg_trgm.sh: loading $(($(wc -l < "$accounts") - 1)) accounts" >&2
start=$(now)
q -c "CREATE UNLOGGED TABLE accounts_raw ($cols)"
q -c "\\copy accounts_raw FROM STDIN WITH (FORMAT csv, HEADER true)" < "$accounts"
q -c "CREATE TABLE accounts AS SELECT account_id, name FROM accounts_raw WHERE name <> ''" \
  -c "DROP TABLE accounts_raw" -c "ANALYZE accounts"
load_s=$(elapsed "$start" "$(now)")

echo "pg_trgm.sh: building the GIN index" >&2
start=$(now)
q -c "CREATE INDEX accounts_name_trgm ON accounts USING gin (name gin_trgm_ops)"
gin_s=$(elapsed "$start" "$(now)")
index_mb=$(q -At -c "SELECT round(pg_relation_size('accounts_name_trgm') / 1048576.0, 1)")
threshold=$(q -At -c "SELECT show_limit()")

q -c "CREATE TABLE leads (ord serial, person_id text, company_name text, account_id text)"
q -c "\\copy leads (person_id, company_name, account_id) FROM STDIN WITH (FORMAT csv, HEADER true)" < "$sample"
n=$(q -At -c "SELECT count(*) FROM leads")

# Accuracy (and a warm cache): the same query for every lead in one statement.
echo "pg_trgm.sh: matching $n lead names" >&2
read -r top1 answered < <(q -At -F ' ' -c "
    SELECT round(count(*) FILTER (WHERE r.account_id = l.account_id)::numeric / count(*), 6),
           round(count(r.account_id)::numeric / count(*), 6)
    FROM leads l
    LEFT JOIN LATERAL (
        SELECT a.account_id FROM accounts a WHERE a.name % l.company_name
        ORDER BY similarity(a.name, l.company_name) DESC LIMIT 1) r ON true")

# Latency: the prepared statement once per lead, each timed by psql.
q -At -c "SELECT format('EXECUTE m(%L);', company_name) FROM leads ORDER BY ord" > "$tmp/execute.sql"
times=$( { echo "PREPARE m(text) AS SELECT account_id FROM accounts WHERE name % \$1"
           echo "    ORDER BY similarity(name, \$1) DESC LIMIT 1;"
           printf '%s\n' '\timing on'
           cat "$tmp/execute.sql"; } | q -f - | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
read -r mean_ms p99_ms count < <(echo "$times" | sort -g | awk '
    NF { v[++k] = $1; s += $1 }
    END { if (k == 0) { print "0 0 0"; exit }
          i = int(0.99 * (k - 1) + 0.5) + 1; printf "%.4f %.4f %d\n", s / k, v[i], k }')
[ "$count" -eq "$n" ] || die "expected $n timings, got $count"

cat <<EOF
{"sample": $n, "load_s": $load_s, "gin_build_s": $gin_s, "index_mb": $index_mb,
 "similarity_threshold": $threshold, "mean_ms": $mean_ms, "p99_ms": $p99_ms,
 "top1": $top1, "answered": $answered,
 "server_version": "$(q -At -c 'SHOW server_version' | sed 's/"//g')"}
EOF
