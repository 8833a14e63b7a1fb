// Loading everything a planner points renoplan at into one Dataset in one working CRS.
//
// For each source: open it (choosing the text encoding of Shapefiles), read each layer
// (geo/io/reader), decide its CRS (declared, overridden, assumed or recognised from its
// coordinates), then - once the working CRS is known from all layers - transform, check and
// repair geometries, detect the role, bind canonical fields and build the spatial index. A bad
// source or layer becomes a diagnostic naming it; the others still load.
#pragma once

#include <string>
#include <vector>

#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::ingest {

struct LoadOptions {
    std::vector<std::string> sources; // files, folders, connection strings
    std::string working_crs;  // e.g. "EPSG:4544"; empty = CGCS2000 3-degree zone of the data
    std::string assume_crs;   // CRS of layers that declare none
    std::string force_crs;    // CRS of all layers whatever they declare (GCJ-02 claiming WGS84)
    std::string encoding;     // text encoding of all sources (overrides detection)
    std::string project_file; // empty = renoplan.json beside each source, if present
    std::vector<std::string> layers; // load only layers with these names (empty = all)
    int jobs = 0;                    // worker threads; 0 = all cores
    bool repair = true;              // check and repair geometries
};

// Loads all sources. Never throws for bad input (it becomes diagnostics); throws ConfigError
// for invalid options (an unknown CRS, a broken project file) and Cancelled.
Dataset load_dataset(const LoadOptions& options, Progress& progress);

} // namespace renoplan::ingest
