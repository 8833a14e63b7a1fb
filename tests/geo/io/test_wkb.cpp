#include <catch2/catch.hpp>

#include <ogr_geometry.h>

#include "geo/core/gdal.hpp"
#include "geo/io/wkb.hpp"

using namespace renoplan;
using namespace renoplan::io;

namespace {

std::vector<uint8_t> wkb_of(const std::string& wkt, OGRwkbByteOrder order = wkbNDR,
                            OGRwkbVariant variant = wkbVariantIso) {
    OGRGeometry* g = nullptr;
    REQUIRE(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) == OGRERR_NONE);
    OGRGeometryUniquePtr owned(g);
    std::vector<uint8_t> out(g->WkbSize());
    REQUIRE(g->exportToWkb(order, out.data(), variant) == OGRERR_NONE);
    return out;
}

} // namespace

TEST_CASE("WKB polygon with a hole, both byte orders", "[wkb]") {
    const std::string wkt = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))";
    for (auto order : {wkbNDR, wkbXDR}) {
        GeometryColumn col(GeomClass::Polygon);
        const auto r = append_wkb(col, wkb_of(wkt, order));
        REQUIRE(r.status == WkbStatus::Ok);
        REQUIRE(col.size() == 1);
        CHECK(col.part_end(0) - col.part_begin(0) == 1);
        CHECK(col.ring_end(0) - col.ring_begin(0) == 2);
        CHECK(col.area(0) == Approx(100.0 - 4.0));
        CHECK(col.box(0).max_x == 10.0);
        CHECK(col.ring(1)[0] == 2.0);
    }
}

TEST_CASE("WKB Z, M and ZM ordinates are dropped", "[wkb]") {
    for (const char* wkt : {"LINESTRING Z (1 2 3, 4 5 6)", "LINESTRING M (1 2 3, 4 5 6)",
                            "LINESTRING ZM (1 2 3 9, 4 5 6 9)"}) {
        GeometryColumn col(GeomClass::Line);
        const auto r = append_wkb(col, wkb_of(wkt));
        REQUIRE(r.status == WkbStatus::Ok);
        CHECK(r.dropped_zm);
        const auto ring = col.ring(0);
        REQUIRE(ring.size() == 4);
        CHECK(ring[0] == 1.0);
        CHECK(ring[1] == 2.0);
        CHECK(ring[2] == 4.0);
        CHECK(ring[3] == 5.0);
    }
}

TEST_CASE("Old-style (EWKB-like 25D) WKB is read", "[wkb]") {
    GeometryColumn col(GeomClass::Point);
    const auto r = append_wkb(col, wkb_of("POINT Z (7 8 9)", wkbNDR, wkbVariantOldOgc));
    REQUIRE(r.status == WkbStatus::Ok);
    CHECK(r.dropped_zm);
    CHECK(col.ring(0)[0] == 7.0);
    CHECK(col.ring(0)[1] == 8.0);
}

TEST_CASE("PostGIS EWKB with SRID", "[wkb]") {
    // Little-endian EWKB point with SRID 4490: type 0x20000001.
    std::vector<uint8_t> wkb = {0x01, 0x01, 0x00, 0x00, 0x20, 0xAA, 0x11, 0x00, 0x00};
    const double x = 105.5, y = 30.5;
    const auto* px = reinterpret_cast<const uint8_t*>(&x);
    const auto* py = reinterpret_cast<const uint8_t*>(&y);
    wkb.insert(wkb.end(), px, px + 8);
    wkb.insert(wkb.end(), py, py + 8);
    GeometryColumn col(GeomClass::Point);
    REQUIRE(append_wkb(col, wkb).status == WkbStatus::Ok);
    CHECK(col.ring(0)[0] == 105.5);
}

TEST_CASE("Multi-geometries and collections", "[wkb]") {
    GeometryColumn col(GeomClass::Polygon);
    REQUIRE(
        append_wkb(col, wkb_of("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))")).status ==
        WkbStatus::Ok);
    CHECK(col.part_end(0) - col.part_begin(0) == 2);

    // A collection keeps the parts of the column's class and says it dropped the rest.
    const auto r =
        append_wkb(col, wkb_of("GEOMETRYCOLLECTION (POINT (1 1), POLYGON ((0 0,2 0,2 2,0 0)))"));
    REQUIRE(r.status == WkbStatus::Ok);
    CHECK(r.dropped_other);
    CHECK(col.size() == 2);

    // Only other classes: nothing appended.
    const auto other = append_wkb(col, wkb_of("LINESTRING (0 0, 1 1)"));
    CHECK(other.status == WkbStatus::OtherClass);
    CHECK(col.size() == 2);
    CHECK(wkb_geom_class(wkb_of("LINESTRING (0 0, 1 1)")) == GeomClass::Line);
}

TEST_CASE("Empty, curved and corrupt WKB", "[wkb]") {
    GeometryColumn col(GeomClass::Polygon);
    CHECK(append_wkb(col, wkb_of("POLYGON EMPTY")).status == WkbStatus::Empty);
    CHECK(append_wkb(col, wkb_of("CURVEPOLYGON (CIRCULARSTRING (0 0, 1 1, 2 0, 1 -1, 0 0))"))
              .status == WkbStatus::Curve);
    auto good = wkb_of("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))");
    // Truncated in the second polygon: the first must not be left behind.
    good.resize(good.size() - 10);
    CHECK(append_wkb(col, good).status == WkbStatus::Corrupt);
    CHECK(col.size() == 0);
    CHECK(col.coord_count() == 0);
    const std::vector<uint8_t> garbage = {0x01, 0x63, 0x00, 0x00, 0x00};
    CHECK(append_wkb(col, garbage).status == WkbStatus::Corrupt);
    CHECK(append_wkb(col, {}).status == WkbStatus::Empty);
}
