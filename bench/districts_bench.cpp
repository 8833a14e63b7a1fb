// districts_bench: times renoplan's build_districts on one communities layer and prints one JSON
// line. Used by bench/districts.sh; not a test.
//
//   districts_bench SOURCE [--layer NAME] [--jobs N] [--distance D] [--closing C] [--runs N]
//                   [--dump FILE]
//
// The layer is loaded with ingest::load_dataset (not timed); then build_districts runs `runs`
// times with barriers and caps off and every community taking part (members=all), and the
// fastest and median wall times are reported. --dump writes one line per district:
// "<smallest member FID>\t<member count>\t<area m2>" (for the comparison with PostGIS).
//
// Output: {"tool":"renoplan","seconds_min":..,"seconds_median":..,"districts":..,
//          "communities":..,"area_m2":..,"neighbour_pairs":..,"jobs":..,...}
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/analysis/districts.hpp"
#include "geo/analysis/params.hpp"
#include "geo/core/parallel.hpp"
#include "geo/core/progress.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/model/layer.hpp"

namespace {

[[noreturn]] void usage(const std::string& message) {
    std::fprintf(stderr,
                 "districts_bench: %s\nusage: districts_bench SOURCE [--layer NAME] [--jobs N] "
                 "[--distance D] [--closing C] [--runs N] [--dump FILE]\n",
                 message.c_str());
    std::exit(2);
}

double number(const std::string& flag, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0') usage(flag + " needs a number");
    return v;
}

} // namespace

int main(int argc, char** argv) {
    renoplan::ingest::LoadOptions options;
    std::string layer_name = "communities", dump;
    renoplan::analysis::PlanParams params;
    params.barriers = false;
    params.members = "all";
    params.max_households = 0;
    params.max_communities = 0;
    int runs = 3;
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        auto value = [&]() -> const std::string& {
            if (k + 1 >= args.size()) usage("missing value after " + a);
            return args[++k];
        };
        if (a == "--layer") {
            layer_name = value();
        } else if (a == "--jobs") {
            params.jobs = static_cast<int>(number(a, value()));
        } else if (a == "--distance") {
            params.district_distance_m = number(a, value());
        } else if (a == "--closing") {
            params.closing_m = number(a, value());
        } else if (a == "--runs") {
            runs = std::max(1, static_cast<int>(number(a, value())));
        } else if (a == "--dump") {
            dump = value();
        } else if (!a.empty() && a[0] == '-') {
            usage("unknown option " + a);
        } else {
            options.sources.push_back(a);
        }
    }
    if (options.sources.size() != 1) usage("give exactly one SOURCE");
    options.layers = {layer_name};

    try {
        renoplan::Progress progress;
        const renoplan::Dataset dataset = renoplan::ingest::load_dataset(options, progress);
        if (dataset.layers.empty()) usage("layer '" + layer_name + "' not loaded");
        const renoplan::Layer& layer = dataset.layers.front();

        renoplan::analysis::DistrictInput input;
        input.communities = &layer;
        std::vector<double> seconds;
        renoplan::analysis::DistrictResult result;
        for (int r = 0; r < runs; ++r) {
            renoplan::Progress run_progress;
            const auto start = std::chrono::steady_clock::now();
            result = renoplan::analysis::build_districts(input, params, run_progress);
            const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
            seconds.push_back(wall.count());
        }
        std::sort(seconds.begin(), seconds.end());

        double area = 0;
        size_t members = 0, largest = 0;
        for (const auto& d : result.districts) {
            area += d.area_m2;
            members += d.members.size();
            largest = std::max(largest, d.members.size());
        }
        if (!dump.empty()) {
            std::ofstream out(dump);
            char line[128];
            for (const auto& d : result.districts) {
                int64_t first = layer.fids[d.members.front()];
                for (const uint32_t m : d.members)
                    first = std::min(first, layer.fids[m]);
                std::snprintf(line, sizeof line, "%lld\t%zu\t%.6f\n", static_cast<long long>(first),
                              d.members.size(), d.area_m2);
                out << line;
            }
            if (!out) usage("cannot write " + dump);
        }
        const nlohmann::json out = {
            {"tool", "renoplan"},
            {"source", options.sources.front()},
            {"jobs", params.jobs > 0 ? params.jobs : renoplan::default_jobs()},
            {"distance_m", params.district_distance_m},
            {"closing_m", params.effective_closing_m()},
            {"runs", runs},
            {"seconds_min", seconds.front()},
            {"seconds_median", seconds[seconds.size() / 2]},
            {"communities", layer.size()},
            {"members", members},
            {"districts", result.districts.size()},
            {"largest_district", largest},
            {"neighbour_pairs", result.neighbour_pairs},
            {"area_m2", area},
        };
        std::printf("%s\n", out.dump().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "districts_bench: %s\n", e.what());
        return 1;
    }
}
