// bench_spare_land: times renoplan's spare-land analysis (find_spare_land) on a loaded town and
// prints one JSON line. Used by bench/spare_land.sh; not a test. Loading is not timed.
//
//   bench_spare_land SOURCE [--jobs N] [--classify] [--pipelines] [--zoning]
//                    [--pieces FILE.csv]
//
// The areas are the communities layer's polygons (the districts analysis is another issue's; a
// community is the smallest district). Obstacles: buildings, roads and water; --pipelines adds
// the buried-pipeline corridors, --zoning the zoning layer (with --classify). --classify adds the
// parking layout, facility fit, access and zoning of each piece. --pieces writes one line per
// kept piece (community fid, area m2, inscribed radius m) for the comparison with PostGIS.
//
// Output:
// {"tool":"renoplan","seconds":..,"cpu_seconds":..,"pieces":..,"kept_area_m2":..,"counts":{...},...}
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/analysis/spare_land.hpp"
#include "geo/core/progress.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/model/layer.hpp"

namespace {

// CPU seconds of the process so far (all threads, user + system).
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

[[noreturn]] void usage(const char* message) {
    std::fprintf(stderr,
                 "bench_spare_land: %s\nusage: bench_spare_land SOURCE [--jobs N] [--classify] "
                 "[--pipelines] [--zoning] [--pieces FILE.csv]\n",
                 message);
    std::exit(2);
}

} // namespace

int main(int argc, char** argv) {
    using namespace renoplan;
    std::string source, pieces_file;
    int jobs = 0;
    bool classify = false, pipelines = false, zoning = false;
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        auto value = [&]() -> const std::string& {
            if (k + 1 >= args.size()) usage(("missing value after " + a).c_str());
            return args[++k];
        };
        if (a == "--jobs") {
            const std::string& v = value();
            char* end = nullptr;
            const long n = std::strtol(v.c_str(), &end, 10);
            if (end == v.c_str() || *end != '\0' || n < 1) usage("--jobs needs a number >= 1");
            jobs = static_cast<int>(n);
        } else if (a == "--classify") {
            classify = true;
        } else if (a == "--pipelines") {
            pipelines = true;
        } else if (a == "--zoning") {
            zoning = true;
        } else if (a == "--pieces") {
            pieces_file = value();
        } else if (!a.empty() && a[0] == '-') {
            usage(("unknown option " + a).c_str());
        } else if (source.empty()) {
            source = a;
        } else {
            usage("give exactly one SOURCE");
        }
    }
    if (source.empty()) usage("give exactly one SOURCE");

    try {
        ingest::LoadOptions options;
        options.sources = {source};
        options.layers = {"communities", "buildings", "roads", "water"};
        if (pipelines) options.layers.push_back("pipelines");
        if (zoning) options.layers.push_back("zoning");
        Progress load_progress;
        const auto load_start = std::chrono::steady_clock::now();
        const Dataset ds = ingest::load_dataset(options, load_progress);
        const std::chrono::duration<double> load_wall =
            std::chrono::steady_clock::now() - load_start;
        const Layer* communities = ds.first_with_role(Role::Communities);
        if (!communities) {
            std::fprintf(stderr, "bench_spare_land: no communities layer in %s\n", source.c_str());
            return 1;
        }
        analysis::SpareLandInput in;
        in.areas = &communities->geometry;
        in.buildings = ds.first_with_role(Role::Buildings);
        in.roads = ds.first_with_role(Role::Roads);
        in.water = ds.first_with_role(Role::Water);
        in.pipelines = pipelines ? ds.first_with_role(Role::Pipelines) : nullptr;
        in.zoning = zoning ? ds.first_with_role(Role::Zoning) : nullptr;
        in.classify = classify;
        analysis::PlanParams params;
        params.jobs = jobs;
        params.pipeline_clearance = pipelines;

        Progress progress;
        const double cpu_start = cpu_seconds();
        const auto start = std::chrono::steady_clock::now();
        const analysis::SpareLandResult r = analysis::find_spare_land(in, params, progress);
        const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
        const double cpu = cpu_seconds() - cpu_start;

        if (!pieces_file.empty()) {
            FILE* f = std::fopen(pieces_file.c_str(), "w");
            if (!f) {
                std::fprintf(stderr, "bench_spare_land: cannot write %s\n", pieces_file.c_str());
                return 1;
            }
            std::fprintf(f, "fid,area_m2,radius_m\n");
            for (const auto& p : r.pieces)
                std::fprintf(f, "%lld,%.6f,%.6f\n",
                             static_cast<long long>(communities->fids[p.area_index]), p.area_m2,
                             p.inscribed_radius_m);
            std::fclose(f);
        }
        const auto& c = r.counts;
        const nlohmann::json out = {
            {"tool", "renoplan"},
            {"source", source},
            {"jobs", jobs},
            {"classify", classify},
            {"pipelines", pipelines},
            {"zoning", zoning},
            {"seconds", wall.count()},
            {"cpu_seconds", cpu},
            {"load_seconds", load_wall.count()},
            {"areas", c.areas},
            {"pieces", r.pieces.size()},
            {"kept_area_m2", c.kept_area_m2},
            {"counts",
             {{"areas_failed", c.areas_failed},
              {"buildings", c.buildings},
              {"roads", c.roads},
              {"water", c.water},
              {"pipelines_buried", c.pipelines_buried},
              {"pipelines_overhead", c.pipelines_overhead},
              {"pipelines_inside_roads", c.pipelines_inside_roads},
              {"pieces_all", c.pieces},
              {"too_small", c.pieces_too_small},
              {"too_narrow", c.pieces_too_narrow},
              {"area_m2", c.area_m2},
              {"spare_area_m2", c.spare_area_m2},
              {"parking", c.parking},
              {"service", c.service},
              {"green", c.green},
              {"stalls", c.stalls}}},
            {"diagnostics", r.diagnostics.size()},
        };
        std::printf("%s\n", out.dump().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_spare_land: %s\n", e.what());
        return 1;
    }
}
