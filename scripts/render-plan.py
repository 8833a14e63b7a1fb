#!/usr/bin/python3
"""Renders a plan GeoPackage with the default styles it carries, as QGIS 3.22 shows it.

usage: scripts/render-plan.py PLAN.gpkg OUT.png [WIDTH HEIGHT]

Used for the map in README.md and the user guide (docs/images/). Needs python3-qgis (Debian);
run with QT_QPA_PLATFORM=offscreen where there is no display.
"""
import sys

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    path, out = sys.argv[1], sys.argv[2]
    width, height = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else (1400, 1100)
    app = QgsApplication([], False)
    app.initQgis()
    layers = []
    for name in ["spare_land", "districts", "communities"]:  # top first
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            sys.exit(f"{path}: no layer {name} (is it a renoplan plan?)")
        layer.loadDefaultStyle()
        layers.append(layer)
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setBackgroundColor(QColor("white"))
    settings.setOutputSize(QSize(width, height))
    extent = layers[2].extent()
    extent.scale(1.02)
    settings.setExtent(extent)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    if not job.renderedImage().save(out):
        sys.exit(f"cannot write {out}")
    print("rendered", out)


if __name__ == "__main__":
    main()
