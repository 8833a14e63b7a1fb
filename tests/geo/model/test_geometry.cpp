#include <catch2/catch.hpp>

#include "geo/core/geos.hpp"
#include "geo/model/geometry.hpp"

using namespace renoplan;

TEST_CASE("GeometryColumn round trip through GEOS", "[geometry]") {
    GeosContext& ctx = geos_context();
    const char* wkts[] = {
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
    };
    GeometryColumn col(GeomClass::Polygon);
    for (const char* wkt : wkts) {
        auto g = geos_from_wkt(wkt);
        REQUIRE(col.append_geos(ctx, g.get()));
    }
    REQUIRE(col.size() == 2);
    for (size_t i = 0; i < col.size(); ++i) {
        auto back = col.to_geos(ctx, i);
        auto original = geos_from_wkt(wkts[i]);
        CHECK(GEOSEquals_r(ctx, back.get(), original.get()) == 1);
        double area = 0;
        GEOSArea_r(ctx, original.get(), &area);
        CHECK(col.area(i) == Approx(area));
    }
    CHECK(col.extent().max_x == 10.0);
}

TEST_CASE("GeometryColumn append and feature removal keep offsets consistent", "[geometry]") {
    GeosContext& ctx = geos_context();
    GeometryColumn a(GeomClass::Line), b(GeomClass::Line);
    a.append_geos(ctx, geos_from_wkt("LINESTRING (0 0, 1 1)").get());
    b.append_geos(ctx, geos_from_wkt("MULTILINESTRING ((2 2, 3 3), (4 4, 5 5, 6 6))").get());
    a.append(b);
    REQUIRE(a.size() == 2);
    CHECK(a.feature_coord_count(1) == 5);
    CHECK(a.length(1) == Approx(std::sqrt(2.0) * 3));
    auto g = a.to_geos(ctx, 1);
    CHECK(geos_to_wkt(g.get(), 0) == "MULTILINESTRING ((2 2, 3 3), (4 4, 5 5, 6 6))");

    // An empty feature is discarded, and aborting leaves no trace.
    a.begin_feature();
    a.begin_part();
    CHECK_FALSE(a.end_feature());
    a.begin_feature();
    a.begin_part();
    const double xy[] = {9, 9, 8, 8};
    a.add_ring(xy);
    a.abort_feature();
    CHECK(a.size() == 2);
    CHECK(a.coord_count() == 7);
}
