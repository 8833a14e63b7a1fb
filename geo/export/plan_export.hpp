// The plan as a GeoPackage: communities with their eligibility and consent, districts, their
// members, spare land, the summary a county reports and a record of the run - styled for QGIS
// with Chinese field aliases.
#pragma once

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
};

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
