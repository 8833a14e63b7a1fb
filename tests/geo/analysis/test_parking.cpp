#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "geo/analysis/parking.hpp"
#include "geo/core/geos.hpp"
#include "support/rings.hpp"

using namespace renoplan;
using namespace renoplan::analysis;

namespace {

// WKT of a w x h rectangle with its lower-left corner at (x0, y0), rotated by `deg` about that
// corner, with an optional hole given in the rectangle's own frame.
std::string rotated_rect(double w, double h, double deg, double x0 = 0, double y0 = 0,
                         const double* hole = nullptr) {
    const double a = deg * std::numbers::pi / 180.0, c = std::cos(a), s = std::sin(a);
    auto pt = [&](double u, double v) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.12f %.12f", x0 + u * c - v * s, y0 + u * s + v * c);
        return std::string(buf);
    };
    std::string wkt = "POLYGON ((" + pt(0, 0) + ", " + pt(w, 0) + ", " + pt(w, h) + ", " +
                      pt(0, h) + ", " + pt(0, 0) + ")";
    if (hole) {
        const double u0 = hole[0], v0 = hole[1], u1 = hole[2], v1 = hole[3];
        wkt += ", (" + pt(u0, v0) + ", " + pt(u0, v1) + ", " + pt(u1, v1) + ", " + pt(u1, v0) +
               ", " + pt(u0, v0) + ")";
    }
    return wkt + ")";
}

int stalls_of(const std::string& wkt, const PlanParams& params = {}) {
    return count_stalls(geos_context(), geos_from_wkt(wkt).get(), params);
}

// A star-shaped polygon of 12 vertices, 10-60 m from its centre, at Gauss-Kruger coordinates,
// with a rotated 8 x 6 m rectangular hole at the centre when asked.
std::string random_piece(std::mt19937& rng, bool hole) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::string wkt = "POLYGON ((" + test::star_ring_wkt(rng, 12, 10, 50, 556000, 3379000) + ")";
    if (hole) {
        const double a = unit(rng) * std::numbers::pi, c = std::cos(a), s = std::sin(a);
        std::string ring;
        for (const auto& [u, v] :
             {std::pair{-4.0, -3.0}, {-4.0, 3.0}, {4.0, 3.0}, {4.0, -3.0}, {-4.0, -3.0}}) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.3f %.3f", 556000 + u * c - v * s,
                          3379000 + u * s + v * c);
            ring += (ring.empty() ? "" : ", ") + std::string(buf);
        }
        wkt += ", (" + ring + ")";
    }
    return wkt + ")";
}

} // namespace

TEST_CASE("A 16.1 x 24 m lot holds one double-loaded module: 2 rows x 10 stalls", "[parking]") {
    // 2 x 5.3 m stalls + 5.5 m aisle = 16.1 m across; 24 / 2.4 = 10 stalls along each row.
    CHECK(stalls_of(rotated_rect(24, 16.1, 0)) == 20);
    // Across the other way rows would be 16.1 m long (6 stalls) and 24 m only fits one module:
    // 12 - the layout keeps the better direction whichever side is given first.
    CHECK(stalls_of(rotated_rect(16.1, 24, 0)) == 20);
    // A centimetre short of the module: along the 24 m side only one row with its aisle fits
    // (10 stalls); across, rows along the 16.09 m side hold 6 stalls and 24 m takes a module:
    // 12 wins.
    CHECK(stalls_of(rotated_rect(24, 16.09, 0)) == 12);
}

TEST_CASE("A stall strip without room for an aisle holds no stall", "[parking]") {
    // 5.3 m deep: the stalls would fit, but along the strip there is no room for an aisle, and
    // an aisle across it would be 5.3 m long, shorter than it is wide: not a lane.
    CHECK(stalls_of(rotated_rect(24, 5.3, 0)) == 0);
    CHECK(stalls_of(rotated_rect(100, 5.3, 0)) == 0);
    // 10.8 x 50 m: along it one single-loaded row (stall depth + aisle = 10.8 m) holds
    // floor(50 / 2.4) = 20; across it, rows 10.8 m long hold 4 stalls and 50 m takes three
    // modules (48.3 m) with aisles 10.8 m long: 3 x 2 x 4 = 24 wins.
    CHECK(stalls_of(rotated_rect(50, 10.8, 0)) == 24);
    // 5.6 m wide (an aisle fits across, 5.6 >= 5.5): rows of 2 stalls on 5.6 m aisle stretches;
    // along 30 m one module (16.1 m) and nothing else (13.9 m left: a single band takes 10.8 m
    // -> one more row): 2 + 2 + 2 = 6.
    CHECK(stalls_of(rotated_rect(30, 5.6, 0)) == 6);
}

TEST_CASE("A 40 x 40 m lot holds 64 stalls", "[parking]") {
    // Along a row: floor(40 / 2.4) = 16 stalls (38.4 m). Across: two double-loaded modules take
    // 2 x 16.1 = 32.2 m; the 7.8 m left is less than a single row with its aisle (10.8 m), so 4
    // rows. (One module and two single rows, 16.1 + 2 x 10.8 = 37.7 m, also give 4 rows.) Both
    // directions are the same for a square: 4 x 16 = 64.
    CHECK(stalls_of(rotated_rect(40, 40, 0)) == 64);
}

TEST_CASE("Rotated and displaced lots hold as many stalls as axis-aligned ones", "[parking]") {
    struct Lot {
        double w, h;
        int stalls;
    };
    for (const Lot lot : {Lot{24, 16.1, 20}, Lot{24, 5.3, 0}, Lot{40, 40, 64}, Lot{50, 10.8, 24},
                          Lot{63.7, 37.3, -1}}) {
        const int axis = stalls_of(rotated_rect(lot.w, lot.h, 0));
        if (lot.stalls >= 0) CHECK(axis == lot.stalls);
        for (const double deg : {17.0, 30.0, 45.0, 90.0, 123.4, 271.0}) {
            INFO(lot.w << " x " << lot.h << " at " << deg << " degrees");
            // Coordinates of the working CRS (EPSG:4544 around Suining): large eastings and
            // northings must not cost a stall through rounding.
            CHECK(stalls_of(rotated_rect(lot.w, lot.h, deg, 556899.09, 3379338.63)) == axis);
        }
    }
}

TEST_CASE("Stalls whose aisle is blocked lose their access", "[parking]") {
    // The 16.1 x 24 lot with a 2.4 m wide hole across its aisle at 9.6-12 m: the aisle in front
    // of the two stalls there is gone, and no stall may span the hole's edges either: each row
    // keeps floor(9.6 / 2.4) + floor(12 / 2.4) = 4 + 5 = 9 stalls, 18 in all.
    const double hole[] = {9.6, 5.3, 12.0, 10.8};
    CHECK(stalls_of(rotated_rect(24, 16.1, 0, 0, 0, hole)) == 18);
    CHECK(stalls_of(rotated_rect(24, 16.1, 33, 1000, 2000, hole)) == 18);
}

TEST_CASE("The drawn stalls are wholly inside, do not overlap and match the count", "[parking]") {
    GeosContext& ctx = geos_context();
    const PlanParams params;
    // An irregular piece: a 60 x 45 m lot with a corner cut off and a courtyard hole.
    const auto piece = geos_from_wkt("POLYGON ((0 0, 60 0, 60 30, 45 45, 0 45, 0 0), "
                                     "(20 18, 20 26, 32 26, 32 18, 20 18))");
    const ParkingLayout layout = layout_parking(ctx, piece.get(), params, true);
    REQUIRE(layout.stalls > 0);
    REQUIRE(layout.stall_geometry.size() == size_t(layout.stalls));
    double piece_area = 0;
    GEOSArea_r(ctx, piece.get(), &piece_area);
    // Each stall takes 12.72 m2 and needs aisle: far fewer than area / 12.72.
    CHECK(layout.stalls < piece_area / (2.4 * 5.3));

    std::vector<GEOSGeometry*> parts;
    for (size_t i = 0; i < layout.stall_geometry.size(); ++i) {
        GeosGeometryPtr stall = layout.stall_geometry.to_geos(ctx, i);
        double a = 0;
        GEOSArea_r(ctx, stall.get(), &a);
        CHECK(a == Approx(2.4 * 5.3).epsilon(1e-9));
        // Inside (allowing for the rounding of the rotated corners).
        const GeosGeometryPtr grown = make_geos_ptr(ctx, GEOSBuffer_r(ctx, piece.get(), 1e-6, 8));
        CHECK(GEOSCovers_r(ctx, grown.get(), stall.get()) == 1);
        parts.push_back(stall.release());
    }
    GeosGeometryPtr all =
        make_geos_ptr(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                       static_cast<unsigned>(parts.size())));
    GeosGeometryPtr merged = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, all.get()));
    double merged_area = 0;
    GEOSArea_r(ctx, merged.get(), &merged_area);
    // No overlaps: the union's area is the sum of the stalls'.
    CHECK(merged_area == Approx(layout.stalls * 2.4 * 5.3).epsilon(1e-6));

    // Every stall touches an aisle stretch that lies inside the piece.
    REQUIRE(layout.aisle_geometry.size() > 0);
    for (size_t i = 0; i < layout.aisle_geometry.size(); ++i) {
        GeosGeometryPtr aisle = layout.aisle_geometry.to_geos(ctx, i);
        const GeosGeometryPtr grown = make_geos_ptr(ctx, GEOSBuffer_r(ctx, piece.get(), 1e-6, 8));
        CHECK(GEOSCovers_r(ctx, grown.get(), aisle.get()) == 1);
    }
    for (size_t i = 0; i < layout.stall_geometry.size(); ++i) {
        GeosGeometryPtr stall = layout.stall_geometry.to_geos(ctx, i);
        bool touches = false;
        for (size_t j = 0; j < layout.aisle_geometry.size() && !touches; ++j) {
            GeosGeometryPtr aisle = layout.aisle_geometry.to_geos(ctx, j);
            double dist = 1;
            GEOSDistance_r(ctx, stall.get(), aisle.get(), &dist);
            touches = dist < 1e-6;
        }
        CHECK(touches);
    }
}

TEST_CASE("Stall sizes follow the parameters", "[parking]") {
    PlanParams params;
    params.stall_width_m = 2.5;
    params.stall_depth_m = 6.0;
    params.aisle_width_m = 6.0;
    // Module 6 + 6 + 6 = 18 m; 25 m along -> 10 per row.
    CHECK(stalls_of(rotated_rect(25, 18, 0), params) == 20);
    // 16.1 m is too little for that module: along 25 m one single row (12 m) of 10; across,
    // rows 16.1 m long hold 6 and 25 m takes one module: 12.
    CHECK(stalls_of(rotated_rect(25, 16.1, 0), params) == 12);
    CHECK(stalls_of(rotated_rect(25, 11.9, 0), params) == 8); // across: 2 x floor(11.9 / 2.5)
}

TEST_CASE("Stall counts are bounded on random pieces and never fail", "[parking]") {
    GeosContext& ctx = geos_context();
    std::mt19937 rng(7);
    const PlanParams params;
    for (int t = 0; t < 60; ++t) {
        const std::string wkt = random_piece(rng, t % 3 == 0);
        const auto piece = geos_from_wkt(wkt);
        double area = 0;
        GEOSArea_r(ctx, piece.get(), &area);
        GeometryColumn stalls(GeomClass::Polygon);
        const int n = count_stalls(ctx, piece.get(), params, &stalls);
        INFO(wkt);
        CHECK(n >= 0);
        CHECK(stalls.size() == size_t(n));
        // The strip scan's plan and GEOS's containment test agree: no planned stall is dropped.
        CHECK(layout_parking(ctx, piece.get(), params).rejected == 0);
        // A stall with half an aisle in front takes 2.4 x (5.3 + 2.75) = 19.3 m2.
        CHECK(n * 2.4 * (5.3 + 2.75) <= area + 1e-6);
    }
}

TEST_CASE("No run of stalls could be longer: beside either end the piece or the aisle stops",
          "[parking]") {
    // The strip scan's stretches checked by GEOS from the outside: a stall added before the first
    // or after the last stall of a run, together with the aisle in front of it, does not lie
    // wholly inside the piece. The added stall overlaps the run by 0.2 mm, more than the scan's
    // tolerance, so the edge that ended the stretch is always inside it.
    GeosContext& ctx = geos_context();
    const PlanParams params;
    const double w = params.stall_width_m, d = params.stall_depth_m, a = params.aisle_width_m;
    struct Rect {
        double u0, v0, u1, v1;
    };
    std::mt19937 rng(11);
    int run_ends = 0;
    for (int t = 0; t < 30; ++t) {
        const std::string wkt = random_piece(rng, t % 2 == 0);
        INFO(wkt);
        const auto piece = geos_from_wkt(wkt);
        const ParkingLayout layout = layout_parking(ctx, piece.get(), params, true);
        REQUIRE(layout.rejected == 0);
        const double angle = layout.angle_deg * std::numbers::pi / 180.0;
        const double c = std::cos(angle), s = std::sin(angle);
        // A rectangle of the layout in the rows' frame (u along the rows).
        auto frame_box = [&](const GeometryColumn& column, size_t i) {
            Rect r{1e300, 1e300, -1e300, -1e300};
            const auto xy = column.ring(column.ring_begin(column.part_begin(i)));
            for (size_t k = 0; k + 1 < xy.size(); k += 2) {
                const double u = xy[k] * c + xy[k + 1] * s, v = -xy[k] * s + xy[k + 1] * c;
                r = {std::min(r.u0, u), std::min(r.v0, v), std::max(r.u1, u), std::max(r.v1, v)};
            }
            return r;
        };
        auto inside = [&](const Rect& r) {
            auto world = [&](double u, double v) {
                char buf[96];
                std::snprintf(buf, sizeof buf, "%.6f %.6f", u * c - v * s, u * s + v * c);
                return std::string(buf);
            };
            const auto g = geos_from_wkt("POLYGON ((" + world(r.u0, r.v0) + ", " +
                                         world(r.u1, r.v0) + ", " + world(r.u1, r.v1) + ", " +
                                         world(r.u0, r.v1) + ", " + world(r.u0, r.v0) + "))");
            return GEOSContains_r(ctx, piece.get(), g.get()) == 1;
        };
        std::vector<Rect> stalls, aisles;
        for (size_t i = 0; i < layout.stall_geometry.size(); ++i)
            stalls.push_back(frame_box(layout.stall_geometry, i));
        for (size_t i = 0; i < layout.aisle_geometry.size(); ++i)
            aisles.push_back(frame_box(layout.aisle_geometry, i));
        auto near = [](double x, double y) { return std::abs(x - y) < 1e-6; };
        for (const Rect& st : stalls) {
            // The aisle in front of the stall: the run's aisle stretch beside its row.
            const Rect* aisle = nullptr;
            for (const Rect& ai : aisles)
                if (ai.u0 <= st.u0 + 1e-6 && ai.u1 >= st.u1 - 1e-6 &&
                    (near(ai.v1, st.v0) || near(ai.v0, st.v1)))
                    aisle = &ai;
            REQUIRE(aisle != nullptr);
            for (const int side : {-1, 1}) {
                const double u0 = st.u0 + side * w;
                bool taken = false;
                for (const Rect& other : stalls)
                    taken = taken || (near(other.u0, u0) && near(other.v0, st.v0));
                if (taken) continue; // not the end of its run
                ++run_ends;
                const double lo = side < 0 ? u0 + 1e-5 : u0 - 2e-4;
                const double hi = side < 0 ? u0 + w + 2e-4 : u0 + w - 1e-5;
                const Rect next{lo, st.v0 + 0.9e-4, hi, st.v0 + d - 0.9e-4};
                const Rect lane{lo, aisle->v0 + 0.9e-4, hi, aisle->v0 + a - 0.9e-4};
                CHECK_FALSE((inside(next) && inside(lane)));
            }
        }
    }
    CHECK(run_ends > 100);
}

TEST_CASE("A self-crossing ring is laid out as the region the even-odd rule gives", "[parking]") {
    // The bow-tie's edges cross at (30, 20): its region is the two triangles, so it holds what
    // the valid two-triangle MultiPolygon holds (its crossing is an event of the strip scan:
    // without it the sides crossing inside one slab would be paired wrongly).
    GeosContext& ctx = geos_context();
    const auto bowtie = geos_from_wkt("POLYGON ((0 0, 60 40, 60 0, 0 40, 0 0))");
    const auto triangles =
        geos_from_wkt("MULTIPOLYGON (((0 0, 30 20, 0 40, 0 0)), ((60 0, 60 40, 30 20, 60 0)))");
    const PlanParams params;
    const ParkingLayout a = layout_parking(ctx, bowtie.get(), params);
    const ParkingLayout b = layout_parking(ctx, triangles.get(), params);
    CHECK(a.stalls > 0);
    CHECK(a.stalls == b.stalls);
    CHECK(b.rejected == 0);
}
