// ClipOverlay (the spare-land subtraction on the 0.1 mm grid) on hand-computable shapes and
// against GEOS's buffer, union and difference.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "geo/analysis/clip_overlay.hpp"
#include "geo/core/geos.hpp"
#include "geo/model/geometry.hpp"
#include "support/geometry_columns.hpp"

using namespace renoplan;
using namespace renoplan::analysis;

namespace {

double area_of(const GEOSGeometry* g) {
    double a = 0.0;
    GEOSArea_r(geos_context(), g, &a);
    return a;
}

// The area of GEOS's (and the overlay's) circle of radius r: 32 triangles, vertices on the circle.
double polygon_circle(double r) {
    return 16.0 * r * r * std::sin(2.0 * std::numbers::pi / 32.0);
}

// GEOS's buffer of `wkt` by d with its default 8 segments a quarter circle.
GeosGeometryPtr geos_buffer(const std::string& wkt, double d) {
    GeosContext& ctx = geos_context();
    return make_geos_ptr(ctx, GEOSBuffer_r(ctx, geos_from_wkt(wkt).get(), d, 8));
}

} // namespace

TEST_CASE("clip overlay: a square minus a buffered point, a building and a hole", "[spare]") {
    GeosContext& ctx = geos_context();
    const std::string square = "POLYGON ((1000 2000, 1100 2000, 1100 2100, 1000 2100, 1000 2000))";

    // A point buffered by 5 m: a 32-gon.
    {
        const GeometryColumn point = test::geometry_column(GeomClass::Point, {"POINT (1050 2050)"});
        ClipOverlay overlay(1000, 2000);
        overlay.add_area(ctx, geos_from_wkt(square).get());
        overlay.add_buffered(point, 0, 5.0);
        const GeosGeometryPtr spare = overlay.difference(ctx);
        CHECK(area_of(spare.get()) == Approx(10000.0 - polygon_circle(5.0)).margin(1e-3));
        CHECK(GEOSisValid_r(ctx, spare.get()) == 1);
    }
    // A 20 x 40 m building with a 6 m setback, drawn clockwise: right-angled corners, exactly
    // GEOS's buffer (the rectangle, four strips, four quarter 32-gons).
    {
        const GeometryColumn building = test::geometry_column(
            GeomClass::Polygon,
            {"POLYGON ((1030 2020, 1030 2060, 1050 2060, 1050 2020, 1030 2020))"});
        ClipOverlay overlay(1000, 2000);
        overlay.add_area(ctx, geos_from_wkt(square).get());
        overlay.add_buffered(building, 0, 6.0);
        const GeosGeometryPtr spare = overlay.difference(ctx);
        const double buffered = 20 * 40 + 2 * 6.0 * (20 + 40) + polygon_circle(6.0);
        CHECK(area_of(spare.get()) == Approx(10000.0 - buffered).margin(1e-3));
        CHECK(area_of(spare.get()) ==
              Approx(10000.0 - area_of(geos_buffer("POLYGON ((1030 2020, 1030 2060, 1050 2060, "
                                                   "1050 2020, 1030 2020))",
                                                   6.0)
                                           .get()))
                  .margin(1e-3));
    }
    // An area with a hole, both rings drawn the same way round: the hole stays a hole.
    {
        ClipOverlay overlay(1000, 2000);
        overlay.add_area(ctx, geos_from_wkt("POLYGON ((1000 2000, 1100 2000, 1100 2100, 1000 "
                                            "2100, 1000 2000), (1040 2040, 1060 2040, 1060 "
                                            "2060, 1040 2060, 1040 2040))")
                                  .get());
        const GeosGeometryPtr spare = overlay.difference(ctx);
        CHECK(area_of(spare.get()) == Approx(10000.0 - 400.0).margin(1e-6));
        REQUIRE(GEOSGetNumGeometries_r(ctx, spare.get()) == 1);
        CHECK(GEOSGetNumInteriorRings_r(ctx, GEOSGetGeometryN_r(ctx, spare.get(), 0)) == 1);
    }
}

TEST_CASE("clip overlay: overlapping buffers are united, a polygon taken as it is", "[spare]") {
    GeosContext& ctx = geos_context();
    const std::string area = "POLYGON ((0 0, 200 0, 200 120, 0 120, 0 0))";
    // Two L-shaped buildings (concave corners) close enough for their 6 m buffers to overlap, a
    // road line with a bend (8 m), and a pond taken as it is.
    const std::vector<std::string> buildings = {
        "POLYGON ((20 20, 60 20, 60 30, 30 30, 30 60, 20 60, 20 20))",
        "POLYGON ((68 20, 90 20, 90 50, 80 50, 80 30, 68 30, 68 20))"};
    const std::string road = "LINESTRING (-20 90, 100 95, 230 80)";
    const std::string pond = "POLYGON ((150 20, 180 20, 180 50, 150 50, 150 20))";
    const GeometryColumn b = test::geometry_column(GeomClass::Polygon, buildings);
    const GeometryColumn r = test::geometry_column(GeomClass::Line, {road});
    ClipOverlay overlay(0, 0);
    overlay.add_area(ctx, geos_from_wkt(area).get());
    for (size_t i = 0; i < b.size(); ++i)
        overlay.add_buffered(b, i, 6.0);
    overlay.add_buffered(r, 0, 8.0);
    overlay.add_obstacle(ctx, geos_from_wkt(pond).get());
    const GeosGeometryPtr spare = overlay.difference(ctx);

    std::vector<GEOSGeometry*> parts;
    for (const auto& w : buildings)
        parts.push_back(geos_buffer(w, 6.0).release());
    parts.push_back(geos_buffer(road, 8.0).release());
    parts.push_back(geos_from_wkt(pond).release());
    const GeosGeometryPtr all =
        make_geos_ptr(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                       static_cast<unsigned>(parts.size())));
    const GeosGeometryPtr obstacles = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, all.get()));
    const GeosGeometryPtr expected =
        make_geos_ptr(ctx, GEOSDifference_r(ctx, geos_from_wkt(area).get(), obstacles.get()));
    double length = 0.0;
    GEOSLength_r(ctx, expected.get(), &length);
    const GeosGeometryPtr sym =
        make_geos_ptr(ctx, GEOSSymDifference_r(ctx, spare.get(), expected.get()));
    INFO("area " << area_of(spare.get()) << " m2, GEOS " << area_of(expected.get())
                 << " m2, symmetric difference " << area_of(sym.get()) << " m2");
    CHECK(area_of(sym.get()) < 1e-4 * length);
    CHECK(GEOSGetNumGeometries_r(ctx, spare.get()) == GEOSGetNumGeometries_r(ctx, expected.get()));
    CHECK(GEOSisValid_r(ctx, spare.get()) == 1);
}

TEST_CASE("clip overlay: lines cut to a box give the same buffer inside it", "[spare]") {
    GeosContext& ctx = geos_context();
    const std::string area = "POLYGON ((0 0, 50 0, 50 50, 0 50, 0 0))";
    // A long zig-zag road crossing the area several times, and one that only passes by.
    const GeometryColumn roads =
        test::geometry_column(GeomClass::Line, {"LINESTRING (-500 10, 20 60, 40 -10, 900 45)",
                                                "LINESTRING (-300 -40, 300 -40)"});
    const double d = 5.0;
    const Box within = Box{0, 0, 50, 50}.buffered(d + 1.0);
    ClipOverlay whole(0, 0), cut(0, 0);
    whole.add_area(ctx, geos_from_wkt(area).get());
    cut.add_area(ctx, geos_from_wkt(area).get());
    for (size_t i = 0; i < roads.size(); ++i) {
        whole.add_buffered(roads, i, d);
        cut.add_buffered(roads, i, d, &within);
    }
    const GeosGeometryPtr a = whole.difference(ctx), b = cut.difference(ctx);
    CHECK(area_of(a.get()) > 100.0);
    CHECK(area_of(a.get()) < 2500.0 - 500.0); // the road did cut
    CHECK(area_of(b.get()) == Approx(area_of(a.get())).margin(1e-6));
}

TEST_CASE("clip overlay: overlap areas", "[spare]") {
    GeosContext& ctx = geos_context();
    const GeosGeometryPtr a = geos_from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const GeosGeometryPtr b = geos_from_wkt("POLYGON ((5 5, 25 5, 25 8, 5 8, 5 5))");
    CHECK(ClipOverlay::overlap_area(ctx, a.get(), b.get(), 0, 0) == Approx(15.0).margin(1e-9));
    const GeosGeometryPtr far = geos_from_wkt("POLYGON ((50 50, 60 50, 60 60, 50 50))");
    CHECK(ClipOverlay::overlap_area(ctx, a.get(), far.get(), 0, 0) == 0.0);
    // A hole in one of them is not counted.
    const GeosGeometryPtr holed =
        geos_from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (6 6, 8 6, 8 7, 6 7, 6 6))");
    CHECK(ClipOverlay::overlap_area(ctx, holed.get(), b.get(), 0, 0) ==
          Approx(15.0 - 2.0).margin(1e-9));
}
