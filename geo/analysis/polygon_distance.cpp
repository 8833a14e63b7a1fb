#include "geo/analysis/polygon_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace renoplan::analysis {

namespace {

// Squared distance from p to segment s0-s1, with the nearest point on the segment.
double point_segment2(double px, double py, double x0, double y0, double x1, double y1, double& nx,
                      double& ny) {
    const double dx = x1 - x0, dy = y1 - y0;
    const double l2 = dx * dx + dy * dy;
    double t = l2 > 0.0 ? ((px - x0) * dx + (py - y0) * dy) / l2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    nx = x0 + t * dx;
    ny = y0 + t * dy;
    return (px - nx) * (px - nx) + (py - ny) * (py - ny);
}

} // namespace

Separation polygon_separation(const GeometryColumn& g, size_t a, size_t b, double touch) {
    Separation out;
    const Box& box_a = g.box(a);
    const Box& box_b = g.box(b);
    // Boxes that meet: the features may touch, cross, overlap or contain one another; GEOS
    // decides. Apart, no two of their segments cross, so the distance between two segments is
    // reached at an end of one of them, and the smallest over the ends is the exact distance.
    if (box_a.distance(box_b) <= 0.0) return out;
    double best = std::numeric_limits<double>::infinity();
    for (size_t pa = g.part_begin(a); pa < g.part_end(a); ++pa)
        for (size_t ra = g.ring_begin(pa); ra < g.ring_end(pa); ++ra) {
            const std::span<const double> u = g.ring(ra);
            for (size_t pb = g.part_begin(b); pb < g.part_end(b); ++pb)
                for (size_t rb = g.ring_begin(pb); rb < g.ring_end(pb); ++rb) {
                    const std::span<const double> v = g.ring(rb);
                    // Every vertex of one ring against every segment of the other: for two
                    // segments that do not cross, the distance is reached at an end of one.
                    for (int side = 0; side < 2; ++side) {
                        const std::span<const double> p = side == 0 ? u : v;
                        const std::span<const double> s = side == 0 ? v : u;
                        for (size_t i = 0; i + 1 < p.size(); i += 2)
                            for (size_t k = 0; k + 3 < s.size(); k += 2) {
                                double nx = 0.0, ny = 0.0;
                                const double d2 = point_segment2(p[i], p[i + 1], s[k], s[k + 1],
                                                                 s[k + 2], s[k + 3], nx, ny);
                                if (d2 < best) {
                                    best = d2;
                                    if (side == 0) {
                                        out.ax = p[i], out.ay = p[i + 1], out.bx = nx, out.by = ny;
                                    } else {
                                        out.ax = nx, out.ay = ny, out.bx = p[i], out.by = p[i + 1];
                                    }
                                }
                            }
                    }
                }
        }
    // Within `touch`: too close to call in doubles; GEOS decides.
    if (!(best > touch * touch)) return out;
    out.distance = std::sqrt(best);
    out.apart = true;
    return out;
}

} // namespace renoplan::analysis
