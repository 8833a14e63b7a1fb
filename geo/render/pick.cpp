#include "geo/render/pick.hpp"

#include <algorithm>
#include <exception>

#include "geo/core/geos.hpp"

namespace renoplan::render {

std::vector<PickHit> pick(std::span<const Layer* const> layers, double x, double y,
                          double tolerance, size_t limit) {
    std::vector<PickHit> hits;
    GEOSContextHandle_t ctx = geos_context();
    GeosGeometryPtr point = make_geos_ptr(ctx, GEOSGeom_createPointFromXY_r(ctx, x, y));
    if (!point) return hits;
    tolerance = std::max(tolerance, 0.0);
    const Box box{x - tolerance, y - tolerance, x + tolerance, y + tolerance};
    for (size_t k = layers.size(); k-- > 0;) {
        const Layer* layer = layers[k];
        if (!layer) continue;
        std::vector<uint32_t> rows = layer->query(box);
        std::reverse(rows.begin(), rows.end()); // later rows are drawn above earlier ones
        for (uint32_t row : rows) {
            try {
                GeosGeometryPtr g = layer->geometry.to_geos(ctx, row);
                double distance = 0.0;
                if (GEOSDistance_r(ctx, g.get(), point.get(), &distance) != 1) continue;
                if (distance > tolerance) continue;
            } catch (const std::exception&) {
                continue;
            }
            hits.push_back({k, row});
            if (hits.size() >= limit) return hits;
        }
    }
    return hits;
}

} // namespace renoplan::render
