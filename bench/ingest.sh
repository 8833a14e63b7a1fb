#!/usr/bin/env bash
# bench/ingest.sh: times loading the buildings layer of the synthetic 100,000-community town with
# renoplan (full ingest: read + transform + check + fields + index) against the plain GDAL feature
# loop, `ogr2ogr -f Memory` and GeoPandas, side by side, and prints a markdown table with the
# median times, ratios to the plain GDAL loop, peak memory and its ratio to the layer's WKB size.
#
#   bench/ingest.sh            build, generate the inputs once (bench/work/), run, print
#
# Environment:
#   RENOPLAN_BUILD_DIR  build folder (default build/, as scripts/build.sh)
#   BENCH_RUNS          runs per tool and input, alternating (default 3)
#   BENCH_MAX_LOAD      wait while the 1-minute load average is above this (default 1.0) ...
#   BENCH_WAIT_S        ... for at most this many seconds, then run anyway and say so (default 600)
#   BENCH_QUICK=1       only the 10,000-community town (a check of the script, not a result)
#
# Needs: gdal-bin, /usr/bin/time, Debian's /usr/bin/python3 with python3-geopandas and
# python3-rtree (GeoPandas' spatial index on Debian 12, which has neither pygeos nor Shapely 2).
# The results (one JSON line per run) and the table are kept in bench/work/.
set -euo pipefail
cd "$(dirname "$0")/.."

bench_name=ingest
BENCH_WAIT_S=${BENCH_WAIT_S:-600}
source bench/lib.sh
runs=${BENCH_RUNS:-3}
py=/usr/bin/python3

# --- tools -----------------------------------------------------------------------------------
need_tools cmake ninja ogr2ogr ogrinfo gdal-config geos-config pkg-config
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found; run scripts/deps.sh --bench (package time)"
[[ -x $py ]] || die "$py not found; Debian's python3 is needed (python3-geopandas)"
$py -c 'import geopandas' 2>/dev/null ||
    die "GeoPandas missing for $py; run scripts/deps.sh --bench (python3-geopandas)"
$py -c 'import rtree' 2>/dev/null ||
    die "rtree missing for $py (GeoPandas' spatial index); apt-get install python3-rtree"

# --- 1. build --------------------------------------------------------------------------------
build_targets bench_ingest gdal_read
bench_ingest=$build_dir/bench/bench_ingest
gdal_read=$build_dir/bench/gdal_read

# --- 2. inputs (generated once) --------------------------------------------------------------
mkdir -p "$work"
ogr_copy() { # ogr_copy OUT SOURCE LAYER [ogr2ogr options...]: the layer alone, in OUT
    [[ -f $1 ]] && return 0
    local out=$1 src=$2 layer=$3
    shift 3
    echo "== writing $out" >&2
    rm -f "$out.tmp.gpkg"
    ogr2ogr -f GPKG -nln "$layer" "$@" "$out.tmp.gpkg" "$src" "$layer"
    mv "$out.tmp.gpkg" "$out"
}
generate_town 10000 "$work/town10k.gpkg"
generate_town 100000 "$work/town100k.gpkg"
# The buildings in CGCS2000 longitude/latitude: renoplan and the peers must really transform.
ogr_copy "$work/town100k_4490.gpkg" "$work/town100k.gpkg" buildings -t_srs EPSG:4490
# One building: the process baseline (libraries, PROJ database, interpreter).
ogr_copy "$work/one.gpkg" "$work/town10k.gpkg" buildings -limit 1

# --- quiet machine ---------------------------------------------------------------------------
wait_for_quiet

stamp=$(date -u +%Y%m%d-%H%M%S)
results=$work/ingest-$stamp.jsonl
: >"$results"

# run_row INPUT ROW RUN COMMAND...: runs a tool that prints one JSON line, records it
run_row() {
    local input=$1 row=$2 run=$3 line
    shift 3
    line=$("$@" | tail -n 1) || die "$row failed on $input: $*"
    [[ $line == "{"* ]] || die "$row printed no JSON on $input: $line"
    printf '{"input":"%s","row":"%s","run":%d,"result":%s}\n' "$input" "$row" "$run" "$line" \
        >>"$results"
}
# run_timed INPUT ROW RUN COMMAND...: a tool without its own report (ogr2ogr), timed from here
run_timed() {
    local input=$1 row=$2 run=$3 start end rss
    shift 3
    local tfile=$work/.time
    start=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$tfile" "$@" >/dev/null || die "$row failed on $input: $*"
    end=$EPOCHREALTIME
    rss=$(tail -n 1 "$tfile")
    printf '{"input":"%s","row":"%s","run":%d,"result":{"tool":"%s","seconds":%s,"peak_rss_bytes":%d}}\n' \
        "$input" "$row" "$run" "$row" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
        $((rss * 1024)) >>"$results"
}

# bench_input LABEL FILE SOURCE_IS_WORKING_CRS(yes|no)
bench_input() {
    local label=$1 file=$2 identity=$3 r
    local -a reproject=()
    [[ $identity == yes ]] || reproject=(-t_srs EPSG:4544)
    echo "== $label: $file" >&2
    "$gdal_read" "$file" --layer buildings >/dev/null # page cache warm-up, not recorded
    for ((r = 1; r <= runs; r++)); do
        echo "   run $r/$runs" >&2
        run_row "$label" "renoplan, 2 jobs" "$r" "$bench_ingest" "$file" --layer buildings --jobs 2
        run_row "$label" "renoplan, 1 job" "$r" "$bench_ingest" "$file" --layer buildings --jobs 1
        run_row "$label" "GDAL feature loop" "$r" "$gdal_read" "$file" --layer buildings
        run_timed "$label" "ogr2ogr -f Memory" "$r" \
            ogr2ogr -f Memory "${reproject[@]}" /vsimem/null "$file" buildings
        run_row "$label" "GeoPandas read_file" "$r" \
            $py bench/geopandas_read.py "$file" --layer buildings --mode read
        run_row "$label" "GeoPandas read + to_crs + sindex" "$r" \
            $py bench/geopandas_read.py "$file" --layer buildings --mode full
    done
}

# --- 3. runs ---------------------------------------------------------------------------------
echo "== baseline (1 feature)" >&2
for ((r = 1; r <= runs; r++)); do
    run_row "1 building" "renoplan, 2 jobs" "$r" "$bench_ingest" "$work/one.gpkg" --layer buildings --jobs 2
    run_row "1 building" "GDAL feature loop" "$r" "$gdal_read" "$work/one.gpkg" --layer buildings
    run_row "1 building" "GeoPandas read_file" "$r" \
        $py bench/geopandas_read.py "$work/one.gpkg" --layer buildings --mode read
done
bench_input "10k communities, EPSG:4544 (no transform)" "$work/town10k.gpkg" yes
if [[ ${BENCH_QUICK:-0} != 1 ]]; then
    bench_input "100k communities, EPSG:4544 (no transform)" "$work/town100k.gpkg" yes
    bench_input "100k communities, EPSG:4490 -> 4544" "$work/town100k_4490.gpkg" no
fi
load_end=$(load1)

# --- 4. report -------------------------------------------------------------------------------
facts=$(
    cat <<EOF
{$(machine_facts),
 "kernel":"$(uname -r)",
 "gdal":"$(gdal-config --version)", "geos":"$(geos-config --version)",
 "proj":"$(pkg-config --modversion proj)",
 "python":"$($py -c 'import sys; print(sys.version.split()[0])')",
 "geopandas":"$($py -c 'import geopandas, fiona, shapely, pyproj, rtree
print(f"geopandas {geopandas.__version__}, Fiona {fiona.__version__}, Shapely {shapely.__version__}, pyproj {pyproj.__version__}, rtree {rtree.__version__}")')",
 "load_start":"$load_start", "load_end":"$load_end", "max_load":"$max_load", "waited_s":$waited,
 "runs":$runs}
EOF
)
report=$work/ingest-$stamp.md
$py - "$results" "$facts" <<'EOF' | tee "$report"
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1])]
facts = json.loads(sys.argv[2])
MiB = 1024 * 1024

def group(input_label):
    out = {}
    for r in rows:
        if r["input"] == input_label:
            out.setdefault(r["row"], []).append(r["result"])
    return out

def med(results, key="seconds"):
    return statistics.median(r[key] for r in results)

def peak(results):
    return max(r["peak_rss_bytes"] for r in results)

inputs = []
for r in rows:
    if r["input"] not in inputs:
        inputs.append(r["input"])

base = group("1 building")
base_rss = {name: peak(res) for name, res in base.items()}
quiet = float(facts["load_start"]) <= float(facts["max_load"])
print(f"Machine: {facts['nproc']} cores ({facts['cpu']}), {facts['memory']}, Linux "
      f"{facts['kernel']}; GDAL {facts['gdal']}, GEOS {facts['geos']}, PROJ {facts['proj']}; "
      f"Python {facts['python']}, {facts['geopandas']}. {facts['date']}.")
print(f"Load average (1 min) at start {facts['load_start']}, at end {facts['load_end']}"
      + ("" if quiet else f" - NOT QUIET (waited {facts['waited_s']} s for <= {facts['max_load']})")
      + f". Median of {facts['runs']} alternating runs; peak RSS is the maximum over the runs.")
print()
print("Process baseline (peak RSS reading a 1-feature layer): "
      + ", ".join(f"{name} {base_rss[name] / MiB:.0f} MiB" for name in base_rss) + ".")

goals = []
for label in inputs:
    if label == "1 building":
        continue
    g = group(label)
    gdal = g["GDAL feature loop"]
    gdal_s = med(gdal)
    wkb = gdal[0]["wkb_bytes"]
    features = gdal[0]["features"]
    print()
    print(f"**{label}**: buildings layer, {features:,} features, WKB {wkb / MiB:.1f} MiB")
    print()
    print("| tool | time s | × GDAL loop | peak RSS MiB | peak RSS / WKB | (peak − baseline) / WKB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, res in g.items():
        s = med(res)
        p = peak(res)
        bkey = ("renoplan, 2 jobs" if name.startswith("renoplan")
                else "GeoPandas read_file" if name.startswith("GeoPandas")
                else "GDAL feature loop")
        b = base_rss.get(bkey)
        extra = f"{(p - b) / wkb:.2f}" if b is not None else "-"
        print(f"| {name} | {s:.3f} | {s / gdal_s:.2f} | {p / MiB:.0f} | {p / wkb:.2f} | {extra} |")
    ren = g["renoplan, 2 jobs"]
    stages = {}
    for r in ren:
        for k, v in r["stages"].items():
            stages.setdefault(k, []).append(v)
    mem = ren[0]["memory_bytes"]
    print()
    order = ["read", "transform", "check", "fields", "index"]
    names = [k for k in order if k in stages] + [k for k in stages if k not in order]
    other = statistics.median(r["seconds"] - sum(r["stages"].values()) for r in ren)
    print("renoplan (2 jobs) stages, median s: "
          + ", ".join(f"{k} {statistics.median(stages[k]):.3f}" for k in names)
          + f", outside the stages {other:.3f}"
          + f"; read method {ren[0]['read_method']}; loaded layer memory_bytes() "
          + f"{mem / MiB:.1f} MiB = {mem / wkb:.2f} × WKB.")
    ratio = med(ren) / gdal_s
    mem_ratio = peak(ren) / wkb
    goals.append(f"- {label}: time {ratio:.2f} × GDAL loop "
                 f"({'met' if ratio <= 1.5 else 'MISSED'}, goal <= 1.5); peak RSS "
                 f"{mem_ratio:.2f} × WKB ({'met' if mem_ratio < 2 else 'MISSED'}, goal < 2; "
                 f"without the process baseline {(peak(ren) - base_rss['renoplan, 2 jobs']) / wkb:.2f})")
print()
print("Goals (renoplan full ingest with 2 jobs):")
print("\n".join(goals))
EOF
echo "(results: $results, table: $report)" >&2
