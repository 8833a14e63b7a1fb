# bench/lib.sh: what the benchmark scripts share. Source it from bench/<name>.sh after
# `cd "$(dirname "$0")/.."` with bench_name set:
#
#   bench_name=districts; source bench/lib.sh
#
# Provides: die, need_tools, build_targets, generate_town, prepare_towns, start_postgis,
# wait_for_quiet, load1, machine_facts.
# Uses (with defaults): RENOPLAN_BUILD_DIR (build), BENCH_MAX_LOAD (1.0), BENCH_WAIT_S (900).

build_dir=${RENOPLAN_BUILD_DIR:-build}
work=bench/work
max_load=${BENCH_MAX_LOAD:-1.0}
wait_s=${BENCH_WAIT_S:-900}

die() {
    echo "bench/${bench_name:-bench}.sh: $*" >&2
    exit 1
}

# need_tools TOOL...: each on PATH, else a message naming the set-up step.
need_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "'$tool' not found; run scripts/deps.sh"
    done
}

# build_targets EXE...: builds renoplan (scripts/build.sh) and checks that each bench
# executable (a name under $build_dir/bench/) is there. Sets $renoplan.
build_targets() {
    echo "== build ($build_dir)" >&2
    RENOPLAN_BUILD_DIR=$build_dir scripts/build.sh >&2
    renoplan=$build_dir/app/renoplan
    local exe
    for exe in "$renoplan" "${@/#/$build_dir/bench/}"; do
        [[ -x $exe ]] || die "$exe not built; configure with -DRENOPLAN_BUILD_BENCH=ON"
    done
}

# generate_town COMMUNITIES FILE: the synthetic town, generated once (kept in bench/work/).
generate_town() {
    [[ -f $2 ]] && return 0
    mkdir -p "$(dirname "$2")"
    echo "== generating $2 ($1 communities)" >&2
    rm -f "$2.tmp.gpkg"
    "$renoplan" generate -q --communities "$1" -o "$2.tmp.gpkg"
    mv "$2.tmp.gpkg" "$2"
}

# prepare_towns: sets $towns (10k, and 100k unless BENCH_QUICK=1) and generates
# bench/work/town<t>.gpkg for each once.
prepare_towns() {
    towns=(10k)
    [[ ${BENCH_QUICK:-0} == 1 ]] || towns+=(100k)
    local t
    for t in "${towns[@]}"; do
        generate_town "${t%k}000" "$work/town$t.gpkg"
    done
}

# start_postgis: a throwaway PostgreSQL/PostGIS cluster in /tmp (removed on exit), JIT off,
# with a database "town" holding the postgis extension. Sets $psql (a command array: psql with
# the connection and ON_ERROR_STOP), $conn (a GDAL PG: connection string) and $pgbin.
start_postgis() {
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n $pgbin && -x $pgbin/initdb ]] ||
        die "PostgreSQL server binaries not found (postgresql-15; scripts/deps.sh)"
    pgdir=$(mktemp -d "/tmp/renoplan-$bench_name-pg.XXXXXX")
    as_pg=()
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres "$pgdir"
        as_pg=(runuser -u postgres --)
    fi
    trap stop_postgis EXIT
    echo "== PostGIS cluster in $pgdir" >&2
    "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
    local port=$((20000 + RANDOM % 20000))
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
        -o "-k $pgdir -p $port -c listen_addresses='' -c jit=off -c shared_buffers=512MB" \
        start >/dev/null
    export PGOPTIONS="--client-min-messages=warning"
    psql=(psql -X -q -h "$pgdir" -p "$port" -U postgres -v ON_ERROR_STOP=1)
    "${psql[@]}" -d postgres -c "CREATE DATABASE town"
    "${psql[@]}" -d town -c "CREATE EXTENSION postgis"
    conn="PG:host=$pgdir port=$port user=postgres dbname=town"
}

stop_postgis() {
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# machine_facts: the machine as JSON object members (no braces), for the reports:
# "date":..,"nproc":..,"cpu":..,"memory":..
machine_facts() {
    printf '"date":"%s",\n "nproc":%s,\n "cpu":"%s",\n "memory":"%s"' \
        "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" \
        "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
        "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
}

# wait_for_quiet: waits while the 1-minute load average is above $max_load, at most $wait_s
# seconds, then goes on anyway. Sets $waited (seconds) and $load_start.
wait_for_quiet() {
    waited=0
    while awk -v a="$(load1)" -v b="$max_load" 'BEGIN { exit !(a > b) }' &&
        ((waited < wait_s)); do
        echo "== load average $(load1) > $max_load; waiting (${waited}s of ${wait_s}s)" >&2
        sleep 30
        waited=$((waited + 30))
    done
    load_start=$(load1)
}
