#include "app/gui/tools/measure_tool.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace renoplan::gui {

namespace {

// The key that switches the tool (Dear ImGui 1.86's GLFW backend indexes keys by GLFW key code,
// which for letters is the upper-case ASCII code).
constexpr int kKeyM = 'M';

ImVec2 to_screen(const render::MapView& view, double x, double y) {
    double px = 0.0, py = 0.0;
    view.to_screen(x, y, px, py);
    return ImVec2(float(px), float(py));
}

// A dashed line from a to b (6 px on, 4 px off).
void dashed(ImDrawList* list, ImVec2 a, ImVec2 b, ImU32 color, float width) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1.0f) return;
    for (float t = 0.0f; t < length; t += 10.0f) {
        const float e = std::min(t + 6.0f, length);
        list->AddLine(ImVec2(a.x + dx * t / length, a.y + dy * t / length),
                      ImVec2(a.x + dx * e / length, a.y + dy * e / length), color, width);
    }
}

} // namespace

void MeasureTool::toggle() {
    m_active = !m_active;
    m_finished = false;
    m_xy.clear();
}

void MeasureTool::show(std::vector<double> xy) {
    m_active = true;
    m_finished = true;
    m_xy = std::move(xy);
}

void MeasureTool::click(double x, double y, bool double_click) {
    if (double_click) {
        m_finished = true; // the first click of the pair added the point
        return;
    }
    if (m_finished) {
        m_xy.clear();
        m_finished = false;
    }
    m_xy.push_back(x);
    m_xy.push_back(y);
}

void MeasureTool::handle_keys() {
    if (ImGui::GetIO().WantCaptureKeyboard) return;
    if (ImGui::IsKeyPressed(kKeyM, false)) {
        toggle();
        return;
    }
    if (!m_active) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))
        m_finished = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        m_xy.clear();
        m_finished = false;
    }
}

void MeasureTool::draw_overlay(ImDrawList* list, const render::MapView& view, bool hover,
                               double hover_x, double hover_y) const {
    if (!m_active || m_xy.empty()) return;
    const ImU32 color = imcolor(kColor);
    const ImU32 halo = IM_COL32(255, 255, 255, 220);
    std::vector<ImVec2> points;
    for (size_t k = 0; k + 1 < m_xy.size(); k += 2)
        points.push_back(to_screen(view, m_xy[k], m_xy[k + 1]));
    if (!m_finished && hover) points.push_back(to_screen(view, hover_x, hover_y));
    if (points.size() >= 3) dashed(list, points.back(), points.front(), color, 2.0f);
    list->AddPolyline(points.data(), int(points.size()), halo, ImDrawFlags_None, 5.0f);
    list->AddPolyline(points.data(), int(points.size()), color, ImDrawFlags_None, 3.0f);
    const size_t fixed = m_xy.size() / 2;
    for (size_t k = 0; k < fixed; ++k) {
        list->AddCircleFilled(points[k], 4.5f, halo);
        list->AddCircleFilled(points[k], 3.0f, color);
    }
}

void MeasureTool::draw_panel(const PanelContext& ctx) {
    if (!m_active) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 56.0f), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const std::string title = std::string(ctx.text.measure) + "###measure";
    bool open = true;
    if (ImGui::Begin(title.c_str(), &open,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing)) {
        const render::Measurement m = result();
        ImGui::Text("%s: %s", ctx.text.length, render::format_length(m.length_m).c_str());
        if (m.has_area) {
            ImGui::Text("%s: %s", ctx.text.perimeter, render::format_length(m.perimeter_m).c_str());
            ImGui::Text("%s: %s  (%s %s)", ctx.text.area, render::format_area_m2(m.area_m2).c_str(),
                        render::format_mu(m.area_m2).c_str(), ctx.text.mu);
        }
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
        ImGui::TextDisabled("%s", ctx.text.measure_hint);
        ImGui::PopTextWrapPos();
    }
    record_window(ctx.ui_rects);
    ImGui::End();
    if (!open) toggle();
}

} // namespace renoplan::gui
