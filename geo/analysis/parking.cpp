// Index
//   [SECTION] constants
//   [SECTION] the piece's rings, relative to an origin near its centre
//   [SECTION] strips across the piece
//   [SECTION] bands across the rows
//   [SECTION] checking and drawing
#include "geo/analysis/parking.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <numbers>
#include <span>
#include <stdexcept>
#include <vector>

namespace renoplan::analysis {

namespace {

// [SECTION] constants -------------------------------------------------------------------------

constexpr double kEps = 1e-4;    // scan tolerance, m: boundary within 0.1 mm of a strip's edge
                                 // does not cut it
constexpr double kShrink = 1e-3; // a stall is checked shrunk by 1 mm on each side
constexpr double kMinStep = 0.1; // grid of the bands across the rows, m ...
constexpr int kMaxSlabs = 4000;  // ... coarser for pieces more than 400 m across

struct Interval {
    double a = 0.0, b = 0.0;
};
using Intervals = std::vector<Interval>;

struct Edge {
    double u1, v1, u2, v2;
};

// [SECTION] the piece's rings, relative to an origin near its centre ---------------------------

struct Rings {
    double cx = 0.0, cy = 0.0;              // origin (world)
    std::vector<std::vector<double>> rings; // x - cx, y - cy interleaved, closed
};

void read_ring(GEOSContextHandle_t ctx, const GEOSGeometry* ring, Rings& out) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned int n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n) || n < 4) return;
    std::vector<double> xy(2 * size_t(n));
    if (!GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0)) return;
    for (size_t i = 0; i < xy.size(); i += 2) {
        xy[i] -= out.cx;
        xy[i + 1] -= out.cy;
    }
    out.rings.push_back(std::move(xy));
}

bool read_rings(GEOSContextHandle_t ctx, const GEOSGeometry* piece, Rings& out) {
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    if (GEOSisEmpty_r(ctx, piece) != 0) return false;
    if (!GEOSGeom_getXMin_r(ctx, piece, &xmin) || !GEOSGeom_getYMin_r(ctx, piece, &ymin) ||
        !GEOSGeom_getXMax_r(ctx, piece, &xmax) || !GEOSGeom_getYMax_r(ctx, piece, &ymax))
        return false;
    out.cx = 0.5 * (xmin + xmax);
    out.cy = 0.5 * (ymin + ymax);
    const int parts = GEOSGetNumGeometries_r(ctx, piece);
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* poly = GEOSGetGeometryN_r(ctx, piece, p);
        if (!poly || GEOSGeomTypeId_r(ctx, poly) != GEOS_POLYGON) continue;
        read_ring(ctx, GEOSGetExteriorRing_r(ctx, poly), out);
        const int holes = GEOSGetNumInteriorRings_r(ctx, poly);
        for (int h = 0; h < holes; ++h)
            read_ring(ctx, GEOSGetInteriorRingN_r(ctx, poly, h), out);
    }
    return !out.rings.empty();
}

// Direction of the longest side of the minimum-area rotated rectangle, radians in [0, pi).
// Computed here by rotating calipers over the convex hull's edges, relative to the piece's
// centre: GEOSMinimumRotatedRectangle (GEOS 3.11, built on the minimum diameter) is off by up to
// 1e-4 degrees at Gauss-Kruger coordinates, which moves the far end of a 24 m row by 0.06 mm.
double main_direction(GEOSContextHandle_t ctx, const GEOSGeometry* piece, double cx, double cy) {
    const GeosGeometryPtr hull = make_geos_ptr(ctx, GEOSConvexHull_r(ctx, piece));
    if (!hull || GEOSGeomTypeId_r(ctx, hull.get()) != GEOS_POLYGON) return 0.0;
    const GEOSCoordSequence* seq =
        GEOSGeom_getCoordSeq_r(ctx, GEOSGetExteriorRing_r(ctx, hull.get()));
    unsigned int n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n) || n < 4) return 0.0;
    std::vector<double> xy(2 * size_t(n));
    if (!GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0)) return 0.0;
    for (size_t i = 0; i < xy.size(); i += 2) {
        xy[i] -= cx;
        xy[i + 1] -= cy;
    }
    double best_area = std::numeric_limits<double>::infinity(), angle = 0.0;
    for (size_t i = 0; i + 1 < n; ++i) {
        const double dx = xy[2 * i + 2] - xy[2 * i], dy = xy[2 * i + 3] - xy[2 * i + 1];
        const double len = std::hypot(dx, dy);
        if (len == 0.0) continue;
        const double c = dx / len, s = dy / len;
        double u0 = std::numeric_limits<double>::infinity(), u1 = -u0, v0 = u0, v1 = -u0;
        for (size_t k = 0; k + 1 < n; ++k) {
            const double u = xy[2 * k] * c + xy[2 * k + 1] * s;
            const double v = -xy[2 * k] * s + xy[2 * k + 1] * c;
            u0 = std::min(u0, u);
            u1 = std::max(u1, u);
            v0 = std::min(v0, v);
            v1 = std::max(v1, v);
        }
        const double area = (u1 - u0) * (v1 - v0);
        // The first of equal rectangles wins (deterministic); the perpendicular is tried anyway.
        if (area < best_area * (1.0 - 1e-12)) {
            best_area = area;
            angle = std::atan2(dy, dx) + (u1 - u0 >= v1 - v0 ? 0.0 : 0.5 * std::numbers::pi);
        }
    }
    // Rows have no direction: fold into [0, pi).
    angle = std::fmod(angle, std::numbers::pi);
    if (angle < 0.0) angle += std::numbers::pi;
    return angle;
}

// [SECTION] strips across the piece -----------------------------------------------------------
//
// The question asked thousands of times per piece: where along u does the strip lo <= v <= hi lie
// wholly inside the piece? Strips start and end on a grid of lines v_j = vmin + j * step (0.1 m),
// a strip of m slabs from line k being lo = v_k + eps, hi = v_{k+m} - eps (boundary within 0.1 mm
// of a strip's edge does not cut it), and they are answered from the piece's trapezoids instead
// of from its edges:
//   - the v values of the vertices cut the piece into event slabs; inside one, no vertex lies, the
//     edges crossing it keep their order along u, and the even-odd rule pairs them into the
//     inside stretches [left edge, right edge] - both straight, so over a part [a, b] of the slab
//     the stretch lying inside all the way is [max(left(a), left(b)), min(right(a), right(b))];
//   - a strip is the intersection of the event slabs it meets: the one holding lo and the one
//     holding hi clipped to the strip, those between whole, less the ranges of edges lying along
//     an event line between (horizontal edges); slabs only touching the strip's edge are
//     clipped to that line, so a vertex exactly on it still cuts (as the edge would);
//   - as the strip moves up line by line, the whole slabs between change only when lo or hi passes
//     a vertex; their intersection is kept until then and updated as a sliding window
//     (SlidingIntersection): a strip costs two clipped slabs and one three-way intersection,
//     whatever its height.
// Edges that cross (an invalid ring) get their crossing as one more event, so that every event slab
// holds edges in one order.

// Appends the stretches common to two ascending lists to `out`.
void intersect_into(std::span<const Interval> x, std::span<const Interval> y, Intervals& out) {
    size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
        const double a = std::max(x[i].a, y[j].a), b = std::min(x[i].b, y[j].b);
        if (b > a) out.push_back({a, b});
        if (x[i].b < y[j].b)
            ++i;
        else
            ++j;
    }
}

Intervals intersect(std::span<const Interval> x, std::span<const Interval> y) {
    Intervals out;
    intersect_into(x, y, out);
    return out;
}

// Appends the stretches common to three ascending lists, at least min_length long, to `out`.
void intersect3_into(std::span<const Interval> x, std::span<const Interval> y,
                     std::span<const Interval> z, double min_length, Intervals& out) {
    size_t i = 0, j = 0, k = 0;
    while (i < x.size() && j < y.size() && k < z.size()) {
        const double a = std::max({x[i].a, y[j].a, z[k].a});
        const double b = std::min({x[i].b, y[j].b, z[k].b});
        if (b > a && b - a >= min_length - kEps) out.push_back({a, b});
        if (x[i].b == b)
            ++i;
        else if (y[j].b == b)
            ++j;
        else
            ++k;
    }
}

// Appends what of the ascending list x the ascending, merged list `blocked` leaves to `out`.
void subtract_into(std::span<const Interval> x, std::span<const Interval> blocked, Intervals& out) {
    for (Interval f : x) {
        for (const Interval& b : blocked) {
            if (b.b <= f.a) continue;
            if (b.a >= f.b) break;
            if (b.a > f.a) out.push_back({f.a, b.a});
            f.a = std::max(f.a, b.b);
            if (f.a >= f.b) break;
        }
        if (f.b > f.a) out.push_back(f);
    }
}

// Stalls of width w packed into the stretches common to two ascending lists (no allocation).
int stalls_in(std::span<const Interval> x, std::span<const Interval> y, double w) {
    int n = 0;
    size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
        const double a = std::max(x[i].a, y[j].a), b = std::min(x[i].b, y[j].b);
        if (b > a) n += int(std::floor((b - a + kEps) / w));
        if (x[i].b < y[j].b)
            ++i;
        else
            ++j;
    }
    return n;
}

// Many short interval lists in one array (list j is items[at[j] .. at[j+1])); built in order.
struct IntervalLists {
    Intervals items;
    std::vector<uint32_t> at{0};

    void close() { at.push_back(uint32_t(items.size())); } // ends the list being appended
    size_t size() const { return at.size() - 1; }
    std::span<const Interval> operator[](size_t j) const {
        if (j + 1 >= at.size()) return {};
        return {items.data() + at[j], at[j + 1] - at[j]};
    }
};

// The intersection of the lists of a window of consecutive slabs [begin, end) whose ends only
// move up, in amortized O(1) intersections a move (a queue of two stacks: the front part keeps
// the intersections of each of its slabs with those after it, up to the back part; the back part
// keeps one running intersection).
class SlidingIntersection {
public:
    explicit SlidingIntersection(const IntervalLists& lists) : m_lists(lists) {}

    // All of (-inf, inf) for an empty window.
    std::span<const Interval> window(int begin, int end) {
        if (begin >= m_end) m_begin = m_mid = m_end = begin;
        for (; m_end < end; ++m_end) {
            if (m_end == m_mid) {
                const auto l = m_lists[size_t(m_end)];
                m_back.assign(l.begin(), l.end());
            } else {
                m_scratch.clear();
                intersect_into(m_back, m_lists[size_t(m_end)], m_scratch);
                m_back.swap(m_scratch);
            }
        }
        if (begin > m_begin) {
            m_begin = begin;
            if (m_begin >= m_mid) rebuild_front();
        }
        if (m_begin >= m_end) return everything();
        if (m_end == m_mid) return front(m_begin);
        if (m_begin == m_mid) return m_back;
        m_result.clear();
        intersect_into(front(m_begin), m_back, m_result);
        return m_result;
    }

private:
    static std::span<const Interval> everything() {
        static const Interval all{-std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::infinity()};
        return {&all, 1};
    }
    // Slab i's list intersected with all after it in the front part.
    std::span<const Interval> front(int i) const { return m_front[size_t(m_mid - 1 - i)]; }

    // The whole window becomes the front part.
    void rebuild_front() {
        m_front.items.clear();
        m_front.at.assign(1, 0);
        for (int i = m_end - 1; i >= m_begin; --i) {
            m_scratch.clear();
            if (i == m_end - 1) {
                const auto l = m_lists[size_t(i)];
                m_scratch.assign(l.begin(), l.end());
            } else {
                intersect_into(m_lists[size_t(i)], m_front[m_front.size() - 1], m_scratch);
            }
            m_front.items.insert(m_front.items.end(), m_scratch.begin(), m_scratch.end());
            m_front.close();
        }
        m_mid = m_end;
    }

    const IntervalLists& m_lists;
    int m_begin = 0, m_mid = 0, m_end = 0; // front [m_begin, m_mid), back [m_mid, m_end)
    IntervalLists m_front;                 // slab i at m_mid - 1 - i
    Intervals m_back, m_scratch, m_result;
};

class StripTable {
public:
    StripTable(const Rings& rings, double angle) {
        const double c = std::cos(angle), s = std::sin(angle);
        double vmax = -std::numeric_limits<double>::infinity();
        m_vmin = -vmax;
        std::vector<Edge> edges;
        for (const auto& ring : rings.rings) {
            for (size_t i = 0; i + 2 < ring.size(); i += 2) {
                const double x1 = ring[i], y1 = ring[i + 1], x2 = ring[i + 2], y2 = ring[i + 3];
                const Edge e{x1 * c + y1 * s, -x1 * s + y1 * c, x2 * c + y2 * s, -x2 * s + y2 * c};
                if (e.u1 == e.u2 && e.v1 == e.v2) continue;
                m_vmin = std::min({m_vmin, e.v1, e.v2});
                vmax = std::max({vmax, e.v1, e.v2});
                edges.push_back(e);
            }
        }
        if (edges.empty()) return;
        m_step = std::max(kMinStep, (vmax - m_vmin) / kMaxSlabs);
        m_slabs = std::max(1, int(std::ceil((vmax - m_vmin) / m_step - 1e-9)));
        build(edges);
    }

    int slabs() const { return m_slabs; }
    double step() const { return m_step; }
    double line(int j) const { return m_vmin + j * m_step; }

    // One list per line k = 0 .. slabs(): the stretches of the strip of m >= 1 slabs from line k
    // at least min_length long (empty where the strip would reach past the last line).
    void strips(int m, double min_length, IntervalLists& out) const {
        const int events = int(m_events.size());
        const int last_slab = events - 2; // event slabs 0 .. last_slab
        int s_lo = 0, s_hi = 0, cached_lo = -1, cached_hi = -1;
        Intervals middle, first, last;
        SlidingIntersection whole(m_whole);
        for (int k = 0; k <= m_slabs; ++k) {
            const double lo = line(k) + kEps, hi = line(k + m) - kEps;
            if (last_slab < 0 || k + m > m_slabs || hi > m_events.back()) {
                out.close();
                continue;
            }
            // The event slabs meeting [lo, hi]: the first ending at or above lo, the last starting
            // at or below hi.
            while (s_lo < last_slab && m_events[size_t(s_lo) + 1] < lo)
                ++s_lo;
            while (s_hi < last_slab && m_events[size_t(s_hi) + 1] <= hi)
                ++s_hi;
            first.clear();
            clip(s_lo, lo, std::min(hi, m_events[size_t(s_lo) + 1]), first);
            if (s_hi == s_lo) {
                for (const Interval& i : first)
                    if (i.b - i.a >= min_length - kEps) out.items.push_back(i);
            } else {
                if (s_lo != cached_lo || s_hi != cached_hi) {
                    between(s_lo, s_hi, whole, middle);
                    cached_lo = s_lo;
                    cached_hi = s_hi;
                }
                last.clear();
                clip(s_hi, std::max(lo, m_events[size_t(s_hi)]), hi, last);
                intersect3_into(first, middle, last, min_length, out.items);
            }
            out.close();
        }
    }

private:
    // A non-horizontal edge as u(v) = u0 + (v - v0) * slope.
    struct Side {
        double v0, u0, slope;
        double at(double v) const { return u0 + (v - v0) * slope; }
    };

    // The inside stretches of event slab s over its part a <= v <= b, appended in order.
    void clip(int s, double a, double b, Intervals& out) const {
        for (uint32_t p = m_slab_at[size_t(s)]; p < m_slab_at[size_t(s) + 1]; ++p) {
            const Side& l = m_sides[m_pairs[p].left];
            const Side& r = m_sides[m_pairs[p].right];
            const double ua = std::max(l.at(a), l.at(b)), ub = std::min(r.at(a), r.at(b));
            if (ub > ua) out.push_back({ua, ub});
        }
    }

    // The whole slabs strictly between s_lo and s_hi intersected (each less the horizontal edges
    // on its lower line), less the horizontal edges on line s_hi (everything, (-inf, inf), when
    // there is nothing of either).
    void between(int s_lo, int s_hi, SlidingIntersection& whole, Intervals& middle) const {
        const auto w = whole.window(s_lo + 1, s_hi);
        const auto flat = m_flat[size_t(s_hi)];
        middle.clear();
        if (flat.empty())
            middle.assign(w.begin(), w.end());
        else
            subtract_into(w, flat, middle);
    }

    // Events, the sides of every event slab paired by the even-odd rule, the horizontal edges.
    void build(const std::vector<Edge>& edges) {
        // Every vertex starts an edge of its closed ring (the lower end of an edge is the
        // upper end of the one before it, computed from the same coordinates).
        std::vector<double> events;
        events.reserve(edges.size());
        for (const Edge& e : edges)
            events.push_back(e.v1);
        m_sides.clear();
        std::vector<double> high; // each side's upper end
        for (const Edge& e : edges) {
            if (e.v1 == e.v2) continue;
            const bool up = e.v2 > e.v1;
            const double v0 = up ? e.v1 : e.v2, u0 = up ? e.u1 : e.u2;
            m_sides.push_back({v0, u0, (e.u2 - e.u1) / (e.v2 - e.v1)});
            high.push_back(up ? e.v2 : e.v1);
        }
        // Crossing edges (only in invalid rings) add their crossings as events and the slabs are
        // paired again; a few rounds settle any ring GEOS would call a polygon.
        for (int round = 0; round < 8; ++round) {
            std::sort(events.begin(), events.end());
            events.erase(std::unique(events.begin(), events.end()), events.end());
            if (pair_slabs(events, high)) break;
        }
        m_events = std::move(events);
        m_flat.items.clear();
        m_flat.at.assign(1, 0);
        std::vector<std::pair<size_t, Interval>> flat;
        for (const Edge& e : edges) {
            if (e.v1 != e.v2) continue;
            const size_t at =
                size_t(std::lower_bound(m_events.begin(), m_events.end(), e.v1) - m_events.begin());
            flat.push_back({at, {std::min(e.u1, e.u2), std::max(e.u1, e.u2)}});
        }
        std::sort(flat.begin(), flat.end(), [](const auto& x, const auto& y) {
            return x.first < y.first || (x.first == y.first && x.second.a < y.second.a);
        });
        size_t f = 0;
        for (size_t e = 0; e < m_events.size(); ++e) {
            const size_t first = m_flat.items.size();
            for (; f < flat.size() && flat[f].first == e; ++f) {
                const Interval& u = flat[f].second;
                if (m_flat.items.size() > first && u.a <= m_flat.items.back().b)
                    m_flat.items.back().b = std::max(m_flat.items.back().b, u.b);
                else
                    m_flat.items.push_back(u);
            }
            m_flat.close();
        }
        Intervals part;
        for (size_t e = 0; e + 1 < m_events.size(); ++e) {
            part.clear();
            clip(int(e), m_events[e], m_events[e + 1], part);
            subtract_into(part, m_flat[e], m_whole.items);
            m_whole.close();
        }
    }

    // Pairs the sides of each slab between consecutive events; false (with the crossings added
    // to `events`) where two sides change order inside a slab.
    bool pair_slabs(std::vector<double>& events, const std::vector<double>& high) {
        std::vector<uint32_t> order(m_sides.size());
        for (uint32_t k = 0; k < order.size(); ++k)
            order[k] = k;
        std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
            return m_sides[x].v0 < m_sides[y].v0 || (m_sides[x].v0 == m_sides[y].v0 && x < y);
        });
        m_pairs.clear();
        m_slab_at.assign(1, 0);
        std::vector<uint32_t> active;
        std::vector<std::pair<double, uint32_t>> along;
        std::vector<double> crossings;
        size_t next = 0;
        for (size_t s = 0; s + 1 < events.size(); ++s) {
            const double a = events[s], b = events[s + 1], mid = 0.5 * (a + b);
            while (next < order.size() && m_sides[order[next]].v0 <= a)
                active.push_back(order[next++]);
            std::erase_if(active, [&](uint32_t k) { return high[k] < b; });
            along.clear();
            for (const uint32_t k : active)
                along.push_back({m_sides[k].at(mid), k});
            std::sort(along.begin(), along.end());
            for (size_t i = 0; i + 1 < along.size(); ++i) {
                const Side& x = m_sides[along[i].second];
                const Side& y = m_sides[along[i + 1].second];
                const double tol = 1e-9 * (1.0 + std::abs(x.at(a)) + std::abs(x.at(b)));
                if (x.at(a) <= y.at(a) + tol && x.at(b) <= y.at(b) + tol) continue;
                // They cross between a and b: x.at(v) == y.at(v).
                const double v =
                    (y.u0 - y.v0 * y.slope - x.u0 + x.v0 * x.slope) / (x.slope - y.slope);
                if (v > a && v < b) crossings.push_back(v);
            }
            for (size_t i = 0; i + 1 < along.size(); i += 2)
                m_pairs.push_back({along[i].second, along[i + 1].second});
            m_slab_at.push_back(uint32_t(m_pairs.size()));
        }
        if (crossings.empty()) return true;
        events.insert(events.end(), crossings.begin(), crossings.end());
        return false;
    }

    struct SidePair {
        uint32_t left, right;
    };

    double m_step = kMinStep, m_vmin = 0.0;
    int m_slabs = 0;
    std::vector<double> m_events;    // v of every vertex (and crossing), ascending, unique
    std::vector<Side> m_sides;       // the non-horizontal edges
    std::vector<SidePair> m_pairs;   // the inside stretches of every event slab, by slab ...
    std::vector<uint32_t> m_slab_at; // ... slab s holding m_pairs[m_slab_at[s] .. m_slab_at[s+1])
    IntervalLists m_whole;           // event slab -> its stretches inside all the way up, less the
                                     // horizontal edges on its lower line
    IntervalLists m_flat;            // event -> horizontal edges on its line, merged
};

// [SECTION] bands across the rows ------------------------------------------------------------

enum class BandType : int8_t { Double, RowThenAisle, AisleThenRow };

// One stall row of the chosen layout: where it lies across, the stretches holding its stalls,
// and the aisle serving it.
struct Row {
    double v0;
    Intervals stretches;
    double aisle_v0;
};

// Chooses the bands by dynamic programming over the grid lines: best[k] is the most stalls
// that bands starting at line k or above can hold.
class BandPlanner {
public:
    BandPlanner(const StripTable& table, const PlanParams& p) : m_t(table), m_w(p.stall_width_m) {
        // Stall depth and aisle width in grid steps, rounded up (exact for multiples of 0.1 m).
        m_d = grid_steps(p.stall_depth_m, table.step());
        m_a = grid_steps(p.aisle_width_m, table.step());
        m_t.strips(m_d, p.stall_width_m, m_rows); // a shorter stretch holds no stall
        // Aisle stretches shorter than the aisle is wide are gaps between obstacles, not lanes: a
        // car cannot drive along them to turn into a stall.
        m_t.strips(m_a, p.aisle_width_m, m_aisles);
    }

    // The rows of the best stacking of bands and their estimated stall count.
    std::vector<Row> plan(int& estimate) const {
        estimate = 0;
        const int n = m_t.slabs();
        const int h_single = m_d + m_a, h_double = 2 * m_d + m_a;
        if (n < h_single) return {};
        // Every band is made of two halves: a row below its aisle (below[k]: row from line k,
        // aisle from k + d) and a row above it (above[k]: aisle from line k, row from k + a); a
        // double module from line k is below[k] + above[k + d].
        const int last = n - h_single;
        std::vector<int> below(size_t(last) + 1), above(size_t(last) + 1);
        for (int k = 0; k <= last; ++k) {
            below[size_t(k)] = served(k, k + m_d);
            above[size_t(k)] = served(k + m_a, k);
        }
        std::vector<int> best(size_t(n) + 1, 0);
        std::vector<int8_t> choice(size_t(n) + 1, -1);
        for (int k = last; k >= 0; --k) {
            best[k] = best[k + 1];
            auto consider = [&](BandType type, int h, int stalls) {
                const int total = stalls + best[k + h];
                if (total > best[k]) {
                    best[k] = total;
                    choice[k] = int8_t(type);
                }
            };
            if (k + h_double <= n)
                consider(BandType::Double, h_double, below[size_t(k)] + above[size_t(k + m_d)]);
            consider(BandType::RowThenAisle, h_single, below[size_t(k)]);
            consider(BandType::AisleThenRow, h_single, above[size_t(k)]);
        }
        estimate = best[0];
        std::vector<Row> rows;
        for (int k = 0; k <= n - h_single;) {
            if (choice[k] < 0) {
                ++k;
                continue;
            }
            const auto type = BandType(choice[k]);
            add_rows(type, k, rows);
            k += type == BandType::Double ? h_double : h_single;
        }
        return rows;
    }

    static int grid_steps(double length, double step) {
        return std::max(1, int(std::ceil(length / step - 1e-6)));
    }

private:
    int served(int row, int aisle) const {
        return stalls_in(m_rows[size_t(row)], m_aisles[size_t(aisle)], m_w);
    }

    Row row(int row_k, int aisle_k) const {
        return {m_t.line(row_k), intersect(m_rows[size_t(row_k)], m_aisles[size_t(aisle_k)]),
                m_t.line(aisle_k)};
    }

    void add_rows(BandType type, int k, std::vector<Row>& rows) const {
        switch (type) {
        case BandType::Double:
            rows.push_back(row(k, k + m_d));
            rows.push_back(row(k + m_d + m_a, k + m_d));
            break;
        case BandType::RowThenAisle:
            rows.push_back(row(k, k + m_d));
            break;
        case BandType::AisleThenRow:
            rows.push_back(row(k + m_a, k));
            break;
        }
    }

    const StripTable& m_t;
    double m_w;
    int m_d = 1, m_a = 1;
    IntervalLists m_rows, m_aisles; // by grid line
};

// [SECTION] checking and drawing ----------------------------------------------------------

struct Frame {
    double cx, cy, c, s;
    void to_world(double u, double v, double& x, double& y) const {
        x = cx + u * c - v * s;
        y = cy + u * s + v * c;
    }
};

GeosGeometryPtr rectangle(GEOSContextHandle_t ctx, const Frame& f, double u0, double v0, double u1,
                          double v1) {
    double xy[10];
    f.to_world(u0, v0, xy[0], xy[1]);
    f.to_world(u1, v0, xy[2], xy[3]);
    f.to_world(u1, v1, xy[4], xy[5]);
    f.to_world(u0, v1, xy[6], xy[7]);
    xy[8] = xy[0];
    xy[9] = xy[1];
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(ctx, xy, 5, 0, 0);
    if (!seq) throw std::runtime_error("GEOS: cannot build a stall rectangle");
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx, seq);
    if (!shell) throw std::runtime_error("GEOS: cannot build a stall rectangle");
    GEOSGeometry* poly = GEOSGeom_createPolygon_r(ctx, shell, nullptr, 0);
    if (!poly) {
        GEOSGeom_destroy_r(ctx, shell);
        throw std::runtime_error("GEOS: cannot build a stall rectangle");
    }
    return make_geos_ptr(ctx, poly);
}

} // namespace

ParkingLayout layout_parking(GEOSContextHandle_t ctx, const GEOSGeometry* piece,
                             const PlanParams& params, bool with_geometry) {
    ParkingLayout layout;
    const double w = params.stall_width_m, d = params.stall_depth_m, a = params.aisle_width_m;
    if (!piece || !(w > 0) || !(d > 0) || !(a > 0)) return layout;
    Rings rings;
    if (!read_rings(ctx, piece, rings)) return layout;

    // Both directions; the main one wins ties.
    const double main = main_direction(ctx, piece, rings.cx, rings.cy);
    std::vector<Row> best_rows;
    int best_estimate = -1;
    double best_angle = main;
    for (const double angle : {main, main + 0.5 * std::numbers::pi}) {
        const StripTable table(rings, angle);
        const BandPlanner planner(table, params);
        int estimate = 0;
        std::vector<Row> rows = planner.plan(estimate);
        if (estimate > best_estimate) {
            best_estimate = estimate;
            best_rows = std::move(rows);
            best_angle = angle;
        }
    }
    layout.angle_deg = std::fmod(best_angle * 180.0 / std::numbers::pi, 180.0);
    if (best_estimate <= 0) return layout;

    // Each stall of the layout checked against the piece with GEOS.
    GeosPreparedPtr prepared(GEOSPrepare_r(ctx, piece), GeosPreparedDeleter{ctx});
    if (!prepared) throw std::runtime_error("GEOS: cannot prepare a spare-land piece");
    const Frame frame{rings.cx, rings.cy, std::cos(best_angle), std::sin(best_angle)};
    for (const Row& row : best_rows) {
        int in_row = 0;
        for (const Interval& s : row.stretches) {
            const int k = int(std::floor((s.b - s.a + kEps) / w));
            if (k <= 0) continue;
            auto contained = [&](double u0, double u1) {
                const GeosGeometryPtr check = rectangle(ctx, frame, u0 + kShrink, row.v0 + kShrink,
                                                        u1 - kShrink, row.v0 + d - kShrink);
                const char inside = GEOSPreparedContains_r(ctx, prepared.get(), check.get());
                if (inside == 2) throw std::runtime_error("GEOS: stall containment test failed");
                return inside == 1;
            };
            // The run of k stalls at once: if it lies inside, so does each of its stalls (each
            // shrunk stall lies inside the shrunk run); otherwise stall by stall.
            const bool run_inside = contained(s.a, s.a + k * w);
            int served = 0;
            for (int i = 0; i < k; ++i) {
                const double u = s.a + i * w;
                if (!run_inside && !contained(u, u + w)) {
                    ++layout.rejected;
                    continue;
                }
                ++in_row;
                ++served;
                if (with_geometry) {
                    const GeosGeometryPtr stall =
                        rectangle(ctx, frame, u, row.v0, u + w, row.v0 + d);
                    layout.stall_geometry.append_geos(ctx, stall.get());
                }
            }
            if (with_geometry && served > 0) {
                const GeosGeometryPtr aisle =
                    rectangle(ctx, frame, s.a, row.aisle_v0, s.a + k * w, row.aisle_v0 + a);
                layout.aisle_geometry.append_geos(ctx, aisle.get());
            }
        }
        layout.stalls += in_row;
        if (in_row > 0) ++layout.rows;
    }
    return layout;
}

int count_stalls(GEOSContextHandle_t ctx, const GEOSGeometry* piece, const PlanParams& params,
                 GeometryColumn* stalls_out) {
    ParkingLayout layout = layout_parking(ctx, piece, params, stalls_out != nullptr);
    if (stalls_out) stalls_out->append(layout.stall_geometry);
    return layout.stalls;
}

} // namespace renoplan::analysis
