#include "app/gui/panels/toolbar.hpp"

#include <string>

namespace renoplan::gui {

namespace {

// A button shown pressed while its tool is on.
bool toggle_button(const char* label, bool on) {
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool clicked = ImGui::Button(label);
    if (on) ImGui::PopStyleColor();
    return clicked;
}

} // namespace

void draw_toolbar(const PanelContext& ctx, ToolbarState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 10.0f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.9f);
    if (ImGui::Begin("###toolbar", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav)) {
        state.measure_clicked = toggle_button(ctx.text.measure, state.measure);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.text.measure_hint);
        ImGui::SameLine();
        if (toggle_button(ctx.text.select_tool, state.box_select))
            state.box_select = !state.box_select;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.text.select_hint);
        ImGui::SameLine();
        ImGui::BeginDisabled(!state.has_selection);
        state.zoom_selection = ImGui::Button(ctx.text.zoom_selection);
        ImGui::SameLine();
        state.clear_selection = ImGui::Button(ctx.text.clear_selection);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        // The label names the other language ("English" in the Chinese interface).
        state.switch_language = ImGui::Button(ctx.text.language);
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
