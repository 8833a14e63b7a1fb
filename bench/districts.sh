#!/usr/bin/env bash
# bench/districts.sh: times renoplan's build_districts against PostGIS on the communities of the
# synthetic 10,000- and 100,000-community towns, side by side in one run, and compares the
# results (district counts, partitions by smallest member FID, areas).
#
#   bench/districts.sh         build, generate the towns once (bench/work/), load them into a
#                              throwaway PostgreSQL/PostGIS cluster, run, print a markdown table
#
# renoplan rows: bench/districts_bench (build_districts only; loading excluded) with barriers and
# caps off and every community taking part (members=all), D = 50 m:
#   - closing c = 25 m (the default D/2): the full result, outline = closing ∪ members;
#   - closing c = 0: the members' union only, like for like with ST_ClusterWithin + ST_Union.
# PostGIS rows (GiST index, ANALYZE, jit off; loading excluded, timed with psql's \timing):
#   - ST_ClusterWithin(geom, 50) unnested;
#   - the same + ST_UnaryUnion per cluster (ST_Union of each cluster's members);
#   - the same + ST_Buffer(ST_Buffer(.., 25), -25), the closing.
# The partition and the areas are compared once, untimed, through ST_ClusterDBSCAN(geom, 50, 1)
# (single linkage within 50 m, the same clusters as ST_ClusterWithin) grouped by cluster.
#
# Environment:
#   RENOPLAN_BUILD_DIR  build folder (default build/, as scripts/build.sh)
#   BENCH_RUNS          alternating runs per row and town (default 3; medians are reported)
#   BENCH_JOBS          renoplan worker threads (default: all cores)
#   BENCH_MAX_LOAD      wait while the 1-minute load average is above this (default 1.0) ...
#   BENCH_WAIT_S        ... for at most this many seconds, then run anyway and say so (default 900)
#   BENCH_QUICK=1       only the 10,000-community town (a check of the script, not a result)
#
# Needs: gdal-bin (ogr2ogr), postgresql-15 and postgis (scripts/deps.sh), Debian's python3. The
# results (one JSON line per run) and the table are kept in bench/work/.
set -euo pipefail
cd "$(dirname "$0")/.."

bench_name=districts
source bench/lib.sh
runs=${BENCH_RUNS:-3}
jobs=${BENCH_JOBS:-$(nproc)}
py=/usr/bin/python3

# --- tools -----------------------------------------------------------------------------------
need_tools cmake ninja ogr2ogr psql geos-config
[[ -x $py ]] || die "$py not found"

# --- 1. build --------------------------------------------------------------------------------
build_targets districts_bench
bench=$build_dir/bench/districts_bench

# --- 2. inputs (generated once, shared with bench/ingest.sh) --------------------------------
prepare_towns

# --- 3. a throwaway PostGIS cluster ----------------------------------------------------------
start_postgis
psql+=(-At)
postgis_version=$("${psql[@]}" -d town -c "SELECT 'PostGIS ' || postgis_lib_version() || ' (GEOS '
    || postgis_geos_version() || '), ' || split_part(version(), ' on ', 1)")
for t in "${towns[@]}"; do
    echo "== loading town$t communities into PostGIS" >&2
    ogr2ogr -f PostgreSQL "$conn" "$work/town$t.gpkg" communities -nln "c$t" -preserve_fid \
        -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=NONE
    "${psql[@]}" -d town -c "CREATE INDEX ON c$t USING GIST (geom); ANALYZE c$t"
done

# pg_time TABLE SQL: runs SQL (with TABLE substituted) once, prints '<ms>\t<result row>'
pg_time() {
    local sql=${2//TABLE/$1} out ms row
    out=$("${psql[@]}" -d town <<EOF
\\timing on
$sql;
EOF
    ) || die "PostGIS query failed: $sql"
    ms=$(grep -m1 '^Time: ' <<<"$out" | sed -E 's/^Time: ([0-9.]+) ms.*/\1/')
    row=$(grep -v '^Time: ' <<<"$out" | head -n 1)
    printf '%s\t%s\n' "$ms" "$row"
}
q_cluster="SELECT count(*), sum(ST_NumGeometries(c)) FROM unnest((SELECT ST_ClusterWithin(geom, 50) FROM TABLE)) c"
q_union="SELECT count(*), sum(ST_Area(u)) FROM (SELECT ST_UnaryUnion(c) u FROM unnest((SELECT ST_ClusterWithin(geom, 50) FROM TABLE)) c) t"
q_closing="SELECT count(*), sum(ST_Area(u)) FROM (SELECT ST_Buffer(ST_Buffer(ST_UnaryUnion(c), 25), -25) u FROM unnest((SELECT ST_ClusterWithin(geom, 50) FROM TABLE)) c) t"

# --- 4. comparison of the results (untimed) -------------------------------------------------
stamp=$(date -u +%Y%m%d-%H%M%S)
for t in "${towns[@]}"; do
    echo "== comparing results on town$t" >&2
    "${psql[@]}" -d town -F $'\t' >"$work/districts-$t-postgis.tsv" <<EOF
SELECT min(fid), count(*), ST_Area(ST_Union(geom)),
       ST_Area(ST_Buffer(ST_Buffer(ST_Union(geom), 25), -25))
FROM (SELECT fid, geom, ST_ClusterDBSCAN(geom, eps := 50, minpoints := 1) OVER () AS cid
      FROM c$t) t
GROUP BY cid ORDER BY 1
EOF
    "$bench" "$work/town$t.gpkg" --runs 1 --dump "$work/districts-$t-closed.tsv" >/dev/null
    "$bench" "$work/town$t.gpkg" --runs 1 --closing 0 --dump "$work/districts-$t-union.tsv" \
        >/dev/null
done

# --- quiet machine ---------------------------------------------------------------------------
wait_for_quiet

# --- 5. timed runs, alternating --------------------------------------------------------------
results=$work/districts-$stamp.jsonl
: >"$results"
record() { # record TOWN ROW RUN SECONDS DETAIL_JSON
    printf '{"town":"%s","row":"%s","run":%d,"seconds":%s,"detail":%s}\n' \
        "$1" "$2" "$3" "$4" "$5" >>"$results"
}
renoplan_row() { # renoplan_row TOWN ROW RUN ARGS...
    local town=$1 row=$2 run=$3 line seconds
    shift 3
    line=$("$bench" "$work/town$town.gpkg" --runs 1 "$@" | tail -n 1) ||
        die "districts_bench failed on town$town"
    [[ $line == "{"* ]] || die "districts_bench printed no JSON: $line"
    seconds=$($py -c 'import json, sys; print(json.loads(sys.argv[1])["seconds_min"])' "$line")
    record "$town" "$row" "$run" "$seconds" "$line"
}
postgis_row() { # postgis_row TOWN ROW RUN SQL
    local town=$1 row=$2 run=$3 out ms
    out=$(pg_time "c$town" "$4")
    ms=${out%%$'\t'*}
    record "$town" "$row" "$run" "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" \
        "\"${out#*$'\t'}\""
}
for t in "${towns[@]}"; do
    echo "== town$t: warm-up" >&2
    pg_time "c$t" "$q_cluster" >/dev/null # table and index into the buffer cache
    "$bench" "$work/town$t.gpkg" --runs 1 --closing 0 >/dev/null
    for ((r = 1; r <= runs; r++)); do
        echo "== town$t: run $r/$runs" >&2
        renoplan_row "$t" "renoplan, closing 25 m, $jobs jobs" "$r" --jobs "$jobs"
        renoplan_row "$t" "renoplan, closing 25 m, 1 job" "$r" --jobs 1
        renoplan_row "$t" "renoplan, union only, $jobs jobs" "$r" --jobs "$jobs" --closing 0
        renoplan_row "$t" "renoplan, union only, 1 job" "$r" --jobs 1 --closing 0
        postgis_row "$t" "PostGIS ST_ClusterWithin" "$r" "$q_cluster"
        postgis_row "$t" "PostGIS ST_ClusterWithin + ST_Union" "$r" "$q_union"
        postgis_row "$t" "PostGIS ST_ClusterWithin + ST_Union + closing" "$r" "$q_closing"
    done
done
load_end=$(load1)

# --- 6. report -------------------------------------------------------------------------------
facts=$(
    cat <<EOF
{"date":"$(date -u '+%Y-%m-%d %H:%M UTC')", "nproc":$(nproc),
 "cpu":"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')",
 "geos":"$(geos-config --version)", "postgis":"$postgis_version",
 "load_start":"$load_start", "load_end":"$load_end", "max_load":"$max_load",
 "waited_s":$waited, "runs":$runs, "jobs":$jobs}
EOF
)
report=$work/districts-$stamp.md
$py bench/districts_report.py "$results" "$facts" "$work" "${towns[@]}" | tee "$report"
echo "(results: $results, table: $report)" >&2
