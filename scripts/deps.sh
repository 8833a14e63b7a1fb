#!/usr/bin/env bash
# Installs the Debian 12 packages renoplan needs to build, test and benchmark. Idempotent and
# quick when everything is there: it asks dpkg first and calls apt-get only for what is missing.
#
#   scripts/deps.sh          build + test dependencies
#   scripts/deps.sh --bench  also the benchmark peers (GeoPandas, PostGIS, QGIS)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config clang-format
    libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data libpolyclipping-dev libjemalloc-dev libssl-dev
    nlohmann-json3-dev catch2
    libglfw3-dev libimgui-dev libstb-dev libfreetype-dev fonts-wqy-microhei
    xvfb xauth libgl1-mesa-dri mesa-utils
    sqlite3 postgresql-15 postgresql-15-postgis-3 postgis
    python3-qgis qgis-providers
)
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(python3-geopandas python3-rtree python3-psutil time)
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if (( ${#missing[@]} == 0 )); then
    echo "deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
