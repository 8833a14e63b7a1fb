#!/usr/bin/env bash
# The main job on the demo town: install what is missing, build, and run renoplan on
# data-samples/. (For now `renoplan info`; the full plan comes with the planning analyses.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build_dir=${RENOPLAN_BUILD_DIR:-build}
"$build_dir/app/renoplan" info data-samples/suining-demo.gpkg data-samples/gbk-shapefiles \
    data-samples/facilities-wgs84.geojson "$@"
