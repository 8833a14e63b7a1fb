// geo/render/view_commands: the viewer's keyboard commands (Home/0, +/-, arrows, Z) on a view.
#include <catch2/catch.hpp>

#include "geo/render/view_commands.hpp"

using namespace renoplan;
using namespace renoplan::render;

namespace {

MapView start_view() {
    MapView v;
    v.fit(Box{550000.0, 3370000.0, 560000.0, 3380000.0}, 1000, 800);
    return v;
}

} // namespace

TEST_CASE("view commands: zoom at the centre keeps the centre", "[render][view]") {
    MapView v = start_view();
    const double cx = v.center_x, cy = v.center_y, upp = v.units_per_pixel;
    REQUIRE(apply_view_command(v, ViewCommand::ZoomIn, {}, {}));
    CHECK(v.units_per_pixel == Approx(upp / 2.0));
    CHECK(v.center_x == Approx(cx));
    CHECK(v.center_y == Approx(cy));
    REQUIRE(apply_view_command(v, ViewCommand::ZoomOut, {}, {}));
    REQUIRE(apply_view_command(v, ViewCommand::ZoomOut, {}, {}));
    CHECK(v.units_per_pixel == Approx(upp * 2.0));
    CHECK(v.center_x == Approx(cx));
}

TEST_CASE("view commands: the arrows pan by a quarter of the view", "[render][view]") {
    MapView v = start_view();
    const Box before = v.visible();
    REQUIRE(apply_view_command(v, ViewCommand::PanRight, {}, {}));
    // Right arrow: what lay a quarter of the width to the right is now in view.
    CHECK(v.visible().min_x == Approx(before.min_x + 0.25 * before.width()));
    CHECK(v.visible().min_y == Approx(before.min_y));
    REQUIRE(apply_view_command(v, ViewCommand::PanLeft, {}, {}));
    REQUIRE(apply_view_command(v, ViewCommand::PanLeft, {}, {}));
    CHECK(v.visible().min_x == Approx(before.min_x - 0.25 * before.width()));
    v = start_view();
    REQUIRE(apply_view_command(v, ViewCommand::PanUp, {}, {}));
    CHECK(v.visible().max_y == Approx(before.max_y + 0.25 * before.height()));
    CHECK(v.visible().min_x == Approx(before.min_x));
    REQUIRE(apply_view_command(v, ViewCommand::PanDown, {}, {}));
    REQUIRE(apply_view_command(v, ViewCommand::PanDown, {}, {}));
    CHECK(v.visible().max_y == Approx(before.max_y - 0.25 * before.height()));
}

TEST_CASE("view commands: zoom to all and to the selection", "[render][view]") {
    MapView v = start_view();
    const Box all{500000.0, 3300000.0, 600000.0, 3400000.0};
    REQUIRE(apply_view_command(v, ViewCommand::ZoomAll, all, {}));
    CHECK(v.center_x == Approx(550000.0));
    CHECK(v.center_y == Approx(3350000.0));
    // 100 km (+5 % each side) over 800 px of height
    CHECK(v.units_per_pixel == Approx(110000.0 / 800.0));
    const Box selection{555000.0, 3375000.0, 555200.0, 3375100.0};
    REQUIRE(apply_view_command(v, ViewCommand::ZoomSelection, all, selection));
    CHECK(v.center_x == Approx(555100.0));
    CHECK(v.center_y == Approx(3375050.0));
    CHECK(v.units_per_pixel == Approx(240.0 / 1000.0));
    CHECK(v.width == 1000);
    // Nothing selected, nothing loaded: the view stays.
    const MapView kept = v;
    CHECK_FALSE(apply_view_command(v, ViewCommand::ZoomSelection, all, Box{}));
    CHECK_FALSE(apply_view_command(v, ViewCommand::ZoomAll, Box{}, Box{}));
    CHECK(v.center_x == kept.center_x);
    CHECK(v.units_per_pixel == kept.units_per_pixel);
}
