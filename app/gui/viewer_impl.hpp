// The Viewer behind run_viewer (internal to app/gui): one class split across files, in the manner
// of Tracy's TracyView_*.cpp - viewer.cpp (window, frame loop, labels, plan results, loading,
// screenshots, benchmark) and viewer_tools.cpp (the toolbar's tools, mouse input on the map,
// settings and recent files, --style, the tools' part of the view record).
#pragma once

#include <GL/glcorearb.h>
#include <imgui.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/gui/loader.hpp"
#include "app/gui/map_cache.hpp"
#include "app/gui/map_canvas.hpp"
#include "app/gui/map_decorations.hpp"
#include "app/gui/panels/attributes_panel.hpp"
#include "app/gui/panels/common.hpp"
#include "app/gui/panels/export_panel.hpp"
#include "app/gui/panels/file_browser.hpp"
#include "app/gui/panels/identify_panel.hpp"
#include "app/gui/panels/messages_panel.hpp"
#include "app/gui/panels/plan_panel.hpp"
#include "app/gui/panels/status_line.hpp"
#include "app/gui/settings.hpp"
#include "app/gui/tools/box_select.hpp"
#include "app/gui/tools/measure_tool.hpp"
#include "app/gui/ui_text.hpp"
#include "app/gui/viewer.hpp"
#include "geo/render/labels.hpp"
#include "geo/render/map_readout.hpp"

struct GLFWwindow;

namespace renoplan::gui::detail {

// "#rrggbb" (the view record's colours).
std::string hex_text(render::Rgba c);
// A CJK font from a Debian package, or "" when none is installed. RENOPLAN_FONT overrides.
std::string find_cjk_font();

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
    Viewer(Dataset dataset, const ViewerOptions& options)
        : m_dataset(std::move(dataset)), m_options(options),
          m_canvas(std::make_unique<MapCanvas>(m_dataset)), m_language(options.language),
          m_text(&strings_of(options.language)), m_inputs(options.inputs),
          m_settings(options.settings.settings) {
        if (options.plan_panel || options.run_plan) m_plan = std::make_unique<PlanPanel>(m_dataset);
        if (m_inputs.empty()) m_demo = find_demo_town();
        prepare_labels();
        m_show_attributes = options.panel == "attributes";
        m_show_export = options.panel == "export";
        if (!options.attributes_layer.empty()) m_attributes.choose(options.attributes_layer);
        if (!hidden() && options.panel.empty()) { // the panels open when the window was closed
            m_show_attributes = m_settings.attributes_panel;
            m_show_export = m_settings.export_panel;
        }
        m_messages.start_unfolded = options.panel == "messages";
        if (options.panel == "open") m_browser.open(m_settings.file_dialog_folder);
        if (!options.measure_xy.empty()) m_measure.show(options.measure_xy);
        if (!options.settings.error.empty())
            m_dataset.diagnostics.add(Severity::Warning, "settings.unreadable",
                                      {options.settings_path.string(), {}, {}},
                                      options.settings.error);
    }

    int run();

private:
    bool create_window(std::string& error);
    void setup_imgui();
    ImVector<ImWchar> glyph_ranges() const;
    void add_font();
    void refresh_font();
    void frame(int fb_w, int fb_h, int view_w, int view_h, bool interactive);
    void draw_ui(bool interactive);
    void prepare_labels();
    void show_plan_results(std::unique_ptr<Dataset> results, bool with_gl);
    void start_loading(const std::vector<std::string>& paths);
    void add_loaded(Loader::Result result);
    void draw_empty_hint();
    bool empty_map() const { return m_canvas->layers().empty() && m_inputs.empty(); }
    static void on_drop(GLFWwindow* window, int count, const char** paths);
    void draw_labels(ImDrawList* list);
    Rect draw_scale_bar(ImDrawList* list); // its box (empty when none was drawn)
    // before_frame(k) runs before frame k; with frame_ms, glFinish after each frame and its
    // time (ms) is appended.
    bool render_offscreen(int w, int h, int frames, std::vector<unsigned char>& image,
                          std::string& error, const std::function<void(int)>& before_frame = {},
                          std::vector<double>* frame_ms = nullptr);
    int run_bench();
    bool hidden() const { return !m_options.screenshot.empty() || m_options.bench_frames > 0; }
    void export_png(const ExportPanel::PngRequest& request);
    bool write_screenshot(const std::vector<unsigned char>& image, std::string& error);
    void shutdown();
    // Tools (measure, box select), the toolbar, recent files and settings.
    void handle_map_input(bool interactive);
    void draw_tools(const PanelContext& ctx, bool interactive);
    void draw_recent_and_welcome();
    void remember_opened(const std::vector<std::string>& paths);
    void save_settings_now();
    void save_settings_on_exit();
    void record_tools(nlohmann::json& j) const;
    void apply_style(const ViewerOptions::StyleRequest& request);
    // The status line, the north arrow, the keyboard shortcuts and the Open dialog
    // (viewer_map_info.cpp).
    const render::GeographicReadout* readout();
    void draw_status(const PanelContext& ctx, bool interactive);
    void draw_north_arrow_above(ImDrawList* list, const Rect& scale_bar);
    void handle_map_keys(bool interactive);
    void draw_file_browser(const PanelContext& ctx);
    void record_map_info(nlohmann::json& j);

    Dataset m_dataset; // what is loaded; grows when files are dropped or opened
    const ViewerOptions& m_options;
    std::unique_ptr<MapCanvas> m_canvas; // replaced when a plan's results are added
    Language m_language;                 // switched at run time from the toolbar
    const Strings* m_text;
    std::vector<std::string> m_inputs; // every path loaded (the Export panel never writes there)
    Settings m_settings;               // the per-user settings (written back by the window only)
    Loader m_loader;                   // files dropped or opened, loading on a worker
    std::string m_open_path;           // the Layers panel's Open field
    std::string m_load_error;
    std::string m_demo;                     // the demo town's path, when found (empty map only)
    std::vector<std::string> m_dropped;     // paths dropped since the last frame
    std::unique_ptr<PlanPanel> m_plan;      // when the Plan panel is shown
    std::unique_ptr<Dataset> m_plan_layers; // the last plan's results on the map
    GLFWwindow* m_window = nullptr;
    bool m_imgui = false;
    ImVector<ImWchar> m_glyph_ranges;     // must outlive the font atlas build
    std::string m_font = find_cjk_font(); // "" = none installed
    render::MapView m_view;
    bool m_view_fitted = false;
    std::vector<Rect> m_ui_rects; // overlay windows of the last frame
    float m_status_height = 0.0f; // the status line's height, last frame
    StatusLineTexts m_status;     // what the status line showed, last frame
    NorthArrow m_north;           // the north arrow of the last frame
    // Working CRS <-> lon/lat for the status line and the north arrow; made for m_readout_crs.
    std::unique_ptr<render::GeographicReadout> m_readout;
    std::string m_readout_crs;
    double m_mm_per_pixel = render::kDefaultMmPerPixel; // the screen's (96 dpi in screenshots)
    FileBrowser m_browser;
    std::string m_browser_glyphs; // the file names the Open dialog listed (for the font)
    bool m_font_dirty = false;    // rebuild the font atlas before the next frame
    std::vector<LabelLayer> m_label_layers;
    std::vector<PlacedLabel> m_placed_labels; // last frame
    IdentifyPanel m_identify;
    AttributesPanel m_attributes;
    bool m_show_attributes = false;
    bool m_show_export = false;
    ExportPanel m_export;
    bool m_map_only = false; // a frame of the Export panel's PNG: the map without the windows
    bool m_press_on_map = false;
    bool m_press_double = false; // the press was the second of a double-click
    MessagesPanel m_messages;
    MeasureTool m_measure;
    BoxSelect m_box;
    GLuint m_fbo = 0; // the offscreen framebuffer being drawn (0: the window)
    MapCache m_cache;
    bool m_use_cache = !hidden(); // the window's frames (and the benchmark's pan and zoom)
    static constexpr render::Rgba kBackground{247, 247, 245, 255};
};

} // namespace renoplan::gui::detail
