// bench_ingest: times renoplan's full ingest (read + transform + check + fields + index) of one
// layer and prints one JSON line. Used by bench/ingest.sh; not a test.
//
//   bench_ingest SOURCE --layer NAME [--working-crs CRS] [--jobs N] [--no-repair]
//
// Output: {"tool":"renoplan","seconds":..,"stages":{"read":..,...},"features":..,
//          "memory_bytes":..,"peak_rss_bytes":..,...}
// peak_rss_bytes is the process's peak resident set (getrusage ru_maxrss): GDAL, GEOS, PROJ and
// everything else in the process included, not only the loaded layer.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/core/diagnostics.hpp"
#include "geo/core/progress.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/model/layer.hpp"

namespace {

[[noreturn]] void usage(const char* message) {
    std::fprintf(stderr,
                 "bench_ingest: %s\nusage: bench_ingest SOURCE --layer NAME [--working-crs CRS] "
                 "[--jobs N] [--no-repair]\n",
                 message);
    std::exit(2);
}

long long peak_rss_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<long long>(usage.ru_maxrss) * 1024; // Linux: KiB
}

} // namespace

int main(int argc, char** argv) {
    renoplan::ingest::LoadOptions options;
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        auto value = [&]() -> const std::string& {
            if (k + 1 >= args.size()) usage(("missing value after " + a).c_str());
            return args[++k];
        };
        if (a == "--layer") {
            options.layers.push_back(value());
        } else if (a == "--working-crs") {
            options.working_crs = value();
        } else if (a == "--jobs") {
            const std::string& v = value();
            char* end = nullptr;
            const long jobs = std::strtol(v.c_str(), &end, 10);
            if (end == v.c_str() || *end != '\0' || jobs < 1) usage("--jobs needs a number >= 1");
            options.jobs = static_cast<int>(jobs);
        } else if (a == "--no-repair") {
            options.repair = false;
        } else if (!a.empty() && a[0] == '-') {
            usage(("unknown option " + a).c_str());
        } else {
            options.sources.push_back(a);
        }
    }
    if (options.sources.size() != 1) usage("give exactly one SOURCE");

    try {
        renoplan::Progress progress;
        const auto start = std::chrono::steady_clock::now();
        const renoplan::Dataset dataset = renoplan::ingest::load_dataset(options, progress);
        const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;

        size_t features = 0, memory = 0;
        for (const auto& layer : dataset.layers) {
            features += layer.size();
            memory += layer.memory_bytes();
        }
        nlohmann::json stages = nlohmann::json::object();
        for (const auto& t : dataset.timings)
            stages[t.stage] = stages.value(t.stage, 0.0) + t.seconds;
        size_t errors = 0;
        for (const auto& d : dataset.diagnostics.items()) {
            if (d.severity == renoplan::Severity::Error) {
                ++errors;
                std::fprintf(stderr, "%s\n", d.format().c_str());
            }
        }
        const nlohmann::json out = {
            {"tool", "renoplan"},
            {"source", options.sources.front()},
            {"jobs", options.jobs},
            {"repair", options.repair},
            {"seconds", wall.count()},
            {"stages", stages},
            {"layers", dataset.layers.size()},
            {"features", features},
            {"working_crs", dataset.working_crs},
            {"read_method",
             dataset.layers.empty() ? std::string() : dataset.layers.front().source.read_method},
            {"memory_bytes", memory},
            {"errors", errors},
            {"peak_rss_bytes", peak_rss_bytes()},
        };
        std::printf("%s\n", out.dump().c_str());
        return dataset.layers.empty() ? 1 : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_ingest: %s\n", e.what());
        return 1;
    }
}
