#include "geo/render/select.hpp"

#include <algorithm>
#include <exception>

#include "geo/core/geos.hpp"

namespace renoplan::render {

namespace {

bool inside(const Box& inner, const Box& outer) {
    return !inner.empty() && inner.min_x >= outer.min_x && inner.max_x <= outer.max_x &&
           inner.min_y >= outer.min_y && inner.max_y <= outer.max_y;
}

} // namespace

std::vector<PickHit> select_in_box(std::span<const Layer* const> layers, const Box& box,
                                   size_t limit) {
    std::vector<PickHit> hits;
    if (box.empty() || limit == 0) return hits;
    GEOSContextHandle_t ctx = geos_context();
    GeosGeometryPtr rectangle = make_geos_ptr(
        ctx, GEOSGeom_createRectangle_r(ctx, box.min_x, box.min_y, box.max_x, box.max_y));
    if (!rectangle) return hits;
    GeosPreparedPtr prepared(GEOSPrepare_r(ctx, rectangle.get()), GeosPreparedDeleter{ctx});
    if (!prepared) return hits;
    for (size_t k = layers.size(); k-- > 0;) {
        const Layer* layer = layers[k];
        if (!layer) continue;
        for (uint32_t row : layer->query(box)) {
            if (!inside(layer->geometry.box(row), box)) {
                try {
                    GeosGeometryPtr g = layer->geometry.to_geos(ctx, row);
                    if (!g || GEOSPreparedIntersects_r(ctx, prepared.get(), g.get()) != 1) continue;
                } catch (const std::exception&) {
                    continue;
                }
            }
            hits.push_back({k, row});
            if (hits.size() >= limit) return hits;
        }
    }
    return hits;
}

void Selection::clear() {
    m_items.clear();
    m_keys.clear();
}

void Selection::set(std::span<const PickHit> hits) {
    clear();
    add(hits);
}

void Selection::add(std::span<const PickHit> hits) {
    for (const PickHit& hit : hits)
        if (m_keys.insert(key(hit.layer, hit.row)).second) m_items.push_back(hit);
}

void Selection::toggle(PickHit hit) {
    if (m_keys.erase(key(hit.layer, hit.row)) == 0) {
        m_keys.insert(key(hit.layer, hit.row));
        m_items.push_back(hit);
        return;
    }
    m_items.erase(
        std::remove_if(m_items.begin(), m_items.end(),
                       [&](const PickHit& h) { return h.layer == hit.layer && h.row == hit.row; }),
        m_items.end());
}

Box selection_extent(std::span<const Layer* const> layers, std::span<const PickHit> hits) {
    Box out;
    for (const PickHit& hit : hits)
        if (hit.layer < layers.size() && layers[hit.layer] && hit.row < layers[hit.layer]->size())
            out.expand(layers[hit.layer]->geometry.box(hit.row));
    return out;
}

Box zoom_box(const Box& box, double min_side) {
    if (box.empty()) return box;
    const double half_w = 0.5 * std::max(box.width(), min_side);
    const double half_h = 0.5 * std::max(box.height(), min_side);
    return Box{box.center_x() - half_w, box.center_y() - half_h, box.center_x() + half_w,
               box.center_y() + half_h};
}

} // namespace renoplan::render
