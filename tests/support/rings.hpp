// Closed rings for geometry tests, as interleaved x, y coordinates.
#pragma once

#include <vector>

namespace renoplan::test {

// A square of `side` with its lower left corner at (x, y): counter-clockwise (a shell), or
// clockwise (a hole).
inline std::vector<double> square(double x, double y, double side, bool clockwise = false) {
    if (clockwise) return {x, y, x, y + side, x + side, y + side, x + side, y, x, y};
    return {x, y, x + side, y, x + side, y + side, x, y + side, x, y};
}

} // namespace renoplan::test
