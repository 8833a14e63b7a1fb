#include "geo/analysis/box_groups.hpp"

#include <algorithm>
#include <numeric>

#include "geo/analysis/union_find.hpp"

namespace renoplan::analysis {

std::vector<std::vector<uint32_t>> meeting_box_groups(std::span<const Box> boxes,
                                                      double tolerance) {
    const size_t n = boxes.size();
    std::vector<uint32_t> by_x(n);
    std::iota(by_x.begin(), by_x.end(), 0u);
    std::sort(by_x.begin(), by_x.end(), [&](uint32_t a, uint32_t b) {
        return boxes[a].min_x < boxes[b].min_x || (boxes[a].min_x == boxes[b].min_x && a < b);
    });
    UnionFind sets(n);
    std::vector<uint32_t> active; // boxes still open at the sweep's x
    for (const uint32_t i : by_x) {
        const Box b = boxes[i].buffered(tolerance);
        std::erase_if(active, [&](uint32_t k) { return boxes[k].max_x < b.min_x; });
        for (const uint32_t k : active)
            if (boxes[k].min_y <= b.max_y && boxes[k].max_y >= b.min_y) sets.unite(i, k);
        active.push_back(i);
    }
    std::vector<std::vector<uint32_t>> groups;
    std::vector<int64_t> group_of(n, -1); // root -> group
    for (uint32_t i = 0; i < n; ++i) {
        int64_t& g = group_of[sets.find(i)];
        if (g < 0) {
            g = int64_t(groups.size());
            groups.emplace_back();
        }
        groups[size_t(g)].push_back(i);
    }
    return groups;
}

} // namespace renoplan::analysis
