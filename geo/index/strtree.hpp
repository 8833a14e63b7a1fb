// A static packed R-tree built by Sort-Tile-Recursive (Leutenegger et al. 1997).
//
// Built once from a layer's feature boxes; queries return feature indices whose boxes intersect
// a query box. The tree does not copy the leaf boxes: it keeps the STR order of the items and the
// boxes of the inner nodes, and queries are given the same box array again (the layer's
// geometry column owns it). That is 4 bytes per item plus ~1/16 of a box per item for the inner
// levels. Deterministic: ties in the sorts are broken by item index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "geo/model/box.hpp"

namespace renoplan {

class StrTree {
public:
    static constexpr size_t kNodeCapacity = 16;

    StrTree() = default;

    void build(std::span<const Box> boxes);
    bool built() const { return m_count > 0 || !m_items.empty(); }
    size_t size() const { return m_count; }

    // Calls visit(index) for every item whose box intersects `query`; stop early by returning
    // false from visit. `boxes` must be the array the tree was built from.
    void query(std::span<const Box> boxes, const Box& query,
               const std::function<bool(uint32_t)>& visit) const;
    // Convenience: all intersecting indices, ascending.
    std::vector<uint32_t> query(std::span<const Box> boxes, const Box& query) const;

    size_t memory_bytes() const;

private:
    // m_levels[0] holds the nodes directly above the items; node j of a level covers children
    // [j * kNodeCapacity, (j + 1) * kNodeCapacity) of the level below (items, for level 0).
    std::vector<std::vector<Box>> m_levels;
    std::vector<uint32_t> m_items; // item indices in STR order
    size_t m_count = 0;
};

} // namespace renoplan
