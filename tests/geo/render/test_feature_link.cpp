// geo/render/feature_link: a message's (source, layer, feature id) resolved to the feature on the
// map - by hand on renamed and same-named layers, and on a real load whose repaired features are
// named in its messages (the row found again by a plain scan of the feature ids).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/ingest/ingest.hpp"
#include "geo/render/feature_link.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::render;
namespace rt = renoplan::test;

namespace {

// A point layer read from `path` (layer `source_name` inside it) with features at (fid, fid)
// for the given ids, shown as `name`.
Layer point_layer(const std::string& path, const std::string& name,
                  const std::vector<int64_t>& fids, const std::string& source_name = {}) {
    Layer layer;
    layer.name = name;
    layer.source.path = path;
    layer.source.layer_name = source_name.empty() ? name : source_name;
    layer.geometry.set_geom_class(GeomClass::Point);
    for (int64_t fid : fids) {
        layer.geometry.begin_feature();
        layer.geometry.begin_part();
        layer.geometry.add_ring(std::vector<double>{double(fid), double(fid)});
        REQUIRE(layer.geometry.end_feature());
        layer.fids.push_back(fid);
    }
    layer.build_index();
    return layer;
}

} // namespace

TEST_CASE("find_feature: source, layer name and feature id", "[render][feature_link]") {
    const Layer a = point_layer("a.gpkg", "小区", {10, 11, 12});
    const Layer b = point_layer("b.gpkg", "小区 (2)", {11, 40}, "小区"); // renamed by the viewer
    const Layer c = point_layer("b.gpkg", "道路", {40});
    const std::vector<const Layer*> layers{&a, &b, &c};

    SECTION("the layer of the same source and name") {
        const auto link = find_feature(layers, {"a.gpkg", "小区", 12});
        REQUIRE(link);
        CHECK(link->layer == 0);
        CHECK(link->row == 2);
        CHECK(link->box.min_x == 12.0);
        CHECK(link->box.max_y == 12.0);
    }
    SECTION("a layer the viewer renamed (\"小区 (2)\") is found by its source") {
        const auto link = find_feature(layers, {"b.gpkg", "小区", 11});
        REQUIRE(link);
        CHECK(link->layer == 1);
        CHECK(link->row == 0);
    }
    SECTION("the same id in another layer of the same source is not taken") {
        const auto link = find_feature(layers, {"b.gpkg", "道路", 40});
        REQUIRE(link);
        CHECK(link->layer == 2);
        CHECK_FALSE(find_feature(layers, {"b.gpkg", "道路", 11}));
    }
    SECTION("no feature id, an unknown source, a feature not on the map: nothing") {
        CHECK_FALSE(find_feature(layers, {"a.gpkg", "小区", std::nullopt}));
        CHECK_FALSE(find_feature(layers, {"c.gpkg", "小区", 10}));
        CHECK_FALSE(find_feature(layers, {"a.gpkg", "小区", 99}));
        CHECK_FALSE(find_feature(layers, {"a.gpkg", "小区x", 10}));
        CHECK_FALSE(find_feature(layers, {"b.gpkg", "小区 (", 11}));
    }
    SECTION("a hidden layer (null) is not linked") {
        const std::vector<const Layer*> hidden{nullptr, &b, &c};
        CHECK_FALSE(find_feature(hidden, {"a.gpkg", "小区", 12}));
    }
}

namespace {

// The Suining counties traced from a web map (GCJ-02): a real load with repaired features.
Dataset load_counties() {
    ingest::LoadOptions options;
    options.sources = {rt::real_data("sichuan-echarts/suining_counties_echarts_gcj02.geojson")};
    Progress progress;
    return ingest::load_dataset(options, progress);
}

} // namespace

TEST_CASE("find_features: the repaired features a real load names are on the map",
          "[render][feature_link]") {
    const Dataset ds = load_counties();
    REQUIRE(ds.layers.size() == 1);
    const std::vector<const Layer*> layers{&ds.layers[0]};
    const auto& items = ds.diagnostics.items();
    const auto links = find_features(layers, items);
    REQUIRE(links.size() == items.size());
    size_t linked = 0;
    for (size_t k = 0; k < items.size(); ++k) {
        const Diagnostic& d = items[k];
        INFO(d.format());
        if (d.code == "geometry.repaired" && d.context.feature_id) {
            REQUIRE(links[k]);
            const int64_t row = ds.layers[0].row_of_fid(*d.context.feature_id);
            REQUIRE(row >= 0);
            CHECK(links[k]->row == uint32_t(row));
            const Box box = ds.layers[0].geometry.box(size_t(row));
            CHECK(links[k]->box.min_x == box.min_x);
            CHECK(links[k]->box.max_y == box.max_y);
            ++linked;
        }
        if (!d.context.feature_id) CHECK_FALSE(links[k]);
    }
    CHECK(linked >= 1);
}

TEST_CASE("layer_diagnostics: a layer's warnings from a real load, none of another source's",
          "[render][feature_link]") {
    const Dataset ds = load_counties();
    REQUIRE(ds.layers.size() == 1);
    const Layer& layer = ds.layers[0];
    const auto mine = layer_diagnostics(ds.diagnostics, layer);
    // Independently: every warning or error whose context is this source and layer.
    size_t expected = 0, repaired = 0;
    for (const Diagnostic& d : ds.diagnostics.items()) {
        if (d.severity == Severity::Info) continue;
        if (d.context.source == layer.source.path && d.context.layer == layer.source.layer_name)
            ++expected;
        if (d.code == "geometry.repaired") ++repaired;
    }
    CHECK(mine.size() == expected);
    CHECK(repaired >= 1);
    CHECK(mine.size() >= repaired);
    for (const Diagnostic* d : mine)
        CHECK(d->severity != Severity::Info);
    // The same layer name from another file: nothing.
    Layer other;
    other.name = layer.name;
    other.source = layer.source;
    other.source.path = "elsewhere.geojson";
    CHECK(layer_diagnostics(ds.diagnostics, other).empty());
}
