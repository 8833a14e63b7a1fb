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
// The question asked thousands of times per piece: where along u does the strip v0 < v < v1 lie
// wholly inside the piece? Strips start and end on a grid of lines v_j = vmin + j * step (0.1 m),
// so it is answered once per slab between two lines and per line, and strips are intersections:
//   - slab j, the open band v_j + eps < v < v_{j+1} - eps: every edge passing through it blocks
//     the u-range it covers there; between the blocked ranges the slab meets no boundary, so it
//     is wholly inside or wholly outside, and one point decides (even-odd rule);
//   - line j, the thin band |v - v_j| <= eps: edges lying on or crossing the line block their
//     u-range there (an edge along a grid line is in no open slab);
//   - a strip of m slabs from line k: the slabs k .. k+m-1 and the lines between them; the
//     intersections over ranges come from a sparse table (log2 m levels).

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

    void clear() {
        items.clear();
        at.assign(1, 0);
    }
    void close() { at.push_back(uint32_t(items.size())); } // ends the list being appended
    size_t size() const { return at.size() - 1; }
    std::span<const Interval> operator[](size_t j) const {
        if (j + 1 >= at.size()) return {};
        return {items.data() + at[j], at[j + 1] - at[j]};
    }
};

class StripTable {
public:
    // `longest`: the most slabs a strip will span (the sparse table needs no more levels).
    StripTable(const Rings& rings, double angle, int longest) {
        const double c = std::cos(angle), s = std::sin(angle);
        m_vmin = std::numeric_limits<double>::infinity();
        double vmax = -m_vmin;
        for (const auto& ring : rings.rings) {
            for (size_t i = 0; i + 2 < ring.size(); i += 2) {
                const double x1 = ring[i], y1 = ring[i + 1], x2 = ring[i + 2], y2 = ring[i + 3];
                Edge e{x1 * c + y1 * s, -x1 * s + y1 * c, x2 * c + y2 * s, -x2 * s + y2 * c};
                m_vmin = std::min({m_vmin, e.v1, e.v2});
                vmax = std::max({vmax, e.v1, e.v2});
                m_edges.push_back(e);
            }
        }
        if (m_edges.empty()) return;
        m_step = std::max(kMinStep, (vmax - m_vmin) / kMaxSlabs);
        m_slabs = std::max(1, int(std::ceil((vmax - m_vmin) / m_step - 1e-9)));
        build_slabs();
        build_ranges(longest);
    }

    int slabs() const { return m_slabs; }
    double step() const { return m_step; }
    double line(int j) const { return m_vmin + j * m_step; }

    // Appends the stretches of the strip of m >= 1 slabs from line k, at least min_length long.
    void strip(int k, int m, double min_length, Intervals& out) const {
        if (m < 1 || k < 0 || k + m > m_slabs) return;
        const size_t first = out.size();
        if (m == 1) {
            const auto f = m_free[size_t(k)];
            out.insert(out.end(), f.begin(), f.end());
        } else {
            // slabs k .. k+m-2 with the lines above them, then the last slab
            const int len = m - 1;
            int level = 0;
            while ((2 << level) <= len)
                ++level;
            m_scratch.clear();
            intersect_into(m_table[level][size_t(k)],
                           m_table[level][size_t(k + len - (1 << level))], m_scratch);
            intersect_into(m_scratch, m_free[size_t(k + m - 1)], out);
        }
        if (min_length > 0.0)
            out.erase(
                std::remove_if(out.begin() + std::ptrdiff_t(first), out.end(),
                               [&](const Interval& i) { return i.b - i.a < min_length - kEps; }),
                out.end());
    }

private:
    struct Crossing {
        Interval u; // u-range the edge covers in the slab or on the line
        // The edge crosses the slab's middle line (slab crossings only). A full word: a one-byte
        // field written and then read with the rest of the struct stalls store forwarding (it
        // was a third of the sweep's time).
        uint64_t mid;
    };

    Interval u_range(const Edge& e, double lo, double hi) const {
        if (e.v1 == e.v2) return Interval{std::min(e.u1, e.u2), std::max(e.u1, e.u2)};
        const double ta = std::clamp((lo - e.v1) / (e.v2 - e.v1), 0.0, 1.0);
        const double tb = std::clamp((hi - e.v1) / (e.v2 - e.v1), 0.0, 1.0);
        const double ua = e.u1 + ta * (e.u2 - e.u1), ub = e.u1 + tb * (e.u2 - e.u1);
        return Interval{std::min(ua, ub), std::max(ua, ub)};
    }

    // Slab free sets and line blocks, in one sweep up the grid: the edges reaching each line and
    // slab are kept in an active list (edges enter by their lowest v, leave when below), so
    // each slab sees only the few edges through it.
    void build_slabs() {
        const int n = m_slabs;
        std::vector<uint32_t> order(m_edges.size());
        for (uint32_t k = 0; k < order.size(); ++k)
            order[k] = k;
        auto low = [&](uint32_t k) { return std::min(m_edges[k].v1, m_edges[k].v2); };
        auto high = [&](uint32_t k) { return std::max(m_edges[k].v1, m_edges[k].v2); };
        std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
            return low(x) < low(y) || (low(x) == low(y) && x < y);
        });
        std::vector<uint32_t> active;
        std::vector<Crossing> through;
        auto by_start = [](const Crossing& x, const Crossing& y) { return x.u.a < y.u.a; };
        m_free.clear();
        m_line_blocked.clear();
        size_t next = 0;
        for (int j = 0; j <= n; ++j) {
            const double v = line(j);
            const double lo = v + kEps, hi = j < n ? line(j + 1) - kEps : v + kEps;
            while (next < order.size() && low(order[next]) <= hi)
                active.push_back(order[next++]);
            std::erase_if(active, [&](uint32_t k) { return high(k) < v - kEps; });

            // line j: the edges lying on or crossing it block their u-range there, merged
            through.clear();
            for (const uint32_t k : active)
                if (low(k) <= v + kEps)
                    through.push_back({u_range(m_edges[k], v - kEps, v + kEps), 0});
            std::sort(through.begin(), through.end(), by_start);
            Intervals& blocked = m_line_blocked.items;
            for (const Crossing& c : through) {
                if (blocked.size() > m_line_blocked.at.back() && c.u.a <= blocked.back().b)
                    blocked.back().b = std::max(blocked.back().b, c.u.b);
                else
                    blocked.push_back(c.u);
            }
            m_line_blocked.close();
            if (j == n) break;

            // slab j: between merged blocked ranges the slab meets no boundary, so it is wholly
            // inside or wholly outside; a slab crossing no edge is outside. Even-odd rule along
            // the slab's middle line: a gap is inside when an odd number of the edges crossing
            // that line lie to its left (each crossing lies in its edge's range, and the ranges
            // before a gap all end before it: they are sorted by start and merged).
            const double vm = v + 0.5 * m_step;
            through.clear();
            for (const uint32_t k : active) {
                if (high(k) < lo) continue;
                const Edge& e = m_edges[k];
                through.push_back({u_range(e, lo, hi), uint64_t((e.v1 > vm) != (e.v2 > vm))});
            }
            std::sort(through.begin(), through.end(), by_start);
            if (!through.empty()) {
                int left = through.front().mid ? 1 : 0;
                double end = through.front().u.b;
                for (size_t q = 1; q < through.size(); ++q) {
                    const Interval& u = through[q].u;
                    if (u.a > end) {
                        if (left % 2 == 1) m_free.items.push_back({end, u.a});
                        end = u.b;
                    } else {
                        end = std::max(end, u.b);
                    }
                    left += through[q].mid ? 1 : 0;
                }
            }
            m_free.close();
        }
    }

    // Appends the free set of slab j minus what line j+1 blocks.
    void slab_and_line_above(int j, Intervals& out) const {
        const auto blocked = m_line_blocked[size_t(j) + 1];
        for (Interval f : m_free[size_t(j)]) {
            for (const Interval& b : blocked) { // ascending: cut f by them
                if (b.b <= f.a) continue;
                if (b.a >= f.b) break;
                if (b.a > f.a) out.push_back({f.a, b.a});
                f.a = std::max(f.a, b.b);
                if (f.a >= f.b) break;
            }
            if (f.b > f.a) out.push_back(f);
        }
    }

    void build_ranges(int longest) {
        const int n = m_slabs;
        m_table.assign(1, {});
        for (int j = 0; j < n; ++j) {
            if (j + 1 < n) slab_and_line_above(j, m_table[0].items);
            m_table[0].close();
        }
        for (int level = 1; (1 << level) <= std::min(n, longest); ++level) {
            IntervalLists next;
            const IntervalLists& prev = m_table.back();
            const int half = 1 << (level - 1);
            for (int j = 0; j < n; ++j) {
                if (j + (1 << level) <= n)
                    intersect_into(prev[size_t(j)], prev[size_t(j + half)], next.items);
                next.close();
            }
            m_table.push_back(std::move(next));
        }
    }

    std::vector<Edge> m_edges;
    double m_step = kMinStep, m_vmin = 0.0;
    int m_slabs = 0;
    IntervalLists m_free;               // slab -> its free stretches
    IntervalLists m_line_blocked;       // line -> blocked u-ranges, merged
    std::vector<IntervalLists> m_table; // [level][j]: slabs j .. j+2^level-1 and the lines above
    mutable Intervals m_scratch;
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
        const int n = m_t.slabs();
        for (int k = 0; k <= n; ++k) {
            if (k + m_d <= n) m_t.strip(k, m_d, 0.0, m_rows.items);
            m_rows.close();
        }
        // Aisle stretches shorter than the aisle is wide are gaps between obstacles, not lanes: a
        // car cannot drive along them to turn into a stall.
        for (int k = 0; k <= n; ++k) {
            if (k + m_a <= n) m_t.strip(k, m_a, p.aisle_width_m, m_aisles.items);
            m_aisles.close();
        }
    }

    // The rows of the best stacking of bands and their estimated stall count.
    std::vector<Row> plan(int& estimate) const {
        estimate = 0;
        const int n = m_t.slabs();
        const int h_single = m_d + m_a, h_double = 2 * m_d + m_a;
        if (n < h_single) return {};
        std::vector<int> best(size_t(n) + 1, 0);
        std::vector<int8_t> choice(size_t(n) + 1, -1);
        for (int k = n - h_single; k >= 0; --k) {
            best[k] = best[k + 1];
            auto consider = [&](BandType type, int h) {
                if (k + h > n) return;
                const int total = band_stalls(type, k) + best[k + h];
                if (total > best[k]) {
                    best[k] = total;
                    choice[k] = int8_t(type);
                }
            };
            consider(BandType::Double, h_double);
            consider(BandType::RowThenAisle, h_single);
            consider(BandType::AisleThenRow, h_single);
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

    int band_stalls(BandType type, int k) const {
        switch (type) {
        case BandType::Double:
            if (m_aisles[size_t(k + m_d)].empty()) return 0;
            return served(k, k + m_d) + served(k + m_d + m_a, k + m_d);
        case BandType::RowThenAisle:
            return served(k, k + m_d);
        case BandType::AisleThenRow:
            return served(k + m_a, k);
        }
        return 0;
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
        const int longest = BandPlanner::grid_steps(std::max(d, a), kMinStep);
        const StripTable table(rings, angle, longest);
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
