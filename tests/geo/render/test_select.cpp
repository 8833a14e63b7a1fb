// geo/render/select: the features a rubber band touches (STR tree, then the exact test), checked
// by hand on holes, lines and points and against a brute-force GEOS loop over every feature; the
// shared selection set; the zoom-to-selection box.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "geo/core/geos.hpp"
#include "geo/render/select.hpp"
#include "support/rings.hpp"

using namespace renoplan;
using namespace renoplan::render;
using renoplan::test::square;

namespace {

Layer make_layer(GeomClass c, const std::vector<std::vector<std::vector<double>>>& features) {
    Layer layer;
    layer.geometry.set_geom_class(c);
    for (const auto& rings : features) {
        layer.geometry.begin_feature();
        layer.geometry.begin_part();
        for (const auto& r : rings)
            layer.geometry.add_ring(r);
        REQUIRE(layer.geometry.end_feature());
        layer.fids.push_back(int64_t(layer.fids.size()) + 100);
    }
    layer.build_index();
    return layer;
}

// Every row whose geometry intersects the box, by GEOS without the index or the box shortcut.
std::vector<uint32_t> brute_force(const Layer& layer, const Box& box) {
    GEOSContextHandle_t ctx = geos_context();
    GeosGeometryPtr rect = make_geos_ptr(
        ctx, GEOSGeom_createRectangle_r(ctx, box.min_x, box.min_y, box.max_x, box.max_y));
    std::vector<uint32_t> out;
    for (uint32_t row = 0; row < layer.size(); ++row) {
        GeosGeometryPtr g = layer.geometry.to_geos(ctx, row);
        if (GEOSIntersects_r(ctx, g.get(), rect.get()) == 1) out.push_back(row);
    }
    return out;
}

std::vector<uint32_t> rows_of(const std::vector<PickHit>& hits, size_t layer) {
    std::vector<uint32_t> out;
    for (const PickHit& h : hits)
        if (h.layer == layer) out.push_back(h.row);
    return out;
}

} // namespace

TEST_CASE("select_in_box: holes, lines and points by hand", "[render][select]") {
    // polygons: a 100 m square with a 60 m hole; a separate 10 m square far away
    const Layer polygons =
        make_layer(GeomClass::Polygon,
                   {{square(0, 0, 100), square(20, 20, 60, true)}, {square(500, 500, 10)}});
    // a diagonal line from (0, 200) to (100, 300); a point at (50, 150)
    const Layer lines = make_layer(GeomClass::Line, {{{0, 200, 100, 300}}});
    const Layer points = make_layer(GeomClass::Point, {{{50, 150}}});
    const std::vector<const Layer*> layers{&polygons, &lines, &points};

    SECTION("a box inside the hole touches nothing, though the polygon's box contains it") {
        CHECK(select_in_box(layers, Box{30, 30, 70, 70}).empty());
    }
    SECTION("a box over the ring's edge selects the polygon") {
        const auto hits = select_in_box(layers, Box{10, 10, 25, 25});
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].layer == 0);
        CHECK(hits[0].row == 0);
    }
    SECTION("a box beside the diagonal line (inside its box) misses it; across it hits it") {
        CHECK(select_in_box(layers, Box{60, 200, 100, 240}).empty());
        const auto hits = select_in_box(layers, Box{40, 230, 60, 260});
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].layer == 1);
    }
    SECTION("a big box: every feature, top layer first, rows ascending") {
        const auto hits = select_in_box(layers, Box{-10, -10, 600, 600});
        REQUIRE(hits.size() == 4);
        CHECK(hits[0].layer == 2);
        CHECK(hits[1].layer == 1);
        CHECK(hits[2].layer == 0);
        CHECK(hits[2].row == 0);
        CHECK(hits[3].row == 1);
    }
    SECTION("hidden layers (null) are skipped; the limit holds") {
        const std::vector<const Layer*> some{&polygons, nullptr, nullptr};
        CHECK(select_in_box(some, Box{-10, -10, 600, 600}).size() == 2);
        CHECK(select_in_box(layers, Box{-10, -10, 600, 600}, 3).size() == 3);
    }
    SECTION("an empty box selects nothing") {
        CHECK(select_in_box(layers, Box{}).empty());
    }
}

TEST_CASE("select_in_box agrees with a brute-force GEOS loop", "[render][select]") {
    std::mt19937 random(4);
    std::uniform_real_distribution<double> at(0.0, 1000.0), side(1.0, 60.0);
    std::vector<std::vector<std::vector<double>>> polygon_features, line_features;
    for (int k = 0; k < 400; ++k) {
        const double x = at(random), y = at(random), s = side(random);
        if (k % 5 == 0)
            polygon_features.push_back(
                {square(x, y, s), square(x + s / 4, y + s / 4, s / 2, true)});
        else
            polygon_features.push_back({square(x, y, s)});
        line_features.push_back({{x, y, x + s, y + 2 * s, x + 2 * s, y}});
    }
    const Layer polygons = make_layer(GeomClass::Polygon, polygon_features);
    const Layer lines = make_layer(GeomClass::Line, line_features);
    const std::vector<const Layer*> layers{&polygons, &lines};
    for (int trial = 0; trial < 30; ++trial) {
        const double x = at(random), y = at(random), w = 5.0 + 4.0 * side(random);
        const Box box{x, y, x + w, y + 0.7 * w};
        const auto hits = select_in_box(layers, box);
        INFO("trial " << trial);
        CHECK(rows_of(hits, 0) == brute_force(polygons, box));
        CHECK(rows_of(hits, 1) == brute_force(lines, box));
    }
}

TEST_CASE("Selection: set, add without duplicates, toggle", "[render][select]") {
    Selection s;
    const std::vector<PickHit> a{{0, 1}, {0, 2}, {1, 2}};
    s.set(a);
    CHECK(s.size() == 3);
    CHECK(s.contains(0, 2));
    CHECK_FALSE(s.contains(1, 1));
    const std::vector<PickHit> b{{1, 2}, {1, 1}, {0, 1}};
    s.add(b);
    REQUIRE(s.size() == 4);
    CHECK(s.items()[3].layer == 1);
    CHECK(s.items()[3].row == 1);
    s.toggle({0, 2});
    CHECK_FALSE(s.contains(0, 2));
    CHECK(s.size() == 3);
    s.toggle({0, 2});
    CHECK(s.contains(0, 2));
    CHECK(s.items().back().row == 2);
    const std::vector<PickHit> c{{5, 5}};
    s.set(c);
    CHECK(s.size() == 1);
    CHECK_FALSE(s.contains(0, 1));
    s.clear();
    CHECK(s.empty());
}

TEST_CASE("zoom to selection: the union of the boxes, at least 100 m across", "[render][select]") {
    const Layer polygons =
        make_layer(GeomClass::Polygon, {{square(0, 0, 100)}, {square(500, 500, 10)}});
    const Layer points = make_layer(GeomClass::Point, {{{50, 150}}});
    const std::vector<const Layer*> layers{&polygons, &points};
    const std::vector<PickHit> both{{0, 0}, {0, 1}};
    const Box all = selection_extent(layers, both);
    CHECK(all.min_x == 0);
    CHECK(all.min_y == 0);
    CHECK(all.max_x == 510);
    CHECK(all.max_y == 510);
    const std::vector<PickHit> point{{1, 0}};
    const Box around = zoom_box(selection_extent(layers, point));
    CHECK(around.min_x == Approx(0.0));
    CHECK(around.max_x == Approx(100.0));
    CHECK(around.min_y == Approx(100.0));
    CHECK(around.max_y == Approx(200.0));
    // large boxes are kept as they are
    const Box big = zoom_box(all);
    CHECK(big.min_x == all.min_x);
    CHECK(big.max_y == all.max_y);
    CHECK(selection_extent(layers, {}).empty());
}
