#include "app/gui/map_decorations.hpp"

#include <cmath>
#include <numbers>

namespace renoplan::gui {

NorthArrow draw_north_arrow(ImDrawList* list, const Strings& text,
                            std::optional<double> convergence_deg, float left, float bottom) {
    NorthArrow arrow;
    if (!convergence_deg) return arrow;
    constexpr float kRadius = 26.0f;
    arrow.shown = true;
    arrow.convergence_deg = *convergence_deg;
    arrow.rect = {left, bottom - 2.0f * kRadius, left + 2.0f * kRadius, bottom};
    const ImVec2 c(left + kRadius, bottom - kRadius);
    list->AddCircleFilled(c, kRadius, IM_COL32(255, 255, 255, 200), 32);
    list->AddCircle(c, kRadius, IM_COL32(120, 120, 120, 200), 32, 1.0f);

    // True north on a grid-north-up map: turned anticlockwise by the convergence. Screen y runs
    // down, so "up" is (0, -1) and the turned direction is (-sin g, -cos g).
    const double g = *convergence_deg * std::numbers::pi / 180.0;
    const ImVec2 up(float(-std::sin(g)), float(-std::cos(g)));
    const ImVec2 side(-up.y, up.x); // to the right of the arrow
    const auto at = [&](float along, float across) {
        return ImVec2(c.x + up.x * along + side.x * across, c.y + up.y * along + side.y * across);
    };
    const ImVec2 tip = at(5.0f, 0.0f), tail = at(-13.0f, 0.0f);
    const ImVec2 left_wing = at(-20.0f, -8.0f), right_wing = at(-20.0f, 8.0f);
    const ImU32 ink = IM_COL32(30, 30, 30, 255);
    // The classic half-filled arrow: the left half dark, the right half white with an outline.
    list->AddTriangleFilled(tip, left_wing, tail, ink);
    list->AddTriangleFilled(tip, tail, right_wing, IM_COL32(255, 255, 255, 255));
    list->AddTriangle(tip, left_wing, tail, ink, 1.0f);
    list->AddTriangle(tip, tail, right_wing, ink, 1.0f);
    // The letter beyond the tip.
    const ImVec2 size = ImGui::CalcTextSize(text.north);
    const ImVec2 letter = at(15.5f, 0.0f);
    list->AddText(
        ImVec2(std::round(letter.x - 0.5f * size.x), std::round(letter.y - 0.5f * size.y)), ink,
        text.north);
    return arrow;
}

} // namespace renoplan::gui
