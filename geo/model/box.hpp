// Axis-aligned bounding box in working-CRS metres (or source units before transformation).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace renoplan {

struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(min_x <= max_x && min_y <= max_y); }
    double width() const { return empty() ? 0.0 : max_x - min_x; }
    double height() const { return empty() ? 0.0 : max_y - min_y; }
    double center_x() const { return 0.5 * (min_x + max_x); }
    double center_y() const { return 0.5 * (min_y + max_y); }

    void expand(double x, double y) {
        min_x = std::min(min_x, x);
        min_y = std::min(min_y, y);
        max_x = std::max(max_x, x);
        max_y = std::max(max_y, y);
    }
    void expand(const Box& b) {
        if (b.empty()) return;
        expand(b.min_x, b.min_y);
        expand(b.max_x, b.max_y);
    }
    Box buffered(double d) const {
        return empty() ? *this : Box{min_x - d, min_y - d, max_x + d, max_y + d};
    }
    bool intersects(const Box& b) const {
        return !(b.min_x > max_x || b.max_x < min_x || b.min_y > max_y || b.max_y < min_y);
    }
    bool contains(double x, double y) const {
        return x >= min_x && x <= max_x && y >= min_y && y <= max_y;
    }
    // Euclidean distance between the boxes (0 when they intersect).
    double distance(const Box& b) const {
        const double dx = std::max({0.0, b.min_x - max_x, min_x - b.max_x});
        const double dy = std::max({0.0, b.min_y - max_y, min_y - b.max_y});
        return dx == 0.0 ? dy : (dy == 0.0 ? dx : std::hypot(dx, dy));
    }
};

} // namespace renoplan
