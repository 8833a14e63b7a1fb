#include "geo/ingest/simple_polygon.hpp"

#include <array>
#include <cmath>

namespace renoplan::ingest {

namespace {

struct P {
    double x, y;
};

// Sign of the orientation of (a, b, c): +1 left turn, -1 right turn, 0 undecided (collinear or
// too close to call in double precision). Static filter from Shewchuk's orient2d.
int orientation(P a, P b, P c) {
    const double l = (b.x - a.x) * (c.y - a.y);
    const double r = (b.y - a.y) * (c.x - a.x);
    const double det = l - r;
    constexpr double kErrBound = 3.3306690738754716e-16; // (3 + 16 eps) eps
    const double bound = kErrBound * (std::abs(l) + std::abs(r));
    if (det > bound) return 1;
    if (det < -bound) return -1;
    return 0;
}

} // namespace

bool certainly_valid_simple_ring(std::span<const double> ring) {
    const size_t n_coords = ring.size() / 2;
    if (n_coords < 4 || n_coords > kSimpleRingMaxCoords) return false;
    if (ring[0] != ring[2 * n_coords - 2] || ring[1] != ring[2 * n_coords - 1]) return false;

    // Vertices without the closing point and without consecutive repeats (GEOS ignores them).
    std::array<P, kSimpleRingMaxCoords> v;
    size_t n = 0;
    for (size_t k = 0; k + 1 < n_coords; ++k) {
        const P p{ring[2 * k], ring[2 * k + 1]};
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
        if (n > 0 && p.x == v[n - 1].x && p.y == v[n - 1].y) continue;
        v[n++] = p;
    }
    while (n > 1 && v[n - 1].x == v[0].x && v[n - 1].y == v[0].y)
        --n;
    if (n < 3) return false;

    // Every corner must turn decisively (no spike, no collinear vertex needing care).
    for (size_t i = 0; i < n; ++i) {
        if (orientation(v[(i + n - 1) % n], v[i], v[(i + 1) % n]) == 0) return false;
    }
    // Non-adjacent edges must be certainly disjoint. Edge i runs v[i] -> v[i+1].
    for (size_t i = 0; i < n; ++i) {
        const P a = v[i], b = v[(i + 1) % n];
        const double ax0 = std::min(a.x, b.x), ax1 = std::max(a.x, b.x);
        const double ay0 = std::min(a.y, b.y), ay1 = std::max(a.y, b.y);
        for (size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue; // adjacent through the closing vertex
            const P c = v[j], d = v[(j + 1) % n];
            if (std::max(c.x, d.x) < ax0 || std::min(c.x, d.x) > ax1 || std::max(c.y, d.y) < ay0 ||
                std::min(c.y, d.y) > ay1)
                continue; // boxes apart: disjoint
            const int o1 = orientation(a, b, c), o2 = orientation(a, b, d);
            const int o3 = orientation(c, d, a), o4 = orientation(c, d, b);
            if (o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0) return false; // touch or undecided
            if (o1 != o2 && o3 != o4) return false;                     // proper crossing
        }
    }
    return true;
}

} // namespace renoplan::ingest
