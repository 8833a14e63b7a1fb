// `renoplan generate`: writes the synthetic Suining-like town (geo/synth/town.hpp) used for demos,
// tests and benchmarks.
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "geo/core/error.hpp"
#include "geo/core/progress.hpp"
#include "geo/synth/town.hpp"

namespace renoplan::cli {

namespace {

namespace fs = std::filesystem;

// Ctrl-C cancels the run (temporary files are removed) instead of killing it mid-write.
Progress* g_progress = nullptr;
extern "C" void on_interrupt(int) {
    if (g_progress) g_progress->cancel();
}

class InterruptGuard {
public:
    explicit InterruptGuard(Progress& progress) {
        g_progress = &progress;
        m_old = std::signal(SIGINT, on_interrupt);
    }
    ~InterruptGuard() {
        std::signal(SIGINT, m_old);
        g_progress = nullptr;
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    void (*m_old)(int) = SIG_DFL;
};

[[noreturn]] void usage_error(const std::string& message, const std::string& hint = {}) {
    throw ConfigError({}, "renoplan generate: " + message,
                      hint.empty() ? "see 'renoplan generate --help'" : hint);
}

template <class T>
T parse_integer(const std::string& option, const std::string& text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        usage_error("--" + option + " needs a whole number, not '" + text + "'");
    return value;
}

// "12,345"
std::string grouped(int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
        out += digits[k];
    }
    return n < 0 ? "-" + out : out;
}

// Refuses to replace existing output unless --force.
void check_target(const fs::path& path, bool force, const char* what) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return;
    if (fs::is_directory(path, ec))
        usage_error(std::string(what) + " '" + path.string() + "' is a directory",
                    "give a file name");
    if (!force)
        usage_error(std::string(what) + " '" + path.string() + "' already exists",
                    "pass --force to replace it");
}

} // namespace

int run_generate(const std::vector<std::string>& args, GlobalOptions global) {
    ArgParser parser("generate", "-o FILE.gpkg [options]",
                     "Write a synthetic but realistic Suining-like town (EPSG:4544): roads, the "
                     "Fujiang, communities, buildings,\npipelines, zoning parcels and facilities. "
                     "The same seed and size give the same file.");
    parser.value("output", "FILE.gpkg", "GeoPackage to write (required)", {}, 'o');
    parser.value("communities", "N", "number of communities", "300");
    parser.value("seed", "S", "random seed", "20201");
    parser.flag("chinese-fields",
                "Chinese layer names, field names and values (小区, 建成年代, ...)");
    parser.flag("force", "replace existing output files");
    parser.value("shapefile-gbk", "DIR",
                 "also write communities and buildings as Shapefiles (xiaoqu, loudong) with GBK "
                 "text, Chinese fields, no .cpg");
    parser.value("geojson-wgs84", "FILE",
                 "also write the facilities as GeoJSON in WGS84 longitude/latitude");
    add_common_options(parser);
    parser.parse(args);
    if (parser.help_requested()) {
        std::printf("%s", parser.help_text().c_str());
        return kExitOk;
    }
    global = read_common_options(parser, global);
    if (!parser.positional().empty())
        usage_error("unexpected argument '" + parser.positional().front() + "'");

    synth::TownParams params;
    synth::TownOutputs outputs;
    const auto output = parser.get("output");
    if (!output) usage_error("no output file", "give one with -o FILE.gpkg");
    outputs.gpkg_path = *output;
    if (fs::path(outputs.gpkg_path).extension() != ".gpkg")
        usage_error("the output must be a GeoPackage ending in .gpkg, not '" + outputs.gpkg_path +
                    "'");
    params.communities = parse_integer<int>("communities", parser.get_or("communities", "300"));
    if (params.communities < 1 || params.communities > 1'000'000)
        usage_error("--communities must be 1 to 1,000,000");
    params.seed = parse_integer<uint64_t>("seed", parser.get_or("seed", "20201"));
    params.chinese_fields = parser.has("chinese-fields");
    outputs.shapefile_gbk_dir = parser.get_or("shapefile-gbk", "");
    outputs.geojson_wgs84_path = parser.get_or("geojson-wgs84", "");

    const bool force = parser.has("force");
    check_target(outputs.gpkg_path, force, "output");
    if (!outputs.geojson_wgs84_path.empty())
        check_target(outputs.geojson_wgs84_path, force, "GeoJSON output");
    if (!outputs.shapefile_gbk_dir.empty()) {
        const fs::path dir(outputs.shapefile_gbk_dir);
        std::error_code ec;
        if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
            usage_error("--shapefile-gbk '" + dir.string() + "' is not a directory");
        for (const char* layer : {"xiaoqu", "loudong"})
            for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"})
                check_target(dir / (std::string(layer) + ext), force, "Shapefile");
    }

    Progress progress;
    const auto started = std::chrono::steady_clock::now();
    synth::TownSummary s;
    {
        InterruptGuard interrupt(progress);
        ProgressBar bar(progress, ProgressBar::wanted(global.verbosity));
        s = synth::generate_town(params, outputs, progress);
        bar.finish();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (global.verbosity > 0) {
        std::printf("wrote %s (EPSG:4544, %s fields) in %.1f s\n", outputs.gpkg_path.c_str(),
                    params.chinese_fields ? "Chinese" : "English", seconds);
        std::printf("  communities %s  households %s  buildings %s\n",
                    grouped(s.communities).c_str(), grouped(s.households).c_str(),
                    grouped(s.buildings).c_str());
        std::printf("  roads %s  pipelines %s  water %s  zoning parcels %s  facilities %s\n",
                    grouped(s.roads).c_str(), grouped(s.pipelines).c_str(),
                    grouped(s.water).c_str(), grouped(s.zoning_parcels).c_str(),
                    grouped(s.facilities).c_str());
        std::printf("  extent E %s-%s N %s-%s (%.1f x %.1f km), %d x %d blocks, seed %llu\n",
                    grouped(static_cast<int64_t>(s.min_x)).c_str(),
                    grouped(static_cast<int64_t>(s.max_x)).c_str(),
                    grouped(static_cast<int64_t>(s.min_y)).c_str(),
                    grouped(static_cast<int64_t>(s.max_y)).c_str(), (s.max_x - s.min_x) / 1000.0,
                    (s.max_y - s.min_y) / 1000.0, s.blocks_x, s.blocks_y,
                    static_cast<unsigned long long>(params.seed));
        if (!outputs.shapefile_gbk_dir.empty())
            std::printf("  also %s/xiaoqu.shp and loudong.shp (GBK text, no .cpg)\n",
                        outputs.shapefile_gbk_dir.c_str());
        if (!outputs.geojson_wgs84_path.empty())
            std::printf("  also %s (facilities, WGS84 lon/lat)\n",
                        outputs.geojson_wgs84_path.c_str());
    }
    return kExitOk;
}

} // namespace renoplan::cli
