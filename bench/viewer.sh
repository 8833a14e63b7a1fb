#!/usr/bin/env bash
# bench/viewer.sh: the map viewer's frame times (`renoplan open --bench-frames`, llvmpipe under
# xvfb-run unless a display with a GPU is used) on the demo town and the synthetic 10,000- and
# 100,000-community towns, all layers, and in the same run QGIS 3.22 rendering the same layers
# at full extent to an image of the same size (bench/qgis_render.py); prints a markdown table with
# the ratios. Goals (issue: desktop viewer; docs/benchmarks.md): >= 30 fps panning at 10k, no
# frame over 100 ms at 100k, full-extent render >= 5x faster than QGIS. Pan and zoom frames are
# drawn as the window draws them (kept images, new ones in parts: app/gui/map_cache.hpp); the
# table says how many pan frames showed the complete map, how long the map takes to settle after
# a jump to 2x, and whether the settled image equals the view drawn at once.
#
#   bench/viewer.sh            build, generate the towns once (bench/work/), run, print
#
# Environment: RENOPLAN_BUILD_DIR, BENCH_FRAMES (default 60), BENCH_FRAMES_100K (default
# BENCH_FRAMES), BENCH_SIZE (default 1280x800), BENCH_QUICK=1 (demo and 10k only),
# BENCH_MAX_LOAD / BENCH_WAIT_S (see bench/lib.sh).
# Needs: xvfb-run (unless DISPLAY is set and BENCH_XVFB=0), python3-qgis, jq.
set -euo pipefail
cd "$(dirname "$0")/.."

bench_name=viewer
source bench/lib.sh
frames=${BENCH_FRAMES:-60}
frames_100k=${BENCH_FRAMES_100K:-$frames}
size=${BENCH_SIZE:-1280x800}
need_tools jq
if ! /usr/bin/python3 -c 'import qgis.core' 2>/dev/null; then
    die "python3-qgis not found (Debian package python3-qgis)"
fi
xvfb=(xvfb-run -a)
if [[ ${BENCH_XVFB:-1} == 0 ]]; then xvfb=(); else need_tools xvfb-run; fi

build_targets
prepare_towns
wait_for_quiet

stamp=$(date -u +%Y%m%d-%H%M%S)
raw=$work/viewer-$stamp.jsonl
report=$work/viewer-$stamp.md
: >"$raw"
sources=("data-samples/suining-demo.gpkg")
labels=(demo)
for t in "${towns[@]}"; do
    sources+=("$work/town$t.gpkg")
    labels+=("$t")
done

ms() { jq -r "$1" <<<"$2" | awk '{ printf "%.0f", $1 }'; }
fps() { jq -r "$1" <<<"$2" | awk '{ printf "%.1f", 1000 / $1 }'; }
renderer=""
{
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- |
        sed 's/^ *//')); $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start $load_start;" \
        "image $size."
    echo
    echo "| data | features | load ms | 1st frame from load start / end ms | pan median / p95 / max ms (fps) | pan frames complete | zoom median / p95 / max ms | settle after a 2x zoom: ms (frames, max ms) | settled = drawn at once | full extent ms | QGIS ms | QGIS / ours |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$report"
for i in "${!sources[@]}"; do
    src=${sources[$i]}
    n=$frames
    [[ ${labels[$i]} == 100k ]] && n=$frames_100k
    echo "== ${labels[$i]}: renoplan open --bench-frames $n" >&2
    ours=$("${xvfb[@]}" "$renoplan" open "$src" --bench-frames "$n" --size "$size" -q | tail -n 1)
    echo "== ${labels[$i]}: QGIS" >&2
    qgis=$(QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/qgis_render.py "$src" "${size%x*}" \
        "${size#*x}" 2>/dev/null | tail -n 1)
    jq -c --arg data "${labels[$i]}" --argjson qgis "$qgis" '. + {data: $data, qgis: $qgis}' \
        <<<"$ours" >>"$raw"
    renderer=$(jq -r .renderer <<<"$ours")
    printf '| %s (%s frames) | %s | %s | %s / %s | %s / %s / %s (%s) | %s | %s / %s / %s | %s (%s, %s) | %s | %s | %s | %.1f |\n' \
        "${labels[$i]}" "$n" "$(jq -r .features <<<"$ours")" "$(ms .load_ms "$ours")" \
        "$(ms .first_frame_from_load_start_ms "$ours")" \
        "$(ms .first_frame_from_load_end_ms "$ours")" \
        "$(ms .pan.median_ms "$ours")" "$(ms .pan.p95_ms "$ours")" "$(ms .pan.max_ms "$ours")" \
        "$(fps .pan.median_ms "$ours")" "$(jq -r '"\(.pan.complete)/\(.pan.frames)"' <<<"$ours")" \
        "$(ms .zoom.median_ms "$ours")" "$(ms .zoom.p95_ms "$ours")" "$(ms .zoom.max_ms "$ours")" \
        "$(ms .settle.total_ms "$ours")" "$(jq -r .settle.frames <<<"$ours")" \
        "$(ms .settle.max_ms "$ours")" \
        "$(jq -r '"\(.settle.matches_direct) (\(.settle.differing_pixels) px)"' <<<"$ours")" \
        "$(ms .full_extent_offscreen_ms "$ours")" "$(ms .render_ms "$qgis")" \
        "$(awk -v q="$(jq -r .render_ms <<<"$qgis")" -v o="$(jq -r .full_extent_offscreen_ms \
            <<<"$ours")" 'BEGIN { print q / o }')" >>"$report"
done
echo >>"$report"
echo "Renderer: $renderer." >>"$report"
cat "$report"
echo "(report: $report; raw: $raw)" >&2
