// GCJ-02 and BD-09 <-> WGS84: the published algorithm also used by hujiulong/gcoord (MIT).
//
// The forward transformations are the reference formulas; the inverses are fixed-point
// iterations on them (the offsets change slowly with position, so each step shrinks the error
// by about three orders of magnitude and two or three steps reach 1e-9 degrees, ~0.1 mm).
#include "geo/crs/gcj02.hpp"

#include <cmath>
#include <numbers>

namespace renoplan::crs {

namespace {

// Krassowsky ellipsoid as used by the GCJ-02 formula.
constexpr double kSemiMajorAxis = 6378245.0;
constexpr double kEccentricitySquared = 0.006693421622965823;
// BD-09's perturbation frequency (pi * 3000 / 180, written with the reference's pi literal).
constexpr double kBaiduFactor = 3.14159265358979324 * 3000.0 / 180.0;
constexpr double kBaiduShiftLon = 0.0065;
constexpr double kBaiduShiftLat = 0.006;

constexpr double kInverseTolerance = 1e-9; // degrees
constexpr int kMaxInverseIterations = 30;

double transform_lat(double x, double y) {
    constexpr double pi = std::numbers::pi;
    double ret =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    ret += (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
    ret += (20.0 * std::sin(y * pi) + 40.0 * std::sin(y / 3.0 * pi)) * 2.0 / 3.0;
    ret += (160.0 * std::sin(y / 12.0 * pi) + 320.0 * std::sin(y * pi / 30.0)) * 2.0 / 3.0;
    return ret;
}

double transform_lon(double x, double y) {
    constexpr double pi = std::numbers::pi;
    double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    ret += (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
    ret += (20.0 * std::sin(x * pi) + 40.0 * std::sin(x / 3.0 * pi)) * 2.0 / 3.0;
    ret += (150.0 * std::sin(x / 12.0 * pi) + 300.0 * std::sin(x / 30.0 * pi)) * 2.0 / 3.0;
    return ret;
}

// The GCJ-02 offset (degrees) added to a WGS84 position inside China.
LonLat gcj02_offset(double lon, double lat) {
    constexpr double pi = std::numbers::pi;
    const double raw_lon = transform_lon(lon - 105.0, lat - 35.0);
    const double raw_lat = transform_lat(lon - 105.0, lat - 35.0);
    const double rad_lat = lat / 180.0 * pi;
    const double sin_lat = std::sin(rad_lat);
    const double magic = 1.0 - kEccentricitySquared * sin_lat * sin_lat;
    const double sqrt_magic = std::sqrt(magic);
    return LonLat{raw_lon * 180.0 / (kSemiMajorAxis / sqrt_magic * std::cos(rad_lat) * pi),
                  raw_lat * 180.0 /
                      (kSemiMajorAxis * (1.0 - kEccentricitySquared) / (magic * sqrt_magic) * pi)};
}

// Solves forward(result) == target by fixed-point iteration starting at `start`.
template <typename Forward>
LonLat invert(LonLat target, LonLat start, Forward forward) {
    LonLat p = start;
    for (int i = 0; i < kMaxInverseIterations; ++i) {
        const LonLat image = forward(p);
        const double d_lon = image.lon - target.lon;
        const double d_lat = image.lat - target.lat;
        if (std::abs(d_lon) < kInverseTolerance && std::abs(d_lat) < kInverseTolerance) break;
        p.lon -= d_lon;
        p.lat -= d_lat;
    }
    return p;
}

// The closed-form approximate inverse of gcj02_to_bd09 (the reference formula; ~1e-8 degrees).
LonLat bd09_to_gcj02_approx(LonLat p) {
    const double x = p.lon - kBaiduShiftLon;
    const double y = p.lat - kBaiduShiftLat;
    const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBaiduFactor);
    const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBaiduFactor);
    return LonLat{z * std::cos(theta), z * std::sin(theta)};
}

} // namespace

bool outside_china(double lon, double lat) {
    // Written so that NaN counts as outside: the point is then passed through unchanged.
    return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
}

LonLat wgs84_to_gcj02(LonLat p) {
    if (outside_china(p.lon, p.lat)) return p;
    const LonLat d = gcj02_offset(p.lon, p.lat);
    return LonLat{p.lon + d.lon, p.lat + d.lat};
}

LonLat gcj02_to_wgs84(LonLat p) {
    if (outside_china(p.lon, p.lat)) return p;
    return invert(p, p, wgs84_to_gcj02);
}

LonLat gcj02_to_bd09(LonLat p) {
    const double x = p.lon;
    const double y = p.lat;
    const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBaiduFactor);
    const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBaiduFactor);
    return LonLat{z * std::cos(theta) + kBaiduShiftLon, z * std::sin(theta) + kBaiduShiftLat};
}

LonLat bd09_to_gcj02(LonLat p) {
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) return p;
    // Refine the closed-form inverse so that gcj02_to_bd09 maps the result back exactly.
    return invert(p, bd09_to_gcj02_approx(p), gcj02_to_bd09);
}

LonLat wgs84_to_bd09(LonLat p) {
    return gcj02_to_bd09(wgs84_to_gcj02(p));
}

LonLat bd09_to_wgs84(LonLat p) {
    return gcj02_to_wgs84(bd09_to_gcj02(p));
}

} // namespace renoplan::crs
