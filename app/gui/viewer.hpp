// The desktop map viewer (first step): a GLFW window with OpenGL 3.3 core, Dear ImGui and the map
// canvas showing a loaded Dataset; or, in screenshot mode, a hidden window rendering a few frames
// into an offscreen framebuffer written as PNG. This header pulls in no GUI library.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/gui/language.hpp"
#include "app/gui/settings.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/model/layer.hpp"
#include "geo/render/style.hpp"

namespace renoplan::gui {

struct ViewerOptions {
    std::string screenshot; // PNG path; empty = interactive window
    int width = 1280;       // window size, or the screenshot's size, in pixels
    int height = 800;
    bool size_given = false; // --size given (else the window size of the settings is used)
    Language language = Language::Chinese;
    std::string title = "renoplan";
    int verbosity = 1;
    // Identify at this world point (working CRS) on opening, as a click there would: the
    // Identify window lists the features and the top one is highlighted (used by screenshots).
    bool identify = false;
    double identify_x = 0.0, identify_y = 0.0;
    // The Plan panel (parameters, Run with progress and Cancel, summary); shown when set.
    bool plan_panel = false;
    // Plan the dataset with the default parameters before the first frame, synchronously, and
    // show the results as layers and in the Plan panel (implies plan_panel; for screenshots).
    // The view record then has the plan's state and total summary; the exit code is 1 when the
    // plan fails.
    bool run_plan = false;
    // Open this panel from the start ("attributes" or "export" - interactively both are switched
    // on and off in the Layers panel - "messages" unfolded, or "open": the Open dialog). With
    // --screenshot the view record describes it.
    std::string panel;
    // The layer the Attributes panel shows first (by name; default the first layer).
    std::string attributes_layer;
    // The paths the dataset was loaded from: the Export panel never writes over them.
    std::vector<std::string> inputs;
    // The load options of `renoplan open`: files dropped onto the window or opened from the
    // Layers panel are loaded with them (their sources replaced, the working CRS kept).
    ingest::LoadOptions load;
    // Benchmark mode (--bench-frames N): hidden window; the full extent is rendered, then N
    // frames panning and N zooming at the centre (glFinish after each), and one JSON line with
    // the times is printed on stdout. load_start/load_end bracket the loading of the sources.
    int bench_frames = 0;
    std::chrono::steady_clock::time_point load_start{}, load_end{};
    // The per-user settings read at start (app/gui/settings) and where they live. The window
    // writes them back (recent files, language, window size, open panels); screenshots and
    // benchmarks read them (the empty map lists the recent files) but never write.
    LoadedSettings settings;
    std::filesystem::path settings_path;
    // A measurement shown from the start (--measure): interleaved x, y in the working CRS.
    std::vector<double> measure_xy;
    // Select the features of the visible layers this world box touches on opening, as a rubber
    // band there would (--select-box; also in screenshots).
    bool select_box = false;
    Box select_box_world;
    // A layer's style set from the start as the style editor would (--style; also in
    // screenshots, whose view record then describes the layer's classes).
    struct StyleRequest {
        std::string layer;
        render::FieldStyle style; // mode, field, class_count, breaks
        std::string color;        // single: "#rrggbb" ("" keeps the default)
    };
    std::optional<StyleRequest> style;
};

// Shows the dataset; returns the process exit code. In screenshot mode the PNG and a view record
// (`<name>.view.json`: the world extent the image covers, in the working CRS, and the screen
// rectangles of the overlay windows, the labels placed and the features identified) are written;
// the exit code is 1 when nothing usable was loaded (the screenshot then shows the messages) or no
// OpenGL context could be created. With no sources at all (options.inputs empty) the map starts
// empty with a hint to drop files or type a path, and the demo town offered when found: exit 0.
int run_viewer(Dataset dataset, const ViewerOptions& options);

// "800x600" -> 800, 600; throws ConfigError when malformed or outside 16..16384.
void parse_size(const std::string& text, int& width, int& height);

} // namespace renoplan::gui
