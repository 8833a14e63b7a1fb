// The distance between two polygon features of a GeometryColumn, computed on its coordinates
// (no GEOS conversion): the district pair search's fast path.
//
// For features whose boxes are apart it is the smallest distance between their rings (shells
// and holes, every part) with the nearest points - exact as far as double arithmetic goes. It
// leaves the answer to the caller (GEOS) where that is not the whole story: when the boxes meet
// (the features may touch, cross, overlap or contain one another) and when the rings come
// within `touch` of each other.
#pragma once

#include <cstddef>

#include "geo/model/geometry.hpp"

namespace renoplan::analysis {

struct Separation {
    bool apart = false; // false: undecided here (ask GEOS)
    double distance = 0.0;
    double ax = 0.0, ay = 0.0, bx = 0.0, by = 0.0; // nearest points on a and b (when apart)
};

Separation polygon_separation(const GeometryColumn& g, size_t a, size_t b, double touch);

} // namespace renoplan::analysis
