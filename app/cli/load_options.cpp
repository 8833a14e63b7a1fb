#include "app/cli/load_options.hpp"

#include <cstdio>
#include <string>

#include "app/cli/args.hpp"
#include "geo/core/error.hpp"

namespace renoplan::cli {

void add_load_options(ArgParser& parser, bool with_jobs) {
    parser.value("working-crs", "CRS", "CRS to transform everything into",
                 "CGCS2000 3-degree GK zone containing the data, e.g. EPSG:4544");
    parser.value("assume-crs", "CRS",
                 "CRS of layers that declare none (EPSG:4490, EPSG:4544, GCJ-02, BD-09 ...)");
    parser.value("force-crs", "CRS",
                 "CRS of all layers whatever they declare (e.g. GCJ-02 data labelled WGS84)");
    parser.value("encoding", "ENC",
                 "text encoding of the sources (e.g. CP936, UTF-8); overrides detection");
    parser.value("project", "FILE", "project file with roles, CRS and field bindings",
                 "renoplan.json beside the data");
    parser.repeatable("layer", "NAME", "load only the layer(s) with this name");
    if (with_jobs) parser.value("jobs", "N", "worker threads", "all cores", 'j');
    parser.flag("no-repair", "do not check and repair geometries");
}

ingest::LoadOptions read_load_options(const ArgParser& parser, bool sources_optional) {
    ingest::LoadOptions o;
    o.sources = parser.positional();
    if (o.sources.empty() && !sources_optional)
        throw ConfigError({}, "no source given",
                          "name at least one file, folder or PG: connection");
    o.working_crs = parser.get_or("working-crs", "");
    o.assume_crs = parser.get_or("assume-crs", "");
    o.force_crs = parser.get_or("force-crs", "");
    o.encoding = parser.get_or("encoding", "");
    o.project_file = parser.get_or("project", "");
    if (auto jobs = parser.has("jobs") ? parser.get("jobs") : std::nullopt) {
        try {
            o.jobs = std::stoi(*jobs);
        } catch (const std::exception&) {
            throw ConfigError({}, "--jobs needs a number, not '" + *jobs + "'");
        }
        if (o.jobs < 1) throw ConfigError({}, "--jobs must be at least 1");
    }
    o.layers = parser.get_all("layer");
    o.repair = !parser.has("no-repair");
    return o;
}

void print_diagnostics(const Diagnostics& diagnostics, int verbosity) {
    for (const auto& d : diagnostics.items()) {
        if (d.severity == Severity::Info && verbosity < 2) continue;
        if (d.severity == Severity::Warning && verbosity < 1) continue;
        std::fprintf(stderr, "%s\n", d.format().c_str());
    }
}

} // namespace renoplan::cli
