#!/bin/sh
# Regenerates data-samples/ with the built renoplan binary (see data-samples/README.md).
#
#   scripts/make-samples.sh [path/to/renoplan]
#
# Without an argument it uses $RENOPLAN, else the first of build*/app/renoplan that exists.
# The output is deterministic: the same binary gives byte-identical files.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${RENOPLAN:-}}
if [ -z "$bin" ]; then
    for candidate in "$root"/build/app/renoplan "$root"/build*/app/renoplan; do
        if [ -x "$candidate" ]; then
            bin=$candidate
            break
        fi
    done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "make-samples: no renoplan binary found; build first or pass its path" >&2
    exit 1
fi

out=$root/data-samples
mkdir -p "$out"

# The demo town: 300 communities, Chinese layer and field names as real survey files have them,
# plus the communities and buildings as GBK Shapefiles without .cpg and the facilities as
# WGS84 GeoJSON.
"$bin" generate \
    -o "$out/suining-demo.gpkg" \
    --communities 300 \
    --seed 20201 \
    --chinese-fields \
    --shapefile-gbk "$out/gbk-shapefiles" \
    --geojson-wgs84 "$out/facilities-wgs84.geojson" \
    --force

# Quick checks: every file opens; the Shapefile has no .cpg.
if command -v ogrinfo >/dev/null 2>&1; then
    for f in "$out/suining-demo.gpkg" "$out/gbk-shapefiles/xiaoqu.shp" \
        "$out/gbk-shapefiles/loudong.shp" "$out/facilities-wgs84.geojson"; do
        ogrinfo -ro -so -al "$f" >/dev/null || { echo "make-samples: cannot open $f" >&2; exit 1; }
    done
fi
if ls "$out"/gbk-shapefiles/*.cpg >/dev/null 2>&1; then
    echo "make-samples: unexpected .cpg in gbk-shapefiles/" >&2
    exit 1
fi
du -sh "$out"
