#include "app/gui/panels/layers_panel.hpp"

#include <imgui_stdlib.h>

#include <string>

#include "app/gui/panels/recent_files.hpp"
#include "app/gui/panels/style_editor.hpp"
#include "geo/render/feature_link.hpp"
#include "geo/render/select.hpp"

namespace renoplan::gui {

namespace {

constexpr size_t kWarningsShown = 12;

} // namespace

void draw_layers_panel(const PanelContext& ctx, MapCanvas& canvas, render::MapView& view,
                       bool interactive, LayersPanelExtras& extras) {
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.9f);
    const std::string title = std::string(ctx.text.layers) + "###layers";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing)) {
        auto& layers = canvas.layers();
        const std::vector<size_t> order = canvas.order(); // top of the list = top of the map
        for (size_t position = order.size(); position-- > 0;) {
            const size_t k = order[position];
            auto& draw = layers[k];
            const std::string label =
                layer_label(draw, ctx.language) + "##layer" + std::to_string(k);
            ImGui::Checkbox(label.c_str(), &draw.visible);
            if (draw.failed_triangulations > 0 && ImGui::IsItemHovered())
                ImGui::SetTooltip(ctx.text.not_triangulated, draw.failed_triangulations);
            // The load's warnings about this layer (repairs, skipped features, ...).
            const std::vector<const Diagnostic*> warnings =
                extras.diagnostics ? render::layer_diagnostics(*extras.diagnostics, *draw.layer)
                                   : std::vector<const Diagnostic*>{};
            if (!warnings.empty()) {
                ImGui::SameLine();
                ImGui::TextColored(ImVec4(0.75f, 0.45f, 0.0f, 1.0f), "(!%zu)", warnings.size());
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
                    for (size_t w = 0; w < warnings.size() && w < kWarningsShown; ++w)
                        ImGui::TextUnformatted(warnings[w]->format().c_str());
                    if (warnings.size() > kWarningsShown)
                        ImGui::TextDisabled(ctx.text.more_in_messages,
                                            warnings.size() - kWarningsShown);
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
            }
            if (!interactive) continue;
            // Draw order: one place up or down.
            ImGui::SameLine();
            ImGui::BeginDisabled(position + 1 >= order.size());
            if (ImGui::ArrowButton(("up" + std::to_string(k)).c_str(), ImGuiDir_Up))
                canvas.move_layer(k, +1);
            ImGui::EndDisabled();
            ImGui::SameLine(0.0f, 2.0f);
            ImGui::BeginDisabled(position == 0);
            if (ImGui::ArrowButton(("down" + std::to_string(k)).c_str(), ImGuiDir_Down))
                canvas.move_layer(k, -1);
            ImGui::EndDisabled();
            // Zoom to layer: its extent (at least 100 m across, so one point shows its
            // surroundings), from the right-click menu or the button.
            bool zoom = false;
            if (ImGui::BeginPopupContextItem(("layer_menu" + std::to_string(k)).c_str())) {
                zoom = ImGui::MenuItem(ctx.text.zoom_layer, nullptr, false, !draw.bounds.empty());
                ImGui::EndPopup();
            }
            ImGui::SameLine();
            ImGui::BeginDisabled(draw.bounds.empty());
            zoom = ImGui::SmallButton(
                       (std::string(ctx.text.zoom_to) + "##zoom" + std::to_string(k)).c_str()) ||
                   zoom;
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.text.zoom_layer);
            if (zoom) view.fit(render::zoom_box(draw.bounds), view.width, view.height);
            ImGui::SameLine();
            const std::string popup = "style_popup" + std::to_string(k);
            if (ImGui::SmallButton(
                    (std::string(ctx.text.style) + "##style" + std::to_string(k)).c_str()))
                ImGui::OpenPopup(popup.c_str());
            if (ImGui::BeginPopup(popup.c_str())) {
                ImGui::TextUnformatted(layer_label(draw, ctx.language).c_str());
                ImGui::Separator();
                if (draw_style_editor(ctx, draw)) canvas.update_colors(k);
                ImGui::EndPopup();
            }
        }
        if (layers.empty() && !extras.empty_start) ImGui::TextUnformatted(ctx.text.nothing_loaded);
        if (ImGui::Button(ctx.text.zoom_all)) view.fit(canvas.extent(), view.width, view.height);
        if (interactive && extras.show_attributes) {
            ImGui::SameLine();
            ImGui::Checkbox(ctx.text.attributes, extras.show_attributes);
        }
        if (interactive && extras.show_export) {
            ImGui::SameLine();
            ImGui::Checkbox(ctx.text.export_, extras.show_export);
        }
        if (interactive && extras.open_path) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
            const bool enter =
                ImGui::InputTextWithHint("##open_path", ctx.text.path, extras.open_path,
                                         ImGuiInputTextFlags_EnterReturnsTrue);
            ImGui::SameLine();
            ImGui::BeginDisabled(!extras.loading.empty() || extras.open_path->empty());
            if ((ImGui::Button(ctx.text.open_files) || enter) && !extras.open_path->empty())
                extras.open_clicked = true;
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(!extras.loading.empty());
            extras.open_dialog = ImGui::Button(ctx.text.open_dialog);
            ImGui::EndDisabled();
        }
        if (interactive && extras.recent && !extras.recent->empty()) {
            ImGui::SameLine();
            if (ImGui::Button(ctx.text.recent_files)) ImGui::OpenPopup("recent_popup");
            if (ImGui::BeginPopup("recent_popup")) {
                const RecentFilesAction action = draw_recent_files(ctx, *extras.recent);
                extras.open_recent = action.open;
                extras.remove_recent = action.remove;
                if (action.open) ImGui::CloseCurrentPopup();
                ImGui::EndPopup();
            }
        }
        if (!extras.loading.empty()) {
            ImGui::Text("%s: %s", ctx.text.loading, extras.loading.c_str());
            if (interactive) {
                ImGui::SameLine();
                extras.cancel_load = ImGui::SmallButton(ctx.text.cancel);
            }
        }
        if (!extras.load_error.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
            ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1.0f), "%s", extras.load_error.c_str());
            ImGui::PopTextWrapPos();
        }
        if (interactive) ImGui::TextDisabled("%s", ctx.text.identify_hint);
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
