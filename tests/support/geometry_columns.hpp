// In-memory geometry columns for tests: `geometry_column(GeomClass::Polygon, {"POLYGON (...)"})`.
#pragma once

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "geo/core/geos.hpp"
#include "geo/model/geometry.hpp"

namespace renoplan::test {

// A column of the given class holding one feature per WKT (each must parse and fit the class).
inline GeometryColumn geometry_column(GeomClass cls, const std::vector<std::string>& wkts) {
    GeosContext& ctx = geos_context();
    GeometryColumn col(cls);
    for (const auto& w : wkts)
        REQUIRE(col.append_geos(ctx, geos_from_wkt(w).get()));
    return col;
}

} // namespace renoplan::test
