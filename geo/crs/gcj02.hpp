// GCJ-02 ("Mars coordinates", AMap/Tencent) and BD-09 (Baidu) <-> WGS84.
//
// GCJ-02 is a non-linear, position-dependent offset (Krassowsky constants a = 6378245,
// e^2 = 0.006693421622965823) applied only inside China's bounding box; it has no closed-form
// inverse, so gcj02_to_wgs84 iterates until the forward image is within 1e-9 degrees. BD-09 is
// GCJ-02 plus a small polar perturbation. Reference: hujiulong/gcoord (MIT); checked against its
// 331-city fixture in tests/geo/crs/test_gcj02.cpp.
#pragma once

namespace renoplan::crs {

struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

// True outside the rough bounding box where the offset is applied (lon 72.004..137.8347,
// lat 0.8293..55.8271); there GCJ-02 equals WGS84.
bool outside_china(double lon, double lat);

LonLat wgs84_to_gcj02(LonLat p);
LonLat gcj02_to_wgs84(LonLat p); // iterative inverse
LonLat gcj02_to_bd09(LonLat p);
LonLat bd09_to_gcj02(LonLat p);
LonLat wgs84_to_bd09(LonLat p);
LonLat bd09_to_wgs84(LonLat p);

} // namespace renoplan::crs
