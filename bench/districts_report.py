#!/usr/bin/env python3
"""Markdown report of bench/districts.sh: timings (medians) and the comparison with PostGIS.

usage: districts_report.py RESULTS.jsonl FACTS_JSON WORK_DIR TOWN...
"""
import json
import statistics
import sys

results_path, facts_json, work = sys.argv[1], sys.argv[2], sys.argv[3]
towns = sys.argv[4:]
facts = json.loads(facts_json)
rows = [json.loads(line) for line in open(results_path)]


def medians(town):
    out = {}
    for r in rows:
        if r["town"] == town:
            out.setdefault(r["row"], []).append(float(r["seconds"]))
    return {k: statistics.median(v) for k, v in out.items()}


def read_tsv(path):
    out = {}
    for line in open(path):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        out[int(parts[0])] = (int(parts[1]), *[float(p) for p in parts[2:]])
    return out


quiet = float(facts["load_start"]) <= float(facts["max_load"])
print(f"Machine: {facts['nproc']} cores ({facts['cpu']}); GEOS {facts['geos']}; "
      f"{facts['postgis']}. {facts['date']}.")
print(f"Load average (1 min) at start {facts['load_start']}, at end {facts['load_end']}"
      + ("" if quiet else f" - NOT QUIET (waited {facts['waited_s']} s for <= {facts['max_load']})")
      + f". Median of {facts['runs']} alternating runs; renoplan with {facts['jobs']} jobs and 1 job.")

for town in towns:
    m = medians(town)
    pg_union = m["PostGIS ST_ClusterWithin + ST_Union"]
    pg_closing = m["PostGIS ST_ClusterWithin + ST_Union + closing"]
    print()
    print(f"**town{town}** ({town} communities, D = 50 m, barriers and caps off, members=all)")
    print()
    print("| row | time s | PostGIS cluster+union / row | PostGIS cluster+union+closing / row |")
    print("|---|---:|---:|---:|")
    for name, s in m.items():
        print(f"| {name} | {s:.3f} | {pg_union / s:.1f} | {pg_closing / s:.1f} |")

    pg = read_tsv(f"{work}/districts-{town}-postgis.tsv")
    closed = read_tsv(f"{work}/districts-{town}-closed.tsv")
    union = read_tsv(f"{work}/districts-{town}-union.tsv")
    same_partition = {k: v[0] for k, v in pg.items()} == {k: v[0] for k, v in closed.items()}
    pg_union_area = sum(v[1] for v in pg.values())
    pg_closed_area = sum(v[2] for v in pg.values())
    rn_union_area = sum(v[1] for v in union.values())
    rn_closed_area = sum(v[1] for v in closed.values())

    def worst(ours, col):
        diffs = []
        for k, v in pg.items():
            if k in ours and v[col] > 0:
                diffs.append((ours[k][1] - v[col]) / v[col])
        return max(diffs, key=abs) if diffs else float("nan")

    below = sum(1 for k, v in pg.items() if k in closed and closed[k][1] < v[2] * (1 - 1e-9))
    print()
    print(f"Districts: renoplan {len(closed)}, PostGIS {len(pg)}; same partition (smallest member "
          f"FID and member count per district): {'yes' if same_partition else 'NO'}.")
    print(f"Union area: renoplan {rn_union_area:,.1f} m², PostGIS {pg_union_area:,.1f} m² "
          f"(difference {rn_union_area - pg_union_area:+,.3f} m², largest per district "
          f"{worst(union, 1):+.2e}).")
    print(f"Closed area: renoplan {rn_closed_area:,.1f} m², PostGIS {pg_closed_area:,.1f} m² "
          f"(difference {rn_closed_area - pg_closed_area:+,.1f} m² = "
          f"{(rn_closed_area - pg_closed_area) / pg_closed_area:+.2e}, largest per district "
          f"{worst(closed, 2):+.2e}; districts smaller than PostGIS': {below}).")
