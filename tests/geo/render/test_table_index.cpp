// geo/render/table_index: the Attributes panel's row order (numeric vs text sort, stable ties by
// row, nulls last) and filter (substring on any column, Chinese text as typed). No OpenGL.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "geo/render/table_index.hpp"

using namespace renoplan;
using Rows = std::vector<uint32_t>;

namespace {

// Rows: 0 "9" 10  "锦华小区"  2.5
//       1 "10" 9  "南津路"    null
//       2 "9" null "锦华苑"   -1
//       3 "100" 10 "Jinhua"   2.5
Layer sample_layer() {
    Layer layer;
    layer.fids = {1, 2, 3, 4};
    Column code("code", ColumnType::String);
    for (const char* v : {"9", "10", "9", "100"})
        code.push_string(v);
    Column households("households", ColumnType::Int64);
    households.push_int(10);
    households.push_int(9);
    households.push_null();
    households.push_int(10);
    Column name("name", ColumnType::String);
    for (const char* v : {"锦华小区", "南津路", "锦华苑", "Jinhua"})
        name.push_string(v);
    Column area("area", ColumnType::Real);
    area.push_real(2.5);
    area.push_null();
    area.push_real(-1.0);
    area.push_real(2.5);
    layer.attributes = {code, households, name, area};
    return layer;
}

} // namespace

TEST_CASE("Table index: sorting numbers numerically, text as text, ties by row",
          "[render][table]") {
    const Layer layer = sample_layer();
    CHECK(render::sorted_rows(layer, -1, false) == Rows{0, 1, 2, 3});
    CHECK(render::sorted_rows(layer, 9, true) == Rows{0, 1, 2, 3});
    // Text column: byte-wise, so "10" < "100" < "9"; the two "9" keep their row order.
    CHECK(render::sorted_rows(layer, 0, false) == Rows{1, 3, 0, 2});
    CHECK(render::sorted_rows(layer, 0, true) == Rows{0, 2, 3, 1});
    // Integer column: 9 < 10 = 10 (ties by row both ways), null last both ways.
    CHECK(render::sorted_rows(layer, 1, false) == Rows{1, 0, 3, 2});
    CHECK(render::sorted_rows(layer, 1, true) == Rows{0, 3, 1, 2});
    // Real column: -1 < 2.5 = 2.5, null last.
    CHECK(render::sorted_rows(layer, 3, false) == Rows{2, 0, 3, 1});
    CHECK(render::sorted_rows(layer, 3, true) == Rows{0, 3, 2, 1});
}

TEST_CASE("Table index: filter on any column, Chinese text, order kept", "[render][table]") {
    const Layer layer = sample_layer();
    const Rows by_code = render::sorted_rows(layer, 0, false); // 1 3 0 2
    CHECK(render::filter_rows(layer, by_code, "") == by_code);
    CHECK(render::filter_rows(layer, by_code, "锦华") == Rows{0, 2});
    CHECK(render::filter_rows(layer, by_code, "小区") == Rows{0});
    CHECK(render::filter_rows(layer, by_code, "jinhua") == Rows{3}); // ASCII case-insensitive
    // Numbers match as shown: "10" is in code 10, code 100 and households 10.
    CHECK(render::filter_rows(layer, by_code, "10") == Rows{1, 3, 0});
    CHECK(render::filter_rows(layer, by_code, "2.5") == Rows{3, 0});
    CHECK(render::filter_rows(layer, by_code, "不存在").empty());
    // A subset order (already filtered) stays a subset.
    CHECK(render::filter_rows(layer, Rows{2, 0}, "锦华") == Rows{2, 0});
}
