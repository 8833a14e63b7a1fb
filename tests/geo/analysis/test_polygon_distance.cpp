// The district pair search's fast distance (polygon_distance.hpp) against GEOS's own distance and
// nearest points on random polygons with holes and several parts, and what it leaves to GEOS.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "geo/analysis/polygon_distance.hpp"
#include "geo/core/geos.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::analysis;

namespace {

// A star-shaped ring around (cx, cy): n vertices at random radii in [r/2, r].
std::string ring(std::mt19937& rng, double cx, double cy, double r, int n, bool clockwise) {
    std::uniform_real_distribution<double> radius(0.5 * r, r);
    std::string out = "(";
    std::string first;
    for (int k = 0; k < n; ++k) {
        const int kk = clockwise ? n - k : k;
        const double a = 2.0 * M_PI * kk / n, rr = radius(rng);
        const std::string p =
            std::to_string(cx + rr * std::cos(a)) + " " + std::to_string(cy + rr * std::sin(a));
        if (k == 0) first = p;
        out += p + ", ";
    }
    return out + first + ")";
}

} // namespace

TEST_CASE("polygon separation: equals GEOS's distance where it decides, defers where boxes meet",
          "[districts]") {
    GeosContext& ctx = geos_context();
    std::mt19937 rng(20261127);
    std::uniform_real_distribution<double> pos(0.0, 300.0), size(5.0, 40.0);
    std::uniform_int_distribution<int> vertices(3, 12), coin(0, 3);
    GeometryColumn column(GeomClass::Polygon);
    std::vector<GeosGeometryPtr> geos;
    for (int i = 0; i < 120; ++i) {
        const double cx = 500000.0 + pos(rng), cy = 3370000.0 + pos(rng), r = size(rng);
        std::string wkt;
        if (coin(rng) == 0) { // two parts, the first with a hole
            wkt = "MULTIPOLYGON ((" + ring(rng, cx, cy, r, vertices(rng), false) + ", " +
                  ring(rng, cx, cy, 0.3 * r, 5, true) + "), (" +
                  ring(rng, cx + 3 * r, cy, 0.5 * r, vertices(rng), false) + "))";
        } else {
            wkt = "POLYGON (" + ring(rng, cx, cy, r, vertices(rng), false) + ")";
        }
        GeosGeometryPtr g = geos_from_wkt(wkt);
        REQUIRE(g);
        REQUIRE(GEOSisValid_r(ctx, g.get()) == 1);
        REQUIRE(column.append_geos(ctx, g.get()));
        geos.push_back(std::move(g));
    }
    size_t decided = 0, deferred = 0;
    for (size_t a = 0; a < geos.size(); ++a)
        for (size_t b = a + 1; b < geos.size(); ++b) {
            const Separation s = polygon_separation(column, a, b, 1e-6);
            double d = 0.0;
            REQUIRE(GEOSDistance_r(ctx, geos[a].get(), geos[b].get(), &d) == 1);
            if (!s.apart) {
                ++deferred;
                // Only where the boxes meet or the rings nearly touch.
                CHECK((column.box(a).distance(column.box(b)) <= 0.0 || d <= 1e-6));
                continue;
            }
            ++decided;
            CHECK(s.distance == Approx(d).epsilon(1e-12).margin(1e-9));
            // The nearest points lie on the features and are that far apart.
            CHECK(std::hypot(s.ax - s.bx, s.ay - s.by) == Approx(d).margin(1e-9));
            GEOSGeometry* pa = GEOSGeom_createPointFromXY_r(ctx, s.ax, s.ay);
            GEOSGeometry* pb = GEOSGeom_createPointFromXY_r(ctx, s.bx, s.by);
            double da = 1.0, db = 1.0;
            GEOSDistance_r(ctx, pa, geos[a].get(), &da);
            GEOSDistance_r(ctx, pb, geos[b].get(), &db);
            GEOSGeom_destroy_r(ctx, pa);
            GEOSGeom_destroy_r(ctx, pb);
            CHECK(da < 1e-9);
            CHECK(db < 1e-9);
        }
    CHECK(decided > 5000);
    CHECK(deferred > 50);
}
