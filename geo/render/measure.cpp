#include "geo/render/measure.hpp"

#include <cmath>
#include <cstdio>

namespace renoplan::render {

namespace {

// "1234567" -> "1,234,567" (digits only; a leading '-' kept).
std::string group_thousands(const std::string& digits) {
    const size_t start = !digits.empty() && digits[0] == '-' ? 1 : 0;
    std::string out = digits.substr(0, start);
    const size_t n = digits.size() - start;
    for (size_t k = 0; k < n; ++k) {
        if (k > 0 && (n - k) % 3 == 0) out += ',';
        out += digits[start + k];
    }
    return out;
}

} // namespace

Measurement measure(std::span<const double> xy) {
    Measurement m;
    m.points = xy.size() / 2;
    for (size_t k = 1; k < m.points; ++k)
        m.length_m += std::hypot(xy[2 * k] - xy[2 * k - 2], xy[2 * k + 1] - xy[2 * k - 1]);
    if (m.points < 3) return m;
    m.has_area = true;
    const double last_x = xy[2 * m.points - 2], last_y = xy[2 * m.points - 1];
    m.perimeter_m = m.length_m + std::hypot(xy[0] - last_x, xy[1] - last_y);
    // Shoelace relative to the first point: the products stay small at Gauss-Kruger magnitudes
    // (eastings of 500 km, northings of 3,000 km), so no precision is lost.
    double twice = 0.0;
    const double x0 = xy[0], y0 = xy[1];
    for (size_t k = 1; k + 1 < m.points; ++k) {
        const double ax = xy[2 * k] - x0, ay = xy[2 * k + 1] - y0;
        const double bx = xy[2 * k + 2] - x0, by = xy[2 * k + 3] - y0;
        twice += ax * by - bx * ay;
    }
    m.area_m2 = 0.5 * std::abs(twice);
    return m;
}

std::string format_length(double length_m) {
    if (!(length_m >= 0.0) || !std::isfinite(length_m)) return "-";
    char buf[64];
    if (length_m >= 1000.0)
        std::snprintf(buf, sizeof buf, "%.3f km", length_m / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%.1f m", length_m);
    return buf;
}

std::string format_area_m2(double area_m2) {
    if (!(area_m2 >= 0.0) || !std::isfinite(area_m2)) return "-";
    char buf[64];
    if (area_m2 < 100.0) {
        std::snprintf(buf, sizeof buf, "%.1f m²", area_m2);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.0f", std::round(area_m2));
    return group_thousands(buf) + " m²";
}

std::string format_mu(double area_m2) {
    if (!(area_m2 >= 0.0) || !std::isfinite(area_m2)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", area_m2 / kSquareMetresPerMu);
    return buf;
}

} // namespace renoplan::render
