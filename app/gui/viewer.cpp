#include "app/gui/viewer.hpp"

#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/gui/panels/layers_panel.hpp"
#include "app/gui/panels/legend_panel.hpp"
#include "app/gui/viewer_impl.hpp"
#include "geo/core/error.hpp"
#include "geo/render/feature_link.hpp"
#include "geo/render/labels.hpp"
#include "geo/render/pick.hpp"

namespace renoplan::gui {

namespace {

// Labels: dark text with a white halo; districts in a darker shade of their outline. The selection
// is outlined in a colour no style uses. Features narrower than kLabelMinFeaturePx on screen are
// not labelled.
constexpr render::Rgba kLabelColor{0x1e, 0x1e, 0x1e, 255};
constexpr render::Rgba kDistrictLabelColor{0x0b, 0x5a, 0x4f, 255};
constexpr render::Rgba kHaloColor{255, 255, 255, 255};
constexpr float kLabelMinFeaturePx = 32.0f;

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

} // namespace

namespace detail {

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

std::string hex_text(render::Rgba c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

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
    if (hidden()) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    // The window opens at the size it had when last closed, unless --size says otherwise.
    const bool remembered = !hidden() && !m_options.size_given && m_settings.window_width > 0;
    const int width = remembered ? m_settings.window_width : m_options.width;
    const int height = remembered ? m_settings.window_height : m_options.height;
    m_window = glfwCreateWindow(width, height, m_options.title.c_str(), nullptr, nullptr);
    if (!m_window) {
        error = no_context_message("create an OpenGL 3.3 core window");
        return false;
    }
    glfwMakeContextCurrent(m_window);
    glfwSetWindowUserPointer(m_window, this);
    glfwSetDropCallback(m_window, on_drop);
    glfwSwapInterval(hidden() ? 0 : 1);
    // The map scale uses the screen's pixel size; screenshots assume 96 dpi (reproducible).
    if (!hidden()) m_mm_per_pixel = primary_monitor_mm_per_pixel();
    return true;
}

// Latin plus exactly the characters the UI, the layers, the messages and the Plan panel use.
ImVector<ImWchar> Viewer::glyph_ranges() const {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    for (const Strings* s : {&strings_of(Language::Chinese), &strings_of(Language::English)})
        for (const char* t : all_strings(*s))
            builder.AddText(t);
    for (const LabelLayer& labels : m_label_layers)
        for (const auto& anchor : labels.anchors)
            builder.AddText(anchor.text.c_str());
    // Identify shows field names and values: their characters too (text columns; a
    // bounded number of rows per column, the rest show as they can).
    for (const auto& draw : m_canvas->layers())
        for (const Column& column : draw.layer->attributes) {
            builder.AddText(column.name().c_str());
            if (!is_text_storage(column.type())) continue;
            for (size_t i = 0; i < column.size() && i < 200000; ++i)
                if (!column.is_null(i)) {
                    const std::string_view v = column.get_string(i);
                    builder.AddText(v.data(), v.data() + v.size());
                }
        }
    for (const auto& draw : m_canvas->layers()) {
        builder.AddText(layer_label(draw, Language::Chinese).c_str());
        builder.AddText(draw.layer->source.path.c_str());
    }
    for (const auto& d : m_dataset.diagnostics.items())
        builder.AddText(d.format().c_str());
    builder.AddText(m_dataset.working_crs_name.c_str());
    builder.AddText(m_browser_glyphs.c_str());
    for (const std::string& path : m_settings.recent_files)
        builder.AddText(path.c_str());
    if (m_plan)
        for (const std::string& t : m_plan->glyph_texts())
            builder.AddText(t.c_str());
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return ranges;
}

void Viewer::add_font() {
    ImFontConfig config;
    config.OversampleH = 1;
    config.PixelSnapH = true;
    if (!ImGui::GetIO().Fonts->AddFontFromFileTTF(m_font.c_str(), 16.0f, &config,
                                                  m_glyph_ranges.Data))
        std::fprintf(stderr, "warning: cannot load the font %s; Chinese text will not show\n",
                     m_font.c_str());
}

// After new layers (a plan's results): rebuild the font atlas when they need new characters.
void Viewer::refresh_font() {
    if (m_font.empty() || !m_imgui) return;
    ImVector<ImWchar> ranges = glyph_ranges();
    if (ranges.Size == m_glyph_ranges.Size &&
        std::equal(ranges.begin(), ranges.end(), m_glyph_ranges.begin()))
        return;
    ImGui::GetIO().Fonts->Clear();
    m_glyph_ranges = ranges;
    add_font();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Viewer::setup_imgui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    m_imgui = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written beside the data; deterministic screenshots
    ImGui::StyleColorsLight();
    ImGui::GetStyle().WindowRounding = 4.0f;

    if (m_font.empty()) {
        std::fprintf(stderr, "warning: no CJK font found (install fonts-wqy-microhei); Chinese "
                             "text will not show\n");
    } else {
        m_glyph_ranges = glyph_ranges();
        add_font();
    }
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
}

void Viewer::draw_ui(bool interactive) {
    m_ui_rects.clear();
    const ImGuiIO& io = ImGui::GetIO();
    const PanelContext ctx{*m_text, m_language, m_ui_rects};
    if (m_map_only) { // the Export panel's PNG: selection, scale bar and labels only
        m_status_height = 0.0f;
        ImDrawList* list = ImGui::GetBackgroundDrawList();
        m_identify.draw_highlight(list, *m_canvas, m_view);
        draw_north_arrow_above(list, draw_scale_bar(list));
        draw_labels(list);
        return;
    }
    LayersPanelExtras extras;
    extras.show_attributes = &m_show_attributes;
    extras.show_export = &m_show_export;
    extras.open_path = &m_open_path;
    if (m_loader.running()) extras.loading = m_loader.progress_text() + " ...";
    extras.load_error = m_load_error;
    extras.empty_start = empty_map();
    extras.recent = &m_settings.recent_files;
    extras.diagnostics = &m_dataset.diagnostics;
    draw_layers_panel(ctx, *m_canvas, m_view, interactive, extras);
    if (extras.open_clicked) start_loading({m_open_path});
    if (extras.cancel_load) m_loader.cancel();
    if (extras.open_dialog) m_browser.open(m_settings.file_dialog_folder);
    draw_file_browser(ctx);
    if (extras.open_recent) start_loading({*extras.open_recent});
    if (extras.remove_recent) {
        remove_recent_file(m_settings.recent_files, *extras.remove_recent);
        save_settings_now();
    }
    if (!empty_map()) m_messages.draw(ctx, m_dataset, *m_canvas, m_view, m_identify);
    if (m_canvas->layers().empty() && !m_loader.running()) draw_empty_hint();
    if (m_plan) m_plan->draw(ctx);
    if (m_show_export) m_export.draw(ctx, m_plan.get(), m_dataset, m_inputs);

    draw_status(ctx, interactive);

    if (!m_canvas->layers().empty()) draw_legend_panel(ctx, *m_canvas, m_status_height);
    if (m_show_attributes) m_attributes.draw(ctx, *m_canvas, m_view, m_identify);
    m_identify.draw(ctx, *m_canvas);
    draw_tools(ctx, interactive);

    // On the map, under the windows: selection, labels (clear of the windows), scale bar, the
    // measurement and the rubber band.
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    m_identify.draw_highlight(list, *m_canvas, m_view);
    if (!m_canvas->layers().empty()) draw_north_arrow_above(list, draw_scale_bar(list));
    draw_labels(list);
    double hover_x = 0.0, hover_y = 0.0;
    const bool hover = interactive && ImGui::IsMousePosValid() && !io.WantCaptureMouse;
    if (hover) m_view.to_world(io.MousePos.x, io.MousePos.y, hover_x, hover_y);
    m_measure.draw_overlay(list, m_view, hover, hover_x, hover_y);
    if (interactive) m_box.draw(list, io.MousePos.x, io.MousePos.y);
}

void Viewer::prepare_labels() {
    const auto& layers = m_canvas->layers();
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
        const auto& draw = m_canvas->layers()[labels.layer];
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

Rect Viewer::draw_scale_bar(ImDrawList* list) {
    const double length = render::scale_bar_length(m_view.units_per_pixel, 120.0);
    if (!(length > 0.0)) return {};
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
    return box;
}

void Viewer::show_plan_results(std::unique_ptr<Dataset> results, bool with_gl) {
    std::vector<const Layer*> layers;
    for (const Layer& layer : m_dataset.layers)
        layers.push_back(&layer);
    for (const Layer& layer : results->layers)
        layers.push_back(&layer);
    auto canvas = std::make_unique<MapCanvas>(layers);
    // The plan's communities (coloured by eligibility) replace the input's on the map.
    for (auto& draw : canvas->layers())
        if (draw.kind == render::LayerKind::Communities && draw.layer->source.path != "plan")
            draw.visible = false;
    if (with_gl) {
        std::string error;
        if (!canvas->init_gl(error)) {
            canvas->release_gl();
            std::fprintf(stderr, "error: %s\n", error.c_str());
            return;
        }
        m_canvas->release_gl();
    }
    m_cache.invalidate();
    m_identify.clear();
    m_attributes.clear();
    m_messages.clear();
    m_label_layers.clear();
    m_placed_labels.clear();
    m_canvas = std::move(canvas); // the old canvas goes before the layers it drew
    m_plan_layers = std::move(results);
    prepare_labels();
    if (with_gl) refresh_font();
}

// Files dropped onto the window or typed in the Layers panel: loaded on the worker with the
// `renoplan open` load options, in the working CRS already shown.
void Viewer::start_loading(const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    ingest::LoadOptions options = m_options.load;
    options.sources = paths;
    options.layers.clear(); // --layer picked layers of the first sources, not of these
    if (!m_dataset.working_crs.empty()) options.working_crs = m_dataset.working_crs;
    if (m_loader.start(options)) m_load_error.clear();
}

// The loaded layers join the dataset: the canvas, labels and font are rebuilt, the Plan panel
// starts afresh on the larger dataset (a plan's result layers are dropped: they describe the old
// one), and the view fits the data when the map was empty.
void Viewer::add_loaded(Loader::Result result) {
    m_inputs.insert(m_inputs.end(), result.sources.begin(), result.sources.end());
    m_dataset.diagnostics.append(result.dataset.diagnostics);
    if (!result.error.empty()) {
        m_load_error = result.error;
        return;
    }
    if (result.dataset.layers.empty()) {
        m_load_error = m_text->nothing_loaded;
        return;
    }
    remember_opened(result.sources);
    const bool was_empty = m_canvas->layers().empty();
    const bool plan_panel = m_plan != nullptr;
    m_plan.reset(); // its plan refers to the layers as they were
    m_canvas->release_gl();
    m_canvas.reset();
    m_cache.invalidate();
    m_plan_layers.reset();
    m_identify.clear();
    m_attributes.clear();
    m_messages.clear();
    m_label_layers.clear();
    m_placed_labels.clear();
    if (m_dataset.working_crs.empty()) {
        m_dataset.working_crs = result.dataset.working_crs;
        m_dataset.working_crs_name = result.dataset.working_crs_name;
        m_dataset.working_crs_reason = result.dataset.working_crs_reason;
    }
    for (Layer& layer : result.dataset.layers) {
        // Layer names stay unique: "小区", "小区 (2)", ...
        const std::string base = layer.name;
        for (int n = 2;; ++n) {
            bool taken = false;
            for (const Layer& other : m_dataset.layers)
                taken = taken || other.name == layer.name;
            if (!taken) break;
            layer.name = base + " (" + std::to_string(n) + ")";
        }
        m_dataset.layers.push_back(std::move(layer));
    }
    m_canvas = std::make_unique<MapCanvas>(m_dataset);
    std::string error;
    if (!m_canvas->init_gl(error)) {
        m_canvas->release_gl();
        m_load_error = error;
    }
    if (plan_panel) m_plan = std::make_unique<PlanPanel>(m_dataset);
    prepare_labels();
    refresh_font();
    if (was_empty) m_view_fitted = false;
}

// The empty map: where to start.
void Viewer::draw_empty_hint() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.45f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.9f);
    if (ImGui::Begin("###hint", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove)) {
        ImGui::TextUnformatted(m_text->drop_hint);
        if (!m_options.settings.error.empty()) { // the settings file could not be read
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
            ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1.0f), "%s",
                               m_options.settings.error.c_str());
            ImGui::PopTextWrapPos();
        }
        draw_recent_and_welcome();
    }
    record_window(m_ui_rects);
    ImGui::End();
}

void Viewer::on_drop(GLFWwindow* window, int count, const char** paths) {
    auto* viewer = static_cast<Viewer*>(glfwGetWindowUserPointer(window));
    if (!viewer) return;
    for (int k = 0; k < count; ++k)
        if (paths[k] && *paths[k]) viewer->m_dropped.emplace_back(paths[k]);
}

void Viewer::frame(int fb_w, int fb_h, int view_w, int view_h, bool interactive) {
    if (!m_dropped.empty()) {
        start_loading(m_dropped);
        m_dropped.clear();
    }
    if (!m_export.busy()) // a GeoPackage being written reads the dataset
        if (auto loaded = m_loader.take()) add_loaded(std::move(*loaded));
    if (m_plan)
        if (auto results = m_plan->take_results()) show_plan_results(std::move(results), true);
    if (m_font_dirty) { // the Open dialog listed names with new characters
        m_font_dirty = false;
        refresh_font();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (!interactive) { // the offscreen image, whatever the (hidden) window's size
        io.DisplaySize = ImVec2(float(view_w), float(view_h));
        io.DisplayFramebufferScale = ImVec2(1, 1);
    }
    ImGui::NewFrame();

    if (!m_view_fitted) {
        m_view.fit(m_canvas->extent(), view_w, view_h);
        m_view_fitted = true;
        if (m_options.identify)
            m_identify.identify(*m_canvas, m_view, m_options.identify_x, m_options.identify_y);
        if (m_options.select_box)
            m_identify.select_box(*m_canvas, m_options.select_box_world, false);
    } else {
        m_view.resize(view_w, view_h);
    }
    handle_map_input(interactive);
    handle_map_keys(interactive);
    draw_ui(interactive);
    ImGui::Render();

    if (m_use_cache) // interactive: kept images, new ones drawn in parts (map_cache.hpp)
        m_cache.draw(*m_canvas, m_view, fb_w, fb_h, m_fbo, kBackground);
    else // screenshots and exports: the whole map, now
        draw_map_at_once(*m_canvas, m_view, fb_w, fb_h, m_fbo, kBackground);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glViewport(0, 0, fb_w, fb_h);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// Renders `frames` frames of w x h pixels into an offscreen framebuffer and reads the image back
// (top row first, opaque RGBA). Screenshot mode and the Export panel's PNG both render this way.
bool Viewer::render_offscreen(int w, int h, int frames, std::vector<unsigned char>& image,
                              std::string& error, const std::function<void(int)>& before_frame,
                              std::vector<double>* frame_ms) {
    GLuint fbo = 0, color_rb = 0;
    glGenFramebuffers(1, &fbo);
    glGenRenderbuffers(1, &color_rb);
    glBindRenderbuffer(GL_RENDERBUFFER, color_rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_rb);
    const bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    if (!ok) {
        error = "cannot create an offscreen framebuffer of " + std::to_string(w) + "x" +
                std::to_string(h);
    } else {
        m_fbo = fbo;
        // A few frames, so auto-sized overlay windows settle.
        for (int k = 0; k < frames; ++k) {
            const auto t0 = std::chrono::steady_clock::now();
            glfwPollEvents();
            if (before_frame) before_frame(k);
            frame(w, h, w, h, false);
            if (frame_ms) {
                glFinish();
                frame_ms->push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
            }
        }
        glFinish();
        std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 4);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        // OpenGL's rows run bottom-up; PNG's top-down. The image is opaque.
        image.assign(pixels.size(), 0);
        const size_t row = size_t(w) * 4;
        for (int y = 0; y < h; ++y)
            std::copy_n(pixels.data() + size_t(h - 1 - y) * row, row,
                        image.data() + size_t(y) * row);
        for (size_t k = 3; k < image.size(); k += 4)
            image[k] = 255;
    }
    m_fbo = 0;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &fbo);
    glDeleteRenderbuffers(1, &color_rb);
    return ok;
}

// The Export panel's PNG: the world extent the window shows, at the requested size, map only.
void Viewer::export_png(const ExportPanel::PngRequest& request) {
    const render::MapView window_view = m_view;
    m_view.fit(window_view.visible(), request.width, request.height, 0.0);
    m_map_only = true;
    std::vector<unsigned char> image;
    std::string error;
    if (render_offscreen(request.width, request.height, 2, image, error) &&
        !stbi_write_png(request.path.c_str(), request.width, request.height, 4, image.data(),
                        request.width * 4))
        error = "cannot write " + request.path;
    m_map_only = false;
    m_view = window_view;
    m_export.png_done(request.path, error);
}

bool Viewer::write_screenshot(const std::vector<unsigned char>& image, std::string& error) {
    const int w = m_options.width, h = m_options.height;
    if (!stbi_write_png(m_options.screenshot.c_str(), w, h, 4, image.data(), w * 4)) {
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
             {"layer", m_canvas->layers()[label.layer].layer->name},
             {"row", label.row},
             {"color", hex_text(label.color)},
             {"anchor", {label.x, label.y}},
             {"rect", {label.rect.x0, label.rect.y0, label.rect.x1, label.rect.y1}}});
    j["highlight_color"] = hex_text(IdentifyPanel::kHighlightColor);
    j["identified"] = nlohmann::json::array();
    const auto& hits = m_identify.hits();
    for (size_t hit = 0; hit < hits.size(); ++hit) {
        const Layer& layer = *m_canvas->layers()[hits[hit].layer].layer;
        j["identified"].push_back(
            {{"layer", layer.name},
             {"row", hits[hit].row},
             {"fid", layer.fids[hits[hit].row]},
             {"highlighted", m_identify.is_selected(hits[hit].layer, hits[hit].row)}});
    }
    j["layers"] = nlohmann::json::array();
    for (const auto& draw : m_canvas->layers())
        j["layers"].push_back({{"name", draw.layer->name},
                               {"kind", render::kind_label_en(draw.kind)},
                               {"features", draw.layer->size()},
                               {"not_triangulated", draw.failed_triangulations},
                               {"visible", draw.visible},
                               {"plan", draw.layer->source.path == "plan"}});
    if (m_canvas->layers().empty()) {
        // The empty map's hint, and the demo town it offers.
        j["hint"] = m_text->drop_hint;
        j["demo"] = m_demo;
    }
    if (m_show_attributes && m_attributes.layer()) {
        // The Attributes panel: the layer shown and the first rows in table order (fids).
        const Layer& layer = *m_attributes.layer();
        nlohmann::json attributes;
        attributes["layer"] = layer.name;
        attributes["rows"] = m_attributes.rows().size();
        attributes["filter"] = m_attributes.filter();
        attributes["columns"] = nlohmann::json::array();
        for (const Column& c : layer.attributes)
            attributes["columns"].push_back(c.name());
        attributes["first_fids"] = nlohmann::json::array();
        for (size_t k = 0; k < m_attributes.rows().size() && k < 20; ++k)
            attributes["first_fids"].push_back(layer.fids[m_attributes.rows()[k]]);
        j["attributes"] = attributes;
    }
    if (m_plan) {
        // The Plan panel: its state and the figures it shows (the "total" summary row).
        nlohmann::json plan;
        plan["state"] = PlanPanel::state_name(m_plan->state());
        if (!m_plan->error().empty()) plan["error"] = m_plan->error();
        if (const analysis::SummaryRow* t = m_plan->total()) {
            int64_t districts = 0;
            for (const auto& r : m_plan->summary())
                if (r.scope == "district") ++districts;
            plan["total"] = {{"communities", t->communities},
                             {"households", t->households},
                             {"buildings", t->buildings},
                             {"eligible_communities", t->eligible_communities},
                             {"eligible_households", t->eligible_households},
                             {"eligible_buildings", t->eligible_buildings},
                             {"unknown_communities", t->unknown_communities},
                             {"consented_communities", t->consented_communities},
                             {"districts", districts},
                             {"spare_area_m2", t->spare_area_m2},
                             {"parking_stalls", t->parking_stalls}};
            plan["counties"] = nlohmann::json::array();
            for (const auto& r : m_plan->summary())
                if (r.scope == "county")
                    plan["counties"].push_back({{"name", r.name},
                                                {"households", r.households},
                                                {"eligible_households", r.eligible_households}});
        }
        j["plan"] = plan;
    }
    record_tools(j);
    record_map_info(j);
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
        m_canvas->release_gl();
        m_cache.release_gl();
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

namespace {

double ms_since(std::chrono::steady_clock::time_point t0,
                std::chrono::steady_clock::time_point t1 = std::chrono::steady_clock::now()) {
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

// Median, 95th percentile (nearest rank) and maximum of frame times, in ms.
nlohmann::json frame_stats(std::vector<double> ms) {
    nlohmann::json j;
    j["frames"] = ms.size();
    if (ms.empty()) return j;
    std::sort(ms.begin(), ms.end());
    const auto rank = [&](double q) {
        const size_t k = size_t(std::ceil(q * double(ms.size())));
        return ms[std::clamp<size_t>(k, 1, ms.size()) - 1];
    };
    j["median_ms"] = rank(0.5);
    j["p95_ms"] = rank(0.95);
    j["max_ms"] = ms.back();
    return j;
}

} // namespace

// Benchmark mode: the first frame (full extent, as a screenshot's, the whole map drawn at once),
// then N frames panning right and back by 1% of the width per frame, then N frames zooming in by
// 1.1x per frame at the centre and back out - these two as the window draws them (MapCache: kept
// images, new ones in parts), with the number of frames that showed the complete map - then the
// settling after a jump to 2x at the centre (frames until complete) and after one to 16x, each
// frame finished with glFinish; then the full extent again, drawn at once, timed as one
// offscreen image (frame and read-back, best of 3). One JSON line on stdout.
int Viewer::run_bench() {
    const int w = m_options.width, h = m_options.height, n = m_options.bench_frames;
    std::vector<unsigned char> image;
    std::string error;
    std::vector<double> first;
    if (!render_offscreen(w, h, 1, image, error, {}, &first)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return 1;
    }
    const auto first_done = std::chrono::steady_clock::now();
    const render::MapView full = m_view;

    // Panning and zooming as in the window: kept images, new ones drawn in parts (MapCache).
    // A frame counts as complete when it shows the whole map of its view.
    m_use_cache = true;
    std::vector<double> pan_ms, zoom_ms;
    int pan_complete = 0, zoom_complete = 0;
    const double step = 0.01 * full.width * full.units_per_pixel;
    std::vector<double> one;
    for (int k = 0; k < n; ++k) {
        m_view = full;
        const int out = k < n / 2 ? k + 1 : n - k - 1; // steps right, then back
        m_view.center_x += step * out;
        render_offscreen(w, h, 1, image, error, {}, &pan_ms);
        pan_complete += m_cache.complete() ? 1 : 0;
    }
    for (int k = 0; k < n; ++k) {
        m_view = full;
        const int in = k < n / 2 ? k + 1 : n - k - 1;
        m_view.units_per_pixel = full.units_per_pixel / std::pow(1.1, in);
        render_offscreen(w, h, 1, image, error, {}, &zoom_ms);
        zoom_complete += m_cache.complete() ? 1 : 0;
    }
    // Settling: the view zoomed `factor` times at the centre at once (a jump no kept image
    // shows), then frames as the window draws them until the map of that view is complete.
    const auto settle = [&](double factor) {
        std::vector<double> ms;
        m_use_cache = true;
        m_view = full;
        m_view.units_per_pixel = full.units_per_pixel / factor;
        do {
            render_offscreen(w, h, 1, image, error, {}, &ms);
        } while (!m_cache.complete() && ms.size() < 10000);
        m_use_cache = false;
        return ms;
    };
    const std::vector<double> settle_ms = settle(2.0);
    // The settled image against the same view drawn at once: the same pixels but for rounding
    // along edges (the image is drawn at another size, so the vertices' float arithmetic differs).
    const std::vector<unsigned char> settled = image;
    render_offscreen(w, h, 1, image, error);
    size_t differing = 0;
    for (size_t p = 0; p + 3 < image.size() && p + 3 < settled.size(); p += 4)
        for (size_t c = 0; c < 3; ++c)
            if (std::abs(int(image[p + c]) - int(settled[p + c])) > 8) {
                ++differing;
                break;
            }
    // Zoomed in: most of the town off screen.
    const std::vector<double> settle16_ms = settle(16.0);

    double full_ms = 1e300;
    for (int r = 0; r < 3; ++r) {
        m_view = full;
        const auto t0 = std::chrono::steady_clock::now();
        render_offscreen(w, h, 1, image, error);
        full_ms = std::min(full_ms, ms_since(t0));
    }

    nlohmann::json j;
    j["size"] = std::to_string(w) + "x" + std::to_string(h);
    j["renderer"] = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    size_t features = 0;
    for (const auto& layer : m_dataset.layers)
        features += layer.size();
    j["layers"] = m_dataset.layers.size();
    j["features"] = features;
    j["load_ms"] = ms_since(m_options.load_start, m_options.load_end);
    j["first_frame_from_load_start_ms"] = ms_since(m_options.load_start, first_done);
    j["first_frame_from_load_end_ms"] = ms_since(m_options.load_end, first_done);
    j["first_frame_ms"] = first.empty() ? 0.0 : first.front();
    j["pan"] = frame_stats(pan_ms);
    j["pan"]["complete"] = pan_complete;
    j["zoom"] = frame_stats(zoom_ms);
    j["zoom"]["complete"] = zoom_complete;
    j["settle"] = frame_stats(settle_ms);
    j["settle"]["total_ms"] = std::accumulate(settle_ms.begin(), settle_ms.end(), 0.0);
    j["settle"]["differing_pixels"] = differing;
    j["settle"]["matches_direct"] = double(differing) <= 0.002 * double(w) * double(h);
    j["settle16"] = frame_stats(settle16_ms);
    j["settle16"]["total_ms"] = std::accumulate(settle16_ms.begin(), settle16_ms.end(), 0.0);
    j["full_extent_offscreen_ms"] = full_ms;
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
    return m_dataset.layers.empty() ? 1 : 0;
}

int Viewer::run() {
    std::string error;
    bool plan_failed = false;
    if (m_options.run_plan && m_plan) {
        if (!m_dataset.layers.empty() && m_plan->run_now()) {
            show_plan_results(m_plan->take_results(), false);
        } else {
            plan_failed = true;
            std::fprintf(stderr, "error: the plan %s%s%s\n",
                         m_dataset.layers.empty() ? "has nothing to work on"
                                                  : PlanPanel::state_name(m_plan->state()),
                         m_plan->error().empty() ? "" : ": ", m_plan->error().c_str());
        }
    }
    if (m_options.style) apply_style(*m_options.style); // before the colours are uploaded
    if (!create_window(error)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        shutdown();
        return 1;
    }
    if (!m_canvas->init_gl(error)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        shutdown();
        return 1;
    }
    setup_imgui();
    if (m_options.verbosity > 1)
        std::fprintf(stderr, "OpenGL: %s, %s\n",
                     reinterpret_cast<const char*>(glGetString(GL_RENDERER)),
                     reinterpret_cast<const char*>(glGetString(GL_VERSION)));
    for (const auto& draw : m_canvas->layers())
        if (draw.failed_triangulations > 0 && m_options.verbosity > 0)
            std::fprintf(stderr, "warning: layer %s: %zu features could not be triangulated\n",
                         draw.layer->name.c_str(), draw.failed_triangulations);

    int status = 0;
    if (m_options.bench_frames > 0) {
        status = run_bench();
    } else if (!m_options.screenshot.empty()) {
        const int w = m_options.width, h = m_options.height;
        std::vector<unsigned char> image;
        if (!render_offscreen(w, h, 4, image, error)) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
            shutdown();
            return 1;
        }
        if (!write_screenshot(image, error)) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
            status = 1;
        } else if (m_dataset.layers.empty() && !m_inputs.empty()) {
            std::fprintf(stderr, "error: nothing usable was loaded (the screenshot shows the "
                                 "messages)\n");
            status = 1;
        } else if (plan_failed) {
            status = 1;
        }
    } else {
        if (!m_dataset.layers.empty()) remember_opened(m_inputs);
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
            if (auto request = m_export.take_png_request()) export_png(*request);
            if (m_show_attributes != m_settings.attributes_panel ||
                m_show_export != m_settings.export_panel)
                save_settings_now();
        }
        save_settings_on_exit();
        if (m_dataset.layers.empty() && !m_inputs.empty()) status = 1;
    }
    shutdown();
    return status;
}

} // namespace detail

int run_viewer(Dataset dataset, const ViewerOptions& options) {
    detail::Viewer viewer(std::move(dataset), options);
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
