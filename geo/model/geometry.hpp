// Column-wise geometry storage (GeoArrow-like): one flat coordinate array plus offsets.
//
// Feature i has parts [feature_offsets[i], feature_offsets[i+1]); part p has rings
// [part_offsets[p], part_offsets[p+1]); ring r has coordinates [ring_offsets[r],
// ring_offsets[r+1]) in `xy` (interleaved x, y). The same nesting serves all three classes:
//   point      - each part is one ring of one coordinate (MultiPoint: several parts);
//   line       - each part is one ring holding the linestring (MultiLineString: several parts);
//   polygon    - each part is a polygon, its first ring the shell, the rest holes.
// Only 2D is kept (Z/M are dropped at load). A layer holds one geometry class.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <geos_c.h>

#include "geo/core/geos.hpp"
#include "geo/model/box.hpp"

namespace renoplan {

enum class GeomClass : uint8_t { Point = 0, Line = 1, Polygon = 2 };

const char* to_string(GeomClass geom_class);

class GeometryColumn {
public:
    GeometryColumn() = default;
    explicit GeometryColumn(GeomClass geom_class) : m_class(geom_class) {}

    GeomClass geom_class() const { return m_class; }
    void set_geom_class(GeomClass geom_class) { m_class = geom_class; }

    size_t size() const { return m_feature_offsets.size() - 1; }
    bool empty() const { return size() == 0; }
    size_t coord_count() const { return m_xy.size() / 2; }

    // --- building ------------------------------------------------------------------------
    // Adds a ring to the current part of the current feature; begin_feature()/begin_part()
    // must have been called. `xy` is interleaved x, y.
    void begin_feature();
    void begin_part();
    void add_ring(std::span<const double> xy);
    // Closes the feature; returns false (and discards it) when it has no coordinates.
    bool end_feature();
    // Discards everything added since begin_feature().
    void abort_feature();
    // Appends all features of another column of the same class.
    void append(const GeometryColumn& other);
    // Appends feature i of another column.
    void append_feature(const GeometryColumn& other, size_t i);
    // Appends a GEOS geometry of this column's class (multi-geometries and collections are
    // flattened; components of another dimension are ignored). Returns false if nothing of the
    // class was found.
    bool append_geos(GEOSContextHandle_t ctx, const GEOSGeometry* g);
    void reserve(size_t features, size_t coords);
    // Reserves room for `features` features shaped like those of `sample` (same parts, rings
    // and coordinates per feature on average), so appending them does not reallocate.
    void reserve_like(const GeometryColumn& sample, size_t features);
    // Gives back unused capacity where it is more than a quarter of what is used.
    void shrink_to_fit();

    // --- reading -------------------------------------------------------------------------
    const Box& box(size_t i) const { return m_boxes[i]; }
    const std::vector<Box>& boxes() const { return m_boxes; }
    Box extent() const;

    size_t part_begin(size_t i) const { return m_feature_offsets[i]; }
    size_t part_end(size_t i) const { return m_feature_offsets[i + 1]; }
    size_t ring_begin(size_t part) const { return m_part_offsets[part]; }
    size_t ring_end(size_t part) const { return m_part_offsets[part + 1]; }
    std::span<const double> ring(size_t r) const {
        return {m_xy.data() + 2 * size_t(m_ring_offsets[r]),
                2 * size_t(m_ring_offsets[r + 1] - m_ring_offsets[r])};
    }
    size_t feature_coord_count(size_t i) const;

    // Mutable access to all coordinates (for in-place reprojection).
    std::span<double> coords() { return m_xy; }
    std::span<const double> coords() const { return m_xy; }
    // Coordinates of feature i (contiguous).
    std::span<double> feature_coords(size_t i);
    std::span<const double> feature_coords(size_t i) const;
    // Recomputes the boxes after coordinates changed.
    void recompute_boxes();
    void recompute_box(size_t i);

    // Builds a GEOS geometry of feature i (Point/LineString/Polygon, or Multi* for several
    // parts). Throws std::runtime_error if GEOS refuses it.
    GeosGeometryPtr to_geos(GEOSContextHandle_t ctx, size_t i) const;

    // Area (polygons, m² when in a metric CRS, holes subtracted) and length (lines, perimeter of
    // polygons), computed from the coordinates directly.
    double area(size_t i) const;
    double length(size_t i) const;

    // Approximate heap bytes held.
    size_t memory_bytes() const;

private:
    GeomClass m_class = GeomClass::Polygon;
    std::vector<uint32_t> m_feature_offsets{0};
    std::vector<uint32_t> m_part_offsets{0};
    std::vector<uint32_t> m_ring_offsets{0};
    std::vector<double> m_xy;
    std::vector<Box> m_boxes;
    // state while a feature is open: where it started, to roll back an empty one
    size_t m_open_first_part = 0;
};

} // namespace renoplan
