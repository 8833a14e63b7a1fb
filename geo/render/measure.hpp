// The measure tool's arithmetic without OpenGL: the length of a clicked path and the area it
// encloses, planar in the working CRS (a metric Gauss-Kruger projection, so metres and square
// metres), and their display texts.
#pragma once

#include <span>
#include <string>

namespace renoplan::render {

// 1 亩 (mu) = 10000 / 15 m² (666.67 m²).
inline constexpr double kSquareMetresPerMu = 10000.0 / 15.0;

struct Measurement {
    size_t points = 0;
    double length_m = 0.0;    // along the points in order (the open path)
    double perimeter_m = 0.0; // the path closed back to the first point (3+ points)
    double area_m2 = 0.0;     // enclosed by the closed path (3+ points), unsigned
    bool has_area = false;    // 3 or more points

    double area_mu() const { return area_m2 / kSquareMetresPerMu; }
};

// Measures the path through `xy` (interleaved x, y in metres). The area is the shoelace area of
// the closed ring: exact for a simple ring; for a ring that crosses itself the lobes of opposite
// orientation partly cancel (as GEOS's area of such a ring does).
Measurement measure(std::span<const double> xy);

// "0.5 m", "850.3 m", "1.235 km" (from 1000 m on); "-" for a negative or non-finite length.
std::string format_length(double length_m);
// "12.5 m²", "1,234 m²", "1,234,568 m²" (whole square metres from 100 m² on, thousands
// separated by commas).
std::string format_area_m2(double area_m2);
// The area in 亩, two decimals ("1.85").
std::string format_mu(double area_m2);

} // namespace renoplan::render
