// A fast WKB reader straight into GeometryColumn (no intermediate geometry objects).
//
// Reads OGC/ISO WKB and PostGIS EWKB, both byte orders, 2D/Z/M/ZM (Z and M are dropped), and
// collections. Curves are not linearised here: they are reported so the caller can hand the
// feature to OGR (getLinearGeometry) and read the result.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "geo/model/geometry.hpp"

namespace renoplan::io {

enum class WkbStatus : uint8_t {
    Ok,         // appended
    Empty,      // no coordinates (null geometry, EMPTY)
    OtherClass, // valid, but of another dimension than the column's class
    Curve,      // contains curves; linearise with OGR first
    Corrupt,    // truncated or unknown type code
};

struct WkbResult {
    WkbStatus status = WkbStatus::Ok;
    bool dropped_zm = false;    // the geometry had Z or M ordinates
    bool dropped_other = false; // a collection held components of another class (ignored)
};

// The geometry class of a WKB blob (from its first type code; collections by their first
// component); nullopt for empty, corrupt or unknown blobs.
std::optional<GeomClass> wkb_geom_class(std::span<const uint8_t> wkb);

// Parses one WKB geometry and appends it as one feature of `out` (of out.geom_class()).
WkbResult append_wkb(GeometryColumn& out, std::span<const uint8_t> wkb);

} // namespace renoplan::io
