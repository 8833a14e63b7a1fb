// Districts: hand-made WKT fixtures with known answers, the partition against an independent
// brute-force computation (random layouts and the Hangzhou residential polygons), caps,
// closing, attributes and determinism.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "geo/analysis/districts.hpp"
#include "geo/analysis/union_find.hpp"
#include "geo/core/error.hpp"
#include "geo/core/geos.hpp"
#include "geo/ingest/ingest.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::analysis;
namespace rt = renoplan::test;

namespace {

std::string square(double x, double y, double size) {
    const auto s = [](double v) { return std::to_string(v); };
    return "POLYGON ((" + s(x) + " " + s(y) + ", " + s(x + size) + " " + s(y) + ", " + s(x + size) +
           " " + s(y + size) + ", " + s(x) + " " + s(y + size) + ", " + s(x) + " " + s(y) + "))";
}

// A square standing on a corner, centred at (x, y), corners `r` from the centre.
std::string diamond(double x, double y, double r) {
    const auto s = [](double v) { return std::to_string(v); };
    return "POLYGON ((" + s(x + r) + " " + s(y) + ", " + s(x) + " " + s(y + r) + ", " + s(x - r) +
           " " + s(y) + ", " + s(x) + " " + s(y - r) + ", " + s(x + r) + " " + s(y) + "))";
}

struct Community {
    Community(std::string wkt_, int64_t households_ = 100, std::string name_ = {},
              std::string county_ = {}, std::optional<int64_t> year_ = std::nullopt)
        : wkt(std::move(wkt_)), households(households_), name(std::move(name_)),
          county(std::move(county_)), year(year_) {}
    std::string wkt;
    int64_t households = 100;
    std::string name;
    std::string county;
    std::optional<int64_t> year;
};

Layer make_communities(const std::vector<Community>& items, std::vector<int64_t> fids = {}) {
    GeosContext& ctx = geos_context();
    Layer layer;
    layer.name = "communities";
    layer.role = Role::Communities;
    layer.geometry = GeometryColumn(GeomClass::Polygon);
    Column name("name", ColumnType::String), county("county", ColumnType::String);
    Column households("households", ColumnType::Int64), buildings("buildings", ColumnType::Int64);
    Column year_min("built_year_min", ColumnType::Int64);
    Column year_max("built_year_max", ColumnType::Int64);
    for (size_t i = 0; i < items.size(); ++i) {
        const Community& c = items[i];
        REQUIRE(layer.geometry.append_geos(ctx, geos_from_wkt(c.wkt).get()));
        layer.fids.push_back(fids.empty() ? static_cast<int64_t>(i + 1) : fids[i]);
        if (c.name.empty())
            name.push_null();
        else
            name.push_string(c.name);
        if (c.county.empty())
            county.push_null();
        else
            county.push_string(c.county);
        households.push_int(c.households);
        buildings.push_int(2);
        if (c.year) {
            year_min.push_int(*c.year);
            year_max.push_int(*c.year);
        } else {
            year_min.push_null();
            year_max.push_null();
        }
    }
    layer.canonical = {name, county, households, buildings, year_min, year_max};
    layer.build_index();
    return layer;
}

Layer make_lines(const std::vector<std::pair<std::string, std::string>>& wkt_and_class,
                 GeomClass geom_class = GeomClass::Line) {
    GeosContext& ctx = geos_context();
    Layer layer;
    layer.name = geom_class == GeomClass::Line ? "roads" : "water";
    layer.geometry = GeometryColumn(geom_class);
    Column cls("class", ColumnType::String);
    for (size_t i = 0; i < wkt_and_class.size(); ++i) {
        REQUIRE(layer.geometry.append_geos(ctx, geos_from_wkt(wkt_and_class[i].first).get()));
        layer.fids.push_back(static_cast<int64_t>(i + 1));
        cls.push_string(wkt_and_class[i].second);
    }
    layer.canonical = {cls};
    layer.build_index();
    return layer;
}

Layer make_water(const std::vector<std::string>& wkts) {
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& w : wkts)
        items.emplace_back(w, "");
    return make_lines(items, GeomClass::Polygon);
}

PlanParams plain_params() {
    PlanParams p;
    p.barriers = false;
    p.max_households = 0;
    p.max_communities = 0;
    return p;
}

DistrictResult run(const Layer& communities, const PlanParams& params, const Layer* roads = nullptr,
                   const Layer* water = nullptr) {
    DistrictInput input;
    input.communities = &communities;
    input.roads = roads;
    input.water = water;
    Progress progress;
    return build_districts(input, params, progress);
}

// The partition as sets of FIDs.
std::set<std::set<int64_t>> partition(const Layer& layer, const DistrictResult& r) {
    std::set<std::set<int64_t>> out;
    for (const auto& d : r.districts) {
        std::set<int64_t> s;
        for (const uint32_t m : d.members)
            s.insert(layer.fids[m]);
        out.insert(s);
    }
    return out;
}

// The partition by an independent O(n^2) computation: every pair's GEOS distance (boxes further
// apart than D are skipped: their footprints are too), then union-find.
std::set<std::set<int64_t>> brute_force_partition(const Layer& layer, double distance_m) {
    GeosContext& ctx = geos_context();
    const size_t n = layer.size();
    std::vector<GeosGeometryPtr> g;
    for (size_t i = 0; i < n; ++i)
        g.push_back(layer.geometry.to_geos(ctx, i));
    UnionFind uf(n);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j) {
            if (layer.geometry.box(i).distance(layer.geometry.box(j)) > distance_m) continue;
            double d = 0;
            REQUIRE(GEOSDistance_r(ctx, g[i].get(), g[j].get(), &d) == 1);
            if (d <= distance_m) uf.unite(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
        }
    std::map<uint32_t, std::set<int64_t>> groups;
    for (size_t i = 0; i < n; ++i)
        groups[uf.find(static_cast<uint32_t>(i))].insert(layer.fids[i]);
    std::set<std::set<int64_t>> out;
    for (auto& [root, s] : groups)
        out.insert(s);
    return out;
}

// Area of the members not covered by their district's outline (should be ~0).
double uncovered_area(const Layer& layer, const District& d) {
    GeosContext& ctx = geos_context();
    const GeosGeometryPtr outline = d.geometry.to_geos(ctx, 0);
    double uncovered = 0;
    for (const uint32_t m : d.members) {
        const GeosGeometryPtr member = layer.geometry.to_geos(ctx, m);
        const GeosGeometryPtr diff =
            make_geos_ptr(ctx, GEOSDifference_r(ctx, member.get(), outline.get()));
        REQUIRE(diff);
        double a = 0;
        GEOSArea_r(ctx, diff.get(), &a);
        uncovered += a;
    }
    return uncovered;
}

bool covers_point(const District& d, double x, double y) {
    GeosContext& ctx = geos_context();
    const GeosGeometryPtr outline = d.geometry.to_geos(ctx, 0);
    const GeosGeometryPtr p =
        geos_from_wkt("POINT (" + std::to_string(x) + " " + std::to_string(y) + ")");
    return GEOSCovers_r(ctx, outline.get(), p.get()) == 1;
}

// Random rectangles (some rotated) and pentagons, some overlapping.
std::vector<Community> random_layout(unsigned seed, size_t n, double extent_m) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> pos(0.0, extent_m), size(15.0, 90.0), unit(0.0, 1.0);
    std::vector<Community> out;
    for (size_t i = 0; i < n; ++i) {
        const double x = pos(rng), y = pos(rng), w = size(rng), h = size(rng);
        const double angle = unit(rng) * 3.14159265358979;
        std::string wkt = "POLYGON ((";
        const bool pentagon = unit(rng) < 0.4;
        const int corners = pentagon ? 5 : 4;
        std::vector<std::pair<double, double>> pts;
        for (int k = 0; k < corners; ++k) {
            double px = 0, py = 0;
            if (pentagon) {
                const double a = angle + 2.0 * 3.14159265358979 * k / 5.0;
                px = x + w / 2 * std::cos(a);
                py = y + w / 2 * std::sin(a);
            } else {
                const double cx = (k == 1 || k == 2) ? w : 0.0, cy = (k >= 2) ? h : 0.0;
                px = x + cx * std::cos(angle) - cy * std::sin(angle);
                py = y + cx * std::sin(angle) + cy * std::cos(angle);
            }
            pts.emplace_back(px, py);
        }
        pts.push_back(pts.front());
        for (size_t k = 0; k < pts.size(); ++k) {
            if (k) wkt += ", ";
            wkt += std::to_string(pts[k].first) + " " + std::to_string(pts[k].second);
        }
        wkt += "))";
        out.emplace_back(wkt, 10 + static_cast<int64_t>(i % 7) * 10);
    }
    return out;
}

} // namespace

// [SECTION] Neighbours ---------------------------------------------------------------------------

TEST_CASE("Districts: touching communities form one district", "[districts]") {
    const Layer layer = make_communities({{square(0, 0, 100)}, {square(100, 0, 100)}});
    const DistrictResult r = run(layer, plain_params());
    REQUIRE(r.districts.size() == 1);
    CHECK(r.districts[0].members == std::vector<uint32_t>{0, 1});
    CHECK(r.neighbour_pairs == 1);
    CHECK(r.district_of == std::vector<int32_t>{0, 0});
    CHECK(r.districts[0].area_m2 == Approx(20000.0).epsilon(1e-9));
}

TEST_CASE("Districts: 49 m apart are neighbours, 51 m apart are not (D = 50)", "[districts]") {
    const PlanParams params = plain_params();
    REQUIRE(params.district_distance_m == 50.0);
    const Layer near = make_communities({{square(0, 0, 100)}, {square(149, 0, 100)}});
    CHECK(run(near, params).districts.size() == 1);
    const Layer far = make_communities({{square(0, 0, 100)}, {square(151, 0, 100)}});
    const DistrictResult r = run(far, params);
    CHECK(r.districts.size() == 2);
    CHECK(r.neighbour_pairs == 0);
    // Exactly D apart counts as within (ST_ClusterWithin: distance <= D).
    const Layer exact = make_communities({{square(0, 0, 100)}, {square(150, 0, 100)}});
    CHECK(run(exact, params).districts.size() == 1);
}

TEST_CASE("Districts: a chain A-B-C is one district though A and C are far apart", "[districts]") {
    const Layer layer = make_communities(
        {{square(0, 0, 100)}, {square(130, 0, 100)}, {square(260, 0, 100)}, {square(900, 0, 50)}});
    const DistrictResult r = run(layer, plain_params());
    REQUIRE(r.districts.size() == 2);
    CHECK(r.districts[0].members == std::vector<uint32_t>{0, 1, 2});
    CHECK(r.districts[1].members == std::vector<uint32_t>{3});
    CHECK(r.neighbour_pairs == 2);
}

TEST_CASE("Districts: members=all vs a take_part subset", "[districts]") {
    const Layer layer =
        make_communities({{square(0, 0, 100)}, {square(130, 0, 100)}, {square(260, 0, 100)}});
    DistrictInput input;
    input.communities = &layer;
    input.take_part = {1, 0, 1}; // B does not take part: A and C are no longer connected
    Progress progress;
    const DistrictResult r = build_districts(input, plain_params(), progress);
    REQUIRE(r.districts.size() == 2);
    CHECK(r.district_of == std::vector<int32_t>{0, -1, 1});
}

// [SECTION] Barriers -----------------------------------------------------------------------------

TEST_CASE("Districts: an arterial between two communities 30 m apart cuts the link",
          "[districts]") {
    const Layer layer = make_communities({{square(0, 0, 100)}, {square(130, 0, 100)}});
    PlanParams params = plain_params();
    params.barriers = true;
    const Layer arterial = make_lines({{"LINESTRING (115 -50, 115 150)", "arterial"}});
    const DistrictResult cut = run(layer, params, &arterial);
    CHECK(cut.districts.size() == 2);
    CHECK(cut.neighbour_pairs == 1);
    CHECK(cut.links_cut_by_barriers == 1);

    params.barriers = false;
    const DistrictResult off = run(layer, params, &arterial);
    CHECK(off.districts.size() == 1);
    CHECK(off.links_cut_by_barriers == 0);

    params.barriers = true;
    const Layer local = make_lines({{"LINESTRING (115 -50, 115 150)", "local"}});
    CHECK(run(layer, params, &local).districts.size() == 1);

    // The classes are a parameter.
    params.barrier_road_classes = "expressway,arterial,local";
    CHECK(run(layer, params, &local).districts.size() == 2);
}

TEST_CASE("Districts: what crossing the shortest segment means", "[districts]") {
    // Two diamonds pointing at each other: the shortest segment is (50 0)-(80 0).
    const Layer layer = make_communities({{diamond(0, 0, 50)}, {diamond(130, 0, 50)}});
    PlanParams params = plain_params();
    params.barriers = true;
    auto districts_with = [&](const std::string& road_wkt) {
        const Layer roads = make_lines({{road_wkt, "arterial"}});
        return run(layer, params, &roads).districts.size();
    };
    CHECK(districts_with("LINESTRING (65 -100, 65 100)") == 2); // crosses
    CHECK(districts_with("LINESTRING (65 0, 65 100)") == 1);    // ends on the segment
    CHECK(districts_with("LINESTRING (65 5, 65 100)") == 1);    // beside it
    CHECK(districts_with("LINESTRING (50 -100, 50 100)") == 2); // through its end point
    CHECK(districts_with("LINESTRING (40 0, 90 0)") == 2);      // along it
    CHECK(districts_with("LINESTRING (60 -100, 60 -20, 70 -20, 70 100)") == 2);
    // A road crossing elsewhere (not between them) does not cut.
    CHECK(districts_with("LINESTRING (-100 -100, -100 100)") == 1);

    // Touching communities are never separated, even by a road through the touching point.
    const Layer touching = make_communities({{diamond(0, 0, 50)}, {diamond(100, 0, 50)}});
    const Layer through = make_lines({{"LINESTRING (50 -100, 50 100)", "expressway"}});
    const DistrictResult t = run(touching, params, &through);
    CHECK(t.districts.size() == 1);
    CHECK(t.links_cut_by_barriers == 0);
}

TEST_CASE("Districts: a river polygon cuts the link, a pond beside it does not", "[districts]") {
    const Layer layer = make_communities({{diamond(0, 0, 50)}, {diamond(130, 0, 50)}});
    PlanParams params = plain_params();
    params.barriers = true;
    const Layer river = make_water({"POLYGON ((60 -100, 70 -100, 70 100, 60 100, 60 -100))"});
    const DistrictResult cut = run(layer, params, nullptr, &river);
    CHECK(cut.districts.size() == 2);
    CHECK(cut.links_cut_by_barriers == 1);

    params.water_barrier = false;
    CHECK(run(layer, params, nullptr, &river).districts.size() == 1);
    params.water_barrier = true;

    const Layer pond = make_water({"POLYGON ((60 10, 70 10, 70 100, 60 100, 60 10))"});
    CHECK(run(layer, params, nullptr, &pond).districts.size() == 1);
    // The segment running along the water's edge is not through it.
    const Layer bank = make_water({"POLYGON ((60 0, 70 0, 70 50, 60 50, 60 0))"});
    CHECK(run(layer, params, nullptr, &bank).districts.size() == 1);
}

TEST_CASE("Districts: roads without a class are no barrier, with a warning", "[districts]") {
    const Layer layer = make_communities({{square(0, 0, 100)}, {square(130, 0, 100)}});
    Layer roads = make_lines({{"LINESTRING (115 -50, 115 150)", "arterial"}});
    roads.canonical.clear();
    PlanParams params = plain_params();
    params.barriers = true;
    const DistrictResult r = run(layer, params, &roads);
    CHECK(r.districts.size() == 1);
    CHECK(r.diagnostics.count("districts.road_class_missing") == 1);
}

// [SECTION] Caps ---------------------------------------------------------------------------------

TEST_CASE("Districts: caps split a chain into contiguous parts, deterministically", "[districts]") {
    // Six communities of 100 households in a chain, 30 m apart; FIDs 1..6 left to right.
    std::vector<Community> chain;
    for (int k = 0; k < 6; ++k)
        chain.emplace_back(square(k * 130.0, 0, 100));
    PlanParams params = plain_params();
    params.max_households = 250;
    const Layer layer = make_communities(chain);
    const DistrictResult r = run(layer, params);
    CHECK(partition(layer, r) == std::set<std::set<int64_t>>{{1, 2}, {3, 4}, {5, 6}});
    REQUIRE(r.districts.size() == 3);
    CHECK(r.districts[0].members == std::vector<uint32_t>{0, 1});
    CHECK(r.districts[0].households == 200);
    CHECK(r.districts[2].id == "D0003");
    CHECK(r.parts_split_by_caps == 3);

    // The same with the rows in another order (FIDs travel with their rows).
    std::vector<Community> reversed(chain.rbegin(), chain.rend());
    const Layer rev = make_communities(reversed, {6, 5, 4, 3, 2, 1});
    const DistrictResult rr = run(rev, params);
    CHECK(partition(rev, rr) == std::set<std::set<int64_t>>{{1, 2}, {3, 4}, {5, 6}});
    REQUIRE(rr.districts.size() == 3);
    CHECK(rev.fids[rr.districts[0].members[0]] + rev.fids[rr.districts[0].members[1]] == 3);

    params.max_households = 0;
    params.max_communities = 4;
    CHECK(partition(layer, run(layer, params)) ==
          std::set<std::set<int64_t>>{{1, 2, 3, 4}, {5, 6}});
    // A group within the caps is not split.
    params.max_communities = 6;
    CHECK(run(layer, params).districts.size() == 1);
}

TEST_CASE("Districts: split_by_caps keeps every part connected", "[districts]") {
    // A star: 1 in the middle, 2..5 around it, 6 hangs off 5. Households 100 each.
    const std::vector<int64_t> fids = {1, 2, 3, 4, 5, 6};
    const std::vector<int64_t> hh(6, 100);
    std::vector<std::vector<uint32_t>> nb(6);
    auto link = [&](uint32_t a, uint32_t b) {
        nb[a].push_back(b);
        nb[b].push_back(a);
    };
    link(0, 1);
    link(0, 2);
    link(0, 3);
    link(0, 4);
    link(4, 5);
    const auto parts = detail::split_by_caps({0, 1, 2, 3, 4, 5}, nb, fids, hh, 300, 0);
    // From 1: 1, 2, 3 (cap); then from 4: 4 alone (its only neighbour 1 is taken); then 5, 6.
    CHECK(parts == std::vector<std::vector<uint32_t>>{{0, 1, 2}, {3}, {4, 5}});
    // A member above the cap on its own still forms a part.
    const std::vector<int64_t> big = {500, 100, 100, 100, 100, 100};
    const auto parts2 = detail::split_by_caps({0, 1, 2, 3, 4, 5}, nb, fids, big, 300, 0);
    CHECK(parts2.front() == std::vector<uint32_t>{0});
    size_t total = 0;
    for (const auto& p : parts2)
        total += p.size();
    CHECK(total == 6);
}

// [SECTION] Geometry -----------------------------------------------------------------------------

TEST_CASE("Districts: the closed outline covers the gap and contains both members", "[districts]") {
    const Layer layer = make_communities({{square(0, 0, 100)}, {square(120, 0, 100)}});
    const DistrictResult r = run(layer, plain_params());
    REQUIRE(r.districts.size() == 1);
    const District& d = r.districts[0];
    REQUIRE(d.geometry.size() == 1);
    CHECK(covers_point(d, 110, 50));
    CHECK(covers_point(d, 110, 3));
    // A disc of radius c = 25 m resting on the two facing corners reaches 25 - sqrt(25² - 10²)
    // = 2.09 m into the gap: the closing leaves that circular notch at both ends of the gap.
    CHECK_FALSE(covers_point(d, 110, 1));
    CHECK_FALSE(covers_point(d, 110, 99));
    CHECK_FALSE(covers_point(d, 110, -1));
    CHECK(uncovered_area(layer, d) < 1e-6);
    const double c = 25.0, h = std::sqrt(c * c - 10.0 * 10.0);
    const double notch = c * c * std::acos(h / c) - h * 10.0; // circular segment, chord 20 m
    CHECK(d.area_m2 == Approx(220.0 * 100.0 - 2 * notch).epsilon(1e-4));

    // Without closing (c = 0) the outline is the members' union only.
    PlanParams params = plain_params();
    params.closing_m = 0.0;
    const DistrictResult open = run(layer, params);
    CHECK_FALSE(covers_point(open.districts[0], 110, 50));
    CHECK(open.districts[0].area_m2 == Approx(20000.0).epsilon(1e-9));
}

TEST_CASE("Districts: exposed corners survive the closing", "[districts]") {
    // Diamonds and a triangle: sharp convex corners, where a round +c buffer cut by chords
    // would lose slivers.
    const Layer layer = make_communities({{diamond(0, 0, 50)},
                                          {diamond(130, 0, 50)},
                                          {"POLYGON ((0 60, 40 200, -30 70, 0 60))"},
                                          {"POLYGON ((200 200, 260 210, 203 212, 200 200))"}});
    const DistrictResult r = run(layer, plain_params());
    for (const auto& d : r.districts)
        CHECK(uncovered_area(layer, d) < 1e-6);
}

// [SECTION] Attributes ---------------------------------------------------------------------------

TEST_CASE("Districts: ids, names and attributes", "[districts]") {
    const Layer layer = make_communities({{square(0, 0, 100), 300, "和平小区", "船山区", 1985},
                                          {square(130, 0, 100), 200, "幸福小区", "船山区", 1992},
                                          {square(260, 0, 100), 400, "", "安居区", std::nullopt},
                                          {square(2000, 0, 100), 50, "", "安居区", 1979}},
                                         {10, 11, 12, 3});
    DistrictInput input;
    input.communities = &layer;
    input.eligible = {1, 1, 0, 1};
    input.consented = {1, 0, 0, 0};
    Progress progress;
    const DistrictResult r = build_districts(input, plain_params(), progress);
    REQUIRE(r.districts.size() == 2);
    // Numbered by the smallest member FID: FID 3 first.
    const District& lone = r.districts[0];
    CHECK(lone.id == "D0001");
    CHECK(lone.members == std::vector<uint32_t>{3});
    CHECK(lone.name == "安居区片区1"); // unnamed: county + number
    CHECK(lone.county == "安居区");
    CHECK(lone.eligible_share == 1.0);
    CHECK(lone.built_year_min == 1979);

    const District& d = r.districts[1];
    CHECK(d.id == "D0002");
    CHECK(d.members == std::vector<uint32_t>{0, 1, 2});
    // The largest named member by households (the unnamed one has more).
    CHECK(d.name == "和平小区片区");
    CHECK(d.households == 900);
    CHECK(d.buildings == 6);
    CHECK(d.county == "船山区");
    CHECK(d.built_year_min == 1985);
    CHECK(d.built_year_max == 1992);
    CHECK(d.eligible_share == Approx(2.0 / 3.0));
    CHECK(d.consented_share == Approx(1.0 / 3.0));
    CHECK(r.district_of == std::vector<int32_t>{1, 1, 1, 0});
}

TEST_CASE("Districts: bad input is refused, cancellation stops the work", "[districts]") {
    const Layer layer = make_communities({{square(0, 0, 100)}, {square(130, 0, 100)}});
    Progress progress;
    DistrictInput none;
    CHECK_THROWS_AS(build_districts(none, plain_params(), progress), ConfigError);
    DistrictInput bad;
    bad.communities = &layer;
    bad.take_part = {1, 1, 1};
    CHECK_THROWS_AS(build_districts(bad, plain_params(), progress), ConfigError);
    DistrictInput ok;
    ok.communities = &layer;
    PlanParams negative = plain_params();
    negative.district_distance_m = -1;
    CHECK_THROWS_AS(build_districts(ok, negative, progress), ConfigError);
    Progress cancelled;
    cancelled.cancel();
    CHECK_THROWS_AS(build_districts(ok, plain_params(), cancelled), Cancelled);
}

// [SECTION] Against brute force, determinism -----------------------------------------------------

TEST_CASE("Districts: partition equals brute force on random layouts", "[districts]") {
    const auto [seed, n, extent] = GENERATE(table<unsigned, size_t, double>(
        {{1u, 300, 2000.0}, {2u, 300, 1200.0}, {3u, 300, 4000.0}, {4u, 150, 600.0}}));
    CAPTURE(seed, n, extent);
    const Layer layer = make_communities(random_layout(seed, n, extent));
    const DistrictResult r = run(layer, plain_params());
    CHECK(partition(layer, r) == brute_force_partition(layer, 50.0));
    // Every community in exactly one district, and every outline contains its members.
    size_t members = 0;
    for (const auto& d : r.districts) {
        members += d.members.size();
        CHECK(uncovered_area(layer, d) < 1e-6);
    }
    CHECK(members == n);
    // Another distance.
    PlanParams p20 = plain_params();
    p20.district_distance_m = 20;
    CHECK(partition(layer, run(layer, p20)) == brute_force_partition(layer, 20.0));
}

TEST_CASE("Districts: the same districts whatever the row order and the thread count",
          "[districts]") {
    std::vector<Community> items = random_layout(7, 300, 1500.0);
    std::vector<int64_t> fids(items.size());
    std::iota(fids.begin(), fids.end(), 100);
    const Layer layer = make_communities(items, fids);

    std::vector<size_t> perm(items.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), std::mt19937(42));
    std::vector<Community> shuffled;
    std::vector<int64_t> shuffled_fids;
    for (const size_t k : perm) {
        shuffled.push_back(items[k]);
        shuffled_fids.push_back(fids[k]);
    }
    const Layer other = make_communities(shuffled, shuffled_fids);

    PlanParams params = plain_params();
    params.max_households = 300; // the caps' split too
    params.jobs = 1;
    const DistrictResult a = run(layer, params);
    const DistrictResult b = run(other, params);
    REQUIRE(a.districts.size() == b.districts.size());
    CHECK(a.parts_split_by_caps > 0);
    for (size_t k = 0; k < a.districts.size(); ++k) {
        const District& da = a.districts[k];
        const District& db = b.districts[k];
        CHECK(da.id == db.id);
        std::set<int64_t> fa, fb;
        for (const uint32_t m : da.members)
            fa.insert(layer.fids[m]);
        for (const uint32_t m : db.members)
            fb.insert(other.fids[m]);
        CHECK(fa == fb);
        CHECK(da.households == db.households);
        CHECK(da.area_m2 == Approx(db.area_m2).epsilon(1e-9));
    }

    params.jobs = 4;
    const DistrictResult c = run(layer, params);
    REQUIRE(c.districts.size() == a.districts.size());
    for (size_t k = 0; k < a.districts.size(); ++k) {
        CHECK(c.districts[k].members == a.districts[k].members);
        CHECK(c.districts[k].area_m2 == a.districts[k].area_m2);
        GeosContext& ctx = geos_context();
        CHECK(geos_to_wkt(c.districts[k].geometry.to_geos(ctx, 0).get(), 6) ==
              geos_to_wkt(a.districts[k].geometry.to_geos(ctx, 0).get(), 6));
    }
    CHECK(c.district_of == a.district_of);
}

TEST_CASE("Districts: Hangzhou residential polygons, partition equals brute force", "[districts]") {
    ingest::LoadOptions options;
    options.sources = {rt::real_data("hangzhou-osm-landuse/hangzhou_osm_central.gpkg").string()};
    options.layers = {"landuse"};
    Progress progress;
    Dataset ds = ingest::load_dataset(options, progress);
    REQUIRE(ds.layers.size() == 1);
    Layer& layer = ds.layers[0];
    const int fclass = layer.find_attribute("fclass");
    REQUIRE(fclass >= 0);
    std::vector<uint8_t> keep(layer.size());
    for (size_t i = 0; i < layer.size(); ++i)
        keep[i] = layer.attributes[static_cast<size_t>(fclass)].get_string(i) == "residential";
    layer.filter_rows(keep);
    layer.build_index();
    REQUIRE(layer.size() == 1208);

    // Overlapping footprints (OSM) are neighbours at distance 0.
    GeosContext& ctx = geos_context();
    size_t overlapping = 0;
    for (size_t i = 0; i < layer.size(); ++i)
        for (const uint32_t j : layer.query(layer.geometry.box(i))) {
            if (j <= i) continue;
            const auto gi = layer.geometry.to_geos(ctx, i);
            const auto gj = layer.geometry.to_geos(ctx, j);
            overlapping += GEOSRelatePattern_r(ctx, gi.get(), gj.get(), "T********") == 1;
        }
    CHECK(overlapping == 47);

    const DistrictResult r = run(layer, plain_params());
    CHECK(partition(layer, r) == brute_force_partition(layer, 50.0));
    size_t members = 0;
    for (const auto& d : r.districts) {
        members += d.members.size();
        REQUIRE(d.geometry.size() == 1);
        CHECK(d.area_m2 > 0);
    }
    CHECK(members == 1208);
    // The outlines contain their members (checked on the largest districts, where the closing
    // does the most work).
    std::vector<size_t> order(r.districts.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return r.districts[a].members.size() > r.districts[b].members.size();
    });
    for (size_t k = 0; k < std::min<size_t>(5, order.size()); ++k)
        CHECK(uncovered_area(layer, r.districts[order[k]]) < 1e-3);
}
