// The report `renoplan info` prints about a loaded Dataset: per layer its role, features,
// geometry, CRS, extent, field mapping, encoding, repairs and skipped features. Text for people,
// JSON for machines; the GUI's layer panel shows the same facts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "geo/model/layer.hpp"

namespace renoplan::report {

nlohmann::json dataset_info_json(const Dataset& dataset);

// verbosity 1 lists the first few repaired/skipped features per kind, 2 lists all.
std::string dataset_info_text(const Dataset& dataset, int verbosity);

} // namespace renoplan::report
