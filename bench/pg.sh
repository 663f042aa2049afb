# bench/pg.sh: the --db postgresql mode of bench/run, sourced by it (it uses bench/run's options,
# pinning, temporary directory and helpers). In one run:
#   the audited client read (bench/read.lua, the same wrk load as (a)) on Hearth over SQLite and
#   on Hearth over PostgreSQL, and pgbench running the same SELECTs (bench/pg-read.sql) at the same
#   concurrency; prints the rates and the ratios PostgreSQL/SQLite and PostgreSQL/pgbench;
#   then the client search, each kind of query (bench/run's KINDS) on both backends.
# PostgreSQL is a throw-away cluster (tests/pg/cluster) with fsync and synchronous_commit on
# (BENCH_DURABLE=1), as durable as SQLite with synchronous=FULL. It runs on the server CPUs, as
# SQLite does inside Hearth, so both backends get the same cores; wrk and pgbench share the load
# generator's CPUs. The cluster is stopped and removed on exit (bench/run's cleanup).
# shellcheck shell=bash disable=SC2086,SC2034 # word splitting is meant; bench/run's helpers read TICKS, HDB, PERF_WIDE

# ---- PostgreSQL's programs (scripts/deps installs them) ----
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PG_BIN=$(pg_bindir)
if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pgbench" ]; then
    say "PostgreSQL missing: running scripts/deps"
    HEARTH_E2E=0 "$ROOT/scripts/deps"
    PG_BIN=$(pg_bindir)
    [ -x "$PG_BIN/pgbench" ] || die "no pgbench in /usr/lib/postgresql/*/bin after scripts/deps"
fi
PSQL=$PG_BIN/psql
PGBENCH=$PG_BIN/pgbench

# ---- a durable throw-away cluster, on the server CPUs (its processes inherit the affinity), or the
# database --pg-url gives (never stopped: PGDIR stays empty) ----
if [ -n "$PG_GIVEN" ]; then
    PG_URL=$PG_GIVEN
    PG_BASE=$PG_URL
    say "using the PostgreSQL database $PG_URL (--pg-url)"
else
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/hearth-bench-pg.XXXXXX") # bench/run's cleanup stops and removes it
say "starting a durable PostgreSQL cluster in $PGDIR on CPU $SRV_CPUS"
PG_BASE=$(BENCH_DURABLE=1 taskset -c "$SRV_CPUS" "$ROOT/tests/pg/cluster" start "$PGDIR") || die "tests/pg/cluster start failed"
PG_URL=${PG_BASE/\/postgres\?//bench?} # the same server, database 'bench'
[ "$PG_URL" != "$PG_BASE" ] || die "unexpected cluster URL $PG_BASE"
"$PSQL" -X -q "$PG_BASE" -c "CREATE DATABASE bench" || die "CREATE DATABASE bench failed"
fi
pg1() { "$PSQL" -X -A -t -q "$PG_URL" -c "$1"; } # one value from the bench database
PG_SETTINGS=""
for k in fsync synchronous_commit full_page_writes wal_sync_method shared_buffers max_wal_size; do
    PG_SETTINGS="$PG_SETTINGS $k=$(pg1 "SHOW $k")"
done
case "$PG_SETTINGS" in *" fsync=on synchronous_commit=on full_page_writes=on "*) ;; *)
    die "the cluster is not durable ($PG_SETTINGS); tests/pg/cluster must honour BENCH_DURABLE=1" ;;
esac
PG_VERSION=$(pg1 "SHOW server_version" | cut -d' ' -f1)
PGPM=$(head -n 1 "$(pg1 "SHOW data_directory")/postmaster.pid")

# tree_ticks PID...: CPU ticks of each process and its children, the live ones and (through
# cutime/cstime) those already reaped, so pgbench's short-lived backends are counted too.
tree_ticks() {
    local p q
    for p in "$@"; do
        for q in $p $(pgrep -P "$p" || true); do
            awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$q/stat" 2>/dev/null || true
        done
    done | awk '{s += $1} END{print s + 0}'
}
# pg_settle: wait (up to 5 s) until the backends of a finished client have exited and been reaped
PG_BASE_KIDS=$(pgrep -c -P "$PGPM" || true)
pg_settle() {
    for _ in $(seq 50); do
        [ "$(pgrep -c -P "$PGPM" || true)" -gt "$PG_BASE_KIDS" ] || return 0
        sleep 0.1
    done
}

# ---- the same data in both databases ----
gen() { # gen LABEL URL -> GEN_S
    local t0
    t0=$(date +%s.%N)
    "$HEARTH" demo --db "$2" --clients "$CLIENTS" --locale "$LOCALE" >"$WORK/demo-$1.log" 2>&1 || { cat "$WORK/demo-$1.log" >&2; die "hearth demo ($1) failed"; }
    GEN_S=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}')
}
if [ -n "$PG_GIVEN" ]; then # the same data: the copy of the SQLite file, and the database it was moved to
    sqlite3 "$DB_FILE" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    cp "$DB_FILE" "$WORK/hearth.db"
    install -m 600 "$DB_FILE.audit-key" "$WORK/hearth.db.audit-key"
    [ ! -f "$DB_FILE.audit-head" ] || cp "$DB_FILE.audit-head" "$WORK/hearth.db.audit-head"
    CLIENTS=$(sqlite3 "$WORK/hearth.db" "SELECT count(*) FROM clients")
    PG_CLIENTS=$(pg1 "SELECT count(*) FROM clients")
    [ "$PG_CLIENTS" = "$CLIENTS" ] || die "--pg-url holds $PG_CLIENTS clients, $DB_FILE $CLIENTS: not the same data"
    GEN_SQLITE=0 GEN_PG=0 # moved beforehand: see the data line
    cp "$HEARTH_AUDIT_KEY_DIR"/*.audit-key "$WORK/" 2>/dev/null || true
    export HEARTH_AUDIT_KEY_DIR=$WORK
elif [ -n "$DB_FILE" ]; then # the same data: a copy of the SQLite file, moved onto PostgreSQL by hearth itself
    say "copying $DB_FILE and moving it onto PostgreSQL (hearth migrate-data)"
    t0=$(date +%s.%N)
    sqlite3 "$DB_FILE" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    cp "$DB_FILE" "$WORK/hearth.db"
    install -m 600 "$DB_FILE.audit-key" "$WORK/hearth.db.audit-key"
    [ ! -f "$DB_FILE.audit-head" ] || cp "$DB_FILE.audit-head" "$WORK/hearth.db.audit-head"
    CLIENTS=$(sqlite3 "$WORK/hearth.db" "SELECT count(*) FROM clients")
    GEN_SQLITE=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}')
    t0=$(date +%s.%N)
    HEARTH_AUDIT_KEY_DIR=$WORK "$HEARTH" migrate-data --from "sqlite:$WORK/hearth.db" --to "$PG_URL" >"$WORK/migrate.log" 2>&1 ||
        { tail -20 "$WORK/migrate.log" >&2; die "hearth migrate-data failed"; }
    GEN_PG=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}')
    export HEARTH_AUDIT_KEY_DIR=$WORK
else
say "generating $CLIENTS clients in SQLite and in PostgreSQL (--locale $LOCALE)"
gen sqlite "$WORK/hearth.db"
GEN_SQLITE=$GEN_S
gen postgresql "$PG_URL"
GEN_PG=$GEN_S
fi
# As pgbench -i does: statistics for the planner and a checkpoint now, so that neither autovacuum
# nor a checkpoint of the bulk load lands in a measured run.
"$PSQL" -X -q "$PG_URL" -c "VACUUM ANALYZE" -c "CHECKPOINT" || die "VACUUM ANALYZE / CHECKPOINT failed"
DB_MB=$(du -m "$WORK/hearth.db" | cut -f1)
PG_MB=$(pg1 "SELECT pg_database_size(current_database()) / 1048576")
say "generated in ${GEN_SQLITE}s (SQLite, ${DB_MB} MB) and ${GEN_PG}s (PostgreSQL, ${PG_MB} MB)"

# ---- (1) Hearth on SQLite, (2) Hearth on PostgreSQL: the same wrk load as (a) ----
TICKS=tree_ticks
read_run() { # read_run LABEL DB: a fresh server, a token, the body, the wrk run
    HDB=$2
    start_hearth
    api_token
    local code
    code=$(curl -s -o "$WORK/body-$1.json" -w '%{http_code}' -H "Authorization: Bearer $HEARTH_TOKEN" "$H/api/v1/clients/1")
    [ "$code" = 200 ] || die "GET /api/v1/clients/1 on $1 answered $code"
    local pids=$HPID
    [ "$1" = sqlite ] || pids="$HPID $PGPM"
    PROFILE=1 run_wrk "read-$1" "$pids" "$WRK_THREADS" "$CONNS" "$HERE/read.lua" "$H/api/v1/clients/1"
    RSS=$(vmhwm_mb "$HPID")
    stop_hearth "$1"
}
PERF_WIDE=1
read_run sqlite "$WORK/hearth.db"
R_S=$R R_S_ERR=$ERRS R_S_CPU=$SRV_CPU R_S_WCPU=$WRK_CPU R_S_OCPU=$OTHER_CPU R_S_W=$WRITER R_S_RSS=$RSS
read_run postgresql "$PG_URL"
R_P=$R R_P_ERR=$ERRS R_P_CPU=$SRV_CPU R_P_WCPU=$WRK_CPU R_P_OCPU=$OTHER_CPU R_P_W=$WRITER R_P_RSS=$RSS
HDB=""
BODY_BYTES=$(wc -c <"$WORK/body-sqlite.json")
if cmp -s "$WORK/body-sqlite.json" "$WORK/body-postgresql.json"; then
    BODY_NOTE="byte-identical on both backends"
else
    BODY_NOTE="DIFFERS between the backends (see body-*.json with --keep)"
fi

# ---- (4) the client search, each kind of query, on SQLite then on PostgreSQL ----
search_run() { # search_run LABEL DB
    HDB=$2
    start_hearth
    api_token
    local q code
    IFS=, read -r -a qs <<<"$QUERIES"
    for q in "${qs[@]}"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $HEARTH_TOKEN" "$H/api/v1/clients?q=$(urlenc "$q")")
        [ "$code" = 200 ] || die "search for '$q' on $1 answered $code"
    done
    local keep=$PGPM
    [ "$1" = postgresql ] || PGPM=""
    search_kinds "$1"
    PGPM=$keep
    stop_hearth "search-$1"
}
search_run sqlite "$WORK/hearth.db"
search_run postgresql "$PG_URL"
HDB=""

# ---- (3) pgbench: the same SELECTs, the same concurrency, the same load-generator CPUs ----
PGB_ARGS=(-n -f "$HERE/pg-read.sql" -c "$CONNS" -j "$WRK_THREADS" -M prepared -D "clients=$CLIENTS")
run_pgbench() { # -> PGB_TPS, PGB_P50/P95/P99/MAX (ms, from pgbench's per-transaction log), CPU columns
    local t0 t1 c0 c1 b0 b1 x0 x
    wait_quiet
    taskset -c "$WRK_CPUS" "$PGBENCH" "${PGB_ARGS[@]}" -T "$WARMUP" "$PG_URL" >"$WORK/pgbench.warmup.txt" 2>&1 ||
        { cat "$WORK/pgbench.warmup.txt" >&2; die "pgbench (warm-up) failed"; }
    pg_settle
    mkdir -p "$WORK/pgbench-log"
    c0=$(tree_ticks "$PGPM")
    read -r b0 x0 <<<"$(sys_ticks)"
    t0=$(date +%s.%N)
    local TIMEFORMAT='%R %U %S'
    { time taskset -c "$WRK_CPUS" "$PGBENCH" "${PGB_ARGS[@]}" -T "$DURATION" -l --log-prefix="$WORK/pgbench-log/tx" \
        "$PG_URL" >"$WORK/pgbench.txt" 2>&1; } 2>"$WORK/pgbench.time" ||
        { cat "$WORK/pgbench.txt" >&2; die "pgbench failed"; }
    t1=$(date +%s.%N)
    read -r b1 x <<<"$(sys_ticks)"
    pg_settle
    c1=$(tree_ticks "$PGPM")
    PGB_TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/pgbench.txt")
    [ -n "$PGB_TPS" ] || { cat "$WORK/pgbench.txt" >&2; die "pgbench printed no tps"; }
    PGB_FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/pgbench.txt")
    # per-transaction log: client, transaction, latency in microseconds, ...
    read -r PGB_P50 PGB_P95 PGB_P99 PGB_MAX <<<"$(cat "$WORK"/pgbench-log/tx.* | awk '{print $3 / 1000}' | sort -n |
        awk '{v[NR] = $1} END{n = NR; split("50 95 99 100", p, " "); for (k = 1; k <= 4; k++) {i = int(p[k] / 100 * n + 0.999999);
            if (i < 1) i = 1; printf "%.3f ", v[i]}}')"
    SRV_CPU=$(awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$t1" -v hz="$CLK_TCK" 'BEGIN{printf "%.0f", 100 * (b - a) / hz / (e - s)}')
    WRK_CPU=$(awk '{printf "%.0f", 100 * ($2 + $3) / $1}' "$WORK/pgbench.time")
    OTHER_CPU=$(awk -v a="$b0" -v b="$b1" -v ta="$x0" -v tb="$x" -v n="$NCPU" -v sv="$SRV_CPU" -v w="$WRK_CPU" \
        'BEGIN{o = (tb > ta) ? 100 * n * (b - a) / (tb - ta) - sv - w : 0; if (o < 0) o = 0; printf "%.0f", o}')
    [ "$OTHER_CPU" -le "$BG_WORST" ] || BG_WORST=$OTHER_CPU
    say "pgbench: $PGB_TPS tps, p50 $PGB_P50 ms, p99 $PGB_P99 ms, failed $PGB_FAILED, PostgreSQL CPU ${SRV_CPU}%, pgbench CPU ${WRK_CPU}%, other CPU ${OTHER_CPU}%"
}
run_pgbench

# ---- report ----
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf "%.2f", a / b; else print "inf"}'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN{print (a >= b) ? "met" : "MISSED"}'; }
fmt() { awk -v v="$1" 'BEGIN{printf "%.0f", v}'; }
R_PS=$(ratio "$(kv rps "$R_P")" "$(kv rps "$R_S")")
R_PB=$(ratio "$(kv rps "$R_P")" "$PGB_TPS")
row() { # row LABEL RESULT ERRORS SERVER% WRK% OTHER%
    printf '%-34s %7s %7s %7s %7s %6s %6s %6s%% %4s%% %4s%%' "$1" "$(fmt "$(kv rps "$2")")" "$(kv p50_ms "$2")" \
        "$(kv p95_ms "$2")" "$(kv p99_ms "$2")" "$(kv max_ms "$2" | cut -d. -f1)" "$3" "$4" "$5" "$6"
}
HDR=$(printf '%-34s %7s %7s %7s %7s %6s %6s %7s %5s %5s' "" "req/s" "p50 ms" "p95 ms" "p99 ms" "max" "errors" "server" "load" "other")
BG_NOTE=""
[ "$BG_WORST" -lt 15 ] || BG_NOTE="
NOTE:     other processes used up to ${BG_WORST}% of a CPU during some runs (column 'other'): numbers are noisy"

cat <<EOF

Hearth benchmark, --db postgresql, $(date -u '+%Y-%m-%d %H:%M UTC')
command:  bench/run $BENCH_ARGS
machine:  $(nproc) CPUs, $CPU_MODEL; $(awk '/MemTotal/{printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo); $(uname -sr)
binary:   $HEARTH_SRC$STALE
data:     $CLIENTS clients (hearth demo --locale $LOCALE${DB_FILE:+, from $DB_FILE}${PG_GIVEN:+, on PostgreSQL the database --pg-url gave, moved there beforehand by hearth migrate-data}) in SQLite (${GEN_SQLITE}s, ${DB_MB} MB) and in PostgreSQL (${GEN_PG}s, ${PG_MB} MB, then VACUUM ANALYZE and CHECKPOINT)
postgres: PostgreSQL $PG_VERSION, $([ -n "$PG_GIVEN" ] && echo "the cluster of --pg-url" || echo "throw-away cluster (BENCH_DURABLE=1 tests/pg/cluster start)"):$PG_SETTINGS
pinning:  wrk and pgbench on CPU $WRK_CPUS; Hearth (--threads $THREADS) and the PostgreSQL cluster on CPU $SRV_CPUS
runs:     wrk -t$WRK_THREADS -c$CONNS and pgbench -c$CONNS -j$WRK_THREADS -M prepared, ${DURATION}s each after a ${WARMUP}s warm-up;
          CPU columns in % of one CPU: server = Hearth plus, on PostgreSQL, all PostgreSQL processes; load = wrk or pgbench$BG_NOTE

audited client read: GET /api/v1/clients/1 as cm1 (bearer token), $CONNS connections (bench/read.lua);
    hearth serve --synchronous FULL (SQLite: synchronous=FULL; PostgreSQL: synchronous_commit=on);
    body $BODY_BYTES bytes, $BODY_NOTE
    $HDR
    $(row "Hearth on SQLite" "$R_S" "$R_S_ERR" "$R_S_CPU" "$R_S_WCPU" "$R_S_OCPU")
    $(row "Hearth on PostgreSQL" "$R_P" "$R_P_ERR" "$R_P_CPU" "$R_P_WCPU" "$R_P_OCPU")
    $(printf '%-34s %7s %7s %7s %7s %6s %6s %6s%% %4s%% %4s%%' "pgbench, the same SELECTs" "$(fmt "$PGB_TPS")" "$PGB_P50" \
        "$PGB_P95" "$PGB_P99" "$(echo "$PGB_MAX" | cut -d. -f1)" "$PGB_FAILED" "$SRV_CPU" "$WRK_CPU" "$OTHER_CPU")
    Hearth writer on SQLite:     $R_S_W
    Hearth writer on PostgreSQL: $R_P_W
    Hearth peak RSS: SQLite $R_S_RSS MB, PostgreSQL $R_P_RSS MB; exit status on SIGTERM:$SHUTDOWN
    pgbench: bench/pg-read.sql (the 2 SELECTs of the read connection; random client 1..$CLIENTS; no audit write)
    => PostgreSQL/SQLite  = ${R_PS}x    [aim >= 0.5x: $(verdict "$R_PS" 0.5)]
    => PostgreSQL/pgbench = ${R_PB}x    [aim >= 0.7x: $(verdict "$R_PB" 0.7)]

client search: GET /api/v1/clients?q=... as cm1, 1 connection, each kind of query alone (its words in rotation,
    $((DURATION / 2 > 3 ? DURATION / 2 : 3))s each); server = Hearth plus, on PostgreSQL, all PostgreSQL processes; target p95 <= 5 ms
    on SQLite:
    $KIND_HDR
$(sed 's/^/    /' "$WORK/kinds-sqlite.txt")
    on PostgreSQL:
    $KIND_HDR
$(sed 's/^/    /' "$WORK/kinds-postgresql.txt")
EOF
