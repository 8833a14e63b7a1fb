// The toolbar (top centre): the measure and box-select tools, zoom to / clear the selection, and
// the interface language switch.
#pragma once

#include "app/gui/panels/common.hpp"

namespace renoplan::gui {

struct ToolbarState {
    bool measure = false;    // in: the tool's state; out: toggled when clicked
    bool box_select = false; // in/out
    bool has_selection = false;
    bool measure_clicked = false;
    bool zoom_selection = false;  // out
    bool clear_selection = false; // out
    bool switch_language = false; // out
};

void draw_toolbar(const PanelContext& ctx, ToolbarState& state);

} // namespace renoplan::gui
