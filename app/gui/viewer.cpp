#include "app/gui/viewer.hpp"

#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/gui/map_canvas.hpp"
#include "geo/core/error.hpp"
#include "geo/render/labels.hpp"
#include "geo/render/pick.hpp"

namespace renoplan::gui {

namespace {

// Every UI string in both languages (the Chinese ones also seed the font's glyph ranges).
struct Strings {
    const char* layers;
    const char* zoom_all;
    const char* messages;
    const char* nothing_loaded;
    const char* cursor;
    const char* no_cursor;
    const char* pixel;
    const char* not_triangulated;
    const char* legend;
    const char* identify;
    const char* identify_hint;
    const char* nothing_here;
    const char* field;
    const char* value;
    const char* eligible_yes;
    const char* eligible_no;
    const char* eligible_unknown;
    const char* use_parking;
    const char* use_service;
    const char* use_green;
    const char* use_other;
};

constexpr Strings kZh = {"图层",
                         "全图",
                         "消息",
                         "没有读到可显示的图层（见“消息”）",
                         "坐标",
                         "将光标移到地图上查看坐标",
                         "1 像素 = %.2f 米",
                         "%zu 个要素无法三角化，未绘制",
                         "图例",
                         "识别",
                         "点击地图查看要素属性",
                         "此处没有要素",
                         "字段",
                         "值",
                         "符合改造条件",
                         "不符合条件",
                         "待核实",
                         "停车",
                         "服务设施",
                         "绿地",
                         "其他"};
constexpr Strings kEn = {"Layers",
                         "Zoom to all",
                         "Messages",
                         "Nothing usable was loaded (see Messages)",
                         "Cursor",
                         "move the cursor over the map for coordinates",
                         "1 px = %.2f m",
                         "%zu features could not be triangulated and are not drawn",
                         "Legend",
                         "Identify",
                         "click the map to see a feature's attributes",
                         "No feature here",
                         "Field",
                         "Value",
                         "Eligible",
                         "Not eligible",
                         "To verify",
                         "Parking",
                         "Service",
                         "Green",
                         "Other"};

// Every string of a Strings, for the glyph ranges.
std::vector<const char*> all_strings(const Strings& s) {
    return {s.layers,
            s.zoom_all,
            s.messages,
            s.nothing_loaded,
            s.cursor,
            s.no_cursor,
            s.pixel,
            s.not_triangulated,
            s.legend,
            s.identify,
            s.identify_hint,
            s.nothing_here,
            s.field,
            s.value,
            s.eligible_yes,
            s.eligible_no,
            s.eligible_unknown,
            s.use_parking,
            s.use_service,
            s.use_green,
            s.use_other};
}

// Labels: dark text with a white halo; districts in a darker shade of their outline. The selection
// is outlined in a colour no style uses. Features narrower than kLabelMinFeaturePx on screen are
// not labelled.
constexpr render::Rgba kLabelColor{0x1e, 0x1e, 0x1e, 255};
constexpr render::Rgba kDistrictLabelColor{0x0b, 0x5a, 0x4f, 255};
constexpr render::Rgba kHaloColor{255, 255, 255, 255};
constexpr render::Rgba kHighlightColor{0x00, 0xd5, 0xff, 255};
constexpr float kLabelMinFeaturePx = 32.0f;
constexpr float kPickTolerancePx = 4.0f;

ImU32 imcolor(render::Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

std::string hex_text(render::Rgba c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

std::string g_glfw_error;

void on_glfw_error(int code, const char* description) {
    g_glfw_error = std::to_string(code) + ": " + (description ? description : "");
}

std::string no_context_message(const std::string& what) {
    std::string m = "cannot " + what;
    if (!g_glfw_error.empty()) m += " (GLFW error " + g_glfw_error + ")";
    m += ". The map viewer needs a display with OpenGL 3.3; without one (a server, CI, SSH) run "
         "it under a virtual X server: xvfb-run -a renoplan open ...";
    return m;
}

// A CJK font from a Debian package, or "" when none is installed (ImGui's built-in font is
// used then, without Chinese glyphs). RENOPLAN_FONT overrides.
std::string find_cjk_font() {
    if (const char* env = std::getenv("RENOPLAN_FONT"); env && *env) return env;
    for (const char* path : {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                             "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) return path;
    }
    return {};
}

std::string layer_label(const MapCanvas::LayerDraw& draw, Language language) {
    const std::string_view kind = language == Language::Chinese ? render::kind_label_zh(draw.kind)
                                                                : render::kind_label_en(draw.kind);
    std::string label(kind);
    if (draw.layer->name != kind) label += "  " + draw.layer->name; // "小区  xiaoqu"
    return label + " (" + std::to_string(draw.layer->size()) + ")";
}

using Rect = render::ScreenRect;

// The labels of one layer (districts or communities), anchors computed once.
struct LabelLayer {
    size_t layer = 0; // index into MapCanvas::layers()
    int priority = 0;
    render::Rgba color;
    std::vector<render::LabelAnchor> anchors;
    std::vector<ImVec2> text_sizes; // per anchor, measured on first use (the font is fixed)
};

// A label drawn in the last frame.
struct PlacedLabel {
    size_t layer = 0;
    uint32_t row = 0;
    const std::string* text = nullptr;
    float x = 0, y = 0; // anchor
    Rect rect;          // the text's box
    render::Rgba color;
};

class Viewer {
public:
    Viewer(const Dataset& dataset, const ViewerOptions& options)
        : m_dataset(dataset), m_options(options), m_canvas(dataset),
          m_text(options.language == Language::Chinese ? kZh : kEn) {
        prepare_labels();
    }

    int run();

private:
    bool create_window(std::string& error);
    void setup_imgui();
    void frame(int fb_w, int fb_h, int view_w, int view_h, bool interactive);
    void draw_ui(bool interactive);
    void prepare_labels();
    void draw_legend();
    void draw_identify();
    void identify_at(float px, float py);
    void identify_world(double x, double y);
    void draw_highlight(ImDrawList* list) const;
    void draw_labels(ImDrawList* list);
    void draw_scale_bar(ImDrawList* list);
    bool write_screenshot(std::string& error);
    void shutdown();

    const Dataset& m_dataset;
    const ViewerOptions& m_options;
    MapCanvas m_canvas;
    const Strings& m_text;
    GLFWwindow* m_window = nullptr;
    bool m_imgui = false;
    ImVector<ImWchar> m_glyph_ranges; // must outlive the font atlas build
    render::MapView m_view;
    bool m_view_fitted = false;
    std::vector<Rect> m_ui_rects; // overlay windows of the last frame
    float m_status_height = 0.0f; // the status line's height, last frame
    std::vector<LabelLayer> m_label_layers;
    std::vector<PlacedLabel> m_placed_labels; // last frame
    std::vector<render::PickHit> m_hits;      // identify: features under the last click
    size_t m_selected = 0;                    // which of m_hits is highlighted
    bool m_identify_open = false;
    bool m_press_on_map = false;
    GLuint m_fbo = 0, m_color_rb = 0;
};

bool Viewer::create_window(std::string& error) {
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        error = no_context_message("initialise GLFW");
        return false;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    if (!m_options.screenshot.empty()) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    m_window = glfwCreateWindow(m_options.width, m_options.height, m_options.title.c_str(), nullptr,
                                nullptr);
    if (!m_window) {
        error = no_context_message("create an OpenGL 3.3 core window");
        return false;
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(m_options.screenshot.empty() ? 1 : 0);
    return true;
}

void Viewer::setup_imgui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    m_imgui = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written beside the data; deterministic screenshots
    ImGui::StyleColorsLight();
    ImGui::GetStyle().WindowRounding = 4.0f;

    // Glyphs: Latin plus exactly the characters the UI, the layers and the messages use.
    const std::string font = find_cjk_font();
    if (!font.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
        for (const Strings* s : {&kZh, &kEn})
            for (const char* t : all_strings(*s))
                builder.AddText(t);
        for (const LabelLayer& labels : m_label_layers)
            for (const auto& anchor : labels.anchors)
                builder.AddText(anchor.text.c_str());
        // Identify shows field names and values: their characters too (text columns; a
        // bounded number of rows per column, the rest show as they can).
        for (const auto& draw : m_canvas.layers())
            for (const Column& column : draw.layer->attributes) {
                builder.AddText(column.name().c_str());
                if (!is_text_storage(column.type())) continue;
                for (size_t i = 0; i < column.size() && i < 200000; ++i)
                    if (!column.is_null(i)) {
                        const std::string_view v = column.get_string(i);
                        builder.AddText(v.data(), v.data() + v.size());
                    }
            }
        for (const auto& draw : m_canvas.layers()) {
            builder.AddText(layer_label(draw, Language::Chinese).c_str());
            builder.AddText(draw.layer->source.path.c_str());
        }
        for (const auto& d : m_dataset.diagnostics.items())
            builder.AddText(d.format().c_str());
        builder.AddText(m_dataset.working_crs_name.c_str());
        builder.BuildRanges(&m_glyph_ranges);
        ImFontConfig config;
        config.OversampleH = 1;
        config.PixelSnapH = true;
        if (!io.Fonts->AddFontFromFileTTF(font.c_str(), 16.0f, &config, m_glyph_ranges.Data))
            std::fprintf(stderr, "warning: cannot load the font %s; Chinese text will not show\n",
                         font.c_str());
    } else {
        std::fprintf(stderr, "warning: no CJK font found (install fonts-wqy-microhei); Chinese "
                             "text will not show\n");
    }
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
}

void Viewer::draw_ui(bool interactive) {
    m_ui_rects.clear();
    const ImGuiIO& io = ImGui::GetIO();
    const auto record = [this] {
        const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
        m_ui_rects.push_back({p.x, p.y, p.x + s.x, p.y + s.y});
    };
    constexpr ImGuiWindowFlags overlay = ImGuiWindowFlags_AlwaysAutoResize |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoFocusOnAppearing;

    // Layers: visibility and feature counts, top to bottom as drawn.
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.9f);
    const std::string layers_title = std::string(m_text.layers) + "###layers";
    if (ImGui::Begin(layers_title.c_str(), nullptr, overlay)) {
        auto& layers = m_canvas.layers();
        for (size_t k = layers.size(); k-- > 0;) {
            auto& draw = layers[k];
            const std::string label =
                layer_label(draw, m_options.language) + "##layer" + std::to_string(k);
            ImGui::Checkbox(label.c_str(), &draw.visible);
            if (draw.failed_triangulations > 0 && ImGui::IsItemHovered())
                ImGui::SetTooltip(m_text.not_triangulated, draw.failed_triangulations);
        }
        if (layers.empty()) ImGui::TextUnformatted(m_text.nothing_loaded);
        if (ImGui::Button(m_text.zoom_all))
            m_view.fit(m_canvas.extent(), m_view.width, m_view.height);
        if (interactive) ImGui::TextDisabled("%s", m_text.identify_hint);
    }
    record();
    ImGui::End();

    // Messages: warnings and errors of loading (open when nothing could be shown).
    std::vector<const Diagnostic*> shown;
    for (const auto& d : m_dataset.diagnostics.items())
        if (d.severity != Severity::Info) shown.push_back(&d);
    if (!shown.empty() || m_dataset.layers.empty()) {
        const bool nothing = m_dataset.layers.empty();
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, 10), ImGuiCond_FirstUseEver,
                                ImVec2(1, 0));
        ImGui::SetNextWindowCollapsed(!nothing, ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSizeConstraints(ImVec2(200, 0),
                                            ImVec2(io.DisplaySize.x * 0.6f, io.DisplaySize.y));
        ImGui::SetNextWindowBgAlpha(0.92f);
        const std::string title =
            std::string(m_text.messages) + " (" + std::to_string(shown.size()) + ")###messages";
        if (ImGui::Begin(title.c_str(), nullptr, overlay)) {
            ImGui::PushTextWrapPos(io.DisplaySize.x * 0.55f);
            if (nothing) ImGui::TextUnformatted(m_text.nothing_loaded);
            for (size_t k = 0; k < shown.size() && k < 30; ++k)
                ImGui::TextUnformatted(shown[k]->format().c_str());
            ImGui::PopTextWrapPos();
        }
        record();
        ImGui::End();
    }

    // Status line: working CRS, cursor coordinates, scale.
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, 0));
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (ImGui::Begin("###status", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav)) {
        const std::string crs = m_dataset.working_crs.empty() ? "-" : m_dataset.working_crs;
        if (interactive && ImGui::IsMousePosValid() && !io.WantCaptureMouse) {
            double x = 0.0, y = 0.0;
            m_view.to_world(io.MousePos.x, io.MousePos.y, x, y);
            ImGui::Text("%s  %s  X %.2f  Y %.2f", crs.c_str(), m_text.cursor, x, y);
        } else {
            ImGui::Text("%s  %s", crs.c_str(), m_text.no_cursor);
        }
        ImGui::SameLine();
        ImGui::TextUnformatted("   ");
        ImGui::SameLine();
        ImGui::Text(m_text.pixel, m_view.units_per_pixel);
    }
    record();
    m_status_height = ImGui::GetWindowSize().y;
    ImGui::End();

    draw_legend();
    if (m_identify_open) draw_identify();

    // On the map, under the windows: selection, labels (clear of the windows), scale bar.
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    draw_highlight(list);
    draw_scale_bar(list);
    draw_labels(list);
}

void Viewer::prepare_labels() {
    const auto& layers = m_canvas.layers();
    for (size_t k = 0; k < layers.size(); ++k) {
        const auto& draw = layers[k];
        LabelLayer labels;
        labels.layer = k;
        if (draw.kind == render::LayerKind::Districts) {
            labels.priority = 2;
            labels.color = kDistrictLabelColor;
        } else if (draw.kind == render::LayerKind::Communities) {
            labels.priority = 1;
            labels.color = kLabelColor;
        } else {
            continue;
        }
        labels.anchors = render::label_anchors(*draw.layer, "name");
        if (!labels.anchors.empty()) m_label_layers.push_back(std::move(labels));
    }
}

void Viewer::draw_labels(ImDrawList* list) {
    m_placed_labels.clear();
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    const Rect screen{0.0f, 0.0f, float(m_view.width), float(m_view.height) - m_status_height};
    std::vector<render::LabelCandidate> candidates;
    std::vector<PlacedLabel> pending;
    for (LabelLayer& labels : m_label_layers) {
        const auto& draw = m_canvas.layers()[labels.layer];
        if (!draw.visible) continue;
        if (labels.text_sizes.size() != labels.anchors.size()) {
            labels.text_sizes.clear();
            for (const auto& anchor : labels.anchors)
                labels.text_sizes.push_back(
                    font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, anchor.text.c_str()));
        }
        for (size_t a = 0; a < labels.anchors.size(); ++a) {
            const auto& anchor = labels.anchors[a];
            const Box& box = draw.layer->geometry.box(anchor.row);
            const double extent_px = std::max(box.width(), box.height()) / m_view.units_per_pixel;
            if (extent_px < kLabelMinFeaturePx) continue;
            double px = 0.0, py = 0.0;
            m_view.to_screen(anchor.x, anchor.y, px, py);
            if (px < screen.x0 || py < screen.y0 || px > screen.x1 || py > screen.y1) continue;
            const ImVec2 size = labels.text_sizes[a];
            render::LabelCandidate c;
            c.x = float(px);
            c.y = float(py);
            c.width = size.x + 2.0f; // the halo
            c.height = size.y + 2.0f;
            c.priority = labels.priority;
            c.size = anchor.size;
            candidates.push_back(c);
            pending.push_back(
                {labels.layer, anchor.row, &anchor.text, c.x, c.y, c.rect(), labels.color});
        }
    }
    for (size_t k : render::place_labels(candidates, screen, m_ui_rects, 3.0f))
        m_placed_labels.push_back(pending[k]);

    const ImU32 halo = imcolor(kHaloColor);
    for (const PlacedLabel& label : m_placed_labels) {
        const ImVec2 at(std::round(label.rect.x0 + 1.0f), std::round(label.rect.y0 + 1.0f));
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                if (dx != 0 || dy != 0)
                    list->AddText(font, font_size, ImVec2(at.x + float(dx), at.y + float(dy)), halo,
                                  label.text->c_str());
        list->AddText(font, font_size, at, imcolor(label.color), label.text->c_str());
    }
}

void Viewer::draw_scale_bar(ImDrawList* list) {
    const double length = render::scale_bar_length(m_view.units_per_pixel, 120.0);
    if (!(length > 0.0)) return;
    const float px = float(length / m_view.units_per_pixel);
    char text[32];
    if (length >= 1000.0)
        std::snprintf(text, sizeof text, "%g km", length / 1000.0);
    else
        std::snprintf(text, sizeof text, "%g m", length);
    const float x0 = 16.0f, y1 = float(m_view.height) - m_status_height - 14.0f;
    const ImVec2 text_size = ImGui::CalcTextSize(text);
    const Rect box{x0 - 6.0f, y1 - text_size.y - 12.0f, x0 + std::max(px, text_size.x) + 6.0f,
                   y1 + 6.0f};
    list->AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1),
                        IM_COL32(255, 255, 255, 200), 3.0f);
    const ImU32 ink = IM_COL32(30, 30, 30, 255);
    list->AddRectFilled(ImVec2(x0, y1 - 4.0f), ImVec2(x0 + px, y1), ink);
    list->AddLine(ImVec2(x0, y1 - 9.0f), ImVec2(x0, y1), ink, 1.5f);
    list->AddLine(ImVec2(x0 + px, y1 - 9.0f), ImVec2(x0 + px, y1), ink, 1.5f);
    list->AddText(ImVec2(x0, y1 - text_size.y - 8.0f), ink, text);
    m_ui_rects.push_back(box);
}

void Viewer::draw_legend() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, io.DisplaySize.y - m_status_height - 10),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.9f);
    const std::string title = std::string(m_text.legend) + "###legend";
    // A filled box for polygons, a line for lines, a small square for points.
    const auto swatch = [](render::Rgba fill, render::Rgba stroke, GeomClass geom_class) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        const ImVec2 a(p.x, p.y + h * 0.2f), b(p.x + 22.0f, p.y + h * 0.8f);
        ImDrawList* list = ImGui::GetWindowDrawList();
        if (geom_class == GeomClass::Point) {
            const ImVec2 c(0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
            list->AddRectFilled(ImVec2(c.x - 3.5f, c.y - 3.5f), ImVec2(c.x + 3.5f, c.y + 3.5f),
                                imcolor(stroke));
        } else if (geom_class == GeomClass::Line) {
            list->AddLine(ImVec2(a.x, 0.5f * (a.y + b.y)), ImVec2(b.x, 0.5f * (a.y + b.y)),
                          imcolor(stroke), 3.0f);
        } else {
            fill.a = 255;
            list->AddRectFilled(a, b, imcolor(fill));
            list->AddRect(a, b, imcolor(stroke));
        }
        ImGui::Dummy(ImVec2(22.0f, h));
        ImGui::SameLine();
    };
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoMove)) {
        const auto& layers = m_canvas.layers();
        for (size_t k = layers.size(); k-- > 0;) {
            const auto& draw = layers[k];
            if (!draw.visible) continue;
            const render::LayerStyle& st = draw.style;
            const std::string name(m_options.language == Language::Chinese
                                       ? render::kind_label_zh(draw.kind)
                                       : render::kind_label_en(draw.kind));
            const std::string label =
                draw.layer->name == name ? name : name + "  " + draw.layer->name;
            std::vector<std::pair<const char*, render::Rgba>> classes;
            if (draw.kind == render::LayerKind::Communities &&
                draw.layer->find_attribute("eligible") >= 0)
                classes = {{m_text.eligible_yes, render::eligibility_color("yes")},
                           {m_text.eligible_no, render::eligibility_color("no")},
                           {m_text.eligible_unknown, render::eligibility_color("")}};
            else if (draw.kind == render::LayerKind::SpareLand &&
                     draw.layer->find_attribute("use") >= 0)
                classes = {{m_text.use_parking, render::spare_land_use_color("parking")},
                           {m_text.use_service, render::spare_land_use_color("service")},
                           {m_text.use_green, render::spare_land_use_color("green")},
                           {m_text.use_other, render::spare_land_use_color("other")}};
            if (classes.empty()) {
                swatch(st.fill_color, st.stroke_color, draw.layer->geometry.geom_class());
                ImGui::TextUnformatted(label.c_str());
            } else {
                ImGui::TextUnformatted(label.c_str());
                ImGui::Indent(8.0f);
                for (const auto& [text, color] : classes) {
                    swatch(color, st.stroke_color, GeomClass::Polygon);
                    ImGui::TextUnformatted(text);
                }
                ImGui::Unindent(8.0f);
            }
        }
    }
    const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    m_ui_rects.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
    ImGui::End();
}

void Viewer::identify_at(float px, float py) {
    double x = 0.0, y = 0.0;
    m_view.to_world(px, py, x, y);
    identify_world(x, y);
}

void Viewer::identify_world(double x, double y) {
    std::vector<const Layer*> layers;
    for (const auto& draw : m_canvas.layers())
        layers.push_back(draw.visible ? draw.layer : nullptr);
    m_hits = render::pick(layers, x, y, kPickTolerancePx * m_view.units_per_pixel, 50);
    m_selected = 0;
    m_identify_open = true;
}

void Viewer::draw_identify() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, 50), ImGuiCond_FirstUseEver,
                            ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(380, io.DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.95f);
    const std::string title =
        std::string(m_text.identify) + " (" + std::to_string(m_hits.size()) + ")###identify";
    if (ImGui::Begin(title.c_str(), &m_identify_open, ImGuiWindowFlags_NoSavedSettings)) {
        if (m_hits.empty()) ImGui::TextUnformatted(m_text.nothing_here);
        const auto& layers = m_canvas.layers();
        for (size_t h = 0; h < m_hits.size(); ++h) {
            const auto& hit = m_hits[h];
            const auto& draw = layers[hit.layer];
            const Layer& layer = *draw.layer;
            const std::string header = layer_label(draw, m_options.language) + "  #" +
                                       std::to_string(layer.fids[hit.row]) + "###hit" +
                                       std::to_string(h);
            ImGui::SetNextItemOpen(h == 0, ImGuiCond_Appearing);
            const bool open = ImGui::CollapsingHeader(header.c_str());
            if (ImGui::IsItemClicked()) m_selected = h;
            if (!open) continue;
            const std::string table_id = "##attrs" + std::to_string(h);
            if (ImGui::BeginTable(table_id.c_str(), 2,
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                      ImGuiTableFlags_Resizable)) {
                ImGui::TableSetupColumn(m_text.field, ImGuiTableColumnFlags_WidthFixed);
                ImGui::TableSetupColumn(m_text.value, ImGuiTableColumnFlags_WidthStretch);
                for (const Column& column : layer.attributes) {
                    ImGui::TableNextRow();
                    ImGui::TableSetColumnIndex(0);
                    ImGui::TextUnformatted(column.name().c_str());
                    ImGui::TableSetColumnIndex(1);
                    const std::string value =
                        column.is_null(hit.row) ? std::string("-") : column.to_text(hit.row);
                    ImGui::TextWrapped("%s", value.c_str());
                }
                ImGui::EndTable();
            }
        }
    }
    const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    m_ui_rects.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
    ImGui::End();
    if (!m_identify_open) m_hits.clear();
}

void Viewer::draw_highlight(ImDrawList* list) const {
    if (m_selected >= m_hits.size()) return;
    const auto& hit = m_hits[m_selected];
    const auto& draw = m_canvas.layers()[hit.layer];
    if (!draw.visible) return;
    const GeometryColumn& g = draw.layer->geometry;
    const ImU32 color = imcolor(kHighlightColor);
    std::vector<ImVec2> points;
    for (size_t part = g.part_begin(hit.row); part < g.part_end(hit.row); ++part)
        for (size_t r = g.ring_begin(part); r < g.ring_end(part); ++r) {
            const auto xy = g.ring(r);
            points.clear();
            for (size_t k = 0; k + 1 < xy.size(); k += 2) {
                double px = 0.0, py = 0.0;
                m_view.to_screen(xy[k], xy[k + 1], px, py);
                points.emplace_back(float(px), float(py));
            }
            if (g.geom_class() == GeomClass::Point) {
                for (const ImVec2& p : points)
                    list->AddCircle(p, 8.0f, color, 0, 3.0f);
            } else if (points.size() >= 2) {
                const bool closed = g.geom_class() == GeomClass::Polygon;
                list->AddPolyline(points.data(), int(points.size()), color,
                                  closed ? ImDrawFlags_Closed : ImDrawFlags_None, 3.0f);
            }
        }
}

void Viewer::frame(int fb_w, int fb_h, int view_w, int view_h, bool interactive) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (!interactive) { // the offscreen image, whatever the (hidden) window's size
        io.DisplaySize = ImVec2(float(view_w), float(view_h));
        io.DisplayFramebufferScale = ImVec2(1, 1);
    }
    ImGui::NewFrame();

    if (!m_view_fitted) {
        m_view.fit(m_canvas.extent(), view_w, view_h);
        m_view_fitted = true;
        if (m_options.identify) identify_world(m_options.identify_x, m_options.identify_y);
    } else {
        m_view.resize(view_w, view_h);
    }
    if (interactive) {
        // Identify: a click (press and release on the map without dragging).
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) m_press_on_map = !io.WantCaptureMouse;
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
            if (m_press_on_map && !io.WantCaptureMouse &&
                io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] <= 9.0f &&
                ImGui::IsMousePosValid())
                identify_at(io.MousePos.x, io.MousePos.y);
            m_press_on_map = false;
        }
    }
    if (interactive && !io.WantCaptureMouse) {
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f))
            m_view.pan_pixels(io.MouseDelta.x, io.MouseDelta.y);
        if (io.MouseWheel != 0.0f && ImGui::IsMousePosValid())
            m_view.zoom_at(io.MousePos.x, io.MousePos.y, std::pow(1.25, io.MouseWheel));
    }
    draw_ui(interactive);
    ImGui::Render();

    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    m_canvas.render(m_view, fb_w, fb_h);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool Viewer::write_screenshot(std::string& error) {
    const int w = m_options.width, h = m_options.height;
    std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 4);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down. The image is opaque.
    std::vector<unsigned char> image(pixels.size());
    const size_t row = size_t(w) * 4;
    for (int y = 0; y < h; ++y)
        std::copy_n(pixels.data() + size_t(h - 1 - y) * row, row, image.data() + size_t(y) * row);
    for (size_t k = 3; k < image.size(); k += 4)
        image[k] = 255;
    if (!stbi_write_png(m_options.screenshot.c_str(), w, h, 4, image.data(), int(row))) {
        error = "cannot write " + m_options.screenshot;
        return false;
    }

    // The view record: which world rectangle the image shows (pixel edges), for tests and docs.
    const Box visible = m_view.visible();
    nlohmann::json j;
    j["image"] = std::filesystem::path(m_options.screenshot).filename().string();
    j["width"] = w;
    j["height"] = h;
    j["crs"] = m_dataset.working_crs;
    j["extent"] = {visible.min_x, visible.min_y, visible.max_x, visible.max_y};
    j["units_per_pixel"] = m_view.units_per_pixel;
    j["ui_rects"] = nlohmann::json::array();
    for (const Rect& r : m_ui_rects)
        j["ui_rects"].push_back({r.x0, r.y0, r.x1, r.y1});
    j["label_color"] = hex_text(kLabelColor);
    j["labels"] = nlohmann::json::array();
    for (const PlacedLabel& label : m_placed_labels)
        j["labels"].push_back(
            {{"text", *label.text},
             {"layer", m_canvas.layers()[label.layer].layer->name},
             {"row", label.row},
             {"color", hex_text(label.color)},
             {"anchor", {label.x, label.y}},
             {"rect", {label.rect.x0, label.rect.y0, label.rect.x1, label.rect.y1}}});
    j["highlight_color"] = hex_text(kHighlightColor);
    j["identified"] = nlohmann::json::array();
    for (size_t hit = 0; hit < m_hits.size(); ++hit) {
        const Layer& layer = *m_canvas.layers()[m_hits[hit].layer].layer;
        j["identified"].push_back({{"layer", layer.name},
                                   {"row", m_hits[hit].row},
                                   {"fid", layer.fids[m_hits[hit].row]},
                                   {"highlighted", hit == m_selected}});
    }
    j["layers"] = nlohmann::json::array();
    for (const auto& draw : m_canvas.layers())
        j["layers"].push_back({{"name", draw.layer->name},
                               {"kind", render::kind_label_en(draw.kind)},
                               {"features", draw.layer->size()},
                               {"not_triangulated", draw.failed_triangulations}});
    std::filesystem::path json_path(m_options.screenshot);
    json_path.replace_extension(".view.json");
    std::ofstream out(json_path);
    out << j.dump(2) << "\n";
    if (!out) {
        error = "cannot write " + json_path.string();
        return false;
    }
    if (m_options.verbosity > 0)
        std::printf("screenshot written to %s (%dx%d; view extent %.2f %.2f %.2f %.2f %s, in "
                    "%s)\n",
                    m_options.screenshot.c_str(), w, h, visible.min_x, visible.min_y, visible.max_x,
                    visible.max_y, m_dataset.working_crs.c_str(), json_path.string().c_str());
    return true;
}

void Viewer::shutdown() {
    if (m_window) {
        glfwMakeContextCurrent(m_window);
        m_canvas.release_gl();
        if (m_fbo) glDeleteFramebuffers(1, &m_fbo);
        if (m_color_rb) glDeleteRenderbuffers(1, &m_color_rb);
        m_fbo = m_color_rb = 0;
    }
    if (m_imgui) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        m_imgui = false;
    }
    if (m_window) glfwDestroyWindow(m_window);
    m_window = nullptr;
    glfwTerminate();
}

int Viewer::run() {
    std::string error;
    if (!create_window(error)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        shutdown();
        return 1;
    }
    if (!m_canvas.init_gl(error)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        shutdown();
        return 1;
    }
    setup_imgui();
    if (m_options.verbosity > 1)
        std::fprintf(stderr, "OpenGL: %s, %s\n",
                     reinterpret_cast<const char*>(glGetString(GL_RENDERER)),
                     reinterpret_cast<const char*>(glGetString(GL_VERSION)));
    for (const auto& draw : m_canvas.layers())
        if (draw.failed_triangulations > 0 && m_options.verbosity > 0)
            std::fprintf(stderr, "warning: layer %s: %zu features could not be triangulated\n",
                         draw.layer->name.c_str(), draw.failed_triangulations);

    int status = 0;
    if (!m_options.screenshot.empty()) {
        const int w = m_options.width, h = m_options.height;
        glGenFramebuffers(1, &m_fbo);
        glGenRenderbuffers(1, &m_color_rb);
        glBindRenderbuffer(GL_RENDERBUFFER, m_color_rb);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
        glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                  m_color_rb);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            std::fprintf(stderr, "error: cannot create an offscreen framebuffer of %dx%d\n", w, h);
            shutdown();
            return 1;
        }
        // A few frames, so auto-sized overlay windows settle.
        for (int k = 0; k < 4; ++k) {
            glfwPollEvents();
            frame(w, h, w, h, false);
        }
        glFinish();
        if (!write_screenshot(error)) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
            status = 1;
        } else if (m_dataset.layers.empty()) {
            std::fprintf(stderr, "error: nothing usable was loaded (the screenshot shows the "
                                 "messages)\n");
            status = 1;
        }
    } else {
        while (!glfwWindowShouldClose(m_window)) {
            glfwPollEvents();
            int fb_w = 0, fb_h = 0, win_w = 0, win_h = 0;
            glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
            glfwGetWindowSize(m_window, &win_w, &win_h);
            if (fb_w <= 0 || fb_h <= 0) { // minimised
                glfwWaitEvents();
                continue;
            }
            frame(fb_w, fb_h, win_w, win_h, true);
            glfwSwapBuffers(m_window);
        }
        if (m_dataset.layers.empty()) status = 1;
    }
    shutdown();
    return status;
}

} // namespace

int run_viewer(const Dataset& dataset, const ViewerOptions& options) {
    Viewer viewer(dataset, options);
    return viewer.run();
}

void parse_size(const std::string& text, int& width, int& height) {
    const auto bad = [&] {
        return ConfigError({},
                           "--size needs WIDTHxHEIGHT in pixels (16..16384), not '" + text + "'");
    };
    const size_t x = text.find_first_of("xX");
    if (x == std::string::npos || x == 0 || x + 1 >= text.size()) throw bad();
    try {
        size_t used_w = 0, used_h = 0;
        width = std::stoi(text.substr(0, x), &used_w);
        height = std::stoi(text.substr(x + 1), &used_h);
        if (used_w != x || used_h != text.size() - x - 1) throw bad();
    } catch (const std::logic_error&) {
        throw bad();
    }
    if (width < 16 || height < 16 || width > 16384 || height > 16384) throw bad();
}

} // namespace renoplan::gui
