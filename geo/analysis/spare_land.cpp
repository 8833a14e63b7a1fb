// Index
//   [SECTION] constants
//   [SECTION] per-feature obstacle distances, read once
//   [SECTION] GEOS helpers
//   [SECTION] maximum inscribed circle
//   [SECTION] one area
//   [SECTION] find_spare_land
#include "geo/analysis/spare_land.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <numbers>
#include <queue>
#include <span>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "geo/analysis/box_groups.hpp"
#include "geo/analysis/clip_overlay.hpp"
#include "geo/analysis/facility_sizes.hpp"
#include "geo/analysis/landuse.hpp"
#include "geo/analysis/parking.hpp"
#include "geo/core/error.hpp"
#include "geo/core/geos.hpp"
#include "geo/core/parallel.hpp"

namespace renoplan::analysis {

namespace {

// [SECTION] constants -------------------------------------------------------------------------

constexpr double kMicTolerance = 0.1;          // m, maximum inscribed circle ...
constexpr double kMicRelativeTolerance = 0.05; // ... or 5 % of the radius, if more
constexpr double kWidthDecision = 0.001;       // m, the inscribed radius is decided to 1 mm
constexpr int kFineQuadrantSegments = 32;      // ... by an inset of this roundness
constexpr double kAccessDistance = 0.01;       // m, "touches" for the access test
constexpr size_t kAreasPerChunk = 4;
// Areas more than 1.5 x this across are worked in tiles about this wide (tiled_spare).
constexpr double kTileSide = 200.0; // m

// [SECTION] per-feature obstacle distances, read once ---------------------------------------

double number_at(const Column* c, size_t i) {
    if (!c || c->is_null(i)) return std::numeric_limits<double>::quiet_NaN();
    switch (c->type()) {
    case ColumnType::Real:
        return c->get_real(i);
    case ColumnType::Int64:
    case ColumnType::Bool:
        return double(c->get_int(i));
    default: {
        const std::string t = c->to_text(i);
        char* end = nullptr;
        const double v = std::strtod(t.c_str(), &end);
        return end && end != t.c_str() ? v : std::numeric_limits<double>::quiet_NaN();
    }
    }
}

std::string text_at(const Column* c, size_t i) {
    return c && !c->is_null(i) ? c->to_text(i) : std::string();
}

struct Distances {
    std::vector<double> distance; // per feature; negative: nothing subtracted
    double max = 0.0;
};

// Buffer distance per road: half the width plus the margin (polygon roads: the margin only).
Distances road_distances(const Layer& roads, const PlanParams& params) {
    Distances r;
    r.distance.resize(roads.size());
    const Column* width = roads.canonical_column("width_m");
    const bool surfaces = roads.geometry.geom_class() == GeomClass::Polygon;
    for (size_t i = 0; i < roads.size(); ++i) {
        double w = number_at(width, i);
        if (!(w > 0.0)) w = params.default_road_width_m;
        r.distance[i] = (surfaces ? 0.0 : w / 2.0) + params.road_margin_m;
        r.max = std::max(r.max, r.distance[i]);
    }
    return r;
}

// Corridor half-width per pipeline; -1 for overhead lines.
Distances pipeline_distances(const Layer& pipes, const ClearanceTable& table) {
    Distances p;
    p.distance.resize(pipes.size());
    const Column* kind = pipes.canonical_column("kind");
    const Column* laying = pipes.canonical_column("laying");
    const Column* diameter = pipes.canonical_column("diameter_mm");
    const Column* pressure = pipes.canonical_column("pressure");
    for (size_t i = 0; i < pipes.size(); ++i) {
        if (text_at(laying, i) == "overhead") {
            p.distance[i] = -1.0;
            continue;
        }
        p.distance[i] = table.corridor_half_width_m(text_at(kind, i), number_at(diameter, i),
                                                    text_at(pressure, i));
        p.max = std::max(p.max, p.distance[i]);
    }
    return p;
}

// Squared distance from (px, py) to the segment (x1, y1)-(x2, y2).
double point_segment_distance2(double px, double py, double x1, double y1, double x2, double y2) {
    const double dx = x2 - x1, dy = y2 - y1;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = x1 + t * dx - px, ey = y1 + t * dy - py;
    return ex * ex + ey * ey;
}

// Per pipeline: 1 when its corridor lies inside the buffer of the road lines, so that
// subtracting the road buffers already removes it and it need not be buffered and united
// (networks follow the streets: on the synthetic town most corridors do). The test is
// sufficient and exact: every segment of the pipe has both end points within d_road - d_pipe
// of one segment of one road. The distance to a segment is convex along another segment, so the
// whole pipe segment is then within d_road - d_pipe of the road, and every point of its
// corridor within d_road (triangle inequality). Inside an area the road buffer subtracted is
// exact (roads are clipped to the area's box grown by their distance), so dropping the
// corridor changes nothing there.
std::vector<uint8_t> corridors_inside_roads(const Layer& pipes, const Distances& pd,
                                            const Layer& roads, const Distances& rd, int jobs) {
    std::vector<uint8_t> inside(pipes.size(), 0);
    if (roads.geometry.geom_class() != GeomClass::Line || roads.size() == 0) return inside;
    constexpr size_t kPipesPerChunk = 4096;
    parallel_chunks(
        pipes.size(), kPipesPerChunk, jobs, nullptr, [&](size_t, size_t begin, size_t end) {
            const GeometryColumn& pg = pipes.geometry;
            const GeometryColumn& rg = roads.geometry;
            for (size_t i = begin; i < end; ++i) {
                const double d = pd.distance[i];
                if (d < 0.0 || pg.part_begin(i) == pg.part_end(i)) continue;
                bool covered = true;
                for (size_t part = pg.part_begin(i); covered && part < pg.part_end(i); ++part) {
                    for (size_t ring = pg.ring_begin(part); covered && ring < pg.ring_end(part);
                         ++ring) {
                        const auto xy = pg.ring(ring);
                        for (size_t k = 0; covered && k + 3 < xy.size(); k += 2) {
                            const double ax = xy[k], ay = xy[k + 1], bx = xy[k + 2], by = xy[k + 3];
                            Box seg;
                            seg.min_x = std::min(ax, bx);
                            seg.max_x = std::max(ax, bx);
                            seg.min_y = std::min(ay, by);
                            seg.max_y = std::max(ay, by);
                            bool found = false;
                            for (uint32_t r : roads.query(seg.buffered(rd.max))) {
                                const double reach = rd.distance[r] - d;
                                if (reach < 0.0 || rg.box(r).distance(seg) > reach) continue;
                                const double reach2 = reach * reach;
                                for (size_t rp = rg.part_begin(r); !found && rp < rg.part_end(r);
                                     ++rp)
                                    for (size_t rr = rg.ring_begin(rp);
                                         !found && rr < rg.ring_end(rp); ++rr) {
                                        const auto l = rg.ring(rr);
                                        for (size_t q = 0; !found && q + 3 < l.size(); q += 2)
                                            found = point_segment_distance2(ax, ay, l[q], l[q + 1],
                                                                            l[q + 2],
                                                                            l[q + 3]) <= reach2 &&
                                                    point_segment_distance2(bx, by, l[q], l[q + 1],
                                                                            l[q + 2],
                                                                            l[q + 3]) <= reach2;
                                    }
                                if (found) break;
                            }
                            covered = found;
                        }
                    }
                }
                inside[i] = covered ? 1 : 0;
            }
        });
    return inside;
}

// [SECTION] GEOS helpers ---------------------------------------------------------------------

bool box_within(const Box& inner, const Box& outer) {
    return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
           inner.max_y <= outer.max_y;
}

// The coordinates of every ring of a polygon, relative to an origin (x, y interleaved, closed).
std::vector<std::vector<double>> polygon_rings(GEOSContextHandle_t ctx, const GEOSGeometry* poly,
                                               double ox, double oy) {
    std::vector<std::vector<double>> rings;
    auto add = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(ctx, ring) : nullptr;
        unsigned int n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n) || n < 4) return;
        std::vector<double> xy(2 * size_t(n));
        if (!GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0)) return;
        for (size_t i = 0; i < xy.size(); i += 2) {
            xy[i] -= ox;
            xy[i + 1] -= oy;
        }
        rings.push_back(std::move(xy));
    };
    add(GEOSGetExteriorRing_r(ctx, poly));
    const int holes = GEOSGetNumInteriorRings_r(ctx, poly);
    for (int h = 0; h < holes; ++h)
        add(GEOSGetInteriorRingN_r(ctx, poly, h));
    return rings;
}

// Counting sort of items into the cells of an nx x ny grid: items[cells[c] .. cells[c + 1]) are
// those registered in cell c (row-major). `range(k, i0, i1, j0, j1)` gives item k's cells.
template <class Range>
void bucket_by_cell(size_t count, int nx, int ny, Range&& range, std::vector<uint32_t>& cells,
                    std::vector<uint32_t>& items) {
    cells.assign(size_t(nx) * size_t(ny) + 1, 0);
    std::vector<uint32_t> fill;
    for (int pass = 0; pass < 2; ++pass) {
        for (uint32_t k = 0; k < count; ++k) {
            int i0 = 0, i1 = 0, j0 = 0, j1 = 0;
            range(k, i0, i1, j0, j1);
            for (int j = j0; j <= j1; ++j)
                for (int i = i0; i <= i1; ++i) {
                    const size_t c = size_t(j) * size_t(nx) + size_t(i);
                    if (pass == 0)
                        ++cells[c + 1];
                    else
                        items[fill[c]++] = k;
                }
        }
        if (pass == 0) {
            for (size_t c = 1; c < cells.size(); ++c)
                cells[c] += cells[c - 1];
            items.resize(cells.back());
            fill.assign(cells.begin(), cells.end() - 1);
        }
    }
}

// [SECTION] maximum inscribed circle --------------------------------------------------------
//
// The radius of the largest circle inside a polygon, by the branch and bound of
// GEOSMaximumInscribedCircle (JTS MaximumInscribedCircle, after Mapbox's polylabel): square
// cells covering the polygon, best potential first; a cell is split while the distance its
// centre could still gain (half its diagonal) exceeds the tolerance over the best centre found.
// The result is within the tolerance below the true radius, as GEOS's is. Done here because it
// is the spare-land analysis' most frequent operation and GEOS builds two spatial indexes and
// allocates per cell: a flat grid of the polygon's edges answers the signed distance of a cell
// centre without allocating (about 5 times faster on the synthetic town's pieces; the tests
// compare it with GEOS).

class InscribedCircle {
public:
    explicit InscribedCircle(const std::vector<std::vector<double>>& rings) {
        double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
        for (const auto& ring : rings) {
            for (size_t i = 0; i + 2 < ring.size(); i += 2) {
                m_segs.push_back({ring[i], ring[i + 1], ring[i + 2], ring[i + 3]});
                x0 = std::min(x0, ring[i]);
                x1 = std::max(x1, ring[i]);
                y0 = std::min(y0, ring[i + 1]);
                y1 = std::max(y1, ring[i + 1]);
            }
        }
        if (m_segs.empty()) return;
        // The search covers the square of the envelope's larger side around its centre; the grid
        // covers that square.
        m_cx = 0.5 * (x0 + x1);
        m_cy = 0.5 * (y0 + y1);
        m_half = 0.5 * std::max(x1 - x0, y1 - y0);
        if (!(m_half > 0.0)) return;
        m_n = std::clamp<int>(int(std::ceil(std::sqrt(double(m_segs.size())))), 1, 256);
        m_cell = 2.0 * m_half / m_n;
        m_gx0 = m_cx - m_half;
        m_gy0 = m_cy - m_half;
        // Each segment registered in the cells its box overlaps.
        bucket_by_cell(
            m_segs.size(), m_n, m_n,
            [&](uint32_t k, int& i0, int& i1, int& j0, int& j1) {
                const Seg& s = m_segs[k];
                i0 = col(std::min(s.x1, s.x2));
                i1 = col(std::max(s.x1, s.x2));
                j0 = col_y(std::min(s.y1, s.y2));
                j1 = col_y(std::max(s.y1, s.y2));
            },
            m_cells, m_items);
        m_stamp.assign(m_segs.size(), 0);
    }

    // The radius, within `tolerance` (or kMicRelativeTolerance of it, if more) below the true
    // one; 0 for an empty polygon. `upper` (optional) receives a bound the true radius does not
    // exceed.
    double radius(double tolerance, double start_x, double start_y, double* upper = nullptr) {
        if (upper) *upper = 0.0;
        if (m_segs.empty() || !(m_half > 0.0)) return 0.0;
        // A tolerance of zero would split cells for ever.
        tolerance = std::max(tolerance, m_half * 1e-9);
        struct Cell {
            double x, y, h, d, max;
            bool operator<(const Cell& o) const { return max < o.max; }
        };
        // A child's centre lies h sqrt 2 from its parent's (h: the child's half side); if
        // the parent's centre is farther than that from the boundary, the child is on the same
        // side and needs no inside test.
        auto make = [&](double x, double y, double h, double parent_d) {
            const double reach = h * std::numbers::sqrt2 * (1.0 + 1e-9);
            const int side = parent_d > reach ? 1 : parent_d < -reach ? -1 : 0;
            const double d = signed_distance(x, y, side);
            return Cell{x, y, h, d, d + h * std::numbers::sqrt2};
        };
        std::priority_queue<Cell> queue;
        queue.push(make(m_cx, m_cy, m_half, 0.0));
        // First guess: a point known to be inside (GEOS uses the interior point).
        double best = std::max(0.0, signed_distance(start_x, start_y));
        double bound = best; // the largest potential of the cells not split
        while (!queue.empty()) {
            const Cell c = queue.top();
            queue.pop();
            best = std::max(best, c.d);
            if (c.max - best <= std::max(tolerance, kMicRelativeTolerance * best)) {
                bound = std::max(bound, c.max);
                continue;
            }
            const double h = c.h / 2;
            queue.push(make(c.x - h, c.y - h, h, c.d));
            queue.push(make(c.x + h, c.y - h, h, c.d));
            queue.push(make(c.x - h, c.y + h, h, c.d));
            queue.push(make(c.x + h, c.y + h, h, c.d));
        }
        if (upper) *upper = bound;
        return best;
    }

private:
    struct Seg {
        double x1, y1, x2, y2;
    };

    int col(double x) const {
        return std::clamp(int(std::floor((x - m_gx0) / m_cell)), 0, m_n - 1);
    }
    int col_y(double y) const {
        return std::clamp(int(std::floor((y - m_gy0) / m_cell)), 0, m_n - 1);
    }

    static double segment_distance2(const Seg& s, double px, double py) {
        return point_segment_distance2(px, py, s.x1, s.y1, s.x2, s.y2);
    }

    // Distance to the boundary, positive inside, negative outside.
    // `side`: 1 or -1 when the caller knows the point is inside or outside, 0 to find out.
    double signed_distance(double px, double py, int side = 0) {
        ++m_current;
        const int ci = col(px), cj = col_y(py);
        // Inside: crossings of a ray towards +x; every edge crossing it is registered in a cell
        // of this row at or right of the point's column.
        bool inside = side > 0;
        for (int i = side == 0 ? ci : m_n; i < m_n; ++i) {
            const size_t c = size_t(cj) * m_n + i;
            for (uint32_t k = m_cells[c]; k < m_cells[c + 1]; ++k) {
                const uint32_t s = m_items[k];
                if (m_stamp[s] == m_current) continue;
                m_stamp[s] = m_current;
                const Seg& e = m_segs[s];
                if ((e.y1 > py) == (e.y2 > py)) continue;
                const double xc = e.x1 + (py - e.y1) / (e.y2 - e.y1) * (e.x2 - e.x1);
                if (xc > px) inside = !inside;
            }
        }
        // Nearest edge: rings of cells around the point's cell until no closer edge can remain.
        ++m_current;
        double best2 = std::numeric_limits<double>::infinity();
        auto visit = [&](int i, int j) {
            if (i < 0 || j < 0 || i >= m_n || j >= m_n) return;
            const size_t c = size_t(j) * m_n + i;
            for (uint32_t k = m_cells[c]; k < m_cells[c + 1]; ++k) {
                const uint32_t s = m_items[k];
                if (m_stamp[s] == m_current) continue;
                m_stamp[s] = m_current;
                best2 = std::min(best2, segment_distance2(m_segs[s], px, py));
            }
        };
        for (int ring = 0; ring < m_n; ++ring) {
            if (ring == 0) {
                visit(ci, cj);
            } else {
                for (int i = ci - ring; i <= ci + ring; ++i) {
                    visit(i, cj - ring);
                    visit(i, cj + ring);
                }
                for (int j = cj - ring + 1; j <= cj + ring - 1; ++j) {
                    visit(ci - ring, j);
                    visit(ci + ring, j);
                }
            }
            // Cells beyond this ring are at least `ring` cells away from the point's cell.
            const double reach = ring * m_cell;
            if (best2 <= reach * reach) break;
        }
        const double d = std::sqrt(best2);
        return inside ? d : -d;
    }

    std::vector<Seg> m_segs;
    std::vector<uint32_t> m_cells; // cell -> first item (counting-sort offsets)
    std::vector<uint32_t> m_items; // segment indices by cell
    std::vector<uint32_t> m_stamp;
    uint32_t m_current = 0;
    double m_cx = 0, m_cy = 0, m_half = 0, m_cell = 1, m_gx0 = 0, m_gy0 = 0;
    int m_n = 1;
};

// [SECTION] reach of lines -------------------------------------------------------------------
//
// Whether a piece comes within reach of the area's outline or of a road's buffer (the access
// test): segments with a reach each, in a uniform grid of cells they reach into; a piece's
// boundary segments look up the cells their boxes meet. Exact: the distance between two
// segments is 0 when they cross, else the least of the four end point distances.

double segment_distance2(double ax, double ay, double bx, double by, double cx, double cy,
                         double dx, double dy) {
    auto orient = [](double px, double py, double qx, double qy, double rx, double ry) {
        const double v = (qx - px) * (ry - py) - (qy - py) * (rx - px);
        return (v > 0.0) - (v < 0.0);
    };
    const int o1 = orient(ax, ay, bx, by, cx, cy), o2 = orient(ax, ay, bx, by, dx, dy);
    const int o3 = orient(cx, cy, dx, dy, ax, ay), o4 = orient(cx, cy, dx, dy, bx, by);
    if (o1 * o2 < 0 && o3 * o4 < 0) return 0.0;
    return std::min({point_segment_distance2(ax, ay, cx, cy, dx, dy),
                     point_segment_distance2(bx, by, cx, cy, dx, dy),
                     point_segment_distance2(cx, cy, ax, ay, bx, by),
                     point_segment_distance2(dx, dy, ax, ay, bx, by)});
}

class SegmentReach {
public:
    // A polyline (x, y interleaved, relative to the caller's origin) whose segments reach `reach`.
    void add(std::span<const double> xy, double reach) {
        for (size_t k = 0; k + 3 < xy.size(); k += 2)
            m_segs.push_back({xy[k], xy[k + 1], xy[k + 2], xy[k + 3], reach});
        m_built = false;
    }

    bool empty() const { return m_segs.empty(); }

    // True if a segment of the rings comes within the reach of one of the segments added.
    bool reached_by(const std::vector<std::vector<double>>& rings) {
        if (m_segs.empty()) return false;
        if (!m_built) build();
        for (const auto& ring : rings) {
            for (size_t k = 0; k + 3 < ring.size(); k += 2) {
                const double ax = ring[k], ay = ring[k + 1], bx = ring[k + 2], by = ring[k + 3];
                const int i0 = col(std::min(ax, bx)), i1 = col(std::max(ax, bx));
                const int j0 = row(std::min(ay, by)), j1 = row(std::max(ay, by));
                ++m_current;
                for (int j = j0; j <= j1; ++j)
                    for (int i = i0; i <= i1; ++i) {
                        const size_t c = size_t(j) * m_nx + i;
                        for (uint32_t q = m_cells[c]; q < m_cells[c + 1]; ++q) {
                            const uint32_t t = m_items[q];
                            if (m_stamp[t] == m_current) continue;
                            m_stamp[t] = m_current;
                            const Seg& e = m_segs[t];
                            if (segment_distance2(ax, ay, bx, by, e.x1, e.y1, e.x2, e.y2) <=
                                e.reach * e.reach)
                                return true;
                        }
                    }
            }
        }
        return false;
    }

private:
    struct Seg {
        double x1, y1, x2, y2, reach;
    };

    int col(double x) const {
        return std::clamp(int(std::floor((x - m_x0) / m_cell)), 0, m_nx - 1);
    }
    int row(double y) const {
        return std::clamp(int(std::floor((y - m_y0) / m_cell)), 0, m_ny - 1);
    }

    // The grid over the segments' reach, about one segment a cell; each segment registered in
    // the cells its box grown by its reach meets (counting sort).
    void build() {
        Box all;
        for (const Seg& e : m_segs) {
            all.expand(std::min(e.x1, e.x2) - e.reach, std::min(e.y1, e.y2) - e.reach);
            all.expand(std::max(e.x1, e.x2) + e.reach, std::max(e.y1, e.y2) + e.reach);
        }
        const double side = std::max({all.width(), all.height(), 1e-6});
        const int n = std::clamp(int(std::ceil(std::sqrt(double(m_segs.size())))), 1, 512);
        m_cell = side / n;
        m_x0 = all.min_x;
        m_y0 = all.min_y;
        m_nx = std::clamp(int(std::ceil(all.width() / m_cell)), 1, 4 * n);
        m_ny = std::clamp(int(std::ceil(all.height() / m_cell)), 1, 4 * n);
        bucket_by_cell(
            m_segs.size(), m_nx, m_ny,
            [&](uint32_t k, int& i0, int& i1, int& j0, int& j1) {
                const Seg& e = m_segs[k];
                i0 = col(std::min(e.x1, e.x2) - e.reach);
                i1 = col(std::max(e.x1, e.x2) + e.reach);
                j0 = row(std::min(e.y1, e.y2) - e.reach);
                j1 = row(std::max(e.y1, e.y2) + e.reach);
            },
            m_cells, m_items);
        m_stamp.assign(m_segs.size(), 0);
        m_current = 0;
        m_built = true;
    }

    std::vector<Seg> m_segs;
    std::vector<uint32_t> m_cells, m_items, m_stamp;
    uint32_t m_current = 0;
    double m_x0 = 0, m_y0 = 0, m_cell = 1;
    int m_nx = 1, m_ny = 1;
    bool m_built = false;
};

// [SECTION] one area ------------------------------------------------------------------------

struct Shared {
    const SpareLandInput& input;
    const PlanParams& params;
    Distances roads;
    Distances pipes;
    std::vector<uint8_t> pipe_inside_road; // per pipeline (corridors_inside_roads)
    const Column* landuse = nullptr;
};

// Adds the thread time of a scope to a counter.
class ScopedTime {
public:
    explicit ScopedTime(double& seconds) : m_seconds(seconds) {}
    ~ScopedTime() {
        m_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }
    ScopedTime(const ScopedTime&) = delete;
    ScopedTime& operator=(const ScopedTime&) = delete;

private:
    double& m_seconds;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

struct AreaOutput {
    std::vector<SparePiece> pieces;
    SpareLandCounts counts;
    SpareLandTimes times;
    Diagnostics diagnostics;
};

class AreaWorker {
public:
    AreaWorker(const Shared& shared, GEOSContextHandle_t ctx, AreaOutput& out)
        : m_s(shared), m_ctx(ctx), m_out(out) {}

    void run(uint32_t index) {
        m_parcels.clear();
        const GeometryColumn& areas = *m_s.input.areas;
        const Box box = areas.box(index);
        m_ox = std::floor(box.min_x);
        m_oy = std::floor(box.min_y);
        GeosGeometryPtr area = areas.to_geos(m_ctx, index);
        double area_m2 = 0.0;
        GEOSArea_r(m_ctx, area.get(), &area_m2);
        m_out.counts.areas += 1;
        m_out.counts.area_m2 += area_m2;

        // The obstacles near the whole area are counted once per area, and the roads kept for
        // the access test: by the overlay's own search for a small area, by a search of their
        // own for a large one, which is then worked tile by tile (tiled_spare).
        const bool tiled = std::max(box.width(), box.height()) > kTileSide * 1.5;
        if (tiled) obstacles(box, nullptr, true);
        GeosGeometryPtr spare;
        {
            ScopedTime t(m_out.times.subtract_s);
            spare = tiled ? tiled_spare(area.get(), box) : spare_in(area.get(), box, true);
        }
        if (!spare) {
            m_out.counts.areas_failed += 1;
            m_out.diagnostics.add(Severity::Warning, "spare_land.overlay_failed", {},
                                  "area " + std::to_string(index) +
                                      ": the obstacles could not be subtracted (" + m_failure +
                                      "); no spare land reported for it",
                                  "check the area and the layers near it for invalid geometry");
            return;
        }
        double spare_m2 = 0.0;
        GEOSArea_r(m_ctx, spare.get(), &spare_m2);
        m_out.counts.spare_area_m2 += spare_m2;

        // The area's outline and the roads near it, for the access test (built at the first
        // piece classified).
        SegmentReach access;
        bool access_built = false;
        const int n = GEOSGetNumGeometries_r(m_ctx, spare.get());
        for (int k = 0; k < n; ++k) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(m_ctx, spare.get(), k);
            if (!part || GEOSGeomTypeId_r(m_ctx, part) != GEOS_POLYGON ||
                GEOSisEmpty_r(m_ctx, part) != 0)
                continue;
            m_out.counts.pieces += 1;
            double piece_m2 = 0.0;
            GEOSArea_r(m_ctx, part, &piece_m2);
            if (piece_m2 < m_s.params.min_area_m2) {
                m_out.counts.pieces_too_small += 1;
                continue;
            }
            // The piece's rings relative to the area's corner: Gauss-Kruger coordinates lose
            // digits in squares.
            const std::vector<std::vector<double>> rings =
                polygon_rings(m_ctx, part, box.min_x, box.min_y);
            double radius = 0.0;
            {
                ScopedTime t(m_out.times.width_s);
                radius = usable_radius(part, rings, box);
            }
            if (radius < m_s.params.min_width_m) {
                m_out.counts.pieces_too_narrow += 1;
                continue;
            }
            SparePiece piece;
            piece.area_index = index;
            piece.geometry.set_geom_class(GeomClass::Polygon);
            piece.geometry.append_geos(m_ctx, part);
            piece.area_m2 = piece_m2;
            piece.inscribed_radius_m = radius;
            m_out.counts.pieces_kept += 1;
            m_out.counts.kept_area_m2 += piece_m2;
            if (m_s.input.classify) {
                ScopedTime t(m_out.times.classify_s);
                if (!access_built) {
                    build_access(index, box, access);
                    access_built = true;
                }
                // Within 1 cm of the area's outline or of a road's buffer.
                piece.accessible = access.reached_by(rings);
                classify(part, piece);
            }
            m_out.pieces.push_back(std::move(piece));
        }
    }

private:
    // --- the subtraction -----------------------------------------------------------------------
    // `area` (inside `box`) minus the buffered obstacles near `box`, on the 0.1 mm grid of the
    // area's origin (ClipOverlay); nullptr (and the reason in m_failure) if the overlay fails.
    // `count`: the obstacles are counted as well (see obstacles()).
    GeosGeometryPtr spare_in(const GEOSGeometry* area, const Box& box, bool count) {
        ScopedTime t(m_out.times.overlay_s);
        try {
            ClipOverlay overlay(m_ox, m_oy);
            overlay.add_area(m_ctx, area);
            obstacles(box, &overlay, count);
            return overlay.difference(m_ctx);
        } catch (const std::exception& e) {
            m_failure = e.what();
            return nullptr;
        }
    }

    // A large area cut into tiles of about kTileSide: each tile's share of the area minus the
    // obstacles near the tile (the overlay's scan line then crosses a tile's edges, not the
    // whole district's), then the pieces that meet a tile edge inside the area united again.
    // The tiles share the area's grid, so both sides of a tile edge put it on the same nodes.
    GeosGeometryPtr tiled_spare(const GEOSGeometry* area, const Box& box) {
        const int nx = std::max(1, int(std::ceil(box.width() / kTileSide)));
        const int ny = std::max(1, int(std::ceil(box.height() / kTileSide)));
        auto grid = [](double lo, double hi, int n, int i) {
            return i == n ? hi : lo + (hi - lo) * double(i) / double(n);
        };
        // A piece's side on a tile edge lies on the edge's grid node (within 0.05 mm of it).
        constexpr double kEdge = 1e-3; // m
        std::vector<GeosGeometryPtr> inner, border;
        std::vector<Box> border_boxes;
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                const Box tile{grid(box.min_x, box.max_x, nx, i), grid(box.min_y, box.max_y, ny, j),
                               grid(box.min_x, box.max_x, nx, i + 1),
                               grid(box.min_y, box.max_y, ny, j + 1)};
                GeosGeometryPtr clip =
                    make_geos_ptr(m_ctx, GEOSClipByRect_r(m_ctx, area, tile.min_x, tile.min_y,
                                                          tile.max_x, tile.max_y));
                if (!clip) {
                    m_failure = "GEOS could not cut the area to a tile";
                    return nullptr;
                }
                if (GEOSisEmpty_r(m_ctx, clip.get()) != 0) continue;
                GeosGeometryPtr part_set = spare_in(clip.get(), tile, false);
                if (!part_set) return nullptr;
                const int n = GEOSGetNumGeometries_r(m_ctx, part_set.get());
                for (int k = 0; k < n; ++k) {
                    const GEOSGeometry* part = GEOSGetGeometryN_r(m_ctx, part_set.get(), k);
                    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
                    GEOSGeom_getExtent_r(m_ctx, part, &x0, &y0, &x1, &y1);
                    const bool on_edge = (i > 0 && x0 <= tile.min_x + kEdge) ||
                                         (i + 1 < nx && x1 >= tile.max_x - kEdge) ||
                                         (j > 0 && y0 <= tile.min_y + kEdge) ||
                                         (j + 1 < ny && y1 >= tile.max_y - kEdge);
                    if (on_edge) border_boxes.push_back(Box{x0, y0, x1, y1});
                    (on_edge ? border : inner)
                        .push_back(make_geos_ptr(m_ctx, GEOSGeom_clone_r(m_ctx, part)));
                }
            }
        }
        // The border pieces are united group by group (pieces whose extents meet), each union
        // as small as the pieces it joins.
        for (const auto& members : meeting_box_groups(border_boxes, kEdge)) {
            if (members.size() == 1) {
                inner.push_back(std::move(border[members.front()]));
                continue;
            }
            std::vector<GeosGeometryPtr> group;
            for (const uint32_t k : members)
                group.push_back(std::move(border[k]));
            const GeosGeometryPtr coll = geos_collection(m_ctx, group);
            GeosGeometryPtr merged = merge_border_pieces(coll.get());
            if (!merged) {
                m_failure = "GEOS could not unite the pieces along the tile edges";
                return nullptr;
            }
            const int n = GEOSGetNumGeometries_r(m_ctx, merged.get());
            for (int k = 0; k < n; ++k)
                inner.push_back(make_geos_ptr(
                    m_ctx, GEOSGeom_clone_r(m_ctx, GEOSGetGeometryN_r(m_ctx, merged.get(), k))));
        }
        return geos_collection(m_ctx, inner);
    }

    // The union of the pieces met along tile edges. The two sides of an edge share its grid
    // nodes, so GEOS's union in floating precision (buffer by 0 for a few pieces, its cascade
    // for many) joins them exactly; it is checked - valid, and the area of the parts kept - and
    // otherwise snap-rounded to a 1 mm grid. nullptr if both fail.
    GeosGeometryPtr merge_border_pieces(const GEOSGeometry* pieces) {
        ScopedTime t(m_out.times.overlay_s);
        constexpr int kFewParts = 256;      // above: GEOS's buffer turns quadratic, its cascade not
        constexpr double kSnapGrid = 0.001; // m
        double parts_m2 = 0.0, merged_m2 = 0.0;
        GEOSArea_r(m_ctx, pieces, &parts_m2);
        const bool few = GEOSGetNumGeometries_r(m_ctx, pieces) <= kFewParts;
        GeosGeometryPtr merged = make_geos_ptr(m_ctx, few ? GEOSBuffer_r(m_ctx, pieces, 0.0, 8)
                                                          : GEOSUnaryUnion_r(m_ctx, pieces));
        if (merged) GEOSArea_r(m_ctx, merged.get(), &merged_m2);
        if (merged && GEOSisValid_r(m_ctx, merged.get()) == 1 &&
            std::abs(merged_m2 - parts_m2) <= 1e-9 * parts_m2 + 1e-6)
            return merged;
        return make_geos_ptr(m_ctx, GEOSUnaryUnionPrec_r(m_ctx, pieces, kSnapGrid));
    }

    // --- obstacles ---------------------------------------------------------------------------
    // The obstacles near `box` added to `overlay` (when given); with `count`, counted and the
    // roads near the area kept for the access test.
    void obstacles(const Box& box, ClipOverlay* overlay, bool count) {
        if (count) m_road_rows.clear();
        if (const Layer* layer = m_s.input.buildings) {
            const double d = m_s.params.setback_m;
            for (uint32_t r : layer->query(box.buffered(d))) {
                if (layer->geometry.box(r).distance(box) > d) continue;
                if (overlay) overlay->add_buffered(layer->geometry, r, d);
                if (count) m_out.counts.buildings += 1;
            }
        }
        if (const Layer* layer = m_s.input.roads) {
            for (uint32_t r : layer->query(box.buffered(m_s.roads.max))) {
                const double d = m_s.roads.distance[r];
                if (layer->geometry.box(r).distance(box) > d) continue;
                if (overlay) {
                    const Box within = box.buffered(d + 1.0);
                    overlay->add_buffered(layer->geometry, r, d, &within);
                }
                if (count) {
                    m_out.counts.roads += 1;
                    m_road_rows.push_back(r);
                }
            }
        }
        if (const Layer* layer = m_s.input.pipelines; layer && m_s.params.pipeline_clearance) {
            for (uint32_t r : layer->query(box.buffered(m_s.pipes.max))) {
                const double d = m_s.pipes.distance[r];
                if (layer->geometry.box(r).distance(box) > std::max(d, 0.0)) continue;
                if (d < 0.0) {
                    if (count) m_out.counts.pipelines_overhead += 1;
                } else if (!m_s.pipe_inside_road.empty() && m_s.pipe_inside_road[r]) {
                    if (count) m_out.counts.pipelines_inside_roads += 1;
                } else {
                    if (overlay) {
                        const Box within = box.buffered(d + 1.0);
                        overlay->add_buffered(layer->geometry, r, d, &within);
                    }
                    if (count) m_out.counts.pipelines_buried += 1;
                }
            }
        }
        polygons(m_s.input.water, box, overlay, count ? &m_out.counts.water : nullptr);
        polygons(m_s.input.protected_areas, box, overlay,
                 count ? &m_out.counts.protected_areas : nullptr);
    }

    void polygons(const Layer* layer, const Box& box, ClipOverlay* overlay, size_t* count) {
        if (!layer || layer->geometry.geom_class() != GeomClass::Polygon) return;
        for (uint32_t r : layer->query(box)) {
            if (count) *count += 1;
            if (!overlay) continue;
            if (box_within(layer->geometry.box(r), box)) {
                overlay->add_buffered(layer->geometry, r, 0.0);
                continue;
            }
            // A big river is cut to the box (GEOS's rectangle clipping, linear in its vertices)
            // so that the overlay does not carry its whole length for every tile.
            const GeosGeometryPtr g = layer->geometry.to_geos(m_ctx, r);
            const Box b = box.buffered(1.0);
            const GeosGeometryPtr cut = make_geos_ptr(
                m_ctx, GEOSClipByRect_r(m_ctx, g.get(), b.min_x, b.min_y, b.max_x, b.max_y));
            if (!cut) throw std::runtime_error("GEOS: cannot cut a polygon to an area's box");
            overlay->add_obstacle(m_ctx, cut.get());
        }
    }

    // The access test's lines, relative to the area's corner: the area's outline reaching 1 cm,
    // the roads near it their buffer distance plus 1 cm (a buffer's chords lie inside the true
    // circle, so a piece touching the buffer passes).
    void build_access(uint32_t index, const Box& box, SegmentReach& access) const {
        std::vector<double> xy;
        auto add = [&](std::span<const double> ring, double reach) {
            xy.assign(ring.begin(), ring.end());
            for (size_t k = 0; k < xy.size(); k += 2) {
                xy[k] -= box.min_x;
                xy[k + 1] -= box.min_y;
            }
            access.add(xy, reach);
        };
        const GeometryColumn& areas = *m_s.input.areas;
        for (size_t part = areas.part_begin(index); part < areas.part_end(index); ++part)
            for (size_t r = areas.ring_begin(part); r < areas.ring_end(part); ++r)
                add(areas.ring(r), kAccessDistance);
        if (const Layer* roads = m_s.input.roads) {
            const GeometryColumn& g = roads->geometry;
            for (const uint32_t row : m_road_rows) {
                // Polygon roads reach their margin from their outline, lines from the line.
                const double reach = m_s.roads.distance[row] + kAccessDistance;
                for (size_t part = g.part_begin(row); part < g.part_end(row); ++part)
                    for (size_t r = g.ring_begin(part); r < g.ring_end(part); ++r)
                        add(g.ring(r), reach);
            }
        }
    }

    // The inscribed radius, decided against min_width_m to 1 mm: the branch and bound leaves the
    // true radius between its result r and r + tolerance; where min_width_m falls in between
    // (strips 6.0-6.2 m wide for 3 m - common between a setback and a road), the piece is
    // shrunk by min_width_m - 1 mm (32 segments a quarter circle, within 4 mm of round) and kept
    // if something remains, with min_width_m as its radius.
    // `rings`: the piece's, relative to the corner of `box`.
    double usable_radius(const GEOSGeometry* piece, const std::vector<std::vector<double>>& rings,
                         const Box& box) {
        const double r_min = m_s.params.min_width_m;
        InscribedCircle mic(rings);
        const GeosGeometryPtr start = make_geos_ptr(m_ctx, GEOSPointOnSurface_r(m_ctx, piece));
        double sx = 0.0, sy = 0.0;
        if (!start || !GEOSGeomGetX_r(m_ctx, start.get(), &sx) ||
            !GEOSGeomGetY_r(m_ctx, start.get(), &sy))
            throw std::runtime_error("GEOS: no point on a spare-land piece");
        double upper = 0.0;
        const double r = mic.radius(kMicTolerance, sx - box.min_x, sy - box.min_y, &upper);
        if (r_min <= 0.0 || r >= r_min) return r;
        if (r >= r_min - kWidthDecision) return r_min;
        if (upper < r_min - kWidthDecision) return r; // certainly narrower
        const GeosGeometryPtr inset = make_geos_ptr(
            m_ctx, GEOSBuffer_r(m_ctx, piece, -(r_min - kWidthDecision), kFineQuadrantSegments));
        if (!inset) throw std::runtime_error("GEOS: cannot shrink a spare-land piece");
        return GEOSisEmpty_r(m_ctx, inset.get()) != 0 ? r : std::max(r, r_min);
    }

    // --- classification ------------------------------------------------------------------------
    void classify(const GEOSGeometry* part, SparePiece& piece) {
        const PlanParams& p = m_s.params;
        {
            ScopedTime t(m_out.times.parking_s);
            piece.stalls = count_stalls(m_ctx, part, p);
        }
        piece.stalls_by_norm =
            p.land_per_stall_m2 > 0 ? int(std::floor(piece.area_m2 / p.land_per_stall_m2)) : 0;
        piece.services_fitting = facilities_fitting(piece.area_m2);
        if (piece.accessible && piece.stalls >= p.min_parking_stalls)
            piece.use = "parking";
        else if (any_site_facility(piece.services_fitting))
            piece.use = "service";
        else
            piece.use = "green";
        if (piece.use == "parking") {
            m_out.counts.parking += 1;
            m_out.counts.stalls += piece.stalls;
        } else if (piece.use == "service") {
            m_out.counts.service += 1;
        } else {
            m_out.counts.green += 1;
        }
        zone(part, piece);
    }

    // The zoning parcel holding most of the piece.
    void zone(const GEOSGeometry* part, SparePiece& piece) {
        const Layer* zoning = m_s.input.zoning;
        if (!zoning) {
            piece.zoning_status = "unknown";
            piece.zoning_note_zh = "未提供控规地块图层";
            piece.zoning_note_en = "no zoning layer given";
            return;
        }
        double best = 0.0;
        int64_t best_row = -1;
        const Box piece_box = piece.geometry.box(0);
        // The piece prepared when a parcel does not hold it whole: a parcel it misses or holds
        // whole needs no overlay.
        GeosPreparedPtr prepared(nullptr, GeosPreparedDeleter{m_ctx});
        for (uint32_t r : zoning->query(piece_box)) {
            Parcel& parcel = parcel_at(r);
            // A parcel holding the whole piece has the largest overlap there can be: no overlay.
            if (box_within(piece_box, zoning->geometry.box(r)) &&
                GEOSPreparedContains_r(m_ctx, parcel.prepared(m_ctx), part) == 1) {
                best_row = r;
                break;
            }
            if (!prepared) {
                prepared.reset(GEOSPrepare_r(m_ctx, part));
                if (!prepared) throw std::runtime_error("GEOS: cannot prepare a spare-land piece");
            }
            if (GEOSPreparedIntersects_r(m_ctx, prepared.get(), parcel.geometry.get()) == 0)
                continue;
            if (GEOSPreparedContains_r(m_ctx, prepared.get(), parcel.geometry.get()) == 1) {
                if (parcel.area_m2 > best) {
                    best = parcel.area_m2;
                    best_row = r;
                }
                continue;
            }
            // The overlap on the 0.1 mm grid of the piece's corner.
            double a = 0.0;
            try {
                a = ClipOverlay::overlap_area(m_ctx, part, parcel.geometry.get(),
                                              std::floor(piece_box.min_x),
                                              std::floor(piece_box.min_y));
            } catch (const std::exception&) {
                continue; // a parcel beyond the grid's range is skipped; the others still decide
            }
            if (a > best) {
                best = a;
                best_row = r;
            }
        }
        if (best_row < 0) {
            piece.zoning_status = "unknown";
            piece.zoning_note_zh = "不在任何控规地块内";
            piece.zoning_note_en = "not inside any zoning parcel";
            return;
        }
        const LanduseClass landuse = classify_landuse(text_at(m_s.landuse, size_t(best_row)));
        piece.landuse_code = landuse.code;
        Permissibility verdict = use_permissibility(landuse, piece.use);
        piece.zoning_status = std::move(verdict.status);
        piece.zoning_note_zh = std::move(verdict.note_zh);
        piece.zoning_note_en = std::move(verdict.note_en);
    }

    // A zoning parcel as GEOS needs it, kept while the pieces of one area are zoned (they share
    // their parcels).
    struct Parcel {
        GeosGeometryPtr geometry;
        double area_m2 = 0.0;
        GeosPreparedPtr holder; // prepared at the first piece whose box it holds

        const GEOSPreparedGeometry* prepared(GEOSContextHandle_t ctx) {
            if (!holder) {
                holder =
                    GeosPreparedPtr(GEOSPrepare_r(ctx, geometry.get()), GeosPreparedDeleter{ctx});
                if (!holder) throw std::runtime_error("GEOS: cannot prepare a zoning parcel");
            }
            return holder.get();
        }
    };

    Parcel& parcel_at(uint32_t r) {
        auto [it, added] = m_parcels.try_emplace(r);
        Parcel& p = it->second;
        if (added) {
            p.geometry = m_s.input.zoning->geometry.to_geos(m_ctx, r);
            GEOSArea_r(m_ctx, p.geometry.get(), &p.area_m2);
        }
        return p;
    }

    const Shared& m_s;
    GEOSContextHandle_t m_ctx;
    AreaOutput& m_out;
    std::unordered_map<uint32_t, Parcel> m_parcels; // the current area's, by row
    // Roads near the current area (rows; for the access test).
    std::vector<uint32_t> m_road_rows;
    std::string m_failure; // why the last overlay failed
    // The current area's grid origin (ClipOverlay): every tile of an area on one grid.
    double m_ox = 0.0, m_oy = 0.0;
};

// [SECTION] find_spare_land -----------------------------------------------------------------

void add_counts(SpareLandCounts& total, const SpareLandCounts& c) {
    total.areas += c.areas;
    total.areas_failed += c.areas_failed;
    total.buildings += c.buildings;
    total.roads += c.roads;
    total.pipelines_buried += c.pipelines_buried;
    total.pipelines_overhead += c.pipelines_overhead;
    total.pipelines_inside_roads += c.pipelines_inside_roads;
    total.water += c.water;
    total.protected_areas += c.protected_areas;
    total.pieces += c.pieces;
    total.pieces_too_small += c.pieces_too_small;
    total.pieces_too_narrow += c.pieces_too_narrow;
    total.pieces_kept += c.pieces_kept;
    total.area_m2 += c.area_m2;
    total.spare_area_m2 += c.spare_area_m2;
    total.kept_area_m2 += c.kept_area_m2;
    total.parking += c.parking;
    total.service += c.service;
    total.green += c.green;
    total.stalls += c.stalls;
}

void check_layer(const Layer* layer, std::string_view role, std::initializer_list<GeomClass> ok,
                 Diagnostics& diagnostics) {
    if (!layer) return;
    if (std::find(ok.begin(), ok.end(), layer->geometry.geom_class()) == ok.end())
        diagnostics.add(Severity::Warning, "spare_land.layer_ignored", {{}, layer->name, {}},
                        std::string(role) + " layer has " +
                            to_string(layer->geometry.geom_class()) +
                            " geometry; it is ignored for spare land");
    else if (layer->size() > 0 && !layer->index.built())
        throw ConfigError({{}, layer->name, {}},
                          "spare land: the " + std::string(role) + " layer has no spatial index",
                          "call Layer::build_index() after loading");
}

const Layer* usable(const Layer* layer, std::initializer_list<GeomClass> ok) {
    if (!layer) return nullptr;
    return std::find(ok.begin(), ok.end(), layer->geometry.geom_class()) == ok.end() ? nullptr
                                                                                     : layer;
}

} // namespace

double maximum_inscribed_radius(GEOSContextHandle_t ctx, const GEOSGeometry* polygon,
                                double tolerance) {
    if (!polygon || GEOSGeomTypeId_r(ctx, polygon) != GEOS_POLYGON ||
        GEOSisEmpty_r(ctx, polygon) != 0)
        return 0.0;
    double x0 = 0.0, y0 = 0.0;
    GEOSGeom_getXMin_r(ctx, polygon, &x0);
    GEOSGeom_getYMin_r(ctx, polygon, &y0);
    InscribedCircle mic(polygon_rings(ctx, polygon, x0, y0));
    const GeosGeometryPtr start = make_geos_ptr(ctx, GEOSPointOnSurface_r(ctx, polygon));
    double sx = x0, sy = y0;
    if (start) {
        GEOSGeomGetX_r(ctx, start.get(), &sx);
        GEOSGeomGetY_r(ctx, start.get(), &sy);
    }
    return mic.radius(tolerance, sx - x0, sy - y0);
}

SpareLandResult find_spare_land(const SpareLandInput& input, const PlanParams& params,
                                Progress& progress) {
    if (!input.areas) throw ConfigError({}, "spare land: no areas given");
    if (!input.areas->empty() && input.areas->geom_class() != GeomClass::Polygon)
        throw ConfigError({}, "spare land: the areas are not polygons");
    validate(params);

    using G = GeomClass;
    SpareLandResult result;
    check_layer(input.buildings, "buildings", {G::Polygon, G::Line, G::Point}, result.diagnostics);
    check_layer(input.roads, "roads", {G::Line, G::Polygon}, result.diagnostics);
    check_layer(input.pipelines, "pipelines", {G::Line}, result.diagnostics);
    check_layer(input.water, "water", {G::Polygon}, result.diagnostics);
    check_layer(input.protected_areas, "protected", {G::Polygon}, result.diagnostics);
    check_layer(input.zoning, "zoning", {G::Polygon}, result.diagnostics);

    SpareLandInput in = input;
    in.roads = usable(in.roads, {G::Line, G::Polygon});
    in.pipelines = usable(in.pipelines, {G::Line});
    in.water = usable(in.water, {G::Polygon});
    in.protected_areas = usable(in.protected_areas, {G::Polygon});
    in.zoning = usable(in.zoning, {G::Polygon});
    const ClearanceTable default_table = ClearanceTable::gb50289();
    const ClearanceTable& table = in.clearances ? *in.clearances : default_table;

    Shared shared{in, params, {}, {}, {}, nullptr};
    if (in.roads) shared.roads = road_distances(*in.roads, params);
    if (in.pipelines) shared.pipes = pipeline_distances(*in.pipelines, table);
    if (in.pipelines && in.roads && params.pipeline_clearance)
        shared.pipe_inside_road = corridors_inside_roads(*in.pipelines, shared.pipes, *in.roads,
                                                         shared.roads, params.jobs);
    if (in.zoning) shared.landuse = in.zoning->canonical_column("landuse_code");

    const size_t n = in.areas->size();
    progress.set_stage("spare land", n);
    // The largest areas first, so that no thread is left with a large district at the end
    // while the others wait; each area has its own output, merged in the areas' order (the
    // result does not depend on the order of work).
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i)
        order[i] = i;
    auto box_area = [&](uint32_t i) {
        const Box& b = in.areas->box(i);
        return b.width() * b.height();
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return box_area(a) > box_area(b); });
    std::vector<AreaOutput> outputs(n);
    parallel_chunks(n, kAreasPerChunk, params.jobs, &progress,
                    [&](size_t, size_t begin, size_t end) {
                        GeosContext& ctx = geos_context();
                        for (size_t k = begin; k < end; ++k) {
                            progress.throw_if_cancelled();
                            AreaWorker worker(shared, ctx, outputs[order[k]]);
                            worker.run(order[k]);
                            progress.advance();
                        }
                    });
    for (auto& o : outputs) {
        add_counts(result.counts, o.counts);
        result.times.subtract_s += o.times.subtract_s;
        result.times.overlay_s += o.times.overlay_s;
        result.times.parking_s += o.times.parking_s;
        result.times.width_s += o.times.width_s;
        result.times.classify_s += o.times.classify_s;
        result.diagnostics.append(o.diagnostics);
        std::move(o.pieces.begin(), o.pieces.end(), std::back_inserter(result.pieces));
    }
    return result;
}

} // namespace renoplan::analysis
