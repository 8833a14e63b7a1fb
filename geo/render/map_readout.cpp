#include "geo/render/map_readout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace renoplan::render {

namespace {

crs::CrsSpec cgcs2000_geographic() {
    return crs::parse_crs("EPSG:4490");
}

} // namespace

GeographicReadout::GeographicReadout(const crs::CrsSpec& working)
    : m_to_geographic(working, cgcs2000_geographic()),
      m_from_geographic(cgcs2000_geographic(), working) {}

GeographicReadout::GeographicReadout(const std::string& working_crs)
    : GeographicReadout(crs::parse_crs(working_crs)) {}

bool GeographicReadout::to_lonlat(double x, double y, double& lon, double& lat) const {
    double xy[2] = {x, y};
    if (m_to_geographic.transform(xy) != 0 || !std::isfinite(xy[0]) || !std::isfinite(xy[1]))
        return false;
    lon = xy[0];
    lat = xy[1];
    return true;
}

// The point and one a little north of it on the same meridian, both in the working CRS: the
// direction between them is true north in grid terms.
std::optional<double> GeographicReadout::convergence_deg(double x, double y) const {
    double lon = 0.0, lat = 0.0;
    if (!to_lonlat(x, y, lon, lat)) return std::nullopt;
    constexpr double kStepDeg = 1e-4; // about 11 m
    const double step = lat > 89.0 ? -kStepDeg : kStepDeg;
    double xy[4] = {lon, lat, lon, lat + step};
    if (m_from_geographic.transform(xy) != 0) return std::nullopt;
    double dx = xy[2] - xy[0], dy = xy[3] - xy[1];
    if (step < 0) dx = -dx, dy = -dy;
    if (!std::isfinite(dx) || !std::isfinite(dy) || (dx == 0.0 && dy == 0.0)) return std::nullopt;
    // True north's bearing from grid north (clockwise) is atan2(dx, dy); the convergence is the
    // opposite angle.
    return -std::atan2(dx, dy) * 180.0 / std::numbers::pi;
}

double mm_per_pixel(int physical_width_mm, int width_px) {
    if (physical_width_mm <= 0 || width_px <= 0) return kDefaultMmPerPixel;
    const double mm = double(physical_width_mm) / double(width_px);
    return mm >= 0.05 && mm <= 2.0 ? mm : kDefaultMmPerPixel;
}

double scale_denominator(double metres_per_pixel, double mm_per_px) {
    if (!(metres_per_pixel > 0.0) || !(mm_per_px > 0.0) || !std::isfinite(metres_per_pixel))
        return 0.0;
    return metres_per_pixel * 1000.0 / mm_per_px;
}

double round_scale(double denominator) {
    if (!(denominator > 0.0) || !std::isfinite(denominator)) return 0.0;
    if (denominator < 1.0) return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(denominator)) - 2.0);
    const double rounded = std::round(denominator / magnitude) * magnitude;
    return std::max(1.0, std::round(rounded));
}

std::string format_scale(double denominator) {
    const double n = round_scale(denominator);
    if (n <= 0.0 || n >= 1e18) return {};
    // Thousands separated by commas, built front to back (no insert: GCC 12's -Wrestrict
    // misfires on std::string::insert).
    const std::string digits = std::to_string(static_cast<long long>(n));
    std::string out = "1:";
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
        out += digits[k];
    }
    return out;
}

} // namespace renoplan::render
