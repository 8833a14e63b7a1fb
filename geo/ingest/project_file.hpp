// The project file: `renoplan.json` beside the data (or given with --project) says what the
// loader cannot guess: a layer's role, its CRS (e.g. GCJ-02 data that claims WGS84), its text
// encoding, which source field is which canonical field, and which layers to skip.
//
//   {
//     "working_crs": "EPSG:4544",          // optional; default: the zone containing the data
//     "assume_crs": "EPSG:4490",           // optional; for layers that declare no CRS
//     "encoding": "CP936",                 // optional; text encoding of all sources
//     "layers": [
//       { "source": "xq.shp",              // file name or path relative to this file; optional
//         "layer": "xq",                   // layer name inside the source; optional
//         "role": "communities",           // communities|buildings|pipelines|roads|water|
//                                          // zoning|facilities|protected (or 小区, 楼栋, ...)
//         "crs": "GCJ-02",                 // overrides what the layer declares
//         "encoding": "CP936",
//         "fields": { "built_year": "JCND", "households": "HS" },
//         "skip": false }
//     ]
//   }
//
// A rule applies to every loaded layer its "source" and "layer" match (both optional; "source"
// matches the full path or the file name).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/model/role.hpp"

namespace renoplan::ingest {

struct LayerRule {
    std::string source; // as written
    std::string layer;
    std::optional<Role> role;
    std::string crs;
    std::string encoding;
    std::map<std::string, std::string> fields;
    bool skip = false;
};

struct ProjectFile {
    std::filesystem::path path;
    std::string working_crs;
    std::string assume_crs;
    std::string encoding;
    std::vector<LayerRule> layers;

    // Rules matching a layer of a source, in file order.
    std::vector<const LayerRule*> rules_for(const std::string& source_path,
                                            const std::string& layer_name) const;
};

// Reads a project file. Throws ConfigError naming the file and the bad entry.
ProjectFile read_project_file(const std::filesystem::path& path);

// The name renoplan looks for beside the data.
inline constexpr const char* kProjectFileName = "renoplan.json";

} // namespace renoplan::ingest
