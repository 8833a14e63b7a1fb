// CPU-side geometry preparation for the map canvas: polygon triangles, line strips and point
// quads as flat float arrays relative to a local origin. No OpenGL here (geo/ stays GUI-free):
// the GUI uploads these arrays once per layer and draws them with the shaders in shaders/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "geo/model/geometry.hpp"

namespace renoplan::render {

// Vertices are stored as float offsets from a double-precision origin (the centre of the data),
// so city-scale coordinates (millions of metres) keep centimetre precision on the GPU.
struct Origin {
    double x = 0.0;
    double y = 0.0;
};

// Filled polygons: three vertices per triangle.
struct FillMesh {
    std::vector<float> xy;         // x, y per vertex, relative to the origin
    std::vector<uint32_t> feature; // row of the feature each vertex belongs to
    // Where each chunk of features (FeatureChunks) starts, in vertices; one more entry than
    // chunks, the last = vertex_count(). {0, n} when built without chunks.
    std::vector<uint32_t> chunk_offsets;
    size_t failed_features = 0;  // features GEOS could not triangulate (not drawn)
    size_t snapped_features = 0; // triangulated after snapping to a fine grid (GEOS 3.11)

    size_t vertex_count() const { return feature.size(); }
};

// Constant-screen-width strips (lines, polygon outlines) and point symbols, as segments: the
// canvas draws each segment as one instance of a quad of two triangles, which the vertex shader
// stretches from end a to end b and widens to the stroke width in pixels (square caps close the
// gaps at joints), or as a 1-pixel line. A point is a segment of length zero: a square.
struct StripMesh {
    static constexpr size_t kFloatsPerSegment = 4; // a.x, a.y, b.x, b.y
    std::vector<float> ends;
    std::vector<uint32_t> feature; // row of the feature each segment belongs to
    // Where each chunk of features (FeatureChunks) starts, in segments (as FillMesh's).
    std::vector<uint32_t> chunk_offsets;

    size_t segment_count() const { return feature.size(); }
};

// The features of a column in spatial order (Morton order of their box centres), cut into runs
// of `per_chunk` features, with each run's box: meshes built in this order record where each
// run starts (chunk_offsets), so a view draws only the runs whose box it meets.
struct FeatureChunks {
    std::vector<uint32_t> order;  // feature rows
    std::vector<uint32_t> starts; // index into order where each chunk starts; then order.size()
    std::vector<Box> boxes;       // per chunk
    size_t count() const { return boxes.size(); }
};
FeatureChunks feature_chunks(const GeometryColumn& geometry, size_t per_chunk = 2048);

// Appends the triangles covering polygon feature `i` (holes left out, every part) to `mesh`
// using GEOS's constrained Delaunay triangulation (retried on a fine grid - 10 ppm of the
// feature's size, then coarser - where GEOS 3.11 fails on nearly collinear vertices). Returns
// false when GEOS refused the geometry.
bool triangulate_feature(const GeometryColumn& geometry, size_t i, Origin origin, FillMesh& mesh);
// All features of a polygon column (in the chunks' order when given).
FillMesh triangulate_polygons(const GeometryColumn& geometry, Origin origin,
                              const FeatureChunks* chunks = nullptr);

// Segments of every ring of every feature: the lines of a line column, the outlines (shells and
// holes) of a polygon column. Zero-length segments are skipped. With a tolerance (world units)
// each line and ring is first simplified by radial distance: vertices within the tolerance of the
// last one kept are dropped, so the result stays within about the tolerance of the original, and
// rings smaller than the tolerance vanish (their fills still show them).
StripMesh line_strips(const GeometryColumn& geometry, Origin origin, double tolerance = 0.0,
                      const FeatureChunks* chunks = nullptr);

// Levels of detail of the strips of a line or polygon column: level 0 exact, then simplified
// with tolerances growing by `factor`; a level is kept only where it saves enough vertices.
struct StripLevel {
    double tolerance = 0.0; // world units
    StripMesh mesh;
};
struct LevelOptions {
    double first_tolerance = 0.5; // world units (metres in the working CRS)
    double factor = 4.0;
    double largest_fraction = 1.0 / 64; // no tolerance above this share of the extent
    double min_gain = 0.7;              // a level needs at most this share of the segments ...
    size_t min_segments = 1000;         // ... of a previous level with more than this many
};
std::vector<StripLevel> line_levels(const GeometryColumn& geometry, Origin origin,
                                    const LevelOptions& options = {},
                                    const FeatureChunks* chunks = nullptr);
// The coarsest level whose tolerance is at most max_tolerance (0 when none is).
size_t level_for(const std::vector<StripLevel>& levels, double max_tolerance);
// One square (a segment of length zero) per coordinate of a point column.
StripMesh point_quads(const GeometryColumn& geometry, Origin origin,
                      const FeatureChunks* chunks = nullptr);

// Sum of the (unsigned) areas of the triangles in an xy array of three vertices per triangle.
double triangles_area(std::span<const float> xy);

} // namespace renoplan::render
