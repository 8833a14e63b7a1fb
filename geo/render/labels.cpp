#include "geo/render/labels.hpp"

#include <algorithm>
#include <numeric>

#include "geo/core/geos.hpp"

namespace renoplan::render {

std::vector<LabelAnchor> label_anchors(const Layer& layer, std::string_view field) {
    const Column* column = layer.canonical_column(field);
    if (!column) {
        const int index = layer.find_attribute(field);
        if (index >= 0) column = &layer.attributes[static_cast<size_t>(index)];
    }
    std::vector<LabelAnchor> out;
    if (!column) return out;
    GEOSContextHandle_t ctx = geos_context();
    const GeometryColumn& geometry = layer.geometry;
    for (size_t i = 0; i < layer.size() && i < column->size(); ++i) {
        if (column->is_null(i)) continue;
        std::string text = column->to_text(i);
        if (text.empty()) continue;
        LabelAnchor anchor;
        anchor.row = static_cast<uint32_t>(i);
        if (geometry.geom_class() == GeomClass::Polygon)
            anchor.size = geometry.area(i);
        else if (geometry.geom_class() == GeomClass::Line)
            anchor.size = geometry.length(i);
        try {
            GeosGeometryPtr g = geometry.to_geos(ctx, i);
            GeosGeometryPtr p = make_geos_ptr(ctx, GEOSPointOnSurface_r(ctx, g.get()));
            if (!p || GEOSisEmpty_r(ctx, p.get()) != 0) continue;
            if (GEOSGeomGetX_r(ctx, p.get(), &anchor.x) != 1 ||
                GEOSGeomGetY_r(ctx, p.get(), &anchor.y) != 1)
                continue;
        } catch (const std::exception&) {
            continue;
        }
        anchor.text = std::move(text);
        out.push_back(std::move(anchor));
    }
    return out;
}

std::vector<size_t> place_labels(std::span<const LabelCandidate> candidates, ScreenRect bounds,
                                 std::span<const ScreenRect> blocked, float padding) {
    std::vector<size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const LabelCandidate &ca = candidates[a], &cb = candidates[b];
        if (ca.priority != cb.priority) return ca.priority > cb.priority;
        return ca.size > cb.size;
    });
    std::vector<size_t> placed;
    std::vector<ScreenRect> taken;
    for (size_t k : order) {
        const ScreenRect r = candidates[k].rect(padding);
        if (r.x0 < bounds.x0 || r.y0 < bounds.y0 || r.x1 > bounds.x1 || r.y1 > bounds.y1) continue;
        const auto hits = [&r](const ScreenRect& o) { return r.overlaps(o); };
        if (std::any_of(blocked.begin(), blocked.end(), hits) ||
            std::any_of(taken.begin(), taken.end(), hits))
            continue;
        taken.push_back(r);
        placed.push_back(k);
    }
    return placed;
}

} // namespace renoplan::render
