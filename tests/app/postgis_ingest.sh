#!/usr/bin/env bash
# PG: sources end to end: a throwaway PostgreSQL + PostGIS cluster holding the demo town's
# communities and buildings, read by `renoplan info`; and a connection that fails is reported.
# Usage: postgis_ingest.sh RENOPLAN_BINARY DEMO_GPKG
set -euo pipefail
renoplan=$1
sample=$2

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$pgbin" || ! -x "$pgbin/initdb" ]]; then
    echo "FAIL: PostgreSQL server binaries not found (scripts/deps.sh installs postgresql-15)" >&2
    exit 1
fi

work=$(mktemp -d /tmp/renoplan-pg.XXXXXX)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
    chown postgres "$work"
    as_pg=(runuser -u postgres --)
fi
cleanup() {
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

"${as_pg[@]}" "$pgbin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
port=$((20000 + RANDOM % 20000))
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w \
    -o "-k $work -p $port -c listen_addresses=''" start >/dev/null
psql=(psql -q -h "$work" -p "$port" -U postgres -v ON_ERROR_STOP=1)
"${psql[@]}" -d postgres -c "CREATE DATABASE town"
"${psql[@]}" -d town -c "CREATE EXTENSION postgis"

conn="PG:host=$work port=$port user=postgres dbname=town"
ogr2ogr -f PostgreSQL "$conn" "$sample" 小区 -nln xiaoqu
ogr2ogr -f PostgreSQL "$conn" "$sample" 楼栋 -nln loudong

json=$("$renoplan" info --json --quiet "$conn")
python3 - "$json" <<'PY'
import json, sys
report = json.loads(sys.argv[1])
layers = {l["source_layer"]: l for l in report["layers"]}
assert set(layers) >= {"xiaoqu", "loudong"}, layers.keys()
xq = layers["xiaoqu"]
assert xq["features"] == 300, xq["features"]
assert xq["role"] == "communities", xq["role"]
assert xq["driver"] == "PostgreSQL", xq["driver"]
assert xq["missing_required"] == [], xq["missing_required"]
assert xq["source_crs"].startswith("EPSG:4544"), xq["source_crs"]
assert layers["loudong"]["role"] == "buildings"
assert report["working_crs"] == "EPSG:4544"
print("PG ingest ok:", xq["features"], "communities,", layers["loudong"]["features"], "buildings")
PY

# A connection that cannot be made: exit status 1 and a message naming it.
set +e
err=$("$renoplan" info "PG:host=$work port=1 user=postgres dbname=nothing" 2>&1 >/dev/null)
rc=$?
set -e
if [[ $rc -ne 1 || "$err" != *"connection failed"* ]]; then
    echo "FAIL: bad connection gave rc=$rc: $err" >&2
    exit 1
fi
echo "PG bad connection ok: $err"
