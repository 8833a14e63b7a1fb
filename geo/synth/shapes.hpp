// Small planar geometry for the synthetic town: points, open rings and convex-polygon helpers.
//
// The generator builds blocks, cells, communities and buildings as convex polygons, so insets,
// chords and containment reduce to half-plane arithmetic; no general polygon clipping is needed
// except along the river (done with GEOS in blocks.cpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace renoplan::synth::detail {

struct Vec2 {
    double x = 0;
    double y = 0;
};

inline Vec2 operator+(Vec2 a, Vec2 b) {
    return {a.x + b.x, a.y + b.y};
}
inline Vec2 operator-(Vec2 a, Vec2 b) {
    return {a.x - b.x, a.y - b.y};
}
inline Vec2 operator*(Vec2 a, double s) {
    return {a.x * s, a.y * s};
}
inline double dot(Vec2 a, Vec2 b) {
    return a.x * b.x + a.y * b.y;
}
inline double cross(Vec2 a, Vec2 b) {
    return a.x * b.y - a.y * b.x;
}
inline double length(Vec2 a) {
    return std::hypot(a.x, a.y);
}
inline Vec2 lerp(Vec2 a, Vec2 b, double t) {
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}
inline Vec2 normalized(Vec2 a) {
    const double n = length(a);
    return n > 0 ? Vec2{a.x / n, a.y / n} : Vec2{0, 0};
}
// Left normal of a direction (counter-clockwise rotation by 90 degrees).
inline Vec2 left_normal(Vec2 d) {
    return {-d.y, d.x};
}

// A polygon ring without the closing point. Generated rings are counter-clockwise.
using Ring = std::vector<Vec2>;
using Line = std::vector<Vec2>;

double signed_area(std::span<const Vec2> ring);
Vec2 centroid(std::span<const Vec2> ring);
bool is_convex_ccw(std::span<const Vec2> ring);

struct Bounds {
    double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
    void add(Vec2 p) {
        min_x = std::min(min_x, p.x);
        min_y = std::min(min_y, p.y);
        max_x = std::max(max_x, p.x);
        max_y = std::max(max_y, p.y);
    }
    void add(const Bounds& b) {
        min_x = std::min(min_x, b.min_x);
        min_y = std::min(min_y, b.min_y);
        max_x = std::max(max_x, b.max_x);
        max_y = std::max(max_y, b.max_y);
    }
    bool empty() const { return min_x > max_x; }
};
Bounds bounds_of(std::span<const Vec2> points);

// Intersection of the lines p + s*d and q + t*e; nullopt when (nearly) parallel.
std::optional<Vec2> intersect_lines(Vec2 p, Vec2 d, Vec2 q, Vec2 e);

// Moves edge i (from ring[i] to ring[i+1]) of a convex counter-clockwise ring inward by
// distance[i] and returns the ring of the moved edges. A corner whose two edges do not move is
// kept bit for bit, so neighbours sharing an unmoved edge keep sharing it exactly. nullopt when
// the result would lose an edge, turn over or get thinner than `min_width`.
std::optional<Ring> inset_convex(std::span<const Vec2> ring, std::span<const double> distance,
                                 double min_width = 1.0);

// Cuts corner i of a convex ring by `cut` metres along both edges (the ring gains a vertex).
Ring chamfer(std::span<const Vec2> ring, size_t corner, double cut);

// The ring expressed in a frame whose x axis is `axis` (unit vector), and back.
Vec2 to_frame(Vec2 p, Vec2 axis);
Vec2 from_frame(Vec2 p, Vec2 axis);

// Extent [lo, hi] along x of a convex ring (in its own frame) at height y; nullopt when the
// horizontal line misses it.
std::optional<std::pair<double, double>> chord_at(std::span<const Vec2> ring, double y);

// The line shifted sideways by `offset` (positive: to the left of its direction), with mitred
// joins at inner vertices.
Line offset_line(std::span<const Vec2> line, double offset);

// Distance from a point to the nearest edge of a convex ring containing it (inradius there).
double inner_distance(std::span<const Vec2> ring, Vec2 p);

} // namespace renoplan::synth::detail
