#!/usr/bin/env bash
# The main job on the demo town: install what is missing, build, and plan the renovation of the
# demo town in data-samples/ - eligibility and consent, districts, spare land - into
# out/demo-plan.gpkg (opens styled in QGIS). Extra arguments go to `renoplan plan`
# (e.g. --district-distance 80; `build/app/renoplan plan --help` lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build_dir=${RENOPLAN_BUILD_DIR:-build}
mkdir -p out
"$build_dir/app/renoplan" plan data-samples/suining-demo.gpkg -o out/demo-plan.gpkg --force "$@"
