// `renoplan open SOURCE...`: load sources (or a plan GeoPackage) as `info` does and show them in
// the desktop map viewer; with --screenshot, render them offscreen to a PNG and exit.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/load_options.hpp"
#include "app/cli/progress_bar.hpp"
#include "app/gui/viewer.hpp"
#include "geo/core/error.hpp"
#include "geo/ingest/ingest.hpp"

namespace renoplan::cli {

namespace {

// "1,2;3,4" -> {1, 2, 3, 4} (numbers separated by ',' or ';'); ConfigError when malformed.
std::vector<double> parse_numbers(const std::string& text, const char* option, const char* form) {
    std::vector<double> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find_first_of(",;", start), text.size());
        const std::string part = text.substr(start, end - start);
        char* stop = nullptr;
        const double v = std::strtod(part.c_str(), &stop);
        if (part.empty() || *stop != '\0' || !std::isfinite(v))
            throw ConfigError({}, std::string(option) + " needs " + form + ", not '" + text + "'");
        out.push_back(v);
        start = end + 1;
    }
    return out;
}

// "小区:graduated:户数:4:equal" -> the style request; ConfigError when malformed.
gui::ViewerOptions::StyleRequest parse_style(const std::string& text) {
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        const size_t end = text.find(':', start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    const auto bad = [&] {
        return ConfigError({}, "--style needs LAYER:single:#rrggbb, LAYER:categorized:FIELD or "
                               "LAYER:graduated:FIELD[:CLASSES[:equal]], not '" +
                                   text + "'");
    };
    if (parts.size() < 2 || parts[0].empty()) throw bad();
    gui::ViewerOptions::StyleRequest r;
    r.layer = parts[0];
    const std::string& mode = parts[1];
    if (mode == "single" && parts.size() <= 3) {
        r.style.mode = render::StyleMode::Single;
        if (parts.size() == 3) {
            r.color = parts[2];
            if (r.color.size() != 7 || r.color[0] != '#' ||
                r.color.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)
                throw bad();
        }
    } else if (mode == "categorized" && parts.size() == 3 && !parts[2].empty()) {
        r.style.mode = render::StyleMode::Categorized;
        r.style.field = parts[2];
    } else if (mode == "graduated" && parts.size() >= 3 && parts.size() <= 5 && !parts[2].empty()) {
        r.style.mode = render::StyleMode::Graduated;
        r.style.field = parts[2];
        if (parts.size() >= 4) {
            char* end = nullptr;
            const long n = std::strtol(parts[3].c_str(), &end, 10);
            if (parts[3].empty() || *end != '\0' || n < 2 || n > 9) throw bad();
            r.style.class_count = int(n);
        }
        if (parts.size() == 5) {
            if (parts[4] != "equal") throw bad();
            r.style.breaks = render::ClassBreaks::EqualInterval;
        }
    } else {
        throw bad();
    }
    return r;
}

} // namespace

int run_open(const std::vector<std::string>& args, GlobalOptions global) {
    ArgParser parser(
        "open", "[options] [SOURCE...]",
        "Loads the given sources (files, folders, PG: connection strings, or a plan "
        "GeoPackage written by 'renoplan plan') as 'renoplan info' does and shows "
        "every layer on a map in a window (OpenGL 3.3): drag to pan, wheel to zoom "
        "at the cursor. The Plan panel runs 'renoplan plan' on the loaded data "
        "(progress bar, Cancel) and adds its results as layers.\nWith --screenshot "
        "the window stays hidden: a few frames are rendered offscreen and written "
        "as PNG, with the view's world extent beside it (OUT.view.json), and the "
        "command exits. Without a display run it under xvfb-run -a.\nWithout SOURCE the map "
        "opens empty: drop files onto the window or type a path in the Layers "
        "panel (the demo town is offered when data-samples/ is found).");
    add_common_options(parser);
    add_load_options(parser);
    parser.value("screenshot", "OUT.png", "render offscreen to this PNG and exit");
    parser.value("size", "WxH", "window or screenshot size in pixels", "1280x800");
    parser.value("lang", "zh|en",
                 "language of the interface (default: the settings file's, else Chinese when "
                 "LC_ALL, LC_MESSAGES or LANG starts with zh, else English)");
    parser.value("identify", "X,Y",
                 "identify the features at this point (working CRS) on opening, as a click "
                 "there would: their attributes are listed and the top one highlighted (also "
                 "in screenshots)");
    parser.value("panel", "attributes|export|messages|open",
                 "open this panel from the start (interactively the first two are switched on in "
                 "the Layers panel; messages: the Messages panel unfolded; open: the Open dialog "
                 "on its last folder); with --screenshot the view record describes the "
                 "Attributes panel's table and the Open dialog's listing");
    parser.value("attributes-layer", "NAME",
                 "the layer the Attributes panel shows first (default: the first layer)");
    parser.value("bench-frames", "N",
                 "benchmark: render the full extent, then N frames panning and N zooming "
                 "(hidden window, --size), and print the frame times as one JSON line");
    parser.value("measure", "X1,Y1;X2,Y2;...",
                 "show a measurement through these points (working CRS) on opening, as the "
                 "measure tool would: its length and, from three points on, its area (also in "
                 "screenshots)");
    parser.value("select-box", "MINX,MINY,MAXX,MAXY",
                 "select the features of the visible layers this box (working CRS) touches on "
                 "opening, as a rubber band there would (also in screenshots)");
    parser.value("style", "LAYER:MODE[:...]",
                 "set a layer's style on opening as the style editor would: LAYER:single:#rrggbb, "
                 "LAYER:categorized:FIELD or LAYER:graduated:FIELD[:CLASSES[:equal]] (quantile "
                 "breaks unless 'equal'; also in screenshots)");
    parser.flag("run-plan",
                "plan the loaded data with the default parameters before the first frame (as "
                "'renoplan plan' does) and show the results as layers and in the Plan panel; "
                "with --screenshot the view record gets the plan's summary");
    parser.parse(args);
    if (parser.help_requested()) {
        std::printf("%s", parser.help_text().c_str());
        return kExitOk;
    }
    global = read_common_options(parser, global);
    const ingest::LoadOptions options = read_load_options(parser, /*sources_optional=*/true);

    gui::ViewerOptions viewer;
    viewer.verbosity = global.verbosity;
    viewer.screenshot = parser.get_or("screenshot", "");
    gui::parse_size(parser.get_or("size", "1280x800"), viewer.width, viewer.height);
    viewer.size_given = parser.has("size");
    std::optional<gui::Language> cli_language;
    if (const std::string lang = parser.get_or("lang", ""); !lang.empty()) {
        cli_language = gui::parse_language(lang);
        if (!cli_language) throw ConfigError({}, "--lang must be zh or en, not '" + lang + "'");
    }
    viewer.settings_path = gui::settings_path();
    viewer.settings = gui::load_settings(viewer.settings_path);
    if (!viewer.settings.error.empty() && global.verbosity > 0)
        std::fprintf(stderr, "warning: %s\n", viewer.settings.error.c_str());
    viewer.language = gui::choose_language(cli_language, viewer.settings.settings.language,
                                           gui::language_from_locale());
    if (const std::string m = parser.get_or("measure", ""); !m.empty()) {
        viewer.measure_xy = parse_numbers(m, "--measure", "X1,Y1;X2,Y2;...");
        if (viewer.measure_xy.size() % 2 != 0)
            throw ConfigError({}, "--measure needs X,Y pairs separated by ';', not '" + m + "'");
    }
    if (const std::string st = parser.get_or("style", ""); !st.empty())
        viewer.style = parse_style(st);
    if (const std::string b = parser.get_or("select-box", ""); !b.empty()) {
        const auto v = parse_numbers(b, "--select-box", "MINX,MINY,MAXX,MAXY");
        if (v.size() != 4 || !(v[0] <= v[2]) || !(v[1] <= v[3]))
            throw ConfigError({}, "--select-box needs MINX,MINY,MAXX,MAXY, not '" + b + "'");
        viewer.select_box = true;
        viewer.select_box_world = Box{v[0], v[1], v[2], v[3]};
    }
    if (const std::string at = parser.get_or("identify", ""); !at.empty()) {
        const size_t comma = at.find(',');
        char* end_x = nullptr;
        char* end_y = nullptr;
        const std::string xs = at.substr(0, comma);
        const std::string ys = comma == std::string::npos ? std::string() : at.substr(comma + 1);
        viewer.identify_x = std::strtod(xs.c_str(), &end_x);
        viewer.identify_y = std::strtod(ys.c_str(), &end_y);
        if (xs.empty() || ys.empty() || *end_x != '\0' || *end_y != '\0')
            throw ConfigError({}, "--identify needs X,Y in the working CRS, not '" + at + "'");
        viewer.identify = true;
    }
    viewer.run_plan = parser.has("run-plan");
    viewer.panel = parser.get_or("panel", "");
    if (!viewer.panel.empty() && viewer.panel != "attributes" && viewer.panel != "export" &&
        viewer.panel != "messages" && viewer.panel != "open")
        throw ConfigError({}, "--panel must be attributes, export, messages or open, not '" +
                                  viewer.panel + "'");
    viewer.attributes_layer = parser.get_or("attributes-layer", "");
    if (const std::string n = parser.get_or("bench-frames", ""); !n.empty()) {
        char* end = nullptr;
        const long frames = std::strtol(n.c_str(), &end, 10);
        if (*end != '\0' || frames < 1 || frames > 100000)
            throw ConfigError({}, "--bench-frames needs a count 1..100000, not '" + n + "'");
        if (!viewer.screenshot.empty())
            throw ConfigError({}, "--bench-frames and --screenshot cannot be combined");
        viewer.bench_frames = int(frames);
    }
    viewer.plan_panel = (viewer.screenshot.empty() && viewer.bench_frames == 0) || viewer.run_plan;
    if (!options.sources.empty())
        viewer.title =
            "renoplan - " + std::filesystem::path(options.sources.front()).filename().string();
    if (options.sources.size() > 1) viewer.title += " ...";

    viewer.inputs = options.sources;
    viewer.load = options;

    Dataset dataset;
    viewer.load_start = std::chrono::steady_clock::now();
    if (!options.sources.empty()) {
        Progress progress;
        ProgressBar bar(progress, ProgressBar::wanted(global.verbosity));
        dataset = ingest::load_dataset(options, progress);
        bar.finish();
        print_diagnostics(dataset.diagnostics, global.verbosity);
    }
    viewer.load_end = std::chrono::steady_clock::now();
    return gui::run_viewer(std::move(dataset), viewer);
}

} // namespace renoplan::cli
