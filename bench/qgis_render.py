#!/usr/bin/python3
"""Times QGIS 3.22 rendering every layer of a GeoPackage at full extent (bench/viewer.sh).

usage: bench/qgis_render.py TOWN.gpkg WIDTH HEIGHT [OUT.png]

The layers are opened first (ogr provider, QGIS's default simple symbol per layer, the
GeoPackage's layer order with polygons at the bottom as the viewer draws them); then a
QgsMapRendererSequentialJob renders them at their combined extent to an image of WIDTH x HEIGHT,
three times, and the fastest job is reported (ms, the job only) as one JSON line. Needs
python3-qgis (Debian); run with QT_QPA_PLATFORM=offscreen.
"""
import json
import sys
import time

from osgeo import ogr
from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    out = sys.argv[4] if len(sys.argv) == 5 else None
    app = QgsApplication([], False)
    app.initQgis()
    t0 = time.perf_counter()
    source = ogr.Open(path)
    names = [source.GetLayer(i).GetName() for i in range(source.GetLayerCount())]
    source = None
    layers = []
    for name in names:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if layer.isValid() and layer.isSpatial():
            layers.append(layer)
    # Top first: points over lines over polygons.
    rank = {QgsWkbTypes.PointGeometry: 0, QgsWkbTypes.LineGeometry: 1,
            QgsWkbTypes.PolygonGeometry: 2}
    layers.sort(key=lambda l: rank.get(l.geometryType(), 3))
    open_ms = (time.perf_counter() - t0) * 1000.0
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[-1].crs())
    settings.setBackgroundColor(QColor("white"))
    settings.setOutputSize(QSize(width, height))
    extent = settings.fullExtent()
    extent.scale(1.1)  # the viewer's 5% margin on each side
    settings.setExtent(extent)
    times = []
    for _ in range(3):
        job = QgsMapRendererSequentialJob(settings)
        t0 = time.perf_counter()
        job.start()
        job.waitForFinished()
        times.append((time.perf_counter() - t0) * 1000.0)
    if out and not job.renderedImage().save(out):
        sys.exit(f"cannot write {out}")
    features = sum(l.featureCount() for l in layers)
    print(json.dumps({"layers": len(layers), "features": features, "open_ms": open_ms,
                      "render_ms": min(times), "render_runs_ms": times}))


if __name__ == "__main__":
    main()
