#include "geo/index/strtree.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace renoplan {

namespace {

// Orders `ids` (indices into boxes) by STR: slices by centre x, then by centre y within a slice.
// Sorts (key, id) pairs rather than ids with an indirect comparison: far fewer cache misses.
void str_sort(std::vector<uint32_t>& ids, std::span<const Box> boxes, size_t capacity) {
    const size_t n = ids.size();
    if (n <= capacity) return;
    struct Keyed {
        double key;
        uint32_t id;
        bool operator<(const Keyed& o) const { return key < o.key || (key == o.key && id < o.id); }
    };
    std::vector<Keyed> keyed(n);
    for (size_t k = 0; k < n; ++k)
        keyed[k] = {boxes[ids[k]].min_x + boxes[ids[k]].max_x, ids[k]};
    std::sort(keyed.begin(), keyed.end());
    const size_t leaves = (n + capacity - 1) / capacity;
    const size_t slices = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(leaves))));
    const size_t per_slice = slices * capacity;
    for (size_t s = 0; s < n; s += per_slice) {
        const auto first = keyed.begin() + static_cast<ptrdiff_t>(s);
        const auto last = keyed.begin() + static_cast<ptrdiff_t>(std::min(n, s + per_slice));
        for (auto it = first; it != last; ++it)
            it->key = boxes[it->id].min_y + boxes[it->id].max_y;
        std::sort(first, last);
    }
    for (size_t k = 0; k < n; ++k)
        ids[k] = keyed[k].id;
}

} // namespace

void StrTree::build(std::span<const Box> boxes) {
    m_levels.clear();
    m_items.resize(boxes.size());
    m_count = boxes.size();
    if (boxes.empty()) return;
    std::iota(m_items.begin(), m_items.end(), 0u);
    str_sort(m_items, boxes, kNodeCapacity);

    // First inner level from the items, then parents until one root remains.
    std::vector<Box> level;
    level.reserve((boxes.size() + kNodeCapacity - 1) / kNodeCapacity);
    for (size_t k = 0; k < m_items.size(); k += kNodeCapacity) {
        Box b;
        for (size_t c = k; c < std::min(m_items.size(), k + kNodeCapacity); ++c)
            b.expand(boxes[m_items[c]]);
        level.push_back(b);
    }
    m_levels.push_back(std::move(level));
    while (m_levels.back().size() > 1) {
        const std::vector<Box>& below = m_levels.back();
        std::vector<Box> up;
        up.reserve((below.size() + kNodeCapacity - 1) / kNodeCapacity);
        for (size_t k = 0; k < below.size(); k += kNodeCapacity) {
            Box b;
            for (size_t c = k; c < std::min(below.size(), k + kNodeCapacity); ++c)
                b.expand(below[c]);
            up.push_back(b);
        }
        m_levels.push_back(std::move(up));
    }
}

void StrTree::query(std::span<const Box> boxes, const Box& q,
                    const std::function<bool(uint32_t)>& visit) const {
    if (m_levels.empty() || q.empty()) return;
    struct Entry {
        uint32_t level;
        uint32_t node;
    };
    std::vector<Entry> stack;
    stack.push_back({static_cast<uint32_t>(m_levels.size() - 1), 0});
    while (!stack.empty()) {
        const Entry e = stack.back();
        stack.pop_back();
        if (!m_levels[e.level][e.node].intersects(q)) continue;
        const size_t first = size_t(e.node) * kNodeCapacity;
        if (e.level == 0) {
            const size_t last = std::min(m_items.size(), first + kNodeCapacity);
            for (size_t k = first; k < last; ++k) {
                const uint32_t id = m_items[k];
                if (boxes[id].intersects(q) && !visit(id)) return;
            }
            continue;
        }
        const size_t last = std::min(m_levels[e.level - 1].size(), first + kNodeCapacity);
        for (size_t c = last; c-- > first;)
            stack.push_back({e.level - 1, static_cast<uint32_t>(c)});
    }
}

std::vector<uint32_t> StrTree::query(std::span<const Box> boxes, const Box& q) const {
    std::vector<uint32_t> out;
    query(boxes, q, [&](uint32_t id) {
        out.push_back(id);
        return true;
    });
    std::sort(out.begin(), out.end());
    return out;
}

size_t StrTree::memory_bytes() const {
    size_t bytes = m_items.capacity() * sizeof(uint32_t);
    for (const auto& l : m_levels)
        bytes += l.capacity() * sizeof(Box);
    return bytes;
}

} // namespace renoplan
