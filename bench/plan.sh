#!/usr/bin/env bash
# bench/plan.sh: times a whole `renoplan plan` (load, eligibility, districts, spare land, write)
# of the synthetic 10,000- and 100,000-community towns and prints a markdown table with the
# stage times and the peak memory. No peer does the same job; the goal is absolute (the 100k
# plan well under a minute on 2 cores; docs/benchmarks.md).
#
#   bench/plan.sh              build, generate the towns once (bench/work/), run, print
#
# Environment: RENOPLAN_BUILD_DIR, BENCH_RUNS (default 1; the fastest run is reported),
# BENCH_QUICK=1 (10k only), BENCH_MAX_LOAD / BENCH_WAIT_S (see bench/lib.sh).
# Needs: /usr/bin/time (scripts/deps.sh --bench).
set -euo pipefail
cd "$(dirname "$0")/.."

bench_name=plan
source bench/lib.sh
runs=${BENCH_RUNS:-1}
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found; run scripts/deps.sh --bench (package time)"

build_targets
prepare_towns
wait_for_quiet

stamp=$(date -u +%Y%m%d-%H%M%S)
report=$work/plan-$stamp.md
{
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- |
        sed 's/^ *//')); $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start $load_start."
    echo
    echo "| town | wall s | load | eligibility | districts | spare land | write | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$report"
for t in "${towns[@]}"; do
    best=""
    for ((r = 1; r <= runs; r++)); do
        echo "== town$t: run $r/$runs" >&2
        out=$(/usr/bin/time -f 'TIME %e %M' "$renoplan" plan "$work/town$t.gpkg" \
            -o "$work/plan-town$t.gpkg" --force -v 2>&1) || die "renoplan plan failed: $out"
        wall=$(grep '^TIME ' <<<"$out" | cut -d' ' -f2)
        if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
            best_out=$out
        fi
    done
    rss=$(grep '^TIME ' <<<"$best_out" | cut -d' ' -f3)
    stage() { grep -m1 'timings:' <<<"$best_out" | grep -o "$1 [0-9.]* s" | grep -o '[0-9.]*'; }
    printf '| %s | %s | %s | %s | %s | %s | %s | %.0f |\n' "$t" "$best" "$(stage load)" \
        "$(stage eligibility)" "$(stage districts)" "$(stage 'spare land')" "$(stage write)" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" >>"$report"
    grep -E '^  (districts|spare land):' <<<"$best_out" | sed "s/^/    town$t /" >&2
done
cat "$report"
echo "(report: $report)" >&2
