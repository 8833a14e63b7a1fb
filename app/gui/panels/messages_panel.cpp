#include "app/gui/panels/messages_panel.hpp"

#include <string>
#include <vector>

#include "geo/render/select.hpp"

namespace renoplan::gui {

void MessagesPanel::draw(const PanelContext& ctx, const Dataset& dataset, MapCanvas& canvas,
                         render::MapView& view, IdentifyPanel& identify) {
    const auto& items = dataset.diagnostics.items();
    if (m_links_for != &canvas || m_links_count != items.size()) {
        m_shown.clear();
        std::vector<Diagnostic> listed;
        for (const auto& d : items)
            if (d.severity != Severity::Info) {
                m_shown.push_back(&d);
                if (listed.size() < kMaxShown) listed.push_back(d);
            }
        std::vector<const Layer*> layers;
        for (const auto& draw : canvas.layers())
            layers.push_back(draw.layer);
        m_links = render::find_features(layers, listed);
        m_links_for = &canvas;
        m_links_count = items.size();
    }
    if (m_shown.empty() && !dataset.layers.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const bool nothing = dataset.layers.empty();
    // below the toolbar (top centre), which a wide panel would reach
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, 50), ImGuiCond_FirstUseEver,
                            ImVec2(1, 0));
    ImGui::SetNextWindowCollapsed(!nothing && !start_unfolded, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSizeConstraints(ImVec2(200, 0),
                                        ImVec2(io.DisplaySize.x * 0.6f, io.DisplaySize.y));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const std::string title =
        std::string(ctx.text.messages) + " (" + std::to_string(m_shown.size()) + ")###messages";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::PushTextWrapPos(io.DisplaySize.x * 0.55f);
        if (nothing) ImGui::TextUnformatted(ctx.text.nothing_loaded);
        for (size_t k = 0; k < m_shown.size() && k < kMaxShown; ++k) {
            const std::string text = m_shown[k]->format();
            const auto& link = m_links[k];
            if (!link) {
                ImGui::TextUnformatted(text.c_str());
                continue;
            }
            ImGui::PushID(int(k));
            const bool selected = identify.is_selected(link->layer, link->row);
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.3f, 0.7f, 1.0f));
            // A selectable is one line: the wrapped text is drawn over a selectable of its size.
            const ImVec2 size = ImGui::CalcTextSize(
                text.c_str(), nullptr, false, io.DisplaySize.x * 0.55f - ImGui::GetCursorPosX());
            const ImVec2 at = ImGui::GetCursorPos();
            if (ImGui::Selectable("##link", selected, 0, size)) {
                canvas.layers()[link->layer].visible = true;
                identify.select(link->layer, link->row);
                view.fit(render::zoom_box(link->box), view.width, view.height, 0.25);
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.text.message_link_tip);
            ImGui::SetCursorPos(at);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
        ImGui::PopTextWrapPos();
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
