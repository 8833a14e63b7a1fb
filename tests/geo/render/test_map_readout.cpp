// geo/render/map_readout: the status line's longitude/latitude and map scale and the north arrow's
// meridian convergence. Reference figures from Debian's PROJ tools, run independently:
//   echo "3379366.93 556100.94" | cs2cs -f %.9f EPSG:4544 EPSG:4490
//     -> 30.533192815  105.584584972
//   echo "30.5 106" | cs2cs EPSG:4490 EPSG:4544 -d 9  -> 3375966.960096120  596001.308241034
//   echo "106 30.5" | proj -V +proj=tmerc +lon_0=105 +ellps=GRS80 +x_0=500000
//     -> Convergence : 0d30'27.278" [ 0.50757720 ]
// and the spherical formula gamma = atan(tan(dlon) * sin(lat)).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "geo/core/error.hpp"
#include "geo/render/map_readout.hpp"

using namespace renoplan;
using namespace renoplan::render;

namespace {

double spherical_convergence_deg(double dlon_deg, double lat_deg) {
    const double rad = std::numbers::pi / 180.0;
    return std::atan(std::tan(dlon_deg * rad) * std::sin(lat_deg * rad)) / rad;
}

} // namespace

TEST_CASE("map readout: a Suining point in EPSG:4544 as CGCS2000 longitude/latitude",
          "[render][readout]") {
    const GeographicReadout readout("EPSG:4544");
    double lon = 0.0, lat = 0.0;
    REQUIRE(readout.to_lonlat(556100.94, 3379366.93, lon, lat));
    CHECK(lon == Approx(105.584584972).margin(1e-8));
    CHECK(lat == Approx(30.533192815).margin(1e-8));
    REQUIRE(readout.to_lonlat(596001.308241034, 3375966.96009612, lon, lat));
    CHECK(lon == Approx(106.0).margin(1e-8));
    CHECK(lat == Approx(30.5).margin(1e-8));
}

TEST_CASE("map readout: meridian convergence in a Gauss-Kruger zone", "[render][readout]") {
    const GeographicReadout readout("EPSG:4544"); // central meridian 105E
    SECTION("zero on the central meridian") {
        const auto gamma = readout.convergence_deg(500000.0, 3375000.0);
        REQUIRE(gamma);
        CHECK(std::abs(*gamma) < 1e-6);
    }
    SECTION("106E 30.5N: +0.5076 degrees, as PROJ's factors and the spherical formula say") {
        const auto gamma = readout.convergence_deg(596001.308241034, 3375966.96009612);
        REQUIRE(gamma);
        CHECK(*gamma == Approx(0.50757720).margin(2e-5));
        CHECK(*gamma == Approx(spherical_convergence_deg(1.0, 30.5)).margin(2e-3));
    }
    SECTION("west of the central meridian the sign turns") {
        double x = 0.0, y = 0.0;
        {
            // 104E 30.5N mirrors 106E about the central meridian.
            x = 2 * 500000.0 - 596001.308241034;
            y = 3375966.96009612;
        }
        const auto gamma = readout.convergence_deg(x, y);
        REQUIRE(gamma);
        CHECK(*gamma == Approx(-0.50757720).margin(2e-5));
    }
    SECTION("grows with the distance from the central meridian and with the latitude") {
        const auto near = readout.convergence_deg(550000.0, 3375000.0);
        const auto far = readout.convergence_deg(650000.0, 3375000.0);
        const auto north = readout.convergence_deg(650000.0, 4400000.0);
        REQUIRE((near && far && north));
        CHECK(0.0 < *near);
        CHECK(*near < *far);
        CHECK(*far < *north);
    }
}

TEST_CASE("map readout: a geographic working CRS has no convergence", "[render][readout]") {
    const GeographicReadout readout("EPSG:4490");
    double lon = 0.0, lat = 0.0;
    REQUIRE(readout.to_lonlat(105.5, 30.5, lon, lat));
    CHECK(lon == Approx(105.5).margin(1e-12));
    const auto gamma = readout.convergence_deg(105.5, 30.5);
    REQUIRE(gamma);
    CHECK(std::abs(*gamma) < 1e-9);
}

TEST_CASE("map readout: an unknown CRS is an error, not a crash", "[render][readout]") {
    CHECK_THROWS_AS(GeographicReadout("not a crs"), Error);
}

TEST_CASE("map readout: map scale 1:N", "[render][readout]") {
    CHECK(kDefaultMmPerPixel == Approx(0.26458).margin(1e-5));
    CHECK(mm_per_pixel(344, 1280) == Approx(0.26875));
    CHECK(mm_per_pixel(0, 1280) == kDefaultMmPerPixel);   // not reported
    CHECK(mm_per_pixel(5000, 100) == kDefaultMmPerPixel); // implausible: 50 mm pixels
    CHECK(mm_per_pixel(300, 0) == kDefaultMmPerPixel);
    // 1 m per pixel of 0.2646 mm: 1000 / 0.26458 = 3779.5
    CHECK(scale_denominator(1.0, kDefaultMmPerPixel) == Approx(3779.527559));
    CHECK(format_scale(scale_denominator(1.0, kDefaultMmPerPixel)) == "1:3,780");
    CHECK(scale_denominator(6.5715, kDefaultMmPerPixel) == Approx(24837.0).epsilon(1e-4));
    CHECK(format_scale(24837.0) == "1:24,800");
    CHECK(format_scale(24850.0) == "1:24,900");
    CHECK(format_scale(523.4) == "1:523");
    CHECK(format_scale(1234567.0) == "1:1,230,000");
    CHECK(format_scale(999.6) == "1:1,000");
    CHECK(format_scale(0.3) == "1:1");
    CHECK(format_scale(0.0).empty());
    CHECK(format_scale(std::nan("")).empty());
    CHECK(scale_denominator(-1.0, kDefaultMmPerPixel) == 0.0);
}
