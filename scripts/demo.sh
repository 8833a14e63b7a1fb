#!/usr/bin/env bash
# The main job on the demo town: install what is missing, build, and plan the renovation of the
# demo town in data-samples/ - eligibility and consent, districts, spare land - into
# out/demo-plan.gpkg (opens styled in QGIS), then show the plan: in the map viewer when there is
# a display, else as a screenshot rendered under a virtual X server (out/demo-plan.png).
# Extra arguments go to `renoplan plan` (e.g. --district-distance 80; `build/app/renoplan plan
# --help` lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build_dir=${RENOPLAN_BUILD_DIR:-build}
renoplan=$build_dir/app/renoplan
mkdir -p out
"$renoplan" plan data-samples/suining-demo.gpkg -o out/demo-plan.gpkg --force "$@"
if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
    "$renoplan" open out/demo-plan.gpkg
elif command -v xvfb-run >/dev/null; then
    xvfb-run -a "$renoplan" open --quiet out/demo-plan.gpkg --screenshot out/demo-plan.png \
        --size 1280x800
    echo "no display: the plan's map is in out/demo-plan.png (renoplan open out/demo-plan.gpkg" \
        "shows it in a window)"
fi
