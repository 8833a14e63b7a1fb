#include "app/gui/panels/messages_panel.hpp"

#include <string>
#include <vector>

namespace renoplan::gui {

void draw_messages_panel(const PanelContext& ctx, const Dataset& dataset) {
    std::vector<const Diagnostic*> shown;
    for (const auto& d : dataset.diagnostics.items())
        if (d.severity != Severity::Info) shown.push_back(&d);
    if (shown.empty() && !dataset.layers.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const bool nothing = dataset.layers.empty();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, 10), ImGuiCond_FirstUseEver,
                            ImVec2(1, 0));
    ImGui::SetNextWindowCollapsed(!nothing, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSizeConstraints(ImVec2(200, 0),
                                        ImVec2(io.DisplaySize.x * 0.6f, io.DisplaySize.y));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const std::string title =
        std::string(ctx.text.messages) + " (" + std::to_string(shown.size()) + ")###messages";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::PushTextWrapPos(io.DisplaySize.x * 0.55f);
        if (nothing) ImGui::TextUnformatted(ctx.text.nothing_loaded);
        for (size_t k = 0; k < shown.size() && k < 30; ++k)
            ImGui::TextUnformatted(shown[k]->format().c_str());
        ImGui::PopTextWrapPos();
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
