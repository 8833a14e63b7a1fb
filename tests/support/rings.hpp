// Closed rings for geometry tests, as interleaved x, y coordinates.
#pragma once

#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace renoplan::test {

// A square of `side` with its lower left corner at (x, y): counter-clockwise (a shell), or
// clockwise (a hole).
inline std::vector<double> square(double x, double y, double side, bool clockwise = false) {
    if (clockwise) return {x, y, x, y + side, x + side, y + side, x + side, y, x, y};
    return {x, y, x + side, y, x + side, y + side, x, y + side, x, y};
}

// The coordinates of a closed star-shaped ring for WKT ("x y, x y, ..., x y"): n vertices at
// equal angles around (cx, cy), each r0 + dr * U(0, 1) from it (one draw of `rng` a vertex),
// printed to the millimetre.
inline std::string star_ring_wkt(std::mt19937& rng, int n, double r0, double dr, double cx,
                                 double cy) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::string ring, first;
    for (int k = 0; k < n; ++k) {
        const double ang = 2 * std::numbers::pi * k / n, r = r0 + dr * unit(rng);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f %.3f", cx + r * std::cos(ang), cy + r * std::sin(ang));
        if (k == 0) first = buf;
        ring += std::string(buf) + ", ";
    }
    return ring + first;
}

} // namespace renoplan::test
