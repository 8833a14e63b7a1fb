// Decorations drawn on the map: the north arrow, pointing to true north - turned from grid north
// (straight up) by the meridian convergence at the view's centre in the working CRS
// (geo/render/map_readout).
#pragma once

#include <imgui.h>

#include <optional>

#include "app/gui/panels/common.hpp"

namespace renoplan::gui {

struct NorthArrow {
    bool shown = false;
    double convergence_deg = 0.0; // grid north from true north, clockwise (the arrow turns back)
    Rect rect;                    // where it was drawn (screen pixels)
};

// Draws the arrow and its letter ("北"/"N") in a disc whose lower left corner is (left, bottom);
// nothing when the convergence is unknown (no working CRS, or PROJ failed).
NorthArrow draw_north_arrow(ImDrawList* list, const Strings& text,
                            std::optional<double> convergence_deg, float left, float bottom);

} // namespace renoplan::gui
