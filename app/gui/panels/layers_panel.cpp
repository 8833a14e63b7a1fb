#include "app/gui/panels/layers_panel.hpp"

#include <string>

namespace renoplan::gui {

void draw_layers_panel(const PanelContext& ctx, MapCanvas& canvas, render::MapView& view,
                       bool interactive) {
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.9f);
    const std::string title = std::string(ctx.text.layers) + "###layers";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing)) {
        auto& layers = canvas.layers();
        for (size_t k = layers.size(); k-- > 0;) {
            auto& draw = layers[k];
            const std::string label =
                layer_label(draw, ctx.language) + "##layer" + std::to_string(k);
            ImGui::Checkbox(label.c_str(), &draw.visible);
            if (draw.failed_triangulations > 0 && ImGui::IsItemHovered())
                ImGui::SetTooltip(ctx.text.not_triangulated, draw.failed_triangulations);
        }
        if (layers.empty()) ImGui::TextUnformatted(ctx.text.nothing_loaded);
        if (ImGui::Button(ctx.text.zoom_all)) view.fit(canvas.extent(), view.width, view.height);
        if (interactive) ImGui::TextDisabled("%s", ctx.text.identify_hint);
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
