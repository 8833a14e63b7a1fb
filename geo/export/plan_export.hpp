// The plan as a GeoPackage: communities with their eligibility and consent, districts, their
// members, spare land, the summary a county reports and a record of the run - styled for QGIS
// with Chinese field aliases.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "geo/analysis/params.hpp"
#include "geo/analysis/plan.hpp"
#include "geo/export/gpkg_writer.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::exporter {

// The current time as run_info records it: "2026-11-27T05:30:00Z" (UTC).
std::string utc_now();

// What run_info records besides the parameters.
struct RunInfo {
    std::string command;             // the command line, as typed
    std::string created_utc;         // "2026-11-27T05:30:00Z"
    std::vector<std::string> inputs; // sources as given (files, folders, connections)
    // SHA-256 of the files read, by path (input_hashes), when computed beforehand; files
    // missing here are hashed when run_info is written.
    std::map<std::string, std::string> hashes;
};

// The SHA-256 of every file the sources name (folders expanded; connections skipped), by path;
// "unreadable" for a file that cannot be read. Reads the files whole: the CLI runs it beside
// the analyses so that writing the plan does not wait for it.
std::map<std::string, std::string> input_hashes(const std::vector<std::string>& sources);

// The output layers of a plan (in the order they are written); exposed so the GUI can show
// exactly what will be written.
std::vector<OutputLayer> plan_layers(const Dataset& dataset, const analysis::Plan& plan,
                                     const analysis::PlanParams& params, const RunInfo& run,
                                     std::vector<GeometryColumn>& geometry_storage);

// Writes the plan GeoPackage (temporary file, checked, renamed; see write_geopackage).
void write_plan(const std::string& path, const Dataset& dataset, const analysis::Plan& plan,
                const analysis::PlanParams& params, const RunInfo& run,
                const WriteOptions& options);

} // namespace renoplan::exporter
