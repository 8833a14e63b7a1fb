// geo/render/measure: the measure tool's length and area, by hand figures and against GEOS
// (GEOSLength_r / GEOSArea_r on the same coordinates built as GEOS geometries).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "geo/core/geos.hpp"
#include "geo/render/measure.hpp"

using namespace renoplan;
using namespace renoplan::render;

namespace {

// GEOS's length of the path and area of the closed ring through the same points.
void geos_figures(const std::vector<double>& xy, double& length, double& area) {
    GEOSContextHandle_t ctx = geos_context();
    const unsigned n = unsigned(xy.size() / 2);
    GEOSCoordSequence* line_seq = GEOSCoordSeq_create_r(ctx, n, 2);
    GEOSCoordSequence* ring_seq = GEOSCoordSeq_create_r(ctx, n + 1, 2);
    for (unsigned k = 0; k <= n; ++k) {
        const unsigned i = k % n;
        if (k < n) GEOSCoordSeq_setXY_r(ctx, line_seq, k, xy[2 * i], xy[2 * i + 1]);
        GEOSCoordSeq_setXY_r(ctx, ring_seq, k, xy[2 * i], xy[2 * i + 1]);
    }
    GeosGeometryPtr line = make_geos_ptr(ctx, GEOSGeom_createLineString_r(ctx, line_seq));
    GeosGeometryPtr polygon = make_geos_ptr(
        ctx, GEOSGeom_createPolygon_r(ctx, GEOSGeom_createLinearRing_r(ctx, ring_seq), nullptr, 0));
    REQUIRE(line);
    REQUIRE(polygon);
    REQUIRE(GEOSLength_r(ctx, line.get(), &length) == 1);
    REQUIRE(GEOSArea_r(ctx, polygon.get(), &area) == 1);
}

} // namespace

TEST_CASE("measure: hand figures of a path and a square", "[render][measure]") {
    // Gauss-Kruger magnitudes (EPSG:4544 around Suining)
    const double x = 556000.0, y = 3379000.0;
    SECTION("no point, one point: nothing") {
        CHECK(measure({}).length_m == 0.0);
        const std::vector<double> one{x, y};
        const Measurement m = measure(one);
        CHECK(m.points == 1);
        CHECK(m.length_m == 0.0);
        CHECK_FALSE(m.has_area);
    }
    SECTION("two points: a 3-4-5 segment, no area") {
        const std::vector<double> xy{x, y, x + 300.0, y + 400.0};
        const Measurement m = measure(xy);
        CHECK(m.length_m == Approx(500.0));
        CHECK_FALSE(m.has_area);
        CHECK(m.area_m2 == 0.0);
    }
    SECTION("a 100 m square clicked clockwise: 300 m path, 400 m around, 1 ha = 15 亩") {
        const std::vector<double> xy{x, y, x, y + 100.0, x + 100.0, y + 100.0, x + 100.0, y};
        const Measurement m = measure(xy);
        CHECK(m.points == 4);
        CHECK(m.length_m == Approx(300.0));
        CHECK(m.perimeter_m == Approx(400.0));
        REQUIRE(m.has_area);
        CHECK(m.area_m2 == Approx(10000.0).epsilon(1e-12));
        CHECK(m.area_mu() == Approx(15.0));
    }
    SECTION("a right triangle of 30 x 40 m: 600 m²") {
        const std::vector<double> xy{x, y, x + 30.0, y, x, y + 40.0};
        const Measurement m = measure(xy);
        CHECK(m.length_m == Approx(30.0 + 50.0));
        CHECK(m.perimeter_m == Approx(120.0));
        CHECK(m.area_m2 == Approx(600.0));
    }
}

TEST_CASE("measure: length and area agree with GEOS on random rings", "[render][measure]") {
    std::mt19937 random(20261127);
    std::uniform_real_distribution<double> radius(50.0, 900.0);
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    for (int trial = 0; trial < 50; ++trial) {
        // A star-shaped (hence simple) ring around a Gauss-Kruger point, 3 to 40 vertices.
        const int n = 3 + trial % 38;
        const double cx = 500000.0 + 1000.0 * trial, cy = 3380000.0 - 700.0 * trial;
        std::vector<double> xy;
        for (int k = 0; k < n; ++k) {
            const double angle = 2.0 * M_PI * (k + 0.8 * jitter(random)) / n;
            const double r = radius(random);
            xy.push_back(cx + r * std::cos(angle));
            xy.push_back(cy + r * std::sin(angle));
        }
        double geos_length = 0.0, geos_area = 0.0;
        geos_figures(xy, geos_length, geos_area);
        const Measurement m = measure(xy);
        INFO("trial " << trial << ", " << n << " points");
        CHECK(m.length_m == Approx(geos_length).epsilon(1e-9));
        CHECK(m.area_m2 == Approx(geos_area).epsilon(1e-9));
        CHECK(m.area_mu() == Approx(geos_area * 15.0 / 10000.0).epsilon(1e-9));
    }
}

TEST_CASE("measure: display texts", "[render][measure]") {
    CHECK(format_length(0.5) == "0.5 m");
    CHECK(format_length(850.34) == "850.3 m");
    CHECK(format_length(1234.4) == "1.234 km");
    CHECK(format_length(12000.0) == "12.000 km");
    CHECK(format_length(-1.0) == "-");
    CHECK(format_area_m2(12.54) == "12.5 m²");
    CHECK(format_area_m2(1234.4) == "1,234 m²");
    CHECK(format_area_m2(1234567.6) == "1,234,568 m²");
    CHECK(format_area_m2(100.0) == "100 m²");
    CHECK(format_mu(10000.0) == "15.00");
    CHECK(format_mu(1000.0) == "1.50");
}
