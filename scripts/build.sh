#!/usr/bin/env bash
# Configures and builds renoplan (Release with debug info) into build/ (or $RENOPLAN_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${RENOPLAN_BUILD_DIR:-build}
if [[ ! -f "$build_dir/build.ninja" ]]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build_dir" --parallel "$(nproc)"
