#!/usr/bin/env bash
# bench/spare_land.sh: times renoplan's spare-land analysis (find_spare_land) against the
# equivalent PostGIS query on the synthetic 10,000- and 100,000-community towns, side by side,
# compares their pieces community by community, and prints a markdown table.
#
#   bench/spare_land.sh         build, generate the towns once (bench/work/), load them into a
#                               throwaway PostGIS cluster, run, compare, print
#
# The areas are the community polygons (the districts analysis is not used: a community is the
# smallest district, and the PostGIS query would need the same districts). Obstacles: buildings
# buffered by 6 m, roads by half their width, water as it is; pieces of at least 200 m2 whose
# maximum inscribed circle has a radius of at least 3 m are kept. Loading is not timed, neither
# for renoplan (bench_spare_land times find_spare_land only) nor for PostGIS (the tables are
# loaded, indexed and analysed before; the query's server time is taken from psql's \timing).
#
# Environment:
#   RENOPLAN_BUILD_DIR  build folder (default build/, as scripts/build.sh)
#   BENCH_RUNS          runs per tool and town, alternating (default 3)
#   BENCH_MAX_LOAD      wait while the 1-minute load average is above this (default 1.0) ...
#   BENCH_WAIT_S        ... for at most this many seconds, then run anyway and say so (default 900)
#   BENCH_QUICK=1       only the 10,000-community town, one run (a check of the script)
#
# Needs: the Debian postgresql-15 and postgis packages (scripts/deps.sh), gdal-bin, python3.
# Results (one JSON line per run) and the report are kept in bench/work/spare-*.jsonl / .md.
set -euo pipefail
cd "$(dirname "$0")/.."

bench_name=spare_land
source bench/lib.sh
runs=${BENCH_RUNS:-3}
towns=(10000 100000)
if [[ ${BENCH_QUICK:-0} == 1 ]]; then
    towns=(10000)
    runs=1
fi

# --- tools -----------------------------------------------------------------------------------
need_tools cmake ninja ogr2ogr psql python3 nproc

# --- 1. build --------------------------------------------------------------------------------
build_targets bench_spare_land
bench=$build_dir/bench/bench_spare_land

# --- 2. towns (generated once) ---------------------------------------------------------------
town_file() { [[ $1 == 10000 ]] && echo "$work/town10k.gpkg" || echo "$work/town100k.gpkg"; }
for n in "${towns[@]}"; do
    generate_town "$n" "$(town_file "$n")"
done

# --- 3. a throwaway PostGIS cluster, loaded and indexed (not timed) ----------------------------
start_postgis
for n in "${towns[@]}"; do
    f=$(town_file "$n")
    echo "== loading $f into PostGIS (t${n}_*)" >&2
    for layer in communities buildings roads water; do
        ogr2ogr -f PostgreSQL "$conn" "$f" "$layer" -nln "t${n}_$layer" -lco GEOMETRY_NAME=geom \
            -lco FID=fid -preserve_fid -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES
    done
done
"${psql[@]}" -d town -c "VACUUM ANALYZE"

# The PostGIS query: per community, the union of the buffered obstacles (the roads' index search
# uses the largest half width, then each road its own), the difference, its parts, the area
# filter, the inscribed circle once per remaining part (a LATERAL function call).
query() { # query N TABLE
    local n=$1 table=$2 reach
    reach=$("${psql[@]}" -d town -At -c "SELECT coalesce(max(width_m), 0) / 2.0 FROM t${n}_roads")
    cat <<EOF
DROP TABLE IF EXISTS $table;
\timing on
CREATE TABLE $table AS
WITH diff AS (
  SELECT c.fid, ST_Difference(c.geom, coalesce(o.u, 'POLYGON EMPTY'::geometry)) AS g
  FROM t${n}_communities c
  CROSS JOIN LATERAL (
    SELECT ST_Union(x.g) AS u FROM (
      SELECT ST_Buffer(b.geom, 6) AS g FROM t${n}_buildings b
       WHERE ST_DWithin(b.geom, c.geom, 6)
      UNION ALL
      SELECT ST_Buffer(r.geom, r.width_m / 2.0) FROM t${n}_roads r
       WHERE ST_DWithin(r.geom, c.geom, $reach) AND ST_DWithin(r.geom, c.geom, r.width_m / 2.0)
      UNION ALL
      SELECT w.geom FROM t${n}_water w WHERE ST_Intersects(w.geom, c.geom)
    ) x
  ) o
), pieces AS (
  SELECT fid, (ST_Dump(g)).geom AS g FROM diff
), big AS (
  SELECT fid, g, ST_Area(g) AS area FROM pieces WHERE ST_Area(g) >= 200
)
SELECT big.fid, big.g, big.area, m.radius
FROM big CROSS JOIN LATERAL ST_MaximumInscribedCircle(big.g) AS m
WHERE m.radius >= 3;
\timing off
EOF
}

# --- quiet machine ---------------------------------------------------------------------------
wait_for_quiet

stamp=$(date -u +%Y%m%d-%H%M%S)
results=$work/spare-$stamp.jsonl
: >"$results"
jobs=$(nproc)

record() { # record TOWN ROW RUN JSON
    printf '{"town":%d,"row":"%s","run":%d,"result":%s}\n' "$1" "$2" "$3" "$4" >>"$results"
}
run_renoplan() { # run_renoplan TOWN ROW RUN ARGS...
    local n=$1 row=$2 r=$3 line
    shift 3
    line=$("$bench" "$(town_file "$n")" "$@" | tail -n 1) || die "$row failed on town $n"
    [[ $line == "{"* ]] || die "$row printed no JSON: $line"
    record "$n" "$row" "$r" "$line"
}
run_postgis() { # run_postgis TOWN RUN
    local n=$1 r=$2 out ms summary
    out=$(query "$n" "pg_pieces_$n" | "${psql[@]}" -d town 2>&1) || die "PostGIS query failed: $out"
    ms=$(grep -m1 -o 'Time: [0-9.]*' <<<"$out" | cut -d' ' -f2)
    [[ -n $ms ]] || die "no timing from psql: $out"
    summary=$("${psql[@]}" -d town -At -F' ' \
        -c "SELECT count(*), coalesce(sum(area), 0) FROM pg_pieces_$n")
    record "$n" "PostGIS" "$r" "$(printf '{"tool":"postgis","seconds":%s,"pieces":%s,"kept_area_m2":%s}' \
        "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" ${summary% *} ${summary#* })"
}

# --- 4. runs ---------------------------------------------------------------------------------
for n in "${towns[@]}"; do
    echo "== town $n: warm-up (page cache, pieces for the comparison)" >&2
    "$bench" "$(town_file "$n")" --jobs "$jobs" --pieces "$work/spare-pieces-$n.csv" >/dev/null
    for ((r = 1; r <= runs; r++)); do
        echo "   run $r/$runs" >&2
        run_renoplan "$n" "renoplan, $jobs jobs" "$r" --jobs "$jobs"
        run_postgis "$n" "$r"
        run_renoplan "$n" "renoplan, 1 job" "$r" --jobs 1
    done
    # For information: everything renoplan does for a plan (pipeline corridors, parking layout,
    # facilities, access, zoning), once.
    run_renoplan "$n" "renoplan, $jobs jobs, + pipelines, classified, zoning" 1 \
        --jobs "$jobs" --pipelines --classify --zoning
done
load_end=$(load1)

# --- 5. comparison, community by community ---------------------------------------------------
compare=$work/spare-compare-$stamp.json
echo "{" >"$compare"
first=1
for n in "${towns[@]}"; do
    "${psql[@]}" -d town <<EOF
DROP TABLE IF EXISTS ours_$n;
CREATE TABLE ours_$n (fid int, area_m2 float8, radius_m float8);
\copy ours_$n FROM '$work/spare-pieces-$n.csv' CSV HEADER
EOF
    reach=$("${psql[@]}" -d town -At -c "SELECT coalesce(max(width_m), 0) / 2.0 FROM t${n}_roads")
    # Communities whose pieces differ; for each, the parts PostGIS computes, their area and
    # PostGIS's inscribed radius, and whether a fine inset by 3 m - 1 mm leaves anything (the
    # width rule decided to the millimetre).
    json=$("${psql[@]}" -d town -At <<EOF
WITH a AS (SELECT fid, count(*) n, sum(area_m2) s FROM ours_$n GROUP BY fid),
     b AS (SELECT fid, count(*) n, sum(area) s FROM pg_pieces_$n GROUP BY fid),
     differ AS (
       SELECT coalesce(a.fid, b.fid) AS fid, coalesce(a.n, 0) AS n_ours, coalesce(b.n, 0) AS n_pg,
              coalesce(a.s, 0) AS s_ours, coalesce(b.s, 0) AS s_pg
       FROM a FULL JOIN b ON a.fid = b.fid
       WHERE a.n IS DISTINCT FROM b.n OR abs(a.s - b.s) > 0.01),
     parts AS (
       SELECT d.fid, (ST_Dump(ST_Difference(c.geom, coalesce((SELECT ST_Union(x.g) FROM (
           SELECT ST_Buffer(bb.geom, 6) AS g FROM t${n}_buildings bb WHERE ST_DWithin(bb.geom, c.geom, 6)
           UNION ALL SELECT ST_Buffer(r.geom, r.width_m / 2.0) FROM t${n}_roads r
            WHERE ST_DWithin(r.geom, c.geom, $reach) AND ST_DWithin(r.geom, c.geom, r.width_m / 2.0)
           UNION ALL SELECT w.geom FROM t${n}_water w WHERE ST_Intersects(w.geom, c.geom)) x),
           'POLYGON EMPTY'::geometry)))).geom AS g
       FROM differ d JOIN t${n}_communities c ON c.fid = d.fid),
     checked AS (
       SELECT fid, ST_Area(g) AS area, (ST_MaximumInscribedCircle(g)).radius AS r_pg,
              NOT ST_IsEmpty(ST_Buffer(g, -2.999, 'quad_segs=32')) AS wide
       FROM parts WHERE ST_Area(g) >= 200)
SELECT json_build_object(
  'communities_differing', (SELECT count(*) FROM differ),
  'pieces_ours_minus_pg', (SELECT coalesce(sum(n_ours - n_pg), 0) FROM differ),
  'area_ours_minus_pg', (SELECT coalesce(sum(s_ours - s_pg), 0) FROM differ),
  'pg_dropped_but_wide', (SELECT count(*) FROM checked WHERE r_pg < 3 AND wide),
  'pg_dropped_but_wide_area', (SELECT coalesce(sum(area), 0) FROM checked WHERE r_pg < 3 AND wide),
  'pg_kept_but_narrow', (SELECT count(*) FROM checked WHERE r_pg >= 3 AND NOT wide),
  'pg_radius_min', (SELECT min(r_pg) FROM checked WHERE (r_pg < 3) = wide),
  'pg_radius_max', (SELECT max(r_pg) FROM checked WHERE (r_pg < 3) = wide))
EOF
    )
    [[ $first == 1 ]] || echo "," >>"$compare"
    first=0
    printf '"%s": %s\n' "$n" "$json" >>"$compare"
done
echo "}" >>"$compare"

# --- 6. report -------------------------------------------------------------------------------
facts=$(
    cat <<EOF
{$(machine_facts),
 "postgis":"$("${psql[@]}" -d town -At -c "SELECT postgis_full_version()" | grep -o 'POSTGIS="[^"]*"\|GEOS="[^"]*"' | tr -d '"' | tr '\n' ' ')",
 "postgres":"$("${psql[@]}" -d town -At -c "SHOW server_version")",
 "jit":"$("${psql[@]}" -d town -At -c "SHOW jit")",
 "load_start":"$load_start", "load_end":"$load_end", "max_load":"$max_load", "waited_s":$waited,
 "runs":$runs}
EOF
)
report=$work/spare-$stamp.md
python3 bench/spare_report.py "$results" "$compare" "$facts" | tee "$report"
echo "(results: $results, comparison: $compare, table: $report)" >&2
