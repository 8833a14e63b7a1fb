// Selecting features without OpenGL: the features a rubber band (a box on the map) touches, the
// selection set the map highlight, the Identify window and the Attributes panel share, and the
// box "zoom to selection" shows.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_set>
#include <vector>

#include "geo/model/layer.hpp"
#include "geo/render/pick.hpp"

namespace renoplan::render {

// The features whose geometry intersects `box` (working CRS): candidates from each layer's STR
// tree (Layer::query), then an exact GEOS test against the rectangle (a feature whose box lies
// inside `box` needs none). `layers` are in draw order, bottom to top (null entries, e.g. hidden
// layers, are skipped); the hits come top layer first, rows ascending within a layer. At most
// `limit` hits.
std::vector<PickHit> select_in_box(std::span<const Layer* const> layers, const Box& box,
                                   size_t limit = 100000);

// The selected features, in the order they were selected, without duplicates; membership in
// constant time (the Attributes panel asks once per visible row).
class Selection {
public:
    void clear();
    // Replaces the selection.
    void set(std::span<const PickHit> hits);
    // Adds the hits not yet selected, keeping the order.
    void add(std::span<const PickHit> hits);
    // Selects the feature, or removes it when it is selected.
    void toggle(PickHit hit);
    bool contains(size_t layer, uint32_t row) const { return m_keys.count(key(layer, row)) > 0; }
    const std::vector<PickHit>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }
    size_t size() const { return m_items.size(); }

private:
    static uint64_t key(size_t layer, uint32_t row) { return (uint64_t(layer) << 32) | row; }
    std::vector<PickHit> m_items;
    std::unordered_set<uint64_t> m_keys;
};

// The union of the selected features' boxes (empty when nothing is selected). `layers` are the
// layers the hits index.
Box selection_extent(std::span<const Layer* const> layers, std::span<const PickHit> hits);

// The box to zoom to for a feature box: grown about its centre to at least `min_side` (metres)
// in both directions, so a point or a small feature shows its surroundings.
Box zoom_box(const Box& box, double min_side = 100.0);

} // namespace renoplan::render
