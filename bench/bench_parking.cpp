// bench_parking: times the parking layout (count_stalls) alone on the spare-land pieces of a
// plan GeoPackage, single-threaded, and prints one JSON line. For tuning geo/analysis/parking.cpp
// without the noise of the rest of a plan; not a test.
//
//   bench_parking PLAN.gpkg [--runs N]
//
// Output: {"pieces":..,"stalls":..,"seconds":..(best of N runs),"per_piece_ms":..}
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "geo/analysis/parking.hpp"
#include "geo/core/geos.hpp"
#include "geo/core/progress.hpp"
#include "geo/ingest/ingest.hpp"

int main(int argc, char** argv) {
    using namespace renoplan;
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_parking PLAN.gpkg [--runs N]\n");
        return 2;
    }
    const int runs = argc >= 4 && std::string(argv[2]) == "--runs" ? std::atoi(argv[3]) : 3;
    try {
        ingest::LoadOptions load;
        load.sources = {argv[1]};
        load.layers = {"spare_land"};
        load.repair = false;
        Progress progress;
        const Dataset dataset = ingest::load_dataset(load, progress);
        if (dataset.layers.empty()) {
            std::fprintf(stderr, "bench_parking: no spare_land layer in %s\n", argv[1]);
            return 1;
        }
        const GeometryColumn& pieces = dataset.layers.front().geometry;
        GeosContext& ctx = geos_context();
        const analysis::PlanParams params;
        double best = 1e300;
        long long stalls = 0;
        for (int run = 0; run < runs; ++run) {
            stalls = 0;
            const auto start = std::chrono::steady_clock::now();
            for (size_t i = 0; i < pieces.size(); ++i) {
                const GeosGeometryPtr g = pieces.to_geos(ctx, i);
                stalls += analysis::count_stalls(ctx, g.get(), params);
            }
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            best = std::min(best, s);
        }
        std::printf("{\"pieces\":%zu,\"stalls\":%lld,\"seconds\":%.3f,\"per_piece_ms\":%.3f}\n",
                    pieces.size(), stalls, best, 1000.0 * best / double(pieces.size()));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_parking: %s\n", e.what());
        return 1;
    }
    return 0;
}
