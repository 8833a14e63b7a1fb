#include "geo/model/geometry.hpp"

#include <cmath>
#include <stdexcept>

namespace renoplan {

const char* to_string(GeomClass geom_class) {
    switch (geom_class) {
    case GeomClass::Point:
        return "point";
    case GeomClass::Line:
        return "line";
    case GeomClass::Polygon:
        return "polygon";
    }
    return "unknown";
}

namespace {

uint32_t checked_u32(size_t v) {
    if (v > UINT32_MAX) throw std::length_error("geometry column exceeds 2^32 elements");
    return static_cast<uint32_t>(v);
}

Box ring_box(std::span<const double> xy) {
    Box b;
    for (size_t k = 0; k + 1 < xy.size(); k += 2)
        b.expand(xy[k], xy[k + 1]);
    return b;
}

// Shoelace formula; positive for counter-clockwise rings.
double signed_ring_area(std::span<const double> xy) {
    const size_t n = xy.size() / 2;
    if (n < 3) return 0.0;
    // Shift to the first vertex to keep precision with large coordinates.
    const double ox = xy[0], oy = xy[1];
    double sum = 0.0;
    for (size_t k = 0; k < n; ++k) {
        const size_t j = (k + 1) % n;
        sum += (xy[2 * k] - ox) * (xy[2 * j + 1] - oy) - (xy[2 * j] - ox) * (xy[2 * k + 1] - oy);
    }
    return 0.5 * sum;
}

double ring_length(std::span<const double> xy) {
    double len = 0.0;
    for (size_t k = 2; k + 1 < xy.size(); k += 2)
        len += std::hypot(xy[k] - xy[k - 2], xy[k + 1] - xy[k - 1]);
    return len;
}

} // namespace

void GeometryColumn::begin_feature() {
    m_open_first_part = m_part_offsets.size() - 1;
}

void GeometryColumn::begin_part() {
    m_part_offsets.push_back(m_part_offsets.back());
}

void GeometryColumn::add_ring(std::span<const double> xy) {
    if (xy.size() < 2) return;
    m_xy.insert(m_xy.end(), xy.begin(),
                xy.begin() + static_cast<ptrdiff_t>(xy.size() & ~size_t(1)));
    m_ring_offsets.push_back(checked_u32(m_xy.size() / 2));
    m_part_offsets.back() = checked_u32(m_ring_offsets.size() - 1);
}

void GeometryColumn::abort_feature() {
    m_part_offsets.resize(m_open_first_part + 1);
    const size_t rings = m_part_offsets.back();
    m_ring_offsets.resize(rings + 1);
    m_xy.resize(2 * size_t(m_ring_offsets.back()));
}

bool GeometryColumn::end_feature() {
    // Drop parts without rings (empty components), keeping the rest in order.
    size_t write = m_open_first_part;
    for (size_t p = m_open_first_part; p + 1 < m_part_offsets.size(); ++p) {
        if (m_part_offsets[p + 1] == m_part_offsets[p]) continue; // empty part
        m_part_offsets[write + 1] = m_part_offsets[p + 1];
        ++write;
    }
    m_part_offsets.resize(write + 1);
    if (write == m_open_first_part) return false; // nothing left: feature discarded
    m_feature_offsets.push_back(checked_u32(write));
    m_boxes.emplace_back();
    recompute_box(size() - 1);
    return true;
}

void GeometryColumn::append(const GeometryColumn& other) {
    // Bulk copy: shift the other column's offsets by what this column already holds.
    const uint32_t parts = m_feature_offsets.back();
    const uint32_t rings = m_part_offsets.back();
    const uint32_t coords = m_ring_offsets.back();
    checked_u32(size_t(coords) + other.coord_count());
    for (size_t k = 1; k < other.m_feature_offsets.size(); ++k)
        m_feature_offsets.push_back(parts + other.m_feature_offsets[k]);
    for (size_t k = 1; k < other.m_part_offsets.size(); ++k)
        m_part_offsets.push_back(rings + other.m_part_offsets[k]);
    for (size_t k = 1; k < other.m_ring_offsets.size(); ++k)
        m_ring_offsets.push_back(coords + other.m_ring_offsets[k]);
    m_xy.insert(m_xy.end(), other.m_xy.begin(), other.m_xy.end());
    m_boxes.insert(m_boxes.end(), other.m_boxes.begin(), other.m_boxes.end());
}

void GeometryColumn::append_feature(const GeometryColumn& other, size_t i) {
    begin_feature();
    for (size_t p = other.part_begin(i); p < other.part_end(i); ++p) {
        begin_part();
        for (size_t r = other.ring_begin(p); r < other.ring_end(p); ++r)
            add_ring(other.ring(r));
    }
    end_feature();
}

void GeometryColumn::reserve(size_t features, size_t coords) {
    m_feature_offsets.reserve(features + 1);
    m_boxes.reserve(features);
    m_part_offsets.reserve(features + 1);
    m_ring_offsets.reserve(features + 1);
    m_xy.reserve(2 * coords);
}

void GeometryColumn::reserve_like(const GeometryColumn& sample, size_t features) {
    if (sample.empty()) return;
    const double f = static_cast<double>(features) / static_cast<double>(sample.size()) * 1.02;
    auto scaled = [&](size_t n) { return static_cast<size_t>(static_cast<double>(n) * f) + 16; };
    m_feature_offsets.reserve(features + 1);
    m_boxes.reserve(features);
    m_part_offsets.reserve(scaled(sample.m_part_offsets.size()));
    m_ring_offsets.reserve(scaled(sample.m_ring_offsets.size()));
    m_xy.reserve(scaled(sample.m_xy.size()));
}

void GeometryColumn::shrink_to_fit() {
    // Reallocating costs a copy (and the peak memory of two); only worth it when much is unused.
    auto shrink = [](auto& v) {
        if (v.capacity() > v.size() + v.size() / 4 + 64) v.shrink_to_fit();
    };
    shrink(m_feature_offsets);
    shrink(m_part_offsets);
    shrink(m_ring_offsets);
    shrink(m_xy);
    shrink(m_boxes);
}

Box GeometryColumn::extent() const {
    Box b;
    for (const auto& fb : m_boxes)
        b.expand(fb);
    return b;
}

size_t GeometryColumn::feature_coord_count(size_t i) const {
    const size_t first_ring = m_part_offsets[m_feature_offsets[i]];
    const size_t end_ring = m_part_offsets[m_feature_offsets[i + 1]];
    return m_ring_offsets[end_ring] - m_ring_offsets[first_ring];
}

std::span<double> GeometryColumn::feature_coords(size_t i) {
    const size_t first_ring = m_part_offsets[m_feature_offsets[i]];
    const size_t end_ring = m_part_offsets[m_feature_offsets[i + 1]];
    const size_t begin = m_ring_offsets[first_ring], end = m_ring_offsets[end_ring];
    return {m_xy.data() + 2 * begin, 2 * (end - begin)};
}

std::span<const double> GeometryColumn::feature_coords(size_t i) const {
    return const_cast<GeometryColumn*>(this)->feature_coords(i);
}

void GeometryColumn::recompute_box(size_t i) {
    const size_t first_ring = m_part_offsets[m_feature_offsets[i]];
    const size_t end_ring = m_part_offsets[m_feature_offsets[i + 1]];
    const size_t begin = m_ring_offsets[first_ring], end = m_ring_offsets[end_ring];
    m_boxes[i] = ring_box({m_xy.data() + 2 * begin, 2 * (end - begin)});
}

void GeometryColumn::recompute_boxes() {
    for (size_t i = 0; i < size(); ++i)
        recompute_box(i);
}

double GeometryColumn::area(size_t i) const {
    if (m_class != GeomClass::Polygon) return 0.0;
    double total = 0.0;
    for (size_t p = part_begin(i); p < part_end(i); ++p) {
        for (size_t r = ring_begin(p); r < ring_end(p); ++r) {
            const double a = std::abs(signed_ring_area(ring(r)));
            total += (r == ring_begin(p)) ? a : -a;
        }
    }
    return total;
}

double GeometryColumn::length(size_t i) const {
    if (m_class == GeomClass::Point) return 0.0;
    double total = 0.0;
    for (size_t p = part_begin(i); p < part_end(i); ++p)
        for (size_t r = ring_begin(p); r < ring_end(p); ++r)
            total += ring_length(ring(r));
    return total;
}

size_t GeometryColumn::memory_bytes() const {
    return m_feature_offsets.capacity() * sizeof(uint32_t) +
           m_part_offsets.capacity() * sizeof(uint32_t) +
           m_ring_offsets.capacity() * sizeof(uint32_t) + m_xy.capacity() * sizeof(double) +
           m_boxes.capacity() * sizeof(Box);
}

// --- GEOS conversion --------------------------------------------------------------------

namespace {

GEOSCoordSequence* make_seq(GEOSContextHandle_t ctx, std::span<const double> xy) {
    GEOSCoordSequence* seq =
        GEOSCoordSeq_copyFromBuffer_r(ctx, xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0);
    if (!seq) throw std::runtime_error("GEOS: cannot create a coordinate sequence");
    return seq;
}

GEOSGeometry* make_ring(GEOSContextHandle_t ctx, std::span<const double> xy) {
    GEOSGeometry* g = GEOSGeom_createLinearRing_r(ctx, make_seq(ctx, xy));
    if (!g) throw std::runtime_error("GEOS: cannot create a linear ring");
    return g;
}

} // namespace

GeosGeometryPtr GeometryColumn::to_geos(GEOSContextHandle_t ctx, size_t i) const {
    std::vector<GEOSGeometry*> parts;
    auto cleanup = [&] {
        for (auto* g : parts)
            GEOSGeom_destroy_r(ctx, g);
    };
    try {
        for (size_t p = part_begin(i); p < part_end(i); ++p) {
            GEOSGeometry* g = nullptr;
            switch (m_class) {
            case GeomClass::Point:
                g = GEOSGeom_createPoint_r(ctx, make_seq(ctx, ring(ring_begin(p))));
                break;
            case GeomClass::Line:
                g = GEOSGeom_createLineString_r(ctx, make_seq(ctx, ring(ring_begin(p))));
                break;
            case GeomClass::Polygon: {
                GEOSGeometry* shell = make_ring(ctx, ring(ring_begin(p)));
                std::vector<GEOSGeometry*> holes;
                try {
                    for (size_t r = ring_begin(p) + 1; r < ring_end(p); ++r)
                        holes.push_back(make_ring(ctx, ring(r)));
                } catch (...) {
                    GEOSGeom_destroy_r(ctx, shell);
                    for (auto* h : holes)
                        GEOSGeom_destroy_r(ctx, h);
                    throw;
                }
                g = GEOSGeom_createPolygon_r(ctx, shell, holes.data(),
                                             static_cast<unsigned>(holes.size()));
                break;
            }
            }
            if (!g) throw std::runtime_error("GEOS: cannot create a geometry");
            parts.push_back(g);
        }
    } catch (...) {
        cleanup();
        throw;
    }
    if (parts.size() == 1) return make_geos_ptr(ctx, parts[0]);
    const int type = m_class == GeomClass::Point  ? GEOS_MULTIPOINT
                     : m_class == GeomClass::Line ? GEOS_MULTILINESTRING
                                                  : GEOS_MULTIPOLYGON;
    GEOSGeometry* multi =
        GEOSGeom_createCollection_r(ctx, type, parts.data(), static_cast<unsigned>(parts.size()));
    if (!multi) {
        cleanup();
        throw std::runtime_error("GEOS: cannot create a multi-geometry");
    }
    return make_geos_ptr(ctx, multi);
}

namespace {

void copy_seq(GEOSContextHandle_t ctx, const GEOSCoordSequence* seq, std::vector<double>& out) {
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    out.resize(2 * size_t(n));
    if (n) GEOSCoordSeq_copyToBuffer_r(ctx, seq, out.data(), 0, 0);
}

void add_geos_ring(GeometryColumn& col, GEOSContextHandle_t ctx, const GEOSGeometry* ring,
                   std::vector<double>& buf) {
    copy_seq(ctx, GEOSGeom_getCoordSeq_r(ctx, ring), buf);
    col.add_ring(buf);
}

bool add_geos_parts(GeometryColumn& col, GEOSContextHandle_t ctx, const GEOSGeometry* g,
                    std::vector<double>& buf) {
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (GEOSisEmpty_r(ctx, g) == 1) return false;
    switch (type) {
    case GEOS_POINT:
        if (col.geom_class() != GeomClass::Point) return false;
        col.begin_part();
        add_geos_ring(col, ctx, g, buf);
        return true;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
        if (col.geom_class() != GeomClass::Line) return false;
        col.begin_part();
        add_geos_ring(col, ctx, g, buf);
        return true;
    case GEOS_POLYGON: {
        if (col.geom_class() != GeomClass::Polygon) return false;
        col.begin_part();
        add_geos_ring(col, ctx, GEOSGetExteriorRing_r(ctx, g), buf);
        const int holes = GEOSGetNumInteriorRings_r(ctx, g);
        for (int h = 0; h < holes; ++h)
            add_geos_ring(col, ctx, GEOSGetInteriorRingN_r(ctx, g, h), buf);
        return true;
    }
    default: {
        bool any = false;
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int k = 0; k < n; ++k)
            any |= add_geos_parts(col, ctx, GEOSGetGeometryN_r(ctx, g, k), buf);
        return any;
    }
    }
}

} // namespace

bool GeometryColumn::append_geos(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
    std::vector<double> buf;
    begin_feature();
    add_geos_parts(*this, ctx, g, buf);
    return end_feature();
}

} // namespace renoplan
