#!/usr/bin/python3
"""Opens a GeoPackage written by renoplan with QGIS (python3-qgis, 3.22 on Debian 12) the way a
planner's QGIS opens it, and checks that every table comes up styled and readable:

  - each table opens as a valid layer, and its default style from layer_styles is applied
    (renderer type as in the stored QML, labels on when the QML turns them on);
  - every alias in gpkg_data_columns (read here with Python's sqlite3, not through GDAL) is the
    alias QGIS shows for that field (QGIS 3.22 takes aliases from the style, not from
    gpkg_data_columns, so this checks that the writer put them into both);
  - every feature of a styled layer gets a symbol (nothing is left undrawn);
  - optional expectations: --expect LAYER:FID=#rrggbb means QGIS draws that feature in that
    colour (alpha ignored).

Prints the renderer, categories or ranges with colours, labels and aliases per layer.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_check.py FILE.gpkg [--expect ...]
Exit status: 0 all good, 1 a check failed, 77 QGIS's Python bindings are not installed (CTest
SKIP_RETURN_CODE).
"""

import argparse
import os
import sqlite3
import sys
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import (Qgis, QgsApplication, QgsRenderContext, QgsVectorLayer,
                           QgsWkbTypes)
except ImportError:
    print("SKIP: python3-qgis is not installed (apt-get install python3-qgis qgis-providers)")
    sys.exit(77)


def stored_styles(path):
    """table name -> (styleName, QML) of the default style, read with sqlite3."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM gpkg_contents WHERE table_name != 'layer_styles' "
            "ORDER BY table_name")]
        styles, aliases = {}, {}
        if con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'layer_styles'").fetchone()[0]:
            for table, name, qml in con.execute(
                    "SELECT f_table_name, styleName, styleQML FROM layer_styles "
                    "WHERE useAsDefault = 1"):
                styles[table] = (name, qml)
        if con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'gpkg_data_columns'").fetchone()[0]:
            for table, column, name in con.execute(
                    "SELECT table_name, column_name, name FROM gpkg_data_columns "
                    "WHERE name IS NOT NULL"):
                aliases.setdefault(table, {})[column] = name
        return tables, styles, aliases
    finally:
        con.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gpkg")
    parser.add_argument("--expect", action="append", default=[],
                        help="LAYER:FID=#rrggbb, the colour QGIS must draw that feature in")
    args = parser.parse_args()
    if not os.path.isfile(args.gpkg):
        print(f"FAIL: {args.gpkg} does not exist")
        return 1

    expectations = {}
    for e in args.expect:
        where, colour = e.split("=", 1)
        layer, fid = where.rsplit(":", 1)
        expectations.setdefault(layer, {})[int(fid)] = colour.lower()

    app = QgsApplication([], False)
    app.initQgis()
    failures = []

    def fail(message):
        failures.append(message)
        print("  FAIL: " + message)

    print(f"QGIS {Qgis.version()}, {args.gpkg}")
    tables, styles, aliases = stored_styles(args.gpkg)
    for table in tables:
        layer = QgsVectorLayer(f"{args.gpkg}|layername={table}", table, "ogr")
        print(f"{table}:")
        if not layer.isValid():
            fail(f"{table}: QGIS cannot open it")
            continue
        has_geometry = layer.geometryType() not in (QgsWkbTypes.NullGeometry,
                                                    QgsWkbTypes.UnknownGeometry)

        # Aliases: QGIS's against gpkg_data_columns.
        shown = {f.name(): layer.attributeAlias(i) for i, f in enumerate(layer.fields())}
        print("  aliases: " + ", ".join(f"{k}={v}" for k, v in shown.items() if v))
        for column, alias in aliases.get(table, {}).items():
            if column not in shown:
                fail(f"{table}: gpkg_data_columns names a field '{column}' QGIS does not have")
            elif shown[column] != alias:
                fail(f"{table}.{column}: QGIS shows alias '{shown[column]}', "
                     f"gpkg_data_columns says '{alias}'")

        if table not in styles:
            print("  no stored style")
            continue
        style_name, qml = styles[table]
        root = ET.fromstring(qml)
        print(f"  style '{style_name}' (QML from layer_styles, {len(qml)} bytes)")
        if not has_geometry:
            continue

        stored_renderer = root.find("renderer-v2")
        renderer = layer.renderer()
        if stored_renderer is not None:
            expected = stored_renderer.get("type")
            got = renderer.type() if renderer else None
            print(f"  renderer: {got}")
            if got != expected:
                fail(f"{table}: renderer is {got}, the stored default style has {expected}")
        if renderer and renderer.type() == "categorizedSymbol":
            print(f"  categories on '{renderer.classAttribute()}':")
            for c in renderer.categories():
                value = c.value()
                print(f"    {value!r:>12} {c.symbol().color().name()} "
                      f"alpha {c.symbol().color().alpha()} '{c.label()}'")
        elif renderer and renderer.type() == "graduatedSymbol":
            print(f"  ranges on '{renderer.classAttribute()}':")
            for r in renderer.ranges():
                print(f"    {r.lowerValue()} - {r.upperValue()} "
                      f"{r.symbol().color().name()} '{r.label()}'")

        labels_on = root.get("labelsEnabled") == "1"
        print(f"  labels: {'on' if layer.labelsEnabled() else 'off'}", end="")
        if layer.labelsEnabled() and layer.labeling():
            settings = layer.labeling().settings()
            print(f" ({settings.fieldName}, {settings.format().font().family()} "
                  f"{settings.format().size()} pt)", end="")
        print()
        if labels_on != layer.labelsEnabled():
            fail(f"{table}: labels {'off' if labels_on else 'on'} in QGIS, "
                 f"{'on' if labels_on else 'off'} in the stored style")

        # Every feature drawn; colours as expected.
        context = QgsRenderContext()
        renderer.startRender(context, layer.fields())
        drawn = {}
        for feature in layer.getFeatures():
            symbol = renderer.symbolForFeature(feature, context)
            if symbol is None:
                fail(f"{table}: feature {feature.id()} gets no symbol (not drawn)")
                continue
            drawn[feature.id()] = symbol.color().name()
        renderer.stopRender(context)
        print("  features: " + ", ".join(f"{fid}:{colour}" for fid, colour in sorted(drawn.items())))
        for fid, colour in expectations.pop(table, {}).items():
            if drawn.get(fid) != colour:
                fail(f"{table}: feature {fid} drawn in {drawn.get(fid)}, expected {colour}")

    for table in expectations:
        fail(f"expectations for '{table}', which is not a styled layer with geometry")
    print("FAILED" if failures else "OK")
    return 1 if failures else 0


if __name__ == "__main__":
    status = main()
    # Leave without tearing QGIS down: exitQgis() with layers and renderers still referenced
    # crashes QGIS 3.22 in its destructors, which would hide the status.
    sys.stdout.flush()
    os._exit(status)
