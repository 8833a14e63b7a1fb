// Identify without OpenGL: the features under a point of the map, topmost first.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/model/layer.hpp"

namespace renoplan::render {

struct PickHit {
    size_t layer = 0; // index into the span given to pick()
    uint32_t row = 0;
};

// The features within `tolerance` (working-CRS units, metres) of the point (x, y): polygons
// containing it or whose boundary is that close (a point in a hole is not in the polygon),
// lines and points that close. `layers` are in draw order, bottom to top (null entries, e.g.
// hidden layers, are skipped); the hits come topmost first: the top layer first, and within a
// layer the later-drawn (higher) row first. Each layer's index must be built (Layer::query).
// At most `limit` hits.
std::vector<PickHit> pick(std::span<const Layer* const> layers, double x, double y,
                          double tolerance, size_t limit = 100);

} // namespace renoplan::render
