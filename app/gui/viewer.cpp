#include "app/gui/viewer.hpp"

#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
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
};

constexpr Strings kZh = {"图层",
                         "全图",
                         "消息",
                         "没有读到可显示的图层（见“消息”）",
                         "坐标",
                         "将光标移到地图上查看坐标",
                         "1 像素 = %.2f 米",
                         "%zu 个要素无法三角化，未绘制"};
constexpr Strings kEn = {
    "Layers",        "Zoom to all",
    "Messages",      "Nothing usable was loaded (see Messages)",
    "Cursor",        "move the cursor over the map for coordinates",
    "1 px = %.2f m", "%zu features could not be triangulated and are not drawn"};

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

struct Rect {
    float x0, y0, x1, y1;
};

class Viewer {
public:
    Viewer(const Dataset& dataset, const ViewerOptions& options)
        : m_dataset(dataset), m_options(options), m_canvas(dataset),
          m_text(options.language == Language::Chinese ? kZh : kEn) {}

    int run();

private:
    bool create_window(std::string& error);
    void setup_imgui();
    void frame(int fb_w, int fb_h, int view_w, int view_h, bool interactive);
    void draw_ui(bool interactive);
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
            for (const char* t : {s->layers, s->zoom_all, s->messages, s->nothing_loaded, s->cursor,
                                  s->no_cursor, s->pixel, s->not_triangulated})
                builder.AddText(t);
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
    ImGui::End();
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
    } else {
        m_view.resize(view_w, view_h);
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
