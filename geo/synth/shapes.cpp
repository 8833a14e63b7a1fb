#include "geo/synth/shapes.hpp"

#include <algorithm>

namespace renoplan::synth::detail {

double signed_area(std::span<const Vec2> ring) {
    double a = 0;
    const size_t n = ring.size();
    for (size_t i = 0; i < n; ++i)
        a += cross(ring[i], ring[(i + 1) % n]);
    return a * 0.5;
}

Vec2 centroid(std::span<const Vec2> ring) {
    // Relative to the first vertex, for precision with large projected coordinates.
    const size_t n = ring.size();
    if (n == 0) return {};
    const Vec2 o = ring[0];
    double a = 0, cx = 0, cy = 0;
    for (size_t i = 0; i < n; ++i) {
        const Vec2 p = ring[i] - o;
        const Vec2 q = ring[(i + 1) % n] - o;
        const double c = cross(p, q);
        a += c;
        cx += (p.x + q.x) * c;
        cy += (p.y + q.y) * c;
    }
    if (std::abs(a) < 1e-12) return o;
    return {o.x + cx / (3.0 * a), o.y + cy / (3.0 * a)};
}

bool is_convex_ccw(std::span<const Vec2> ring) {
    const size_t n = ring.size();
    if (n < 3) return false;
    for (size_t i = 0; i < n; ++i) {
        const Vec2 a = ring[i], b = ring[(i + 1) % n], c = ring[(i + 2) % n];
        if (cross(b - a, c - b) <= 0) return false;
    }
    return signed_area(ring) > 0;
}

Bounds bounds_of(std::span<const Vec2> points) {
    Bounds b;
    for (const Vec2& p : points)
        b.add(p);
    return b;
}

std::optional<Vec2> intersect_lines(Vec2 p, Vec2 d, Vec2 q, Vec2 e) {
    const double den = cross(d, e);
    if (std::abs(den) < 1e-12 * length(d) * length(e)) return std::nullopt;
    const double s = cross(q - p, e) / den;
    return p + d * s;
}

std::optional<Ring> inset_convex(std::span<const Vec2> ring, std::span<const double> distance,
                                 double min_width) {
    const size_t n = ring.size();
    if (n < 3 || distance.size() != n) return std::nullopt;
    Ring out(n);
    for (size_t i = 0; i < n; ++i) {
        // New corner i joins moved edge i-1 (into ring[i]) and moved edge i (out of ring[i]).
        const size_t prev = (i + n - 1) % n;
        if (distance[prev] == 0.0 && distance[i] == 0.0) {
            out[i] = ring[i];
            continue;
        }
        const Vec2 d0 = normalized(ring[i] - ring[prev]);
        const Vec2 d1 = normalized(ring[(i + 1) % n] - ring[i]);
        const Vec2 p0 = ring[prev] + left_normal(d0) * distance[prev];
        const Vec2 p1 = ring[i] + left_normal(d1) * distance[i];
        auto corner = intersect_lines(p0, d0, p1, d1);
        if (!corner) return std::nullopt;
        out[i] = *corner;
    }
    // Every edge must keep its direction (none vanished or turned over).
    for (size_t i = 0; i < n; ++i) {
        const Vec2 before = ring[(i + 1) % n] - ring[i];
        const Vec2 after = out[(i + 1) % n] - out[i];
        if (dot(before, after) <= 0.0 || length(after) < min_width) return std::nullopt;
    }
    if (!is_convex_ccw(out)) return std::nullopt;
    // Thinner than min_width anywhere: some vertex closer than that to a non-adjacent edge.
    for (size_t i = 0; i < n; ++i) {
        const Vec2 a = out[i], b = out[(i + 1) % n];
        const Vec2 dir = normalized(b - a);
        for (size_t k = 0; k < n; ++k) {
            if (k == i || k == (i + 1) % n) continue;
            if (cross(dir, out[k] - a) < min_width) return std::nullopt;
        }
    }
    return out;
}

Ring chamfer(std::span<const Vec2> ring, size_t corner, double cut) {
    const size_t n = ring.size();
    Ring out;
    out.reserve(n + 1);
    for (size_t i = 0; i < n; ++i) {
        if (i != corner) {
            out.push_back(ring[i]);
            continue;
        }
        const Vec2 prev = ring[(i + n - 1) % n];
        const Vec2 next = ring[(i + 1) % n];
        out.push_back(ring[i] + normalized(prev - ring[i]) * cut);
        out.push_back(ring[i] + normalized(next - ring[i]) * cut);
    }
    return out;
}

Vec2 to_frame(Vec2 p, Vec2 axis) {
    return {dot(p, axis), cross(axis, p)};
}

Vec2 from_frame(Vec2 p, Vec2 axis) {
    return {p.x * axis.x - p.y * axis.y, p.x * axis.y + p.y * axis.x};
}

std::optional<std::pair<double, double>> chord_at(std::span<const Vec2> ring, double y) {
    double lo = INFINITY, hi = -INFINITY;
    const size_t n = ring.size();
    for (size_t i = 0; i < n; ++i) {
        const Vec2 a = ring[i], b = ring[(i + 1) % n];
        if ((a.y - y) * (b.y - y) > 0) continue;
        double x;
        if (a.y == b.y) {
            lo = std::min({lo, a.x, b.x});
            hi = std::max({hi, a.x, b.x});
            continue;
        }
        x = a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    if (lo > hi) return std::nullopt;
    return std::make_pair(lo, hi);
}

Line offset_line(std::span<const Vec2> line, double offset) {
    const size_t n = line.size();
    Line out(n);
    if (n < 2) return Line(line.begin(), line.end());
    for (size_t i = 0; i < n; ++i) {
        if (i == 0 || i == n - 1) {
            const Vec2 d = i == 0 ? line[1] - line[0] : line[n - 1] - line[n - 2];
            out[i] = line[i] + left_normal(normalized(d)) * offset;
            continue;
        }
        const Vec2 d0 = normalized(line[i] - line[i - 1]);
        const Vec2 d1 = normalized(line[i + 1] - line[i]);
        const Vec2 p0 = line[i - 1] + left_normal(d0) * offset;
        const Vec2 p1 = line[i] + left_normal(d1) * offset;
        auto corner = intersect_lines(p0, d0, p1, d1);
        // Parallel or a very sharp turn: fall back to the averaged normal.
        if (!corner || length(*corner - line[i]) > 4.0 * std::abs(offset))
            out[i] = line[i] + left_normal(normalized(d0 + d1)) * offset;
        else
            out[i] = *corner;
    }
    return out;
}

double inner_distance(std::span<const Vec2> ring, Vec2 p) {
    double best = INFINITY;
    const size_t n = ring.size();
    for (size_t i = 0; i < n; ++i) {
        const Vec2 a = ring[i], b = ring[(i + 1) % n];
        best = std::min(best, cross(normalized(b - a), p - a));
    }
    return best;
}

} // namespace renoplan::synth::detail
