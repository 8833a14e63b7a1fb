// The fast validity test must never call a polygon valid that GEOS calls invalid.
#include <catch2/catch.hpp>

#include <random>

#include "geo/core/geos.hpp"
#include "geo/ingest/simple_polygon.hpp"
#include "geo/model/geometry.hpp"

using namespace renoplan;
using namespace renoplan::ingest;

namespace {

bool geos_valid(const std::vector<double>& ring) {
    GeosContext& ctx = geos_context();
    GeometryColumn col(GeomClass::Polygon);
    col.begin_feature();
    col.begin_part();
    col.add_ring(ring);
    col.end_feature();
    return GEOSisValid_r(ctx, col.to_geos(ctx, 0).get()) == 1;
}

std::vector<double> closed(std::vector<double> xy) {
    xy.push_back(xy[0]);
    xy.push_back(xy[1]);
    return xy;
}

} // namespace

TEST_CASE("Fast ring test on hand-made cases", "[repair]") {
    const double X = 556800, Y = 3379300; // Suining-sized coordinates
    auto at = [&](std::vector<double> xy) {
        for (size_t k = 0; k < xy.size(); k += 2) {
            xy[k] += X;
            xy[k + 1] += Y;
        }
        return closed(xy);
    };
    CHECK(certainly_valid_simple_ring(at({0, 0, 40, 0, 40, 12, 0, 12})));        // slab block
    CHECK(certainly_valid_simple_ring(at({0, 0, 0, 12, 40, 12, 40, 0})));        // clockwise
    CHECK(certainly_valid_simple_ring(at({0, 0, 40, 0, 40, 0, 40, 12, 0, 12}))); // repeat ok
    CHECK_FALSE(certainly_valid_simple_ring(at({0, 0, 10, 10, 10, 0, 0, 10})));  // bow tie
    CHECK_FALSE(certainly_valid_simple_ring(at({0, 0, 10, 0, 20, 0, 10, 5})));   // collinear
    CHECK_FALSE(certainly_valid_simple_ring(at({0, 0, 10, 0, 10, 10, 10, 20, 10, 10, 0, 10})));
    CHECK_FALSE(certainly_valid_simple_ring(at({0, 0, 10, 0, 0, 0}))); // collapsed
    // Self-touch at a vertex (an inverted hole): invalid in GEOS.
    CHECK_FALSE(certainly_valid_simple_ring(at({0, 0, 20, 0, 20, 20, 10, 0, 0, 20})));
    std::vector<double> open_ring = {0, 0, 1, 0, 1, 1, 0, 1};
    CHECK_FALSE(certainly_valid_simple_ring(open_ring));
}

TEST_CASE("Fast ring test agrees with GEOS on random rings", "[repair]") {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> jitter(-30, 30);
    std::uniform_int_distribution<int> count(3, 9);
    size_t accepted = 0;
    for (int trial = 0; trial < 20000; ++trial) {
        const int n = count(rng);
        std::vector<double> xy;
        for (int k = 0; k < n; ++k) {
            // Snap some vertices to a coarse grid to provoke touches and collinearity.
            double x = jitter(rng), y = jitter(rng);
            if (trial % 3 == 0) {
                x = std::round(x / 10) * 10;
                y = std::round(y / 10) * 10;
            }
            xy.push_back(556800 + x);
            xy.push_back(3379300 + y);
        }
        const auto ring = closed(xy);
        if (certainly_valid_simple_ring(ring)) {
            ++accepted;
            INFO("trial " << trial);
            REQUIRE(geos_valid(ring));
        }
    }
    CHECK(accepted > 1000); // the fast path must actually take a good share
}
