// The style editor of one layer (a popup of the Layers panel): default, single colour,
// categorized by a text or integer field, or graduated by a numeric field (class count and
// breaks); the single colour (colour picker), opacity and outline width. Colours are computed by
// geo/render/style; only colour changes re-upload the layer's colour buffers.
#pragma once

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"

namespace renoplan::gui {

// Draws the editor; returns true when the layer's colours must be uploaded again
// (MapCanvas::update_colors). Opacity and width are read by the canvas each frame.
bool draw_style_editor(const PanelContext& ctx, MapCanvas::LayerDraw& draw);

} // namespace renoplan::gui
