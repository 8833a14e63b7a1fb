// Geometry checks and repairs after reprojection: every polygon is tested with GEOS and invalid
// ones are repaired with MakeValid (structure method); lines lose parts with fewer than two
// distinct points; features whose coordinates could not be transformed, or that collapse, are
// removed. Every change is recorded in Layer::issues with the source feature id.
#pragma once

#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::ingest {

struct RepairCounts {
    size_t checked = 0;
    size_t repaired = 0;
    size_t removed = 0;
};

RepairCounts check_and_repair(Layer& layer, int jobs, Progress& progress);

} // namespace renoplan::ingest
