// The Legend panel: the styles in use, bottom right above the status line (a swatch per layer,
// the classes of categorized layers: eligibility, spare land use).
#pragma once

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"

namespace renoplan::gui {

void draw_legend_panel(const PanelContext& ctx, const MapCanvas& canvas, float status_height);

} // namespace renoplan::gui
