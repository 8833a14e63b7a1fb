// The Layers panel: visibility and feature counts of the canvas's layers, top to bottom as
// drawn, and Zoom to all.
#pragma once

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

void draw_layers_panel(const PanelContext& ctx, MapCanvas& canvas, render::MapView& view,
                       bool interactive);

} // namespace renoplan::gui
