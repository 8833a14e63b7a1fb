#include "app/gui/panels/status_line.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cstdio>
#include <string>

namespace renoplan::gui {

namespace {

template <typename... Args>
std::string format(const char* pattern, Args... args) {
    char buf[160];
    std::snprintf(buf, sizeof buf, pattern, args...);
    return buf;
}

} // namespace

double primary_monitor_mm_per_pixel() {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (!monitor) return render::kDefaultMmPerPixel;
    int width_mm = 0, height_mm = 0;
    glfwGetMonitorPhysicalSize(monitor, &width_mm, &height_mm);
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    return render::mm_per_pixel(width_mm, mode ? mode->width : 0);
}

StatusLineTexts draw_status_line(const PanelContext& ctx, const StatusLineInput& in) {
    StatusLineTexts t;
    t.crs = in.crs.empty() ? "-" : in.crs;
    if (in.cursor) {
        t.cursor = format("%s X %.2f  Y %.2f", ctx.text.cursor, in.cursor_x, in.cursor_y);
        double lon = 0.0, lat = 0.0;
        if (in.readout && in.readout->to_lonlat(in.cursor_x, in.cursor_y, lon, lat))
            t.lonlat = format(ctx.text.lonlat, lon, lat);
    } else {
        t.cursor = ctx.text.no_cursor;
    }
    t.pixel = format(ctx.text.pixel, in.units_per_pixel);
    t.scale = render::format_scale(render::scale_denominator(in.units_per_pixel, in.mm_per_pixel));
    t.drawing = in.drawing;

    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, 0));
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (ImGui::Begin("###status", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav)) {
        ImGui::Text("%s  %s", t.crs.c_str(), t.cursor.c_str());
        if (!t.lonlat.empty()) {
            ImGui::SameLine();
            ImGui::Text("  %s", t.lonlat.c_str());
        }
        ImGui::SameLine();
        ImGui::Text("   %s", t.pixel.c_str());
        if (!t.scale.empty()) {
            ImGui::SameLine();
            ImGui::Text("   %s %s", ctx.text.map_scale, t.scale.c_str());
        }
        if (t.drawing) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.0f, 1.0f), "   %s", ctx.text.drawing);
        }
    }
    record_window(ctx.ui_rects);
    t.height = ImGui::GetWindowSize().y;
    ImGui::End();
    return t;
}

} // namespace renoplan::gui
