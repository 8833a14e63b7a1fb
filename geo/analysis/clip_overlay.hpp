// The spare-land subtraction on an integer grid: areas minus the union of buffered obstacles,
// by Clipper 6 (Angus Johnson's Vatti clipper, Debian libpolyclipping) instead of GEOS's buffer
// builder.
//
// Why: GEOS nodes every ring of the obstacles and the area together and then locates the depth
// of each connected part of the noded graph by stabbing all the others
// (SubgraphDepthLocater), so the cost of one subtraction grows faster than the number of its
// rings; here the buffers' offset curves and the difference are one scan-beam sweep. On the
// synthetic town this was most of a plan's time (docs/benchmarks.md). And GEOS's "difference by
// buffer(0)" over the obstacles' rings as holes, used before, lost holes in places.
//
// The grid: coordinates relative to a caller's origin, in units of 1/scale metres (default
// 0.1 mm); results are exact on that grid. Buffers have round joins and caps with 32 segments a
// circle (GEOS's and PostGIS's default of 8 a quarter), vertices on the circle as in GEOS; a
// turn that is not a multiple of 11.25 degrees gets a shorter or longer last step where GEOS
// divides it evenly (at most 5e-4 r^2 of area a corner: 0.02 m2 for the 6 m setback; right
// angles, the rectangles' corners, agree exactly).
#pragma once

#include <memory>

#include "geo/core/geos.hpp"
#include "geo/model/box.hpp"
#include "geo/model/geometry.hpp"

namespace renoplan::analysis {

class ClipOverlay {
public:
    // Coordinates are taken relative to (origin_x, origin_y); two overlays with the same origin
    // and scale put the same point on the same grid node.
    ClipOverlay(double origin_x, double origin_y, double scale = 1e4);
    ~ClipOverlay();
    ClipOverlay(const ClipOverlay&) = delete;
    ClipOverlay& operator=(const ClipOverlay&) = delete;

    // The polygons (or multipolygons) obstacles are subtracted from; several are united.
    void add_area(GEOSContextHandle_t ctx, const GEOSGeometry* g);
    // Feature i of a column buffered by `distance` > 0 (round joins and ends): polygons, lines
    // or points. Lines are first cut to `lines_within` (when given): the buffer inside a box
    // depends only on the part of a line inside that box grown by the distance.
    void add_buffered(const GeometryColumn& column, size_t i, double distance,
                      const Box* lines_within = nullptr);
    // An obstacle polygon (or multipolygon) taken as it is.
    void add_obstacle(GEOSContextHandle_t ctx, const GEOSGeometry* g);

    // The areas minus the union of the obstacles, as a GEOS collection of polygons (empty when
    // nothing remains), rings closed, every ring simple. Throws std::runtime_error if Clipper
    // refuses (coordinates beyond its range).
    GeosGeometryPtr difference(GEOSContextHandle_t ctx);

    // The area of the intersection of two polygons (or multipolygons), m2, on the grid of the
    // origin given.
    static double overlap_area(GEOSContextHandle_t ctx, const GEOSGeometry* a,
                               const GEOSGeometry* b, double origin_x, double origin_y,
                               double scale = 1e4);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace renoplan::analysis
