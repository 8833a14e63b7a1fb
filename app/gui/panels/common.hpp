// What the panels share: colours as ImGui wants them, a layer's label in the UI language, and
// recording an overlay window's screen rectangle (labels keep clear of them; view.json lists them).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "app/gui/map_canvas.hpp"
#include "app/gui/ui_text.hpp"
#include "app/gui/viewer.hpp"
#include "geo/render/labels.hpp"
#include "geo/render/style.hpp"

namespace renoplan::gui {

using Rect = render::ScreenRect;

inline ImU32 imcolor(render::Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

// "小区  xiaoqu (465)": the kind in the UI language, the layer's own name when it differs, the
// feature count.
inline std::string layer_label(const MapCanvas::LayerDraw& draw, Language language) {
    const std::string_view kind = language == Language::Chinese ? render::kind_label_zh(draw.kind)
                                                                : render::kind_label_en(draw.kind);
    std::string label(kind);
    if (draw.layer->name != kind) label += "  " + draw.layer->name; // "小区  xiaoqu"
    return label + " (" + std::to_string(draw.layer->size()) + ")";
}

// The current window's rectangle (call between Begin and End).
inline void record_window(std::vector<Rect>& rects) {
    const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    rects.push_back({p.x, p.y, p.x + s.x, p.y + s.y});
}

// What every panel draws with.
struct PanelContext {
    const Strings& text;
    Language language;
    std::vector<Rect>& ui_rects; // overlay windows of this frame
};

} // namespace renoplan::gui
