#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "geo/analysis/clearances.hpp"
#include "geo/analysis/facility_sizes.hpp"
#include "geo/analysis/spare_land.hpp"
#include "geo/core/error.hpp"
#include "geo/core/geos.hpp"
#include "geo/ingest/ingest.hpp"
#include "support/geometry_columns.hpp"
#include "support/rings.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::analysis;

namespace {

// [SECTION] fixtures -----------------------------------------------------------------------

std::string rect(double x0, double y0, double x1, double y1) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "POLYGON ((%.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f))", x0, y0, x1,
                  y0, x1, y1, x0, y1, x0, y0);
    return buf;
}

struct Field {
    std::string name;
    ColumnType type;
    std::vector<std::string> values; // "" = null
};

Layer layer_of(Role role, GeomClass cls, const std::vector<std::string>& wkts,
               const std::vector<Field>& fields = {}) {
    Layer l;
    l.name = std::string(to_string(role));
    l.role = role;
    l.geometry = test::geometry_column(cls, wkts);
    for (size_t i = 0; i < wkts.size(); ++i)
        l.fids.push_back(int64_t(i) + 1);
    for (const auto& f : fields) {
        Column c(f.name, f.type);
        for (const auto& v : f.values) {
            if (v.empty())
                c.push_null();
            else if (f.type == ColumnType::Real)
                c.push_real(std::stod(v));
            else
                c.push_string(v);
        }
        l.canonical.push_back(std::move(c));
    }
    l.build_index();
    return l;
}

SpareLandResult run(const SpareLandInput& input, PlanParams params = {}) {
    Progress progress;
    return find_spare_land(input, params, progress);
}

double total_area(const SpareLandResult& r) {
    double a = 0;
    for (const auto& p : r.pieces)
        a += p.area_m2;
    return a;
}

// How far the spare land may differ in area from one computed by GEOS: the overlay puts every
// vertex on a 0.1 mm grid, and a round join whose turn is not a multiple of 11.25 degrees gets
// a shorter last step where GEOS divides the turn evenly. Taken as the boundary's length times
// 0.1 mm (measured in these tests: areas within 1e-2 of it, symmetric differences within a
// third).
double grid_margin(const GEOSGeometry* g) {
    double length = 0.0;
    GEOSLength_r(geos_context(), g, &length);
    return 1e-4 * length;
}

// The area of the symmetric difference between the pieces kept and a GEOS geometry.
double mismatch_area(const SpareLandResult& r, const GEOSGeometry* expected) {
    GeosContext& ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    for (const auto& p : r.pieces)
        parts.push_back(p.geometry.to_geos(ctx, 0).release());
    const GeosGeometryPtr coll =
        make_geos_ptr(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                       static_cast<unsigned>(parts.size())));
    const GeosGeometryPtr ours = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, coll.get()));
    const GeosGeometryPtr sym = make_geos_ptr(ctx, GEOSSymDifference_r(ctx, ours.get(), expected));
    double a = -1.0;
    if (sym) GEOSArea_r(ctx, sym.get(), &a);
    return a;
}

// Area of a rectangle's GEOS buffer with `quadsegs` segments per quarter circle: the rectangle,
// four side strips and four corner fans of `quadsegs` triangles with their vertices on the arc.
double rect_buffer_area(double w, double h, double r, int quadsegs) {
    const double fan = quadsegs * 0.5 * r * r * std::sin(std::numbers::pi / 2 / quadsegs);
    return w * h + 2 * r * (w + h) + 4 * fan;
}

} // namespace

// [SECTION] subtraction -------------------------------------------------------------------------

TEST_CASE("Courtyard: a building with a 6 m setback leaves the hand-computed area", "[spare]") {
    // 100 x 100 m courtyard, one 20 x 40 m building in the middle, setback 6 m. With true circular
    // corners: 10,000 - (32 x 52 - (4 - pi) x 36) = 8,366.90 m2. GEOS (like PostGIS) buffers
    // with 8 segments per quarter circle, whose vertices lie on the arc: each rounded corner
    // loses 36 x (pi/4 - 4 sin(pi/16)) = 0.18 m2 to the chords, so the buffer is 0.73 m2 smaller
    // and the spare area 0.73 m2 larger: 8,367.63 m2.
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    const Layer buildings = layer_of(Role::Buildings, GeomClass::Polygon, {rect(30, 40, 50, 80)});
    SpareLandInput in;
    in.areas = &areas;
    in.buildings = &buildings;
    const SpareLandResult r = run(in);
    const double circle = 10000 - (32 * 52 - (4 - std::numbers::pi) * 36);
    const double chords = 10000 - rect_buffer_area(20, 40, 6, 8);
    CHECK(circle == Approx(8366.90).margin(0.01));
    CHECK(chords == Approx(8367.63).margin(0.01));
    REQUIRE(r.pieces.size() == 1);
    CHECK(r.pieces[0].area_m2 == Approx(chords).margin(1e-6));
    CHECK(std::abs(r.pieces[0].area_m2 - circle) < 1.0);
    CHECK(r.counts.buildings == 1);
    CHECK(r.counts.spare_area_m2 == Approx(chords).margin(1e-6));
    CHECK(r.pieces[0].area_index == 0);
    // The piece is a ring around the building: its widest free circle sits in a corner.
    CHECK(r.pieces[0].inscribed_radius_m > 20);
}

TEST_CASE("Road buffers remove half the width plus the margin on each side", "[spare]") {
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    // A 10 m road along y = 50, running past the area (its round caps stay outside).
    const Layer roads = layer_of(Role::Roads, GeomClass::Line, {"LINESTRING (-50 50, 150 50)"},
                                 {{"width_m", ColumnType::Real, {"10"}}});
    SpareLandInput in;
    in.areas = &areas;
    in.roads = &roads;
    PlanParams params;
    params.road_margin_m = 1.0;
    SpareLandResult r = run(in, params);
    // Strip 2 x (5 + 1) = 12 m wide: two pieces of 100 x 44 m.
    REQUIRE(r.pieces.size() == 2);
    CHECK(r.pieces[0].area_m2 == Approx(4400).margin(1e-6));
    CHECK(r.pieces[1].area_m2 == Approx(4400).margin(1e-6));
    CHECK(r.counts.roads == 1);

    // Without a width the default width (7 m) applies: 2 x (3.5 + 1) = 9 m.
    const Layer roads_no_width =
        layer_of(Role::Roads, GeomClass::Line, {"LINESTRING (-50 50, 150 50)"},
                 {{"width_m", ColumnType::Real, {""}}});
    in.roads = &roads_no_width;
    r = run(in, params);
    CHECK(total_area(r) == Approx(10000 - 900).margin(1e-6));
}

TEST_CASE("Corridors along buried pipelines, none along overhead lines", "[spare]") {
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    // Buried sewage DN400 along x = 30: 2.5 m clearance + 0.2 m half pipe each side = 5.4 m.
    // Buried water supply DN300 along x = 70: (3.0 + 0.15) x 2 = 6.3 m. Overhead power along
    // y = 50: nothing.
    const Layer pipes = layer_of(Role::Pipelines, GeomClass::Line,
                                 {"LINESTRING (30 -10, 30 110)", "LINESTRING (70 -10, 70 110)",
                                  "LINESTRING (-10 50, 110 50)"},
                                 {{"kind", ColumnType::String, {"sewage", "water_supply", "power"}},
                                  {"laying", ColumnType::String, {"buried", "", "overhead"}},
                                  {"diameter_mm", ColumnType::Real, {"400", "300", ""}}});
    SpareLandInput in;
    in.areas = &areas;
    in.pipelines = &pipes;
    SpareLandResult r = run(in);
    CHECK(r.counts.pipelines_buried == 2);
    CHECK(r.counts.pipelines_overhead == 1);
    REQUIRE(r.pieces.size() == 3);
    CHECK(total_area(r) == Approx(10000 - 100 * (5.4 + 6.3)).margin(1e-6));
    // West of the sewer: 100 x (30 - 2.7) m.
    CHECK(std::any_of(r.pieces.begin(), r.pieces.end(), [](const SparePiece& p) {
        return std::abs(p.area_m2 - 100 * (30 - 2.7)) < 1e-6;
    }));

    // Clearances are configurable.
    ClearanceTable table = ClearanceTable::gb50289();
    table.set("sewage", "", 1.0);
    in.clearances = &table;
    r = run(in);
    CHECK(total_area(r) == Approx(10000 - 100 * (2.4 + 6.3)).margin(1e-6));

    // And corridors can be switched off.
    PlanParams params;
    params.pipeline_clearance = false;
    r = run(in, params);
    CHECK(total_area(r) == Approx(10000).margin(1e-6));
}

TEST_CASE("A corridor inside a road's buffer is left out, one reaching beyond is not", "[spare]") {
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    // A 20 m road along y = 50 (buffer 10 m), drawn in two pieces with a bend of 0.5 m.
    const Layer roads = layer_of(Role::Roads, GeomClass::Line,
                                 {"LINESTRING (-10 50, 50 50)", "LINESTRING (50 50, 110 50.5)"},
                                 {{"width_m", ColumnType::Real, {"20", "20"}}});
    // Telecom DN100 (corridor 1.0 + 0.05 m, GB 50289) 3 m off the centre line, along both road
    // pieces: inside (3 + 1.05 < 10). Sewage DN400 (2.7 m) 8 m off: its corridor reaches 10.7 m,
    // beyond the road's 10 m, so it is subtracted. A telecom line 3 m off whose one segment
    // spans the bend is inside too, but the test is made segment against segment, so it is kept
    // and subtracted (conservative: the same result, a little more work).
    const Layer pipes = layer_of(Role::Pipelines, GeomClass::Line,
                                 {"LINESTRING (-10 53, 50 53, 110 53.5)",
                                  "LINESTRING (-10 42, 110 42)", "LINESTRING (40 47, 60 47.1)"},
                                 {{"kind", ColumnType::String, {"telecom", "sewage", "telecom"}},
                                  {"laying", ColumnType::String, {"buried", "buried", "buried"}},
                                  {"diameter_mm", ColumnType::Real, {"100", "400", "100"}}});
    SpareLandInput in;
    in.areas = &areas;
    in.roads = &roads;
    in.pipelines = &pipes;
    in.classify = false;
    const SpareLandResult r = run(in);
    CHECK(r.counts.pipelines_inside_roads == 1);
    CHECK(r.counts.pipelines_buried == 2);
    // The same spare land as with every corridor subtracted: one GEOS union and difference.
    GeosContext& ctx = geos_context();
    const ClearanceTable table = ClearanceTable::gb50289();
    std::vector<GEOSGeometry*> parts;
    parts.push_back(GEOSBuffer_r(ctx, roads.geometry.to_geos(ctx, 0).get(), 10.0, 8));
    parts.push_back(GEOSBuffer_r(ctx, roads.geometry.to_geos(ctx, 1).get(), 10.0, 8));
    parts.push_back(GEOSBuffer_r(ctx, pipes.geometry.to_geos(ctx, 0).get(),
                                 table.corridor_half_width_m("telecom", 100), 8));
    parts.push_back(GEOSBuffer_r(ctx, pipes.geometry.to_geos(ctx, 1).get(),
                                 table.corridor_half_width_m("sewage", 400), 8));
    parts.push_back(GEOSBuffer_r(ctx, pipes.geometry.to_geos(ctx, 2).get(),
                                 table.corridor_half_width_m("telecom", 100), 8));
    GeosGeometryPtr all = make_geos_ptr(
        ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), 5));
    GeosGeometryPtr u = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, all.get()));
    GeosGeometryPtr diff =
        make_geos_ptr(ctx, GEOSDifference_r(ctx, areas.to_geos(ctx, 0).get(), u.get()));
    double expected = 0.0;
    GEOSArea_r(ctx, diff.get(), &expected);
    CHECK(r.counts.spare_area_m2 == Approx(expected).margin(grid_margin(diff.get())));
    CHECK(r.counts.spare_area_m2 < 10000 - 100 * 20 - 50); // the sewer's corridor did cut
}

TEST_CASE("Water and protected areas are subtracted as they are", "[spare]") {
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    // A river crossing the area (cut to the area's box inside), a protected 10 x 10 m plot.
    const Layer water = layer_of(Role::Water, GeomClass::Polygon, {rect(-500, 80, 500, 100)});
    const Layer prot = layer_of(Role::Protected, GeomClass::Polygon, {rect(10, 10, 20, 20)});
    SpareLandInput in;
    in.areas = &areas;
    in.water = &water;
    in.protected_areas = &prot;
    const SpareLandResult r = run(in);
    CHECK(total_area(r) == Approx(10000 - 2000 - 100).margin(1e-6));
    CHECK(r.counts.water == 1);
    CHECK(r.counts.protected_areas == 1);
}

TEST_CASE("Pieces below the minimum area or thinner than the minimum width are dropped",
          "[spare]") {
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    // Two 5 m roads (no margin): y 90-95 and x 10-15. Left of x = 10: 10 x 90 (kept) and
    // 10 x 5 = 50 m2 (too small); right: 85 x 90 (kept) and 85 x 5 = 425 m2 whose inscribed
    // radius is 2.5 m < 3 m (too narrow).
    const Layer roads =
        layer_of(Role::Roads, GeomClass::Line,
                 {"LINESTRING (-20 92.5, 120 92.5)", "LINESTRING (12.5 -20, 12.5 120)"},
                 {{"width_m", ColumnType::Real, {"5", "5"}}});
    SpareLandInput in;
    in.areas = &areas;
    in.roads = &roads;
    SpareLandResult r = run(in);
    CHECK(r.counts.pieces == 4);
    CHECK(r.counts.pieces_too_small == 1);
    CHECK(r.counts.pieces_too_narrow == 1);
    CHECK(r.counts.pieces_kept == 2);
    REQUIRE(r.pieces.size() == 2);
    std::vector<double> kept = {r.pieces[0].area_m2, r.pieces[1].area_m2};
    std::sort(kept.begin(), kept.end());
    CHECK(kept[0] == Approx(900).margin(1e-6));
    CHECK(kept[1] == Approx(85 * 90).margin(1e-6));
    for (const auto& p : r.pieces)
        CHECK(p.inscribed_radius_m >= 3.0);

    // Lower thresholds keep them.
    PlanParams params;
    params.min_width_m = 2.0;
    r = run(in, params);
    CHECK(r.counts.pieces_kept == 3);
    params.min_area_m2 = 40;
    r = run(in, params);
    CHECK(r.counts.pieces_kept == 4);
}

// [SECTION] classification -----------------------------------------------------------------

TEST_CASE("Uses: parking where a layout fits and a car gets in, else service, else green",
          "[spare]") {
    const GeometryColumn areas = test::geometry_column(
        GeomClass::Polygon,
        {rect(0, 0, 40, 40),          // 0: open lot -> 64 stalls, touches its outline: parking
         rect(1000, 0, 1100, 100),    // 1: a moat of water inside: inner piece not accessible
         rect(2000, 0, 2020, 11),     // 2: 220 m2: 8 stalls, no site facility fits: green
         rect(3000, 0, 3016, 15.5)}); // 3: 248 m2: 6 stalls, a health station fits: service
    // Water ring 5 m from the outline of area 1, 5 m wide: the outer ring piece (5 m wide,
    // radius 2.5 m) is dropped; the inner 80 x 80 m piece touches neither outline nor road.
    const Layer water = layer_of(Role::Water, GeomClass::Polygon,
                                 {"POLYGON ((1005 5, 1095 5, 1095 95, 1005 95, 1005 5), "
                                  "(1010 10, 1010 90, 1090 90, 1090 10, 1010 10))"});
    SpareLandInput in;
    in.areas = &areas;
    in.water = &water;
    const SpareLandResult r = run(in);
    REQUIRE(r.pieces.size() == 4);

    CHECK(r.pieces[0].area_index == 0);
    CHECK(r.pieces[0].stalls == 64);
    CHECK(r.pieces[0].stalls_by_norm == 64); // 1,600 / 25
    CHECK(r.pieces[0].accessible);
    CHECK(r.pieces[0].use == "parking");

    CHECK(r.pieces[1].area_index == 1);
    CHECK(r.pieces[1].area_m2 == Approx(6400).margin(1e-6));
    CHECK_FALSE(r.pieces[1].accessible);
    CHECK(r.pieces[1].stalls > 10); // it would hold a car park, but no car gets there
    CHECK(r.pieces[1].use == "service");
    const auto& s1 = r.pieces[1].services_fitting;
    CHECK(std::find(s1.begin(), s1.end(), "kindergarten") != s1.end());

    // 20 x 11 m: one row of 8 along 20 m, or one module of 2 x 4 along 11 m.
    CHECK(r.pieces[2].stalls == 8);
    CHECK(r.pieces[2].use == "green");
    const auto& s2 = r.pieces[2].services_fitting;
    CHECK(std::find(s2.begin(), s2.end(), "fitness_ground") != s2.end());
    CHECK(std::find(s2.begin(), s2.end(), "clinic") == s2.end());

    // 16 x 15.5 m: too short for a module either way; one row of floor(16 / 2.4) = 6 stalls.
    CHECK(r.pieces[3].stalls == 6);
    CHECK(r.pieces[3].use == "service");
    const auto& s3 = r.pieces[3].services_fitting;
    CHECK(std::find(s3.begin(), s3.end(), "clinic") != s3.end());
    CHECK(std::find(s3.begin(), s3.end(), "community_service") == s3.end());

    CHECK(r.counts.parking == 1);
    CHECK(r.counts.service == 2);
    CHECK(r.counts.green == 1);
    CHECK(r.counts.stalls == 64);
    for (const auto& p : r.pieces) {
        CHECK(p.zoning_status == "unknown");
        CHECK(p.landuse_code.empty());
    }
}

TEST_CASE("A piece beside a road is accessible even inside the district", "[spare]") {
    // A 100 x 100 m district whose middle is cut by buildings' setbacks into a closed courtyard
    // except where a local road enters it.
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    const Layer buildings = layer_of(
        Role::Buildings, GeomClass::Polygon,
        {rect(6, 6, 94, 14), rect(6, 86, 94, 94), rect(6, 14, 14, 86), rect(86, 14, 94, 86)});
    // Inner courtyard: 20 .. 80 after the 6 m setbacks. Without a road it is enclosed.
    SpareLandInput in;
    in.areas = &areas;
    in.buildings = &buildings;
    SpareLandResult r = run(in);
    auto courtyard = [&](const SpareLandResult& res) -> const SparePiece* {
        for (const auto& p : res.pieces)
            if (p.geometry.box(0).min_x > 15 && p.geometry.box(0).max_x < 85) return &p;
        return nullptr;
    };
    REQUIRE(courtyard(r));
    CHECK(courtyard(r)->area_m2 == Approx(3600).margin(1e-6));
    CHECK_FALSE(courtyard(r)->accessible);
    CHECK(courtyard(r)->use != "parking");
    // A road ending in the courtyard makes it reachable.
    const Layer roads = layer_of(Role::Roads, GeomClass::Line, {"LINESTRING (50 -10, 50 30)"},
                                 {{"width_m", ColumnType::Real, {"4"}}});
    in.roads = &roads;
    r = run(in);
    REQUIRE(courtyard(r));
    CHECK(courtyard(r)->accessible);
    CHECK(courtyard(r)->use == "parking");
}

TEST_CASE("Zoning: the parcel with the largest overlap decides the code and status", "[spare]") {
    const GeometryColumn areas = test::geometry_column(
        GeomClass::Polygon, {rect(0, 0, 40, 40), rect(100, 0, 140, 40), rect(200, 0, 240, 40),
                             rect(300, 0, 320, 11), rect(500, 0, 540, 40)});
    const Layer zoning =
        layer_of(Role::Zoning, GeomClass::Polygon,
                 {rect(-10, -10, 30, 50), rect(30, -10, 50, 50), // area 0: G1 (3/4) and R2 (1/4)
                  rect(90, -10, 150, 50),                        // area 1: S42
                  rect(190, -10, 250, 50),                       // area 2: 0701
                  rect(290, -10, 330, 50)},                      // area 3: 1401 (green piece)
                 {{"landuse_code", ColumnType::String, {"G1", "R2", "S42", "0701", "1401"}}});
    SpareLandInput in;
    in.areas = &areas;
    in.zoning = &zoning;
    const SpareLandResult r = run(in);
    REQUIRE(r.pieces.size() == 5);
    CHECK(r.pieces[0].use == "parking");
    CHECK(r.pieces[0].landuse_code == "G1");
    CHECK(r.pieces[0].zoning_status == "plan_change");
    CHECK_FALSE(r.pieces[0].zoning_note_zh.empty());
    CHECK_FALSE(r.pieces[0].zoning_note_en.empty());
    CHECK(r.pieces[1].landuse_code == "S42");
    CHECK(r.pieces[1].zoning_status == "allowed");
    CHECK(r.pieces[2].landuse_code == "0701");
    CHECK(r.pieces[2].zoning_status == "ancillary");
    CHECK(r.pieces[3].use == "green");
    CHECK(r.pieces[3].landuse_code == "1401");
    CHECK(r.pieces[3].zoning_status == "allowed");
    // Outside every parcel.
    CHECK(r.pieces[4].landuse_code.empty());
    CHECK(r.pieces[4].zoning_status == "unknown");
}

// [SECTION] cross-checks ---------------------------------------------------------------------

TEST_CASE("Per-area spare land equals one GEOS difference over the whole layout", "[spare]") {
    GeosContext& ctx = geos_context();
    std::mt19937 rng(2024);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::string> area_wkts;
    const bool large = GENERATE(false, true);
    if (!large) {
        // 3 x 3 areas of 150 x 150 m, 60 m apart (pieces of different areas never merge).
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                area_wkts.push_back(rect(i * 210, j * 210, i * 210 + 150, j * 210 + 150));
    } else {
        // One district of 640 x 610 m with a courtyard hole: worked in 4 x 4 tiles whose pieces
        // are united again along the tile edges.
        area_wkts.push_back("POLYGON ((-20 -10, 620 -10, 620 600, -20 600, -20 -10), "
                            "(250 250, 330 250, 330 320, 250 320, 250 250))");
    }
    INFO((large ? "one large area (tiled)" : "3 x 3 small areas"));
    // Random rotated buildings, roads with random widths, buried pipelines of random kinds.
    std::vector<std::string> bld, road, pipe;
    std::vector<std::string> road_width, pipe_kind, pipe_diameter;
    auto point = [&](double x, double y) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f %.3f", x, y);
        return std::string(buf);
    };
    for (int k = 0; k < 120; ++k) {
        const double cx = unit(rng) * 600, cy = unit(rng) * 600, w = 10 + 25 * unit(rng),
                     h = 8 + 8 * unit(rng), a = unit(rng) * std::numbers::pi;
        const double c = std::cos(a), s = std::sin(a);
        std::string wkt = "POLYGON ((";
        const double corners[5][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}};
        for (int q = 0; q < 5; ++q) {
            const double u = corners[q][0] * w / 2, v = corners[q][1] * h / 2;
            wkt += point(cx + u * c - v * s, cy + u * s + v * c) + (q < 4 ? ", " : "))");
        }
        bld.push_back(wkt);
    }
    for (int k = 0; k < 15; ++k) {
        road.push_back("LINESTRING (" + point(unit(rng) * 700 - 50, unit(rng) * 700 - 50) + ", " +
                       point(unit(rng) * 700 - 50, unit(rng) * 700 - 50) + ", " +
                       point(unit(rng) * 700 - 50, unit(rng) * 700 - 50) + ")");
        road_width.push_back(k % 4 == 0 ? "" : std::to_string(4 + int(unit(rng) * 20)));
    }
    const char* kinds[] = {"water_supply", "sewage", "gas", "power", "telecom", "heat"};
    for (int k = 0; k < 25; ++k) {
        pipe.push_back("LINESTRING (" + point(unit(rng) * 650 - 25, unit(rng) * 650 - 25) + ", " +
                       point(unit(rng) * 650 - 25, unit(rng) * 650 - 25) + ")");
        pipe_kind.push_back(kinds[k % 6]);
        pipe_diameter.push_back(std::to_string(100 + 50 * (k % 7)));
    }
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, area_wkts);
    const Layer buildings = layer_of(Role::Buildings, GeomClass::Polygon, bld);
    const Layer roads =
        layer_of(Role::Roads, GeomClass::Line, road, {{"width_m", ColumnType::Real, road_width}});
    const Layer pipes = layer_of(Role::Pipelines, GeomClass::Line, pipe,
                                 {{"kind", ColumnType::String, pipe_kind},
                                  {"diameter_mm", ColumnType::Real, pipe_diameter}});
    SpareLandInput in;
    in.areas = &areas;
    in.buildings = &buildings;
    in.roads = &roads;
    in.pipelines = &pipes;
    PlanParams params;
    params.road_margin_m = 0.5;
    params.jobs = 3;

    // Independent: every obstacle buffered whole (no clipping, no per-area search), one union,
    // one difference from the union of the areas.
    const ClearanceTable table = ClearanceTable::gb50289();
    std::vector<GEOSGeometry*> parts;
    for (size_t i = 0; i < buildings.size(); ++i)
        parts.push_back(GEOSBuffer_r(ctx, buildings.geometry.to_geos(ctx, i).get(), 6.0, 8));
    for (size_t i = 0; i < roads.size(); ++i) {
        const double w = road_width[i].empty() ? 7.0 : std::stod(road_width[i]);
        parts.push_back(GEOSBuffer_r(ctx, roads.geometry.to_geos(ctx, i).get(), w / 2 + 0.5, 8));
    }
    for (size_t i = 0; i < pipes.size(); ++i)
        parts.push_back(GEOSBuffer_r(
            ctx, pipes.geometry.to_geos(ctx, i).get(),
            table.corridor_half_width_m(pipe_kind[i], std::stod(pipe_diameter[i])), 8));
    GeosGeometryPtr obstacles =
        make_geos_ptr(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                       static_cast<unsigned>(parts.size())));
    GeosGeometryPtr obstacle_union = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, obstacles.get()));
    std::vector<GEOSGeometry*> area_parts;
    for (size_t i = 0; i < areas.size(); ++i)
        area_parts.push_back(areas.to_geos(ctx, i).release());
    GeosGeometryPtr area_coll = make_geos_ptr(
        ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, area_parts.data(),
                                         static_cast<unsigned>(area_parts.size())));
    GeosGeometryPtr area_union = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, area_coll.get()));
    GeosGeometryPtr diff =
        make_geos_ptr(ctx, GEOSDifference_r(ctx, area_union.get(), obstacle_union.get()));
    REQUIRE(diff);
    double whole_area = 0, kept_area = 0;
    GEOSArea_r(ctx, diff.get(), &whole_area);
    const int n = GEOSGetNumGeometries_r(ctx, diff.get());
    size_t kept = 0;
    std::vector<GEOSGeometry*> kept_parts;
    for (int k = 0; k < n; ++k) {
        const GEOSGeometry* g = GEOSGetGeometryN_r(ctx, diff.get(), k);
        double a = 0;
        GEOSArea_r(ctx, g, &a);
        if (a < params.min_area_m2) continue;
        GeosGeometryPtr mic = make_geos_ptr(ctx, GEOSMaximumInscribedCircle_r(ctx, g, 0.1));
        double radius = 0;
        GEOSGeomGetLength_r(ctx, mic.get(), &radius);
        if (radius < params.min_width_m) continue;
        ++kept;
        kept_area += a;
        kept_parts.push_back(GEOSGeom_clone_r(ctx, g));
    }
    const GeosGeometryPtr kept_geometry =
        make_geos_ptr(ctx, GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, kept_parts.data(),
                                                       static_cast<unsigned>(kept_parts.size())));
    const double margin = grid_margin(diff.get());

    in.classify = false;
    const SpareLandResult r = run(in, params);
    CHECK(r.counts.pieces == size_t(n));
    CHECK(r.counts.spare_area_m2 == Approx(whole_area).margin(margin));
    CHECK(r.counts.pieces_kept == kept);
    CHECK(total_area(r) == Approx(kept_area).margin(margin));
    // Not only the same area: the same land (a lost obstacle would leave a hole's worth).
    const double mismatch = mismatch_area(r, kept_geometry.get());
    INFO("symmetric difference " << mismatch << " m2, margin " << margin << " m2");
    CHECK(mismatch >= 0.0);
    CHECK(mismatch <= margin);
    size_t invalid = 0;
    for (const auto& p : r.pieces)
        if (GEOSisValid_r(ctx, p.geometry.to_geos(ctx, 0).get()) != 1) ++invalid;
    CHECK(invalid == 0);
    CHECK(kept > 9); // the layout is not trivial
    CHECK(r.counts.pieces_too_small + r.counts.pieces_too_narrow > 0);

    // The same pieces in the same order with one thread, and with classification on.
    params.jobs = 1;
    in.classify = true;
    const SpareLandResult one = run(in, params);
    REQUIRE(one.pieces.size() == r.pieces.size());
    for (size_t i = 0; i < r.pieces.size(); ++i) {
        CHECK(one.pieces[i].area_index == r.pieces[i].area_index);
        CHECK(one.pieces[i].area_m2 == r.pieces[i].area_m2);
        CHECK_FALSE(one.pieces[i].use.empty());
    }
}

TEST_CASE("Areas with holes and parts, obstacles with holes: the subtraction matches GEOS's",
          "[spare]") {
    GeosContext& ctx = geos_context();
    // A district of two parts, the first with a hole; buildings closing a courtyard over the
    // hole, one across the outline; a lake with an island over the second part.
    const std::string district = "MULTIPOLYGON (((0 0, 100 0, 100 100, 0 100, 0 0), "
                                 "(40 40, 60 40, 60 60, 40 60, 40 40)), "
                                 "((200 0, 260 0, 260 60, 200 60, 200 0)))";
    const std::vector<std::string> blds = {rect(20, 20, 80, 30),  rect(20, 70, 80, 80),
                                           rect(20, 30, 30, 70),  rect(70, 30, 80, 70),
                                           rect(95, 45, 110, 55), rect(215, 10, 225, 20)};
    const std::string lake = "POLYGON ((230 -10, 280 -10, 280 40, 230 40, 230 -10), "
                             "(240 0, 250 0, 250 10, 240 10, 240 0))";
    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {district});
    const Layer buildings = layer_of(Role::Buildings, GeomClass::Polygon, blds);
    const Layer water = layer_of(Role::Water, GeomClass::Polygon, {lake});
    SpareLandInput in;
    in.areas = &areas;
    in.buildings = &buildings;
    in.water = &water;
    in.classify = false;
    PlanParams params;
    params.min_area_m2 = 0;
    params.min_width_m = 0;
    const SpareLandResult r = run(in, params);

    std::vector<GEOSGeometry*> parts;
    for (const auto& b : blds)
        parts.push_back(GEOSBuffer_r(ctx, geos_from_wkt(b).get(), 6.0, 8));
    parts.push_back(geos_from_wkt(lake).release());
    GeosGeometryPtr coll =
        make_geos_ptr(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                       static_cast<unsigned>(parts.size())));
    GeosGeometryPtr all = make_geos_ptr(ctx, GEOSUnaryUnion_r(ctx, coll.get()));
    GeosGeometryPtr diff =
        make_geos_ptr(ctx, GEOSDifference_r(ctx, geos_from_wkt(district).get(), all.get()));
    double expected = 0;
    GEOSArea_r(ctx, diff.get(), &expected);
    CHECK(r.counts.pieces == size_t(GEOSGetNumGeometries_r(ctx, diff.get())));
    CHECK(r.counts.spare_area_m2 == Approx(expected).margin(grid_margin(diff.get())));
    CHECK(total_area(r) == Approx(expected).margin(grid_margin(diff.get())));
    const double mismatch = mismatch_area(r, diff.get());
    CHECK(mismatch >= 0.0);
    CHECK(mismatch <= grid_margin(diff.get()));
    // The lake's island is land again; the courtyard inside the buildings is a piece of its own.
    CHECK(r.counts.pieces >= 4);
}

TEST_CASE("The demo town: spare land in every community, plausible pieces", "[spare]") {
    ingest::LoadOptions options;
    options.sources = {test::sample("suining-demo.gpkg").string()};
    Progress load_progress;
    const Dataset ds = ingest::load_dataset(options, load_progress);
    const Layer* communities = ds.first_with_role(Role::Communities);
    REQUIRE(communities);
    SpareLandInput in;
    in.areas = &communities->geometry;
    in.buildings = ds.first_with_role(Role::Buildings);
    in.roads = ds.first_with_role(Role::Roads);
    in.water = ds.first_with_role(Role::Water);
    in.pipelines = ds.first_with_role(Role::Pipelines);
    in.zoning = ds.first_with_role(Role::Zoning);
    REQUIRE(in.buildings);
    REQUIRE(in.roads);
    REQUIRE(in.pipelines);
    REQUIRE(in.zoning);
    const PlanParams params;
    const SpareLandResult r = run(in, params);
    CHECK(r.counts.areas == communities->size());
    CHECK(r.counts.areas_failed == 0);
    CHECK(r.diagnostics.empty());
    REQUIRE(r.pieces.size() > 10);
    CHECK(r.counts.kept_area_m2 < r.counts.spare_area_m2);
    CHECK(r.counts.spare_area_m2 < r.counts.area_m2);
    CHECK(r.counts.buildings > 0);
    CHECK(r.counts.roads > 0);
    CHECK(r.counts.pipelines_buried > 0);
    CHECK(r.counts.parking + r.counts.service + r.counts.green == r.pieces.size());
    CHECK(r.counts.parking > 0);

    GeosContext& ctx = geos_context();
    const std::set<std::string> uses = {"parking", "service", "green"};
    const std::set<std::string> statuses = {"allowed", "ancillary", "plan_change", "unknown"};
    size_t zoned = 0;
    for (const auto& p : r.pieces) {
        INFO("piece in area " << p.area_index << ", " << p.area_m2 << " m2");
        CHECK(p.area_m2 >= params.min_area_m2);
        CHECK(p.inscribed_radius_m >= params.min_width_m);
        CHECK(uses.count(p.use) == 1);
        CHECK(statuses.count(p.zoning_status) == 1);
        CHECK(p.stalls * 2.4 * 8.05 <= p.area_m2 + 1e-6);
        CHECK(p.stalls_by_norm == int(std::floor(p.area_m2 / 25.0)));
        if (p.use == "parking") CHECK(p.stalls >= params.min_parking_stalls);
        if (!p.landuse_code.empty()) ++zoned;
        // Inside its community.
        GeosGeometryPtr area = communities->geometry.to_geos(ctx, p.area_index);
        GeosGeometryPtr grown = make_geos_ptr(ctx, GEOSBuffer_r(ctx, area.get(), 0.01, 8));
        CHECK(GEOSCovers_r(ctx, grown.get(), p.geometry.to_geos(ctx, 0).get()) == 1);
    }
    CHECK(zoned > r.pieces.size() / 2);

    // Independent of the overlay: no piece comes nearer to a building than the setback (less
    // 3 cm, the buffer's chords inside the true circle). Also over the whole town as one area,
    // worked in tiles (the overlay that once lost holes).
    auto clear_of_buildings = [&](const SpareLandResult& result) {
        const Layer& b = *in.buildings;
        size_t tested = 0, too_near = 0;
        size_t invalid = 0;
        for (const auto& p : result.pieces) {
            const GeosGeometryPtr g = p.geometry.to_geos(ctx, 0);
            // Valid for GEOS too (the overlay's rings are simple on its grid; converted back to
            // doubles a vertex 0.1 mm from an edge could make them cross).
            if (GEOSisValid_r(ctx, g.get()) != 1) ++invalid;
            for (const uint32_t k : b.query(p.geometry.box(0).buffered(params.setback_m))) {
                double d = 0.0;
                GEOSDistance_r(ctx, g.get(), b.geometry.to_geos(ctx, k).get(), &d);
                ++tested;
                if (d < params.setback_m - 0.03) ++too_near;
            }
        }
        CHECK(tested > 100);
        CHECK(too_near == 0);
        CHECK(invalid == 0);
    };
    clear_of_buildings(r);
    const Box extent = communities->geometry.extent();
    const GeometryColumn town = test::geometry_column(
        GeomClass::Polygon, {rect(extent.min_x, extent.min_y, extent.max_x, extent.max_y)});
    SpareLandInput whole = in;
    whole.areas = &town;
    whole.classify = false;
    const SpareLandResult w = run(whole, params);
    REQUIRE(w.pieces.size() > 10);
    clear_of_buildings(w);
}

TEST_CASE("Spare land refuses bad input and stops when cancelled", "[spare]") {
    SpareLandInput in;
    CHECK_THROWS_AS(run(in), ConfigError);
    const GeometryColumn lines = test::geometry_column(GeomClass::Line, {"LINESTRING (0 0, 1 1)"});
    in.areas = &lines;
    CHECK_THROWS_AS(run(in), ConfigError);

    const GeometryColumn areas = test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 100)});
    in.areas = &areas;
    Progress progress;
    progress.cancel();
    CHECK_THROWS_AS(find_spare_land(in, PlanParams{}, progress), Cancelled);

    // A water layer of lines is reported and ignored.
    const Layer water = layer_of(Role::Water, GeomClass::Line, {"LINESTRING (0 50, 100 50)"});
    in.water = &water;
    const SpareLandResult r = run(in);
    CHECK(r.diagnostics.count("spare_land.layer_ignored") == 1);
    CHECK(total_area(r) == Approx(10000));
}

// [SECTION] tables ------------------------------------------------------------------------------

TEST_CASE("Pipeline clearances per kind (GB 50289 [R]) and their configuration", "[spare]") {
    const ClearanceTable t = ClearanceTable::gb50289();
    CHECK(t.corridor_half_width_m("water_supply", 150) == Approx(1.0 + 0.075));
    CHECK(t.corridor_half_width_m("water_supply", 300) == Approx(3.0 + 0.15));
    CHECK(t.corridor_half_width_m("water_supply", std::nan("")) == Approx(1.0));
    CHECK(t.corridor_half_width_m("sewage", 0) == Approx(2.5));
    CHECK(t.corridor_half_width_m("storm", 0) == Approx(2.5));
    CHECK(t.corridor_half_width_m("power", 0) == Approx(0.6));
    CHECK(t.corridor_half_width_m("heat", 0) == Approx(3.0));
    CHECK(t.corridor_half_width_m("telecom", 0) == Approx(1.0));
    CHECK(t.corridor_half_width_m("gas", 0, "低压") == Approx(0.7));
    CHECK(t.corridor_half_width_m("gas", 0, "中压B") == Approx(1.0));
    CHECK(t.corridor_half_width_m("gas", 0, "中压A") == Approx(1.5));
    CHECK(t.corridor_half_width_m("gas", 0, "sub-high A") == Approx(13.5));
    CHECK(t.corridor_half_width_m("gas", 0, "0.3 MPa") == Approx(1.5));
    CHECK(t.corridor_half_width_m("gas", 0) == Approx(1.0));
    CHECK(t.corridor_half_width_m("district_cooling", 0) == Approx(t.fallback_m()));
    for (const auto& r : t.rules())
        CHECK(r.source.find("[R]") != std::string::npos);

    ClearanceTable u = t;
    u.update_from_json(nlohmann::json::parse(
        R"({"water_supply": {"d>200": 2.0}, "sewage": 1.5, "fallback": 0.5})"));
    CHECK(u.corridor_half_width_m("water_supply", 300) == Approx(2.0 + 0.15));
    CHECK(u.corridor_half_width_m("water_supply", 100) == Approx(1.0 + 0.05));
    CHECK(u.corridor_half_width_m("sewage", 0) == Approx(1.5));
    CHECK(u.corridor_half_width_m("unknown", 0) == Approx(0.5));
    CHECK(ClearanceTable::gb50289().to_json()["water_supply"]["d>200"] == 3.0);
    CHECK_THROWS_AS(u.update_from_json(nlohmann::json::parse(R"({"oil": 1})")), ConfigError);
    CHECK_THROWS_AS(u.update_from_json(nlohmann::json::parse(R"({"gas": {"high": 1}})")),
                    ConfigError);
    CHECK_THROWS_AS(u.update_from_json(nlohmann::json::parse(R"({"power": -1})")), ConfigError);
}

TEST_CASE("The facility table: land areas with sources, smallest first", "[spare]") {
    const auto table = facility_sizes();
    REQUIRE(table.size() >= 10);
    std::set<std::string> keys;
    double previous = 0;
    for (const auto& f : table) {
        INFO(f.key);
        CHECK(keys.insert(std::string(f.key)).second);
        CHECK_FALSE(f.name_zh.empty());
        CHECK_FALSE(f.name_en.empty());
        CHECK_FALSE(f.source.empty());
        CHECK((f.confidence == "C" || f.confidence == "R" || f.confidence == "E"));
        if (f.confidence == "E") CHECK(f.note.find("estimate") != std::string_view::npos);
        CHECK(f.min_land_m2 >= previous);
        CHECK((f.max_land_m2 == 0 || f.max_land_m2 >= f.min_land_m2));
        previous = f.min_land_m2;
    }
    // DOMAIN.md §2.2: outdoor fitness 150-750 m2, small court 770-1,310, service station 500-800.
    CHECK(find_facility_size("fitness_ground")->min_land_m2 == 150);
    CHECK(find_facility_size("fitness_ground")->max_land_m2 == 750);
    CHECK(find_facility_size("sports_court_small")->min_land_m2 == 770);
    CHECK(find_facility_size("community_service")->min_land_m2 == 500);
    CHECK(find_facility_size("kindergarten")->min_land_m2 == 3500);
    const auto fit = facilities_fitting(160);
    CHECK(std::find(fit.begin(), fit.end(), "fitness_ground") != fit.end());
    CHECK(std::find(fit.begin(), fit.end(), "activity_ground") == fit.end());
    CHECK_FALSE(any_site_facility(fit));
    CHECK(any_site_facility(facilities_fitting(800)));
}

// [SECTION] inscribed radius -------------------------------------------------------------------

TEST_CASE("The inscribed radius agrees with GEOSMaximumInscribedCircle", "[spare]") {
    GeosContext& ctx = geos_context();
    // Hand-checkable: a 10 x 6 m rectangle (3 m). A 40 m square with a centred 20 m square hole:
    // the widest circle sits in an outer corner, touching both outer sides and the hole's corner
    // (10, 10): (10 - r) sqrt 2 = r, r = 10 sqrt 2 / (1 + sqrt 2) = 5.858 m. An L of two 8 m
    // wide arms: likewise in the corner against the inner corner (8, 8): 4.686 m.
    const double corner = std::numbers::sqrt2 / (1 + std::numbers::sqrt2);
    struct Case {
        const char* wkt;
        double radius;
    };
    for (const Case& c : {
             Case{"POLYGON ((0 0, 10 0, 10 6, 0 6, 0 0))", 3.0},
             Case{"POLYGON ((0 0, 40 0, 40 40, 0 40, 0 0), (10 10, 10 30, 30 30, 30 10, 10 10))",
                  10 * corner},
             Case{"POLYGON ((0 0, 50 0, 50 8, 8 8, 8 50, 0 50, 0 0))", 8 * corner},
         }) {
        INFO(c.wkt);
        const auto g = geos_from_wkt(c.wkt);
        const double r = maximum_inscribed_radius(ctx, g.get(), 0.01);
        CHECK(r <= c.radius + 1e-9);
        CHECK(r >= c.radius - std::max(0.01, 0.05 * c.radius)); // tolerance: 0.01 m or 5 %
    }
    // Random star polygons with holes at Gauss-Kruger coordinates: within the tolerance of GEOS.
    std::mt19937 rng(99);
    for (int t = 0; t < 50; ++t) {
        std::string wkt =
            "POLYGON ((" + test::star_ring_wkt(rng, 6 + t % 20, 15, 60, 556899, 3379338) + ")";
        if (t % 2) // a hole: an 8 x 8 m square at the centre
            wkt += ", (556895 3379334, 556895 3379342, 556903 3379342, 556903 3379334, "
                   "556895 3379334)";
        wkt += ")";
        const auto g = geos_from_wkt(wkt);
        INFO(wkt);
        if (GEOSisValid_r(ctx, g.get()) != 1) continue;
        const double mine = maximum_inscribed_radius(ctx, g.get(), 0.1);
        GeosGeometryPtr line = make_geos_ptr(ctx, GEOSMaximumInscribedCircle_r(ctx, g.get(), 0.01));
        double geos = 0;
        GEOSGeomGetLength_r(ctx, line.get(), &geos);
        // Both are lower bounds of the true radius; GEOS at 0.01 m is within 0.01 m of it.
        CHECK(mine <= geos + 0.01 + 1e-9);
        CHECK(mine >= geos - std::max(0.1, 0.05 * geos) - 1e-9);
    }
}

TEST_CASE("The width rule is decided to the millimetre: a 6 m strip is 3 m wide", "[spare]") {
    // Strips of 6.000, 6.004 and 5.990 m between two roads: the first two keep (radius 3 m, to
    // 1 mm), the last is narrower. Branch and bound alone would leave them undecided within its
    // 0.1 m tolerance.
    const GeometryColumn areas =
        test::geometry_column(GeomClass::Polygon, {rect(0, 0, 100, 6.0), rect(200, 0, 300, 6.004),
                                                   rect(400, 0, 500, 5.99)});
    SpareLandInput in;
    in.areas = &areas;
    const SpareLandResult r = run(in);
    REQUIRE(r.pieces.size() == 2);
    CHECK(r.pieces[0].area_index == 0);
    CHECK(r.pieces[1].area_index == 1);
    CHECK(r.pieces[0].inscribed_radius_m >= 3.0);
    CHECK(r.counts.pieces_too_narrow == 1);
}
