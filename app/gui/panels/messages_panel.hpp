// The Messages panel: the warnings and errors of loading (open when nothing could be shown).
#pragma once

#include "app/gui/panels/common.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::gui {

void draw_messages_panel(const PanelContext& ctx, const Dataset& dataset);

} // namespace renoplan::gui
