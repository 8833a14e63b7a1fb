// The Viewer's tools and per-user state: the toolbar (measure, box select, zoom to and clear the
// selection, language), mouse input on the map, the recent files and the settings file, --style,
// and what the view record says of them. See viewer_impl.hpp.
#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "app/gui/panels/recent_files.hpp"
#include "app/gui/panels/toolbar.hpp"
#include "app/gui/viewer_impl.hpp"
#include "geo/core/error.hpp"
#include "geo/render/feature_link.hpp"
#include "geo/render/measure.hpp"
#include "geo/render/style.hpp"

namespace renoplan::gui::detail {

namespace {

// A layer's style editor settings and classes, for the view record.
nlohmann::json style_record(const render::LayerStyle& style) {
    const render::FieldStyle& by = style.by_field;
    static const char* const kModes[] = {"default", "single", "categorized", "graduated"};
    nlohmann::json j{{"mode", kModes[int(by.mode)]},
                     {"fill_color", hex_text(style.fill_color)},
                     {"stroke_color", hex_text(style.stroke_color)}};
    if (by.mode == render::StyleMode::Categorized || by.mode == render::StyleMode::Graduated) {
        j["field"] = by.field;
        j["classes"] = nlohmann::json::array();
        for (const render::StyleClass& c : by.classes) {
            static const char* const kKinds[] = {"value", "other", "no_value"};
            nlohmann::json k{{"kind", kKinds[int(c.kind)]},
                             {"label", render::class_label(by.mode, c)},
                             {"color", hex_text(c.color)},
                             {"count", c.count}};
            if (by.mode == render::StyleMode::Graduated &&
                c.kind == render::StyleClass::Kind::Value) {
                k["lower"] = c.lower;
                k["upper"] = c.upper;
            }
            j["classes"].push_back(k);
        }
    }
    return j;
}

} // namespace

void Viewer::draw_tools(const PanelContext& ctx, bool interactive) {
    ToolbarState tools;
    tools.measure = m_measure.active();
    tools.box_select = m_box.tool_on;
    tools.has_selection = !m_identify.selection().empty();
    draw_toolbar(ctx, tools);
    m_box.tool_on = tools.box_select;
    if (tools.measure_clicked) m_measure.toggle();
    if (tools.zoom_selection) {
        const Box box = m_identify.selection_box(*m_canvas);
        if (!box.empty()) m_view.fit(box, m_view.width, m_view.height, 0.1);
    }
    if (tools.clear_selection) m_identify.clear();
    if (tools.switch_language) {
        m_language = m_language == Language::Chinese ? Language::English : Language::Chinese;
        m_text = &strings_of(m_language);
        m_settings.language = m_language;
        save_settings_now();
    }
    if (interactive) m_measure.handle_keys();
    m_measure.draw_panel(ctx);
}

// Mouse on the map: a click identifies (Ctrl+click adds to or removes from the selection), or adds
// a measure point while measuring; a drag pans, or draws the rubber band (Shift, or the Box select
// tool: Shift or Ctrl with the tool adds to the selection, Ctrl+Shift without it); the wheel zooms.
void Viewer::handle_map_input(bool interactive) {
    if (!interactive) return;
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        m_press_on_map = !io.WantCaptureMouse;
        m_press_double = ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
        if (m_press_on_map && !m_measure.active())
            m_box.press(io.MousePos.x, io.MousePos.y, io.KeyShift);
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        const bool add = m_box.tool_on ? (io.KeyShift || io.KeyCtrl) : io.KeyCtrl;
        const Box band = m_box.release(m_view, io.MousePos.x, io.MousePos.y);
        if (!band.empty()) {
            m_identify.select_box(*m_canvas, band, add);
        } else if (m_press_on_map && !io.WantCaptureMouse &&
                   io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] <= 9.0f &&
                   ImGui::IsMousePosValid()) {
            double x = 0.0, y = 0.0;
            m_view.to_world(io.MousePos.x, io.MousePos.y, x, y);
            if (m_measure.active())
                m_measure.click(x, y, m_press_double);
            else
                m_identify.identify(*m_canvas, m_view, x, y, io.KeyCtrl);
        }
        m_press_on_map = false;
    }
    if (!io.WantCaptureMouse) {
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) && !m_box.dragging())
            m_view.pan_pixels(io.MouseDelta.x, io.MouseDelta.y);
        if (io.MouseWheel != 0.0f && ImGui::IsMousePosValid())
            m_view.zoom_at(io.MousePos.x, io.MousePos.y, std::pow(1.25, io.MouseWheel));
    }
}

// The empty map's start: the recent files (click to open), and on the first start (no settings
// file yet) a welcome line above the demo town's button.
void Viewer::draw_recent_and_welcome() {
    const PanelContext ctx{*m_text, m_language, m_ui_rects};
    if (!m_settings.recent_files.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted(m_text->recent_files);
        const RecentFilesAction action = draw_recent_files(ctx, m_settings.recent_files);
        if (action.open) start_loading({*action.open});
        if (action.remove) {
            remove_recent_file(m_settings.recent_files, *action.remove);
            save_settings_now();
        }
    }
    if (m_demo.empty()) return;
    ImGui::Separator();
    if (!m_options.settings.existed) ImGui::TextUnformatted(m_text->welcome);
    if (ImGui::Button(m_text->open_demo)) start_loading({m_demo});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m_demo.c_str());
}

// Opened sources go to the front of the recent files (the window only).
void Viewer::remember_opened(const std::vector<std::string>& paths) {
    if (hidden()) return;
    for (const std::string& path : paths)
        add_recent_file(m_settings.recent_files, path);
    save_settings_now();
}

void Viewer::save_settings_now() {
    if (hidden() || m_options.settings_path.empty()) return;
    if (!m_options.settings.error.empty() && m_options.settings.existed) {
        // Keep the unreadable file beside the new one (once), so nothing is lost silently.
        std::error_code ec;
        const std::filesystem::path bad = m_options.settings_path.string() + ".bad";
        if (!std::filesystem::exists(bad, ec))
            std::filesystem::copy_file(m_options.settings_path, bad, ec);
    }
    m_settings.attributes_panel = m_show_attributes;
    m_settings.export_panel = m_show_export;
    const std::string error = save_settings(m_options.settings_path, m_settings);
    if (!error.empty() && m_options.verbosity > 0)
        std::fprintf(stderr, "warning: settings not saved: %s\n", error.c_str());
}

void Viewer::save_settings_on_exit() {
    if (hidden() || !m_window) return;
    int w = 0, h = 0;
    glfwGetWindowSize(m_window, &w, &h);
    if (w >= 16 && h >= 16) {
        m_settings.window_width = w;
        m_settings.window_height = h;
    }
    save_settings_now();
}

// The view record's language, measurement, selection, messages with their links, layer styles and
// (empty map) recent files; called once the layers are recorded.
void Viewer::record_tools(nlohmann::json& j) const {
    j["language"] = language_code(m_language);
    j["measure_color"] = hex_text(MeasureTool::kColor);
    if (m_measure.active() && !m_measure.points().empty()) {
        const render::Measurement m = m_measure.result();
        j["measure"] = {{"points", m.points},           {"length_m", m.length_m},
                        {"perimeter_m", m.perimeter_m}, {"area_m2", m.area_m2},
                        {"area_mu", m.area_mu()},       {"has_area", m.has_area}};
    }
    nlohmann::json selected = nlohmann::json::array();
    for (const render::PickHit& hit : m_identify.selection().items()) {
        const Layer& layer = *m_canvas->layers()[hit.layer].layer;
        selected.push_back({{"layer", layer.name}, {"row", hit.row}, {"fid", layer.fids[hit.row]}});
    }
    j["selection"] = selected;
    // Each layer's style (the view record's "layers" are the canvas's, in order).
    for (size_t k = 0; k < m_canvas->layers().size() && k < j["layers"].size(); ++k)
        j["layers"][k]["style"] = style_record(m_canvas->layers()[k].style);
    // The messages (warnings and errors) and the feature each links to, as the Messages panel
    // shows them.
    std::vector<Diagnostic> shown;
    for (const Diagnostic& d : m_dataset.diagnostics.items())
        if (d.severity != Severity::Info) shown.push_back(d);
    std::vector<const Layer*> layers;
    for (const auto& draw : m_canvas->layers())
        layers.push_back(draw.layer);
    const auto links = render::find_features(layers, shown);
    j["messages"] = nlohmann::json::array();
    for (size_t k = 0; k < shown.size(); ++k) {
        nlohmann::json m{{"code", shown[k].code}, {"text", shown[k].format()}};
        if (links[k]) {
            const Layer& layer = *layers[links[k]->layer];
            m["link"] = {{"layer", layer.name},
                         {"row", links[k]->row},
                         {"fid", layer.fids[links[k]->row]},
                         {"box",
                          {links[k]->box.min_x, links[k]->box.min_y, links[k]->box.max_x,
                           links[k]->box.max_y}}};
        }
        j["messages"].push_back(m);
    }
    if (m_canvas->layers().empty()) {
        j["first_start"] = !m_options.settings.existed;
        j["recent"] = nlohmann::json::array();
        for (const std::string& path : m_settings.recent_files) {
            std::error_code ec;
            j["recent"].push_back({{"path", path}, {"exists", std::filesystem::exists(path, ec)}});
        }
    }
}

// --style: the layer's style as the style editor would set it; ConfigError when the layer or the
// field is not there (or the field does not suit the style).
void Viewer::apply_style(const ViewerOptions::StyleRequest& request) {
    for (auto& draw : m_canvas->layers()) {
        if (draw.layer->name != request.layer) continue;
        draw.style.by_field = request.style;
        const bool polygons = draw.layer->geometry.geom_class() == GeomClass::Polygon;
        render::Rgba& color = polygons ? draw.style.fill_color : draw.style.stroke_color;
        if (!request.color.empty()) color = render::Rgba::hex(request.color, color.a);
        render::classify(*draw.layer, draw.style.by_field, color.a);
        if (request.style.mode != render::StyleMode::Single && draw.style.by_field.classes.empty())
            throw ConfigError({}, "--style: layer '" + request.layer + "' has no field '" +
                                      request.style.field + "' that a " +
                                      (request.style.mode == render::StyleMode::Graduated
                                           ? "graduated style (numbers)"
                                           : "categorized style (text or integers)") +
                                      " can use");
        return;
    }
    throw ConfigError({}, "--style: no layer named '" + request.layer + "'");
}

} // namespace renoplan::gui::detail
