#!/usr/bin/env bash
# Install what is missing, build, and run every test (CTest: the Catch2 suite and the checks).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build_dir=${RENOPLAN_BUILD_DIR:-build}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" "$@"
