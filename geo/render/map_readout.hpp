// What the map viewer's status line and north arrow say about the view, GL-free: the cursor's
// longitude/latitude (CGCS2000 geographic, EPSG:4490) through PROJ, the meridian convergence
// (true north against grid north) at a point of the working CRS, and the map scale 1:N from the
// metres per pixel and the screen's pixel size.
#pragma once

#include <optional>
#include <string>

#include "geo/crs/crs.hpp"

namespace renoplan::render {

// Working CRS <-> EPSG:4490 (longitude, latitude in degrees). Throws CrsError (or ConfigError for
// an unparsable definition) when PROJ cannot connect the two.
class GeographicReadout {
public:
    explicit GeographicReadout(const crs::CrsSpec& working);
    // The working CRS given as text (Dataset::working_crs, e.g. "EPSG:4544").
    explicit GeographicReadout(const std::string& working_crs);

    // Longitude and latitude of a working-CRS point; false when PROJ cannot transform it.
    bool to_lonlat(double x, double y, double& lon, double& lat) const;
    // The meridian convergence at a working-CRS point, in degrees: the angle from true north to
    // grid north, clockwise positive (PROJ's sign: positive east of a transverse Mercator's
    // central meridian in the northern hemisphere). True north on a map drawn grid-north-up
    // therefore points that many degrees anticlockwise from straight up. nullopt when the point
    // cannot be transformed.
    std::optional<double> convergence_deg(double x, double y) const;

private:
    crs::Transformer m_to_geographic;
    crs::Transformer m_from_geographic;
};

// The size of a screen pixel when the screen does not say: 96 dpi.
inline constexpr double kDefaultMmPerPixel = 25.4 / 96.0;

// The pixel size of a monitor from its physical width (mm) and its width in pixels; the 96 dpi
// default when either is missing or the result is implausible (outside 0.05 .. 2 mm, as virtual
// and misreporting displays give).
double mm_per_pixel(int physical_width_mm, int width_px);

// The scale denominator N of 1:N: one screen pixel of `mm_per_px` millimetres shows
// `metres_per_pixel` metres on the ground. 0 for a degenerate input.
double scale_denominator(double metres_per_pixel, double mm_per_px);
// N rounded to three significant figures (24,837 -> 24,800; 523.4 -> 523), at least 1.
double round_scale(double denominator);
// "1:24,800" (rounded as above, thousands separated by commas); "" for a degenerate input.
std::string format_scale(double denominator);

} // namespace renoplan::render
