// geo/render: label anchors and their greedy placement without overlaps, the identify hit test
// (holes, line tolerance, draw order) and the scale bar's round length. No OpenGL.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "geo/render/labels.hpp"
#include "geo/render/pick.hpp"
#include "geo/render/view.hpp"
#include "support/rings.hpp"

using namespace renoplan;
using namespace renoplan::render;
using renoplan::test::square;

namespace {

// A layer of one geometry class with a `name` text field; index built.
struct LayerBuilder {
    Layer layer;
    Column names{"name", ColumnType::String};
    explicit LayerBuilder(GeomClass c) { layer.geometry.set_geom_class(c); }
    LayerBuilder& add(const std::vector<std::vector<double>>& rings, const std::string& name) {
        layer.geometry.begin_feature();
        layer.geometry.begin_part();
        for (const auto& r : rings)
            layer.geometry.add_ring(r);
        REQUIRE(layer.geometry.end_feature());
        layer.fids.push_back(int64_t(layer.fids.size()));
        names.push_string(name);
        return *this;
    }
    Layer done() {
        layer.attributes.push_back(names);
        layer.build_index();
        return std::move(layer);
    }
};

} // namespace

TEST_CASE("label anchors lie inside their polygons, holes excluded", "[render][labels]") {
    // a 100 m square with a 60 m hole in the middle: the centroid is in the hole
    Layer layer = LayerBuilder(GeomClass::Polygon)
                      .add({square(0, 0, 100), square(20, 20, 60, true)}, "阳光小区")
                      .add({square(200, 0, 10)}, "")
                      .add({square(300, 0, 50)}, "河东片区")
                      .done();
    const auto anchors = label_anchors(layer, "name");
    REQUIRE(anchors.size() == 2); // the empty name is not labelled
    CHECK(anchors[0].text == "阳光小区");
    CHECK(anchors[0].row == 0);
    CHECK(anchors[0].size == Approx(100.0 * 100 - 60.0 * 60));
    const bool in_ring =
        anchors[0].x >= 0 && anchors[0].x <= 100 && anchors[0].y >= 0 && anchors[0].y <= 100 &&
        !(anchors[0].x > 20 && anchors[0].x < 80 && anchors[0].y > 20 && anchors[0].y < 80);
    CHECK(in_ring);
    CHECK(anchors[1].row == 2);
    CHECK(anchors[1].x == Approx(325.0));
    CHECK(label_anchors(layer, "no_such_field").empty());
}

TEST_CASE("labels are placed greedily by priority and size, never overlapping",
          "[render][labels]") {
    const ScreenRect screen{0, 0, 800, 600};
    std::vector<LabelCandidate> c = {
        {100, 100, 80, 16, 1, 500.0}, // 0: community, small
        {120, 104, 80, 16, 1, 900.0}, // 1: community, larger, overlaps 0
        {110, 110, 120, 18, 2, 10.0}, // 2: district: overlaps both, placed first
        {400, 300, 60, 16, 1, 100.0}, // 3: alone
        {795, 300, 60, 16, 1, 1e6},   // 4: leaves the screen
        {600, 500, 60, 16, 1, 50.0},  // 5: under an overlay window
        {400, 330, 60, 16, 1, 80.0},  // 6: 30 px below 3: clear of it
    };
    const std::vector<ScreenRect> blocked = {{550, 450, 800, 600}};
    const auto placed = place_labels(c, screen, blocked, 2.0f);
    std::vector<size_t> sorted = placed;
    std::sort(sorted.begin(), sorted.end());
    CHECK(placed.front() == 2);
    CHECK(sorted == std::vector<size_t>{2, 3, 6});
    // none of the placed rectangles overlap
    for (size_t a = 0; a < placed.size(); ++a)
        for (size_t b = a + 1; b < placed.size(); ++b)
            CHECK_FALSE(c[placed[a]].rect().overlaps(c[placed[b]].rect()));

    // without the district, the larger community wins over the smaller one
    c.erase(c.begin() + 2);
    const auto again = place_labels(c, screen, {}, 2.0f);
    CHECK(std::find(again.begin(), again.end(), size_t{1}) != again.end());
    CHECK(std::find(again.begin(), again.end(), size_t{0}) == again.end());
    CHECK(again.front() == 1); // the largest (former 4) is off screen
    CHECK(place_labels({}, screen).empty());
}

TEST_CASE("identify: holes, line tolerance and draw order", "[render][pick]") {
    Layer polygons = LayerBuilder(GeomClass::Polygon)
                         .add({square(0, 0, 100), square(20, 20, 60, true)}, "ring")
                         .add({square(50, 50, 10)}, "island") // inside the hole
                         .done();
    Layer lines = LayerBuilder(GeomClass::Line).add({{0, 10, 100, 10}}, "road").done();
    const std::vector<const Layer*> layers = {&polygons, &lines}; // lines drawn above

    // in the ring and 1 m from the road: the road (top layer) first, then the polygon
    auto hits = pick(layers, 5.0, 11.0, 2.0);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].layer == 1);
    CHECK(hits[0].row == 0);
    CHECK(hits[1].layer == 0);
    CHECK(hits[1].row == 0);

    // in the hole (away from the island): nothing
    CHECK(pick(layers, 30.0, 40.0, 2.0).empty());
    // on the island inside the hole: only the island
    hits = pick(layers, 55.0, 55.0, 2.0);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].row == 1);
    // 3 m from the road with 2 m tolerance: only the polygon
    hits = pick(layers, 5.0, 13.0, 2.0);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].layer == 0);
    // a hidden (null) layer is skipped
    const std::vector<const Layer*> hidden = {&polygons, nullptr};
    hits = pick(hidden, 5.0, 11.0, 2.0);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].layer == 0);
    // outside everything
    CHECK(pick(layers, 500.0, 500.0, 2.0).empty());
}

TEST_CASE("scale bar lengths are round", "[render][view]") {
    CHECK(scale_bar_length(1.0, 120.0) == Approx(100.0));
    CHECK(scale_bar_length(4.2, 120.0) == Approx(500.0));
    CHECK(scale_bar_length(20.0, 120.0) == Approx(2000.0));
    CHECK(scale_bar_length(0.01, 120.0) == Approx(1.0));
    CHECK(scale_bar_length(0.0, 120.0) == 0.0);
}
