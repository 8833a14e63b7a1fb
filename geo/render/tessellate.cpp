#include "geo/render/tessellate.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

#include "geo/index/spatial_order.hpp"

namespace renoplan::render {

namespace {

void push_segment(StripMesh& mesh, uint32_t feature, float ax, float ay, float bx, float by) {
    mesh.ends.insert(mesh.ends.end(), {ax, ay, bx, by});
    mesh.feature.push_back(feature);
}

} // namespace

namespace {

// Calls visit(row) for every feature, in the chunks' order (or row order), and records in
// `offsets` the size `count()` reports at the start of each chunk, and at the end.
template <typename Visit, typename Count>
void for_each_feature(size_t n, const FeatureChunks* chunks, std::vector<uint32_t>& offsets,
                      Count&& count, Visit&& visit) {
    offsets.clear();
    if (!chunks) {
        offsets.push_back(0);
        for (size_t i = 0; i < n; ++i)
            visit(i);
        offsets.push_back(uint32_t(count()));
        return;
    }
    for (size_t c = 0; c < chunks->count(); ++c) {
        offsets.push_back(uint32_t(count()));
        for (uint32_t k = chunks->starts[c]; k < chunks->starts[c + 1]; ++k)
            visit(chunks->order[k]);
    }
    offsets.push_back(uint32_t(count()));
}

} // namespace

bool triangulate_feature(const GeometryColumn& geometry, size_t i, Origin origin, FillMesh& mesh) {
    GeosContext& context = geos_context();
    GEOSContextHandle_t ctx = context.handle();
    GeosGeometryPtr g;
    try {
        g = geometry.to_geos(ctx, i);
    } catch (const std::exception&) {
        return false;
    }
    if (!g) return false;
    GeosGeometryPtr triangles =
        make_geos_ptr(ctx, GEOSConstrainedDelaunayTriangulation_r(ctx, g.get()));
    if (!triangles) {
        // GEOS 3.11's ear clipper can fail on valid rings with nearly collinear vertices
        // ("Unable to find a convex corner"); snapping to a fine grid (relative to the feature's
        // size: 10 ppm, then 100 ppm, then 0.1 %) removes them without a visible change.
        const Box& box = geometry.box(i);
        const double size = std::max(box.width(), box.height());
        for (const double fraction : {1e-5, 1e-4, 1e-3}) {
            context.take_error();
            GeosGeometryPtr snapped =
                make_geos_ptr(ctx, GEOSGeom_setPrecision_r(ctx, g.get(), size * fraction, 0));
            if (!snapped) continue;
            triangles =
                make_geos_ptr(ctx, GEOSConstrainedDelaunayTriangulation_r(ctx, snapped.get()));
            if (triangles) {
                ++mesh.snapped_features;
                break;
            }
        }
        context.take_error();
        if (!triangles) return false;
    }
    const int n = GEOSGetNumGeometries_r(ctx, triangles.get());
    const auto feature = static_cast<uint32_t>(i);
    for (int t = 0; t < n; ++t) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(ctx, triangles.get(), t);
        const GEOSGeometry* ring = tri ? GEOSGetExteriorRing_r(ctx, tri) : nullptr;
        const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(ctx, ring) : nullptr;
        unsigned size = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &size) || size < 3) continue;
        for (unsigned k = 0; k < 3; ++k) {
            double x = 0.0, y = 0.0;
            GEOSCoordSeq_getXY_r(ctx, seq, k, &x, &y);
            mesh.xy.push_back(static_cast<float>(x - origin.x));
            mesh.xy.push_back(static_cast<float>(y - origin.y));
            mesh.feature.push_back(feature);
        }
    }
    return true;
}

FeatureChunks feature_chunks(const GeometryColumn& geometry, size_t per_chunk) {
    FeatureChunks chunks;
    chunks.order = spatial_order(geometry.boxes());
    per_chunk = std::max<size_t>(per_chunk, 1);
    for (size_t k = 0; k < chunks.order.size(); k += per_chunk) {
        chunks.starts.push_back(uint32_t(k));
        Box box;
        for (size_t j = k; j < std::min(k + per_chunk, chunks.order.size()); ++j)
            box.expand(geometry.box(chunks.order[j]));
        chunks.boxes.push_back(box);
    }
    chunks.starts.push_back(uint32_t(chunks.order.size()));
    return chunks;
}

FillMesh triangulate_polygons(const GeometryColumn& geometry, Origin origin,
                              const FeatureChunks* chunks) {
    FillMesh mesh;
    if (geometry.geom_class() != GeomClass::Polygon) return mesh;
    // A triangulation has about as many triangles as the rings have coordinates.
    mesh.xy.reserve(geometry.coord_count() * 6);
    mesh.feature.reserve(geometry.coord_count() * 3);
    for_each_feature(
        geometry.size(), chunks, mesh.chunk_offsets, [&] { return mesh.vertex_count(); },
        [&](size_t i) {
            if (!triangulate_feature(geometry, i, origin, mesh)) ++mesh.failed_features;
        });
    return mesh;
}

namespace {

void push_segment(StripMesh& mesh, uint32_t feature, const double* a, const double* b,
                  Origin origin) {
    if (a[0] == b[0] && a[1] == b[1]) return;
    push_segment(mesh, feature, static_cast<float>(a[0] - origin.x),
                 static_cast<float>(a[1] - origin.y), static_cast<float>(b[0] - origin.x),
                 static_cast<float>(b[1] - origin.y));
}

// The segments of one line or ring; with tolerance > 0 simplified by radial distance: a vertex is
// kept when it lies more than `tolerance` from the last one kept, and the last vertex always is
// (replacing the last one kept if that lies within tolerance of it, unless that is the first).
// Every vertex dropped lies within `tolerance` of one kept, so the simplified line stays within
// about that distance of the original. A ring smaller than the tolerance vanishes (its two ends
// coincide); an open line that small keeps one short segment from its first to its last vertex.
template <typename Emit>
void simplified_segments(std::span<const double> xy, double tolerance, std::vector<double>& kept,
                         Emit&& emit) {
    if (xy.size() < 4) return;
    if (tolerance <= 0.0) {
        for (size_t k = 0; k + 3 < xy.size(); k += 2)
            emit(&xy[k], &xy[k + 2]);
        return;
    }
    const double t2 = tolerance * tolerance;
    kept.assign(xy.begin(), xy.begin() + 2);
    const size_t last = xy.size() - 2;
    for (size_t k = 2; k < last; k += 2) {
        const double dx = xy[k] - kept[kept.size() - 2], dy = xy[k + 1] - kept[kept.size() - 1];
        if (dx * dx + dy * dy > t2) {
            kept.push_back(xy[k]);
            kept.push_back(xy[k + 1]);
        }
    }
    const double dx = xy[last] - kept[kept.size() - 2], dy = xy[last + 1] - kept[kept.size() - 1];
    if (kept.size() > 2 && dx * dx + dy * dy <= t2) kept.resize(kept.size() - 2);
    kept.push_back(xy[last]);
    kept.push_back(xy[last + 1]);
    for (size_t k = 0; k + 3 < kept.size(); k += 2)
        emit(&kept[k], &kept[k + 2]);
}

// Every line and ring of the column, simplified, segment by segment: emit(feature, a, b).
template <typename Emit>
void feature_segments(const GeometryColumn& geometry, size_t i, double tolerance,
                      std::vector<double>& kept, Emit&& emit) {
    const auto feature = static_cast<uint32_t>(i);
    for (size_t p = geometry.part_begin(i); p < geometry.part_end(i); ++p)
        for (size_t r = geometry.ring_begin(p); r < geometry.ring_end(p); ++r)
            simplified_segments(geometry.ring(r), tolerance, kept,
                                [&](const double* a, const double* b) { emit(feature, a, b); });
}

// The segments line_strips() would make (a counting pass: no mesh is built).
size_t strip_segment_count(const GeometryColumn& geometry, double tolerance) {
    size_t n = 0;
    std::vector<double> kept;
    for (size_t i = 0; i < geometry.size(); ++i)
        feature_segments(geometry, i, tolerance, kept,
                         [&](uint32_t, const double* a, const double* b) {
                             if (a[0] != b[0] || a[1] != b[1]) ++n;
                         });
    return n;
}

StripMesh build_strips(const GeometryColumn& geometry, Origin origin, double tolerance,
                       size_t segments, const FeatureChunks* chunks) {
    StripMesh mesh;
    mesh.ends.reserve(segments * StripMesh::kFloatsPerSegment);
    mesh.feature.reserve(segments);
    std::vector<double> kept;
    for_each_feature(
        geometry.size(), chunks, mesh.chunk_offsets, [&] { return mesh.segment_count(); },
        [&](size_t i) {
            feature_segments(geometry, i, tolerance, kept,
                             [&](uint32_t feature, const double* a, const double* b) {
                                 push_segment(mesh, feature, a, b, origin);
                             });
        });
    return mesh;
}

} // namespace

StripMesh line_strips(const GeometryColumn& geometry, Origin origin, double tolerance,
                      const FeatureChunks* chunks) {
    if (geometry.geom_class() == GeomClass::Point) return {};
    return build_strips(geometry, origin, tolerance, strip_segment_count(geometry, tolerance),
                        chunks);
}

std::vector<StripLevel> line_levels(const GeometryColumn& geometry, Origin origin,
                                    const LevelOptions& options, const FeatureChunks* chunks) {
    std::vector<StripLevel> levels;
    if (geometry.geom_class() == GeomClass::Point) return levels;
    levels.push_back({0.0, line_strips(geometry, origin, 0.0, chunks)});
    const Box extent = geometry.extent();
    const double largest = std::max(extent.width(), extent.height()) * options.largest_fraction;
    // Each level counted first (cheap) and built only when kept, to its exact size.
    for (double t = options.first_tolerance; t <= largest; t *= options.factor) {
        const size_t previous = levels.back().mesh.segment_count();
        if (previous <= options.min_segments) break;
        const size_t segments = strip_segment_count(geometry, t);
        if (double(segments) <= options.min_gain * double(previous))
            levels.push_back({t, build_strips(geometry, origin, t, segments, chunks)});
    }
    return levels;
}

size_t level_for(const std::vector<StripLevel>& levels, double max_tolerance) {
    size_t best = 0;
    for (size_t k = 0; k < levels.size(); ++k)
        if (levels[k].tolerance <= max_tolerance) best = k;
    return best;
}

StripMesh point_quads(const GeometryColumn& geometry, Origin origin, const FeatureChunks* chunks) {
    StripMesh mesh;
    if (geometry.geom_class() != GeomClass::Point) return mesh;
    mesh.ends.reserve(geometry.coord_count() * StripMesh::kFloatsPerSegment);
    mesh.feature.reserve(geometry.coord_count());
    for_each_feature(
        geometry.size(), chunks, mesh.chunk_offsets, [&] { return mesh.segment_count(); },
        [&](size_t i) {
            const auto feature = static_cast<uint32_t>(i);
            const std::span<const double> xy = geometry.feature_coords(i);
            for (size_t k = 0; k + 1 < xy.size(); k += 2) {
                const auto x = static_cast<float>(xy[k] - origin.x);
                const auto y = static_cast<float>(xy[k + 1] - origin.y);
                push_segment(mesh, feature, x, y, x, y);
            }
        });
    return mesh;
}

double triangles_area(std::span<const float> xy) {
    double sum = 0.0;
    for (size_t k = 0; k + 5 < xy.size(); k += 6) {
        const double ax = xy[k], ay = xy[k + 1];
        const double bx = xy[k + 2], by = xy[k + 3];
        const double cx = xy[k + 4], cy = xy[k + 5];
        sum += 0.5 * std::abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay));
    }
    return sum;
}

} // namespace renoplan::render
