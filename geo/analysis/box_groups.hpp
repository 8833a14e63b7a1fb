// Groups of boxes that meet, directly or through other boxes of the group: a sweep over x with
// an active list and union-find (no quadratic step for boxes that are mostly apart).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/model/box.hpp"

namespace renoplan::analysis {

// Indices into `boxes`, grouped: two boxes meet when they overlap, touch or are at most
// `tolerance` apart. Groups in the order of their first index, indices ascending in each.
std::vector<std::vector<uint32_t>> meeting_box_groups(std::span<const Box> boxes,
                                                      double tolerance = 0.0);

} // namespace renoplan::analysis
