#include "geo/io/wkb.hpp"

#include <cmath>
#include <cstring>
#include <vector>

namespace renoplan::io {

namespace {

// Type codes after removing ISO (1000/2000/3000) and EWKB (high bits) dimension flags.
enum : uint32_t {
    kPoint = 1,
    kLineString = 2,
    kPolygon = 3,
    kMultiPoint = 4,
    kMultiLineString = 5,
    kMultiPolygon = 6,
    kGeometryCollection = 7,
    kCircularString = 8,
    kCompoundCurve = 9,
    kCurvePolygon = 10,
    kMultiCurve = 11,
    kMultiSurface = 12,
    kCurve = 13,
    kSurface = 14,
    kPolyhedralSurface = 15,
    kTin = 16,
    kTriangle = 17,
};

constexpr uint32_t kEwkbZ = 0x80000000u;
constexpr uint32_t kEwkbM = 0x40000000u;
constexpr uint32_t kEwkbSrid = 0x20000000u;

struct Cursor {
    const uint8_t* p;
    const uint8_t* end;
    bool ok = true;

    bool need(size_t n) {
        if (static_cast<size_t>(end - p) < n) ok = false;
        return ok;
    }
    uint8_t u8() {
        if (!need(1)) return 0;
        return *p++;
    }
    uint32_t u32(bool little) {
        if (!need(4)) return 0;
        uint32_t v;
        std::memcpy(&v, p, 4);
        p += 4;
        if (!little) v = __builtin_bswap32(v);
        return v;
    }
    double f64(bool little) {
        if (!need(8)) return 0;
        uint64_t v;
        std::memcpy(&v, p, 8);
        p += 8;
        if (!little) v = __builtin_bswap64(v);
        double d;
        std::memcpy(&d, &v, 8);
        return d;
    }
};

struct Header {
    bool little = true;
    uint32_t type = 0; // base type 1..17
    int dims = 2;      // ordinates per point
    bool zm = false;
};

bool read_header(Cursor& c, Header& h) {
    const uint8_t order = c.u8();
    if (!c.ok || order > 1) return false;
    h.little = order == 1;
    uint32_t raw = c.u32(h.little);
    if (!c.ok) return false;
    bool has_z = false, has_m = false;
    if (raw & (kEwkbZ | kEwkbM | kEwkbSrid)) {
        has_z = raw & kEwkbZ;
        has_m = raw & kEwkbM;
        if (raw & kEwkbSrid) c.u32(h.little); // skip SRID
        raw &= 0x0FFFFFFFu;
    }
    const uint32_t iso = raw / 1000;
    if (iso == 1)
        has_z = true;
    else if (iso == 2)
        has_m = true;
    else if (iso == 3)
        has_z = has_m = true;
    else if (iso != 0)
        return false;
    h.type = raw % 1000;
    h.dims = 2 + (has_z ? 1 : 0) + (has_m ? 1 : 0);
    h.zm = has_z || has_m;
    return c.ok && h.type >= 1 && h.type <= 17;
}

bool is_curve_type(uint32_t t) {
    return t == kCircularString || t == kCompoundCurve || t == kCurvePolygon || t == kMultiCurve ||
           t == kMultiSurface || t == kCurve || t == kSurface;
}

std::optional<GeomClass> class_of(uint32_t t) {
    switch (t) {
    case kPoint:
    case kMultiPoint:
        return GeomClass::Point;
    case kLineString:
    case kMultiLineString:
    case kCircularString:
    case kCompoundCurve:
    case kMultiCurve:
    case kCurve:
        return GeomClass::Line;
    case kPolygon:
    case kMultiPolygon:
    case kCurvePolygon:
    case kMultiSurface:
    case kSurface:
    case kPolyhedralSurface:
    case kTin:
    case kTriangle:
        return GeomClass::Polygon;
    default:
        return std::nullopt;
    }
}

class Parser {
public:
    Parser(GeometryColumn& out, Cursor c) : m_out(out), m_c(c) {}

    WkbResult run() {
        WkbResult r;
        m_out.begin_feature();
        const bool ok = geometry(0);
        if (!ok) {
            m_out.abort_feature(); // drop whatever parts were added before the failure
            r.status = m_curve ? WkbStatus::Curve : WkbStatus::Corrupt;
            return r;
        }
        r.dropped_zm = m_zm;
        r.dropped_other = m_other;
        if (!m_out.end_feature()) r.status = m_other ? WkbStatus::OtherClass : WkbStatus::Empty;
        return r;
    }

private:
    // Reads n points of `dims` ordinates into m_buf (x, y only).
    bool points(uint32_t n, const Header& h) {
        const size_t stride = static_cast<size_t>(h.dims) * 8;
        if (!m_c.need(size_t(n) * stride)) return false;
        m_buf.resize(size_t(n) * 2);
        for (uint32_t k = 0; k < n; ++k) {
            m_buf[2 * k] = m_c.f64(h.little);
            m_buf[2 * k + 1] = m_c.f64(h.little);
            m_c.p += stride - 16;
        }
        return true;
    }

    bool geometry(int depth) {
        if (depth > 32) return false;
        Header h;
        if (!read_header(m_c, h)) return false;
        m_zm |= h.zm;
        if (is_curve_type(h.type)) {
            m_curve = true;
            return false;
        }
        const auto cls = class_of(h.type);
        const bool wanted = cls && *cls == m_out.geom_class();
        switch (h.type) {
        case kPoint: {
            if (!points(1, h)) return false;
            // POINT EMPTY is written as NaN coordinates.
            if (std::isnan(m_buf[0]) || std::isnan(m_buf[1])) return true;
            if (!wanted) return other();
            m_out.begin_part();
            m_out.add_ring(m_buf);
            return true;
        }
        case kLineString: {
            const uint32_t n = m_c.u32(h.little);
            if (!m_c.ok || !points(n, h)) return false;
            if (n == 0) return true;
            if (!wanted) return other();
            m_out.begin_part();
            m_out.add_ring(m_buf);
            return true;
        }
        case kPolygon:
        case kTriangle: {
            const uint32_t rings = m_c.u32(h.little);
            if (!m_c.ok) return false;
            if (rings == 0) return true;
            if (wanted) m_out.begin_part();
            for (uint32_t r = 0; r < rings; ++r) {
                const uint32_t n = m_c.u32(h.little);
                if (!m_c.ok || !points(n, h)) return false;
                if (wanted && n > 0) m_out.add_ring(m_buf);
            }
            if (!wanted) return other();
            return true;
        }
        case kMultiPoint:
        case kMultiLineString:
        case kMultiPolygon:
        case kGeometryCollection:
        case kPolyhedralSurface:
        case kTin: {
            const uint32_t n = m_c.u32(h.little);
            if (!m_c.ok) return false;
            for (uint32_t k = 0; k < n; ++k)
                if (!geometry(depth + 1)) return false;
            return true;
        }
        default:
            return false;
        }
    }

    bool other() {
        m_other = true;
        return true;
    }

    GeometryColumn& m_out;
    Cursor m_c;
    std::vector<double> m_buf;
    bool m_zm = false;
    bool m_other = false;
    bool m_curve = false;
};

} // namespace

std::optional<GeomClass> wkb_geom_class(std::span<const uint8_t> wkb) {
    Cursor c{wkb.data(), wkb.data() + wkb.size()};
    for (int depth = 0; depth < 32; ++depth) {
        Header h;
        if (!read_header(c, h)) return std::nullopt;
        if (h.type == kGeometryCollection) {
            const uint32_t n = c.u32(h.little);
            if (!c.ok || n == 0) return std::nullopt;
            continue; // the first member decides
        }
        return class_of(h.type);
    }
    return std::nullopt;
}

WkbResult append_wkb(GeometryColumn& out, std::span<const uint8_t> wkb) {
    if (wkb.empty()) return {WkbStatus::Empty, false, false};
    Parser p(out, Cursor{wkb.data(), wkb.data() + wkb.size()});
    return p.run();
}

} // namespace renoplan::io
