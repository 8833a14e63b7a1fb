// Renovation districts: neighbour pairs from the STR tree, barrier cuts, union-find, caps,
// closed outlines and attributes. See districts.hpp for the rules.
//
// Index:
//   [SECTION] GEOS helpers
//   [SECTION] Reading the input
//   [SECTION] Neighbour pairs and barriers
//   [SECTION] Grouping: union-find and caps
//   [SECTION] District geometry
//   [SECTION] Attributes
//   [SECTION] build_districts
#include "geo/analysis/districts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <geos_c.h>

#include "geo/analysis/box_groups.hpp"
#include "geo/analysis/polygon_distance.hpp"
#include "geo/analysis/union_find.hpp"
#include "geo/core/error.hpp"
#include "geo/core/geos.hpp"
#include "geo/core/parallel.hpp"
#include "geo/index/spatial_order.hpp"

namespace renoplan::analysis {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] GEOS helpers
//-------------------------------------------------------------------------------------------------

[[noreturn]] void geos_failed(GeosContext& ctx, const char* what, const Layer& layer,
                              std::optional<int64_t> fid = std::nullopt) {
    std::string message = std::string("GEOS failed in ") + what;
    const std::string reason = ctx.take_error();
    if (!reason.empty()) message += ": " + reason;
    throw Error({layer.source.path, layer.name, fid}, message);
}

GeosGeometryPtr checked(GeosContext& ctx, GEOSGeometry* g, const char* what, const Layer& layer) {
    if (!g) geos_failed(ctx, what, layer);
    return make_geos_ptr(ctx, g);
}

// The closing buffers: quadrant segments as PostGIS' ST_Buffer default, so outlines compare.
constexpr int kQuadrantSegments = 8;
constexpr size_t kBufferUnionMaxParts = 256; // see touch_groups
constexpr double kNearlyEqual = 1e-6;        // m: distances this close are left to GEOS

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading the input
//-------------------------------------------------------------------------------------------------

// An integer canonical value (Int64, Bool or Real storage), or nullopt when missing.
std::optional<int64_t> int_value(const Column* column, size_t row) {
    if (!column || column->is_null(row)) return std::nullopt;
    switch (column->type()) {
    case ColumnType::Int64:
    case ColumnType::Bool:
        return column->get_int(row);
    case ColumnType::Real: {
        const double v = column->get_real(row);
        if (!std::isfinite(v)) return std::nullopt;
        return static_cast<int64_t>(std::llround(v));
    }
    default:
        return std::nullopt;
    }
}

std::string_view text_value(const Column* column, size_t row) {
    if (!column || column->is_null(row) || !is_text_storage(column->type())) return {};
    return column->get_string(row);
}

struct CommunityFields {
    const Column* name = nullptr;
    const Column* county = nullptr;
    const Column* households = nullptr;
    const Column* buildings = nullptr;
    const Column* year_min = nullptr;
    const Column* year_max = nullptr;

    explicit CommunityFields(const Layer& layer)
        : name(layer.canonical_column("name")), county(layer.canonical_column("county")),
          households(layer.canonical_column("households")),
          buildings(layer.canonical_column("buildings")),
          year_min(layer.canonical_column("built_year_min")),
          year_max(layer.canonical_column("built_year_max")) {}
};

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, end - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
        start = end + 1;
    }
    return items;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Neighbour pairs and barriers
//-------------------------------------------------------------------------------------------------

// One barrier layer with the rows that act as barriers.
struct BarrierLayer {
    const Layer* layer = nullptr;
    std::vector<uint8_t> active; // per row
    bool polygons = false;       // polygons: interior crossing; lines: see districts.hpp
};

// Tests shortest segments against the barrier layers. One per chunk of work (so per thread);
// barrier geometries are converted and prepared once and cached for the chunk.
class BarrierTester {
public:
    BarrierTester(GeosContext& ctx, const std::vector<BarrierLayer>& layers)
        : m_ctx(ctx), m_layers(layers) {}

    bool cuts(const GEOSGeometry* segment, const Box& segment_box) {
        for (size_t k = 0; k < m_layers.size(); ++k) {
            const BarrierLayer& bl = m_layers[k];
            bool cut = false;
            bl.layer->index.query(bl.layer->geometry.boxes(), segment_box, [&](uint32_t row) {
                if (!bl.active[row]) return true;
                const Cached& c = cached(k, row);
                const char hit = GEOSPreparedIntersects_r(m_ctx, c.prepared.get(), segment);
                if (hit == 2) geos_failed(m_ctx, "a barrier test", *bl.layer, bl.layer->fids[row]);
                if (!hit) return true;
                cut = bl.polygons ? crosses_polygon(segment, c.geometry.get(), bl, row)
                                  : crosses_line(segment, c.geometry.get(), bl, row);
                return !cut;
            });
            if (cut) return true;
        }
        return false;
    }

private:
    struct Cached {
        GeosGeometryPtr geometry;
        GeosPreparedPtr prepared;
    };

    const Cached& cached(size_t layer_index, uint32_t row) {
        const uint64_t key = (static_cast<uint64_t>(layer_index) << 32) | row;
        auto it = m_cache.find(key);
        if (it != m_cache.end()) return it->second;
        const Layer& layer = *m_layers[layer_index].layer;
        Cached c;
        c.geometry = layer.geometry.to_geos(m_ctx, row);
        const GEOSPreparedGeometry* p = GEOSPrepare_r(m_ctx, c.geometry.get());
        if (!p) geos_failed(m_ctx, "preparing a barrier", layer, layer.fids[row]);
        c.prepared = GeosPreparedPtr(p, GeosPreparedDeleter{m_ctx});
        return m_cache.emplace(key, std::move(c)).first->second;
    }

    // The segment passes through the polygon's interior.
    bool crosses_polygon(const GEOSGeometry* segment, const GEOSGeometry* polygon,
                         const BarrierLayer& bl, uint32_t row) {
        const char r = GEOSRelatePattern_r(m_ctx, segment, polygon, "T********");
        if (r == 2) geos_failed(m_ctx, "a barrier test", *bl.layer, bl.layer->fids[row]);
        return r == 1;
    }

    // The line's interior meets the segment (its interior or an end point): the line crosses
    // the segment, runs through one of its ends or along it; it does not merely end on it.
    bool crosses_line(const GEOSGeometry* segment, const GEOSGeometry* line, const BarrierLayer& bl,
                      uint32_t row) {
        char* m = GEOSRelate_r(m_ctx, segment, line);
        if (!m) geos_failed(m_ctx, "a barrier test", *bl.layer, bl.layer->fids[row]);
        const bool cut = m[0] != 'F' || m[3] != 'F'; // I(s)∩I(l), B(s)∩I(l)
        GEOSFree_r(m_ctx, m);
        return cut;
    }

    GeosContext& m_ctx;
    const std::vector<BarrierLayer>& m_layers;
    std::unordered_map<uint64_t, Cached> m_cache;
};

// The pairs of taking-part rows (a < b) within `distance_m`, sorted by (a, b), with the barrier
// verdict. Parallel over rows in spatial order, fixed chunks; each pair is found once, from its
// smaller row; the result is sorted, so it does not depend on the chunking or the thread count.
std::vector<detail::NeighbourPair>
find_neighbour_pairs(const Layer& layer, const std::vector<uint32_t>& rows,
                     const std::vector<uint8_t>& takes_part, double distance_m,
                     const std::vector<BarrierLayer>& barriers, int jobs, Progress& progress) {
    constexpr size_t kChunk = 512;
    const auto& boxes = layer.geometry.boxes();
    // Rows in spatial order, so that a chunk covers a compact area and its GEOS geometries are
    // converted about once.
    const std::vector<uint32_t> order = spatial_order(boxes, rows);
    std::vector<std::vector<detail::NeighbourPair>> chunk_pairs(chunk_count(order.size(), kChunk));
    parallel_chunks(order.size(), kChunk, jobs, &progress, [&](size_t c, size_t begin, size_t end) {
        GeosContext& ctx = geos_context();
        BarrierTester tester(ctx, barriers);
        std::unordered_map<uint32_t, GeosGeometryPtr> converted; // this chunk's GEOS geometries
        auto geometry = [&](uint32_t row) -> const GEOSGeometry* {
            auto it = converted.find(row);
            if (it == converted.end())
                it = converted.emplace(row, layer.geometry.to_geos(ctx, row)).first;
            return it->second.get();
        };
        std::vector<detail::NeighbourPair>& out = chunk_pairs[c];
        std::vector<uint32_t> candidates;
        for (size_t k = begin; k < end; ++k) {
            const uint32_t i = order[k];
            candidates.clear();
            layer.index.query(boxes, boxes[i].buffered(distance_m), [&](uint32_t j) {
                if (j > i && takes_part[j] && boxes[i].distance(boxes[j]) <= distance_m)
                    candidates.push_back(j);
                return true;
            });
            if (candidates.empty()) continue;
            for (const uint32_t j : candidates) {
                // Footprints whose boxes are apart: their distance and nearest points from the
                // coordinates (polygon_distance.hpp). Otherwise, and within a micrometre of
                // touching or of D, GEOS's exact distance - 0 when they touch or overlap (its
                // DistanceOp tests containment and segment intersection first) - so that the
                // partition is ST_ClusterWithin's.
                detail::NeighbourPair pair{i, j, 0.0, false};
                const Separation sep = polygon_separation(layer.geometry, i, j, kNearlyEqual);
                const bool fast = sep.apart && std::abs(sep.distance - distance_m) > kNearlyEqual;
                if (fast) {
                    pair.distance_m = sep.distance;
                } else if (!GEOSDistance_r(ctx, geometry(i), geometry(j), &pair.distance_m)) {
                    geos_failed(ctx, "a distance", layer, layer.fids[i]);
                }
                if (!(pair.distance_m <= distance_m)) continue;
                if (!barriers.empty() && pair.distance_m > 0.0) {
                    double x0 = sep.ax, y0 = sep.ay, x1 = sep.bx, y1 = sep.by;
                    if (!fast) {
                        GeosCoordSeqPtr nearest(GEOSNearestPoints_r(ctx, geometry(i), geometry(j)),
                                                GeosCoordSeqDeleter{ctx});
                        if (!nearest) geos_failed(ctx, "nearest points", layer, layer.fids[i]);
                        GEOSCoordSeq_getXY_r(ctx, nearest.get(), 0, &x0, &y0);
                        GEOSCoordSeq_getXY_r(ctx, nearest.get(), 1, &x1, &y1);
                    }
                    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, 2, 2);
                    if (!seq) geos_failed(ctx, "a segment", layer, layer.fids[i]);
                    GEOSCoordSeq_setXY_r(ctx, seq, 0, x0, y0);
                    GEOSCoordSeq_setXY_r(ctx, seq, 1, x1, y1);
                    const GeosGeometryPtr segment =
                        checked(ctx, GEOSGeom_createLineString_r(ctx, seq), "a segment", layer);
                    Box box;
                    box.expand(x0, y0);
                    box.expand(x1, y1);
                    pair.cut = tester.cuts(segment.get(), box);
                }
                out.push_back(pair);
            }
        }
        progress.advance(end - begin);
    });
    std::vector<detail::NeighbourPair> pairs;
    size_t total = 0;
    for (const auto& v : chunk_pairs)
        total += v.size();
    pairs.reserve(total);
    for (auto& v : chunk_pairs)
        pairs.insert(pairs.end(), v.begin(), v.end());
    std::sort(pairs.begin(), pairs.end(),
              [](const auto& x, const auto& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    return pairs;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Grouping: union-find and caps
//-------------------------------------------------------------------------------------------------

// Orders rows by source FID, then by row (FIDs are unique within a layer, the row is a guard).
struct ByFid {
    const std::vector<int64_t>& fids;
    bool operator()(uint32_t a, uint32_t b) const {
        return fids[a] != fids[b] ? fids[a] < fids[b] : a < b;
    }
};

//-------------------------------------------------------------------------------------------------
// [SECTION] District geometry
//-------------------------------------------------------------------------------------------------

// The district outline is closing(U) ∪ U, U the members' union, closing(U) = (U ⊕ c) ⊖ c with
// GEOS' round buffers (8 segments per quadrant, as PostGIS' ST_Buffer): the area PostGIS gives
// for ST_Buffer(ST_Buffer(ST_Union(..), c), -c) plus the slivers the chord-approximated arcs cut
// from exposed convex member corners (up to c(1-cos(π/32)) deep, 12 cm for c = 25 m), so that
// every member lies inside its district. It is computed piece by piece, which gives the same set
// several times faster than two buffers of the whole:
//   1. touch groups: members that touch are unioned; the groups are disjoint (distance > 0), so
//      their collection is U without an overlay of the whole district;
//   2. dilation D = U ⊕ c, one buffer;
//   3. per polygon P of D: the erosion is shell(P) ⊖ c minus each hole of P dilated by c. GEOS'
//      negative buffer of P as a whole would place every hole against every shell and stab
//      every subgraph for its depth, which grows faster than linearly with the rings;
//   4. the slivers are put back locally: groups not covered by the eroded shell are added to it,
//      and each dilated hole is cut by the groups next to it before it is subtracted.

struct Piece {
    GeosGeometryPtr geometry; // a touch group: one member, or the union of touching members
    Box box;
};

// Owned polygons -> one MultiPolygon (Polygon parts of Multi* inputs are copied out).
GeosGeometryPtr multipolygon_of(GeosContext& ctx, const std::vector<const GEOSGeometry*>& parts,
                                const Layer& layer) {
    std::vector<GEOSGeometry*> polys;
    auto release = [&] {
        for (auto* g : polys)
            GEOSGeom_destroy_r(ctx, g);
    };
    for (const GEOSGeometry* g : parts) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int k = 0; k < n; ++k) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(ctx, g, k);
            if (GEOSGeomTypeId_r(ctx, part) != GEOS_POLYGON || GEOSisEmpty_r(ctx, part) != 0)
                continue;
            GEOSGeometry* copy = GEOSGeom_clone_r(ctx, part);
            if (!copy) {
                release();
                geos_failed(ctx, "copying a polygon", layer);
            }
            polys.push_back(copy);
        }
    }
    GEOSGeometry* multi = GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, polys.data(),
                                                      static_cast<unsigned>(polys.size()));
    if (!multi) {
        release();
        geos_failed(ctx, "collecting polygons", layer);
    }
    return make_geos_ptr(ctx, multi);
}

GeosGeometryPtr round_buffer(GeosContext& ctx, const GEOSGeometry* g, double distance_m,
                             const Layer& layer) {
    return checked(ctx,
                   GEOSBufferWithStyle_r(ctx, g, distance_m, kQuadrantSegments, GEOSBUF_CAP_ROUND,
                                         GEOSBUF_JOIN_ROUND, 5.0),
                   "a district closing buffer", layer);
}

Box geos_box(GeosContext& ctx, const GEOSGeometry* g) {
    Box b;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (GEOSisEmpty_r(ctx, g) == 0 && GEOSGeom_getXMin_r(ctx, g, &x0) &&
        GEOSGeom_getYMin_r(ctx, g, &y0) && GEOSGeom_getXMax_r(ctx, g, &x1) &&
        GEOSGeom_getYMax_r(ctx, g, &y1)) {
        b.expand(x0, y0);
        b.expand(x1, y1);
    }
    return b;
}

// The union of polygons that are mostly apart: only groups with overlapping boxes go through an
// overlay; the rest are collected as they are.
GeosGeometryPtr union_mostly_disjoint(GeosContext& ctx, std::vector<Piece> items,
                                      const Layer& layer) {
    std::vector<Box> boxes;
    boxes.reserve(items.size());
    for (const Piece& item : items)
        boxes.push_back(item.box);
    const std::vector<std::vector<uint32_t>> clusters = meeting_box_groups(boxes);
    std::vector<GeosGeometryPtr> unions;
    std::vector<const GEOSGeometry*> parts;
    for (const auto& cluster : clusters) {
        if (cluster.size() == 1) {
            parts.push_back(items[cluster[0]].geometry.get());
            continue;
        }
        std::vector<const GEOSGeometry*> members;
        for (const uint32_t k : cluster)
            members.push_back(items[k].geometry.get());
        const GeosGeometryPtr multi = multipolygon_of(ctx, members, layer);
        unions.push_back(checked(ctx, GEOSUnaryUnion_r(ctx, multi.get()), "a union", layer));
        parts.push_back(unions.back().get());
    }
    return multipolygon_of(ctx, parts, layer);
}

// The touch groups of a district (see above), in the order of their first member.
std::vector<Piece> touch_groups(GeosContext& ctx, const Layer& layer,
                                const std::vector<uint32_t>& members,
                                const std::vector<std::pair<uint32_t, uint32_t>>& touching) {
    auto local = [&](uint32_t row) {
        return static_cast<uint32_t>(std::lower_bound(members.begin(), members.end(), row) -
                                     members.begin());
    };
    UnionFind groups(members.size());
    for (const auto& [a, b] : touching)
        groups.unite(local(a), local(b));
    std::vector<std::vector<uint32_t>> by_root(members.size());
    for (uint32_t k = 0; k < members.size(); ++k)
        by_root[groups.find(k)].push_back(k);

    std::vector<Piece> pieces;
    for (const auto& group : by_root) {
        if (group.empty()) continue;
        Piece piece;
        for (const uint32_t k : group)
            piece.box.expand(layer.geometry.box(members[k]));
        if (group.size() == 1) {
            piece.geometry = layer.geometry.to_geos(ctx, members[group[0]]);
        } else {
            std::vector<GeosGeometryPtr> owned;
            std::vector<const GEOSGeometry*> polys;
            for (const uint32_t k : group) {
                owned.push_back(layer.geometry.to_geos(ctx, members[k]));
                polys.push_back(owned.back().get());
            }
            const GeosGeometryPtr multi = multipolygon_of(ctx, polys, layer);
            // Valid polygons united as their buffer by 0 (one noding, 8 % faster here than
            // GEOSUnaryUnion's cascade), except for large groups, where GEOS's buffer turns
            // quadratic (its depth search stabs every connected part).
            piece.geometry = checked(ctx,
                                     group.size() <= kBufferUnionMaxParts
                                         ? GEOSBuffer_r(ctx, multi.get(), 0.0, kQuadrantSegments)
                                         : GEOSUnaryUnion_r(ctx, multi.get()),
                                     "the union of touching members", layer);
        }
        pieces.push_back(std::move(piece));
    }
    return pieces;
}

GeosGeometryPtr ring_polygon(GeosContext& ctx, const GEOSGeometry* ring, const Layer& layer) {
    GEOSGeometry* copy = GEOSGeom_clone_r(ctx, ring);
    if (!copy) geos_failed(ctx, "copying a ring", layer);
    return checked(ctx, GEOSGeom_createPolygon_r(ctx, copy, nullptr, 0), "a ring polygon", layer);
}

// Steps 3 and 4 for one polygon P of the dilation; `pieces` are the touch groups inside P.
GeosGeometryPtr close_polygon(GeosContext& ctx, const GEOSGeometry* dilated_polygon,
                              const std::vector<const Piece*>& pieces, double c,
                              const Layer& layer) {
    // Eroded shell, with the groups it does not cover (exposed corners) put back.
    const GeosGeometryPtr shell =
        ring_polygon(ctx, GEOSGetExteriorRing_r(ctx, dilated_polygon), layer);
    GeosGeometryPtr closed = round_buffer(ctx, shell.get(), -c, layer);
    {
        const GeosPreparedPtr prepared(GEOSPrepare_r(ctx, closed.get()), GeosPreparedDeleter{ctx});
        if (!prepared) geos_failed(ctx, "preparing a district outline", layer);
        std::vector<const GEOSGeometry*> exposed;
        for (const Piece* p : pieces) {
            const char covered = GEOSPreparedCovers_r(ctx, prepared.get(), p->geometry.get());
            if (covered == 2) geos_failed(ctx, "a cover test", layer);
            if (!covered) exposed.push_back(p->geometry.get());
        }
        if (!exposed.empty()) {
            const GeosGeometryPtr multi = multipolygon_of(ctx, exposed, layer);
            GeosGeometryPtr merged = checked(ctx, GEOSUnion_r(ctx, closed.get(), multi.get()),
                                             "a district union", layer);
            closed = std::move(merged);
        }
    }
    // Holes dilated by c, less the groups next to them.
    const int holes = GEOSGetNumInteriorRings_r(ctx, dilated_polygon);
    if (holes <= 0) return closed;
    std::vector<Piece> cuts;
    cuts.reserve(static_cast<size_t>(holes));
    for (int h = 0; h < holes; ++h) {
        const GeosGeometryPtr hole =
            ring_polygon(ctx, GEOSGetInteriorRingN_r(ctx, dilated_polygon, h), layer);
        Piece cut;
        cut.geometry = round_buffer(ctx, hole.get(), c, layer);
        cut.box = geos_box(ctx, cut.geometry.get());
        std::vector<const GEOSGeometry*> near;
        for (const Piece* p : pieces)
            if (p->box.intersects(cut.box)) near.push_back(p->geometry.get());
        if (!near.empty()) {
            const GeosGeometryPtr multi = multipolygon_of(ctx, near, layer);
            GeosGeometryPtr rest = checked(
                ctx, GEOSDifference_r(ctx, cut.geometry.get(), multi.get()), "a hole", layer);
            cut.geometry = std::move(rest);
        }
        if (GEOSisEmpty_r(ctx, cut.geometry.get()) == 0) cuts.push_back(std::move(cut));
    }
    if (cuts.empty()) return closed;
    const GeosGeometryPtr all_cuts = union_mostly_disjoint(ctx, std::move(cuts), layer);
    return checked(ctx, GEOSDifference_r(ctx, closed.get(), all_cuts.get()),
                   "the district closing (holes)", layer);
}

// The outline of one district (see above).
GeosGeometryPtr district_geometry(GeosContext& ctx, const Layer& layer,
                                  const std::vector<uint32_t>& members,
                                  const std::vector<std::pair<uint32_t, uint32_t>>& touching,
                                  double closing_m) {
    const std::vector<Piece> pieces = touch_groups(ctx, layer, members, touching);
    std::vector<const GEOSGeometry*> all;
    for (const Piece& p : pieces)
        all.push_back(p.geometry.get());
    GeosGeometryPtr collected = multipolygon_of(ctx, all, layer);
    if (closing_m <= 0.0) return collected;

    const GeosGeometryPtr dilated = round_buffer(ctx, collected.get(), closing_m, layer);
    const int n = GEOSGetNumGeometries_r(ctx, dilated.get());
    std::vector<GeosGeometryPtr> closed;
    std::vector<const GEOSGeometry*> closed_parts;
    std::vector<const Piece*> inside;
    for (int k = 0; k < n; ++k) {
        const GEOSGeometry* polygon = GEOSGetGeometryN_r(ctx, dilated.get(), k);
        if (GEOSGeomTypeId_r(ctx, polygon) != GEOS_POLYGON) continue;
        inside.clear();
        if (n == 1) {
            for (const Piece& p : pieces)
                inside.push_back(&p);
        } else {
            const Box box = geos_box(ctx, polygon);
            const GeosPreparedPtr prepared(GEOSPrepare_r(ctx, polygon), GeosPreparedDeleter{ctx});
            if (!prepared) geos_failed(ctx, "preparing a district outline", layer);
            for (const Piece& p : pieces) {
                if (!box.intersects(p.box)) continue;
                const char hit = GEOSPreparedIntersects_r(ctx, prepared.get(), p.geometry.get());
                if (hit == 2) geos_failed(ctx, "an intersection test", layer);
                if (hit) inside.push_back(&p);
            }
        }
        closed.push_back(close_polygon(ctx, polygon, inside, closing_m, layer));
        closed_parts.push_back(closed.back().get());
    }
    return multipolygon_of(ctx, closed_parts, layer);
}

// A GEOS failure on odd footprints must not stop the other districts: the outline falls back to
// the members' union, then to the members as they are, with a warning naming the district.
GeosGeometryPtr outline_with_fallback(GeosContext& ctx, const Layer& layer, const District& d,
                                      const std::vector<std::pair<uint32_t, uint32_t>>& touching,
                                      double closing_m, Diagnostics& diagnostics) {
    const ErrorContext where{layer.source.path, layer.name, layer.fids[d.members.front()]};
    try {
        return district_geometry(ctx, layer, d.members, touching, closing_m);
    } catch (const Error& e) {
        diagnostics.add(Severity::Warning, "districts.outline_fallback", where,
                        "district " + d.id + ": the closed outline failed (" + e.message() +
                            "); the members' union is used",
                        "check the members' footprints ('renoplan info' lists repairs)");
    }
    try {
        return district_geometry(ctx, layer, d.members, touching, 0.0);
    } catch (const Error& e) {
        diagnostics.add(Severity::Warning, "districts.union_fallback", where,
                        "district " + d.id + ": the members' union failed (" + e.message() +
                            "); the members are collected as they are");
    }
    std::vector<GeosGeometryPtr> owned;
    std::vector<const GEOSGeometry*> parts;
    for (const uint32_t m : d.members) {
        owned.push_back(layer.geometry.to_geos(ctx, m));
        parts.push_back(owned.back().get());
    }
    return multipolygon_of(ctx, parts, layer);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Attributes
//-------------------------------------------------------------------------------------------------

void fill_attributes(District& d, size_t number, const Layer& layer, const CommunityFields& f,
                     const DistrictInput& input) {
    std::map<std::string_view, size_t> counties;
    size_t eligible = 0, consented = 0;
    std::optional<uint32_t> largest;
    int64_t largest_households = -1;
    double largest_area = -1;
    for (const uint32_t row : d.members) {
        const int64_t hh = int_value(f.households, row).value_or(0);
        d.households += hh;
        d.buildings += int_value(f.buildings, row).value_or(0);
        if (const auto y = int_value(f.year_min, row))
            d.built_year_min =
                std::min(d.built_year_min.value_or(static_cast<int>(*y)), static_cast<int>(*y));
        if (const auto y = int_value(f.year_max, row))
            d.built_year_max =
                std::max(d.built_year_max.value_or(static_cast<int>(*y)), static_cast<int>(*y));
        if (!input.eligible.empty() && input.eligible[row]) ++eligible;
        if (!input.consented.empty() && input.consented[row]) ++consented;
        const std::string_view county = text_value(f.county, row);
        if (!county.empty()) ++counties[county];
        if (text_value(f.name, row).empty()) continue;
        const int64_t key_hh = int_value(f.households, row).value_or(-1);
        const double area = layer.geometry.area(row);
        const bool better =
            !largest || key_hh > largest_households ||
            (key_hh == largest_households &&
             (area > largest_area || (area == largest_area && ByFid{layer.fids}(row, *largest))));
        if (better) {
            largest = row;
            largest_households = key_hh;
            largest_area = area;
        }
    }
    const double n = static_cast<double>(d.members.size());
    d.eligible_share = static_cast<double>(eligible) / n;
    d.consented_share = static_cast<double>(consented) / n;
    size_t best = 0;
    for (const auto& [county, count] : counties) // byte order: ties keep the first
        if (count > best) {
            best = count;
            d.county = std::string(county);
        }
    if (largest) {
        d.name = std::string(text_value(f.name, *largest)) + "片区";
    } else {
        d.name = d.county + "片区" + std::to_string(number);
    }
}

} // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] build_districts
//-------------------------------------------------------------------------------------------------

namespace detail {

std::vector<std::vector<uint32_t>>
split_by_caps(const std::vector<uint32_t>& members,
              const std::vector<std::vector<uint32_t>>& neighbours,
              const std::vector<int64_t>& fids, const std::vector<int64_t>& households,
              int64_t max_households, int64_t max_communities) {
    const ByFid by_fid{fids};
    std::vector<uint32_t> order = members;
    std::sort(order.begin(), order.end(), by_fid);
    std::unordered_map<uint32_t, uint8_t> state; // 0 free, 1 queued for this part, 2 assigned
    state.reserve(members.size() * 2);
    for (const uint32_t m : members)
        state[m] = 0;

    std::vector<std::vector<uint32_t>> parts;
    std::vector<uint32_t> queue, queued, sorted_neighbours;
    for (const uint32_t seed : order) {
        if (state[seed] == 2) continue;
        std::vector<uint32_t> part;
        int64_t part_households = 0;
        queue.assign(1, seed);
        queued.assign(1, seed);
        state[seed] = 1;
        for (size_t head = 0; head < queue.size(); ++head) {
            const uint32_t m = queue[head];
            const int64_t hh = households[m];
            const bool over_households =
                max_households > 0 && part_households + hh > max_households;
            const bool over_count =
                max_communities > 0 && static_cast<int64_t>(part.size()) + 1 > max_communities;
            if (!part.empty() && (over_households || over_count)) break;
            part.push_back(m);
            part_households += hh;
            state[m] = 2;
            sorted_neighbours.clear();
            for (const uint32_t nb : neighbours[m]) {
                auto it = state.find(nb);
                if (it != state.end() && it->second == 0) sorted_neighbours.push_back(nb);
            }
            std::sort(sorted_neighbours.begin(), sorted_neighbours.end(), by_fid);
            sorted_neighbours.erase(std::unique(sorted_neighbours.begin(), sorted_neighbours.end()),
                                    sorted_neighbours.end());
            for (const uint32_t nb : sorted_neighbours) {
                state[nb] = 1;
                queue.push_back(nb);
                queued.push_back(nb);
            }
        }
        for (const uint32_t q : queued) // queued but not taken: free for the next parts
            if (state[q] == 1) state[q] = 0;
        std::sort(part.begin(), part.end());
        parts.push_back(std::move(part));
    }
    return parts;
}

} // namespace detail

DistrictResult build_districts(const DistrictInput& input, const PlanParams& params,
                               Progress& progress) {
    if (!input.communities) throw ConfigError({}, "districts need a communities layer");
    const Layer& layer = *input.communities;
    const ErrorContext where{layer.source.path, layer.name, std::nullopt};
    if (layer.geometry.geom_class() != GeomClass::Polygon)
        throw ConfigError(where, "the communities layer must hold polygons");
    const size_t n = layer.size();
    auto check_rows = [&](const std::vector<uint8_t>& v, const char* what) {
        if (!v.empty() && v.size() != n)
            throw ConfigError(where, std::string("districts: '") + what + "' has " +
                                         std::to_string(v.size()) + " values for " +
                                         std::to_string(n) + " communities");
    };
    check_rows(input.take_part, "take_part");
    check_rows(input.eligible, "eligible");
    check_rows(input.consented, "consented");
    const double distance_m = params.district_distance_m;
    const double closing_m = params.effective_closing_m();
    if (!(distance_m >= 0.0) || !std::isfinite(distance_m))
        throw ConfigError(where, "the district distance must be 0 or more metres");
    if (!std::isfinite(closing_m))
        throw ConfigError(where, "the district closing distance must be finite");
    if (n > 0 && layer.index.size() != n)
        throw ConfigError(where, "the communities layer has no spatial index (build_index)");

    DistrictResult result;
    result.district_of.assign(n, -1);

    std::vector<uint8_t> takes_part = input.take_part;
    if (takes_part.empty()) takes_part.assign(n, 1);
    std::vector<uint32_t> rows;
    for (uint32_t i = 0; i < n; ++i)
        if (takes_part[i]) rows.push_back(i);

    // Barrier layers.
    std::vector<BarrierLayer> barriers;
    if (params.barriers) {
        if (input.roads && input.roads->size() > 0 &&
            input.roads->geometry.geom_class() != GeomClass::Point) {
            const Layer& roads = *input.roads;
            const Column* cls = roads.canonical_column("class");
            const std::vector<std::string> classes = split_list(params.barrier_road_classes);
            if (!cls && !classes.empty()) {
                result.diagnostics.add(Severity::Warning, "districts.road_class_missing",
                                       {roads.source.path, roads.name, std::nullopt},
                                       "roads have no class field: no road is a barrier",
                                       "bind a field to 'class' in the project file");
            } else if (!classes.empty()) {
                BarrierLayer bl{&roads, std::vector<uint8_t>(roads.size(), 0),
                                roads.geometry.geom_class() == GeomClass::Polygon};
                for (size_t r = 0; r < roads.size(); ++r) {
                    const std::string_view c = text_value(cls, r);
                    bl.active[r] = std::find(classes.begin(), classes.end(), c) != classes.end();
                }
                barriers.push_back(std::move(bl));
            }
        }
        if (params.water_barrier && input.water && input.water->size() > 0 &&
            input.water->geometry.geom_class() != GeomClass::Point) {
            const Layer& water = *input.water;
            barriers.push_back({&water, std::vector<uint8_t>(water.size(), 1),
                                water.geometry.geom_class() == GeomClass::Polygon});
        }
        for (const auto& bl : barriers)
            if (bl.layer->index.size() != bl.layer->size())
                throw ConfigError({bl.layer->source.path, bl.layer->name, std::nullopt},
                                  "a barrier layer has no spatial index (build_index)");
    }

    // 1. Neighbour pairs.
    progress.set_stage("districts: neighbours", rows.size());
    const std::vector<detail::NeighbourPair> pairs =
        find_neighbour_pairs(layer, rows, takes_part, distance_m, barriers, params.jobs, progress);
    result.neighbour_pairs = pairs.size();

    // 2. Groups: union-find over kept links; components in order of their smallest FID.
    progress.set_stage("districts: grouping", rows.size());
    UnionFind uf(n);
    for (const auto& p : pairs) {
        if (p.cut)
            ++result.links_cut_by_barriers;
        else
            uf.unite(p.a, p.b);
    }
    progress.throw_if_cancelled();
    std::vector<uint32_t> component_of(n, UINT32_MAX);
    std::vector<std::vector<uint32_t>> components;
    for (const uint32_t i : rows) {
        const uint32_t root = uf.find(i);
        if (component_of[root] == UINT32_MAX) {
            component_of[root] = static_cast<uint32_t>(components.size());
            components.emplace_back();
        }
        components[component_of[root]].push_back(i); // rows ascending
    }

    std::vector<int64_t> households(n, 0);
    const CommunityFields fields(layer);
    for (size_t i = 0; i < n; ++i)
        households[i] = int_value(fields.households, i).value_or(0);

    const bool caps = params.max_households > 0 || params.max_communities > 0;
    std::vector<std::vector<uint32_t>> groups;
    if (caps) {
        std::vector<std::vector<uint32_t>> neighbours(n);
        for (const auto& p : pairs)
            if (!p.cut) {
                neighbours[p.a].push_back(p.b);
                neighbours[p.b].push_back(p.a);
            }
        for (auto& members : components) {
            progress.throw_if_cancelled();
            int64_t hh = 0;
            for (const uint32_t m : members)
                hh += households[m];
            const bool oversized = (params.max_households > 0 && hh > params.max_households) ||
                                   (params.max_communities > 0 &&
                                    static_cast<int64_t>(members.size()) > params.max_communities);
            if (!oversized) {
                groups.push_back(std::move(members));
                continue;
            }
            auto parts = detail::split_by_caps(members, neighbours, layer.fids, households,
                                               params.max_households, params.max_communities);
            if (parts.size() > 1) result.parts_split_by_caps += parts.size();
            for (auto& p : parts)
                groups.push_back(std::move(p));
        }
    } else {
        groups = std::move(components);
    }
    // Number by the smallest FID of the members.
    std::vector<uint32_t> first(groups.size());
    for (size_t g = 0; g < groups.size(); ++g)
        first[g] = *std::min_element(groups[g].begin(), groups[g].end(), ByFid{layer.fids});
    std::vector<uint32_t> order(groups.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return ByFid{layer.fids}(first[a], first[b]); });
    result.districts.resize(groups.size());
    const size_t digits = std::max<size_t>(4, std::to_string(groups.size()).size());
    for (size_t k = 0; k < order.size(); ++k) {
        District& d = result.districts[k];
        d.members = std::move(groups[order[k]]);
        std::string number = std::to_string(k + 1);
        d.id = "D" + std::string(digits - number.size(), '0') + number;
        for (const uint32_t m : d.members)
            result.district_of[m] = static_cast<int32_t>(k);
    }
    progress.advance(rows.size());

    // Touching members per district (their footprints are unioned before the closing).
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> touching(result.districts.size());
    for (const auto& p : pairs)
        if (p.distance_m == 0.0 && result.district_of[p.a] == result.district_of[p.b])
            touching[static_cast<size_t>(result.district_of[p.a])].emplace_back(p.a, p.b);

    // 3. Geometry and attributes, parallel across districts, largest first.
    progress.set_stage("districts: outlines", rows.size());
    std::vector<uint32_t> by_size(result.districts.size());
    std::iota(by_size.begin(), by_size.end(), 0u);
    std::stable_sort(by_size.begin(), by_size.end(), [&](uint32_t a, uint32_t b) {
        return result.districts[a].members.size() > result.districts[b].members.size();
    });
    parallel_chunks(by_size.size(), 1, params.jobs, &progress, [&](size_t, size_t b, size_t e) {
        GeosContext& ctx = geos_context();
        for (size_t k = b; k < e; ++k) {
            const size_t index = by_size[k];
            District& d = result.districts[index];
            const GeosGeometryPtr g = outline_with_fallback(ctx, layer, d, touching[index],
                                                            closing_m, result.diagnostics);
            d.geometry = GeometryColumn(GeomClass::Polygon);
            if (!d.geometry.append_geos(ctx, g.get()))
                geos_failed(ctx, "a district outline (no polygon)", layer,
                            layer.fids[d.members.front()]);
            d.area_m2 = d.geometry.area(0);
            fill_attributes(d, index + 1, layer, fields, input);
            progress.advance(d.members.size());
        }
    });
    return result;
}

} // namespace renoplan::analysis
