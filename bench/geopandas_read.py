#!/usr/bin/python3
"""GeoPandas peer of bench/ingest.sh: reads one layer and prints one JSON line.

    /usr/bin/python3 bench/geopandas_read.py SOURCE --layer NAME [--mode read|full]

Run it with Debian's /usr/bin/python3 (python3-geopandas 0.12, Fiona 1.9: Debian 12 has no
pyogrio). Modes:
  read  geopandas.read_file(SOURCE, layer=NAME)
  full  read_file + to_crs(EPSG:4544) + the spatial index (.sindex, built by one query) - the
        same work as renoplan's full ingest.
Seconds cover the work only (imports excluded); peak_rss_bytes is the process's peak resident
set (resource.getrusage), Python, NumPy, pandas, GDAL and PROJ included.
"""
import argparse
import json
import resource
import sys
import time

import geopandas


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("--layer", required=True)
    parser.add_argument("--mode", choices=["read", "full"], default="read")
    parser.add_argument("--working-crs", default="EPSG:4544")
    args = parser.parse_args()

    start = time.perf_counter()
    gdf = geopandas.read_file(args.source, layer=args.layer)
    read_seconds = time.perf_counter() - start
    stages = {"read": read_seconds}
    if args.mode == "full":
        t = time.perf_counter()
        gdf = gdf.to_crs(args.working_crs)
        stages["transform"] = time.perf_counter() - t
        t = time.perf_counter()
        # The index may be built lazily: one query makes sure it exists.
        minx, miny, maxx, maxy = gdf.total_bounds
        from shapely.geometry import box

        gdf.sindex.query(box(minx, miny, minx + (maxx - minx) / 100, miny + (maxy - miny) / 100))
        stages["index"] = time.perf_counter() - t
    seconds = time.perf_counter() - start

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    print(json.dumps({
        "tool": "geopandas_" + args.mode,
        "source": args.source,
        "seconds": seconds,
        "stages": stages,
        "features": len(gdf),
        "crs": gdf.crs.to_string() if gdf.crs else None,
        "sindex": type(gdf.sindex).__name__ if args.mode == "full" else None,
        "versions": {"geopandas": geopandas.__version__},
        "peak_rss_bytes": peak_kib * 1024,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
