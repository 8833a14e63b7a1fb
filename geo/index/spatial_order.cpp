#include "geo/index/spatial_order.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace renoplan {

uint32_t morton(uint32_t x, uint32_t y) {
    auto spread = [](uint32_t v) {
        v &= 0xFFFF;
        v = (v | (v << 8)) & 0x00FF00FF;
        v = (v | (v << 4)) & 0x0F0F0F0F;
        v = (v | (v << 2)) & 0x33333333;
        v = (v | (v << 1)) & 0x55555555;
        return v;
    };
    return spread(x) | (spread(y) << 1);
}

std::vector<uint32_t> spatial_order(std::span<const Box> boxes, std::span<const uint32_t> rows) {
    Box extent;
    for (const uint32_t i : rows)
        extent.expand(boxes[i]);
    const double w = std::max(extent.width(), 1e-9), h = std::max(extent.height(), 1e-9);
    std::vector<std::pair<uint32_t, uint32_t>> keyed;
    keyed.reserve(rows.size());
    for (const uint32_t i : rows) {
        const Box& b = boxes[i];
        uint32_t key = 0;
        if (!b.empty()) {
            const auto qx = static_cast<uint32_t>((b.center_x() - extent.min_x) / w * 65535.0);
            const auto qy = static_cast<uint32_t>((b.center_y() - extent.min_y) / h * 65535.0);
            key = morton(qx, qy);
        }
        keyed.emplace_back(key, i);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<uint32_t> out;
    out.reserve(keyed.size());
    for (const auto& [key, row] : keyed)
        out.push_back(row);
    return out;
}

std::vector<uint32_t> spatial_order(std::span<const Box> boxes) {
    std::vector<uint32_t> rows(boxes.size());
    std::iota(rows.begin(), rows.end(), 0u);
    return spatial_order(boxes, rows);
}

} // namespace renoplan
