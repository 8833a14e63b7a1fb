// Coordinate reference systems: parsing what users write, guessing what files leave out,
// choosing the working CRS, and transforming coordinates into it.
//
// Everything is transformed once, at load, into one metric working CRS: by default the CGCS2000
// 3-degree Gauss-Kruger zone containing the data (EPSG:4544 for Suining). Geographic CRSs use the
// traditional GIS axis order (x = longitude). GCJ-02 and BD-09 (Chinese web-map systems PROJ does
// not know) are converted to WGS84 first by an iterative inverse (geo/crs/gcj02.hpp).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "geo/model/box.hpp"

class OGRSpatialReference;

namespace renoplan::crs {

// A source or target CRS.
struct CrsSpec {
    enum class Kind { Proj, Gcj02, Bd09 };
    Kind kind = Kind::Proj;
    // For Kind::Proj: text OGRSpatialReference::SetFromUserInput accepts ("EPSG:4490", WKT, ...).
    std::string definition;
    // Short readable label: "EPSG:4490 (China Geodetic Coordinate System 2000)", "GCJ-02".
    std::string label;
    // EPSG code when known, else 0.
    int epsg = 0;
    bool is_geographic = false;
};

// Parses what a user writes on the command line or in a project file: "EPSG:4544", "4544",
// "CGCS2000", "WGS84", "GCJ-02"/"GCJ02"/"gcj", "BD-09"/"BD09"/"baidu", WKT or a PROJ string.
// Throws renoplan::ConfigError naming the text when it is not a CRS.
CrsSpec parse_crs(std::string_view text);

// The CRS a GDAL layer declares; nullopt when the layer has none.
std::optional<CrsSpec> spec_from_srs(const OGRSpatialReference* srs);

// What a layer without a declared CRS most likely uses, judged from its extent, when that is
// unambiguous: longitude/latitude degrees inside China (-> EPSG:4490), or Gauss-Kruger eastings
// carrying a zone prefix (3-degree zones 25-45 -> EPSG:4513-4533, 6-degree zones 13-23 ->
// EPSG:4491-4501). nullopt otherwise (e.g. a GK easting without prefix: zone unknown).
struct CrsGuess {
    CrsSpec spec;
    std::string reason; // e.g. "coordinates are longitude/latitude degrees"
};
std::optional<CrsGuess> guess_crs(const Box& extent);

// If a declared projected CRS's eastings do not fit it but fit the zone-prefixed variant (or
// the other way round), the CRS that fits and why; nullopt when the declared one fits.
std::optional<CrsGuess> check_zone_prefix(const CrsSpec& declared, const Box& extent);

// EPSG code of the CGCS2000 3-degree Gauss-Kruger CRS with the given central meridian
// (75..135, multiple of 3): 4534..4554 without zone prefix, 4513..4533 with it.
int cgcs2000_gk3_epsg(int central_meridian, bool zone_prefixed);
// The 3-degree central meridian nearest to a longitude.
int gk3_central_meridian(double lon);

// The default working CRS for data whose longitude/latitude extent is given: the CGCS2000
// 3-degree Gauss-Kruger zone (no prefix) on the centre's longitude, or, outside China's zones,
// the WGS 84 UTM zone there. Throws CrsError for an empty extent.
struct WorkingCrs {
    CrsSpec spec;
    std::string reason; // "data centre 105.59E lies in the 3-degree zone on 105E"
};
WorkingCrs choose_working_crs(const Box& lonlat_extent);

// A transformation from a source CRS to a target CRS (Kind::Proj; throws CrsError otherwise or
// when PROJ cannot connect them). GCJ-02/BD-09 sources are first converted to WGS84 (gcj02.hpp),
// then EPSG:4326 -> target by PROJ. transform() is thread-safe: a call borrows a private clone of
// the PROJ transformation from a mutex-protected pool owned by the Transformer (one clone per
// concurrently running call, created on demand, freed with the Transformer).
class Transformer {
public:
    // `extent` (in source coordinates), when given, lets the transformer use PROJ's faster
    // approximate transverse Mercator (Evenden/Snyder) - about 1.6 times faster than the exact
    // series - but only if, on a grid of points across that extent, it agrees with the exact
    // operation to within kApproxToleranceM. Otherwise, and for every other operation, the exact
    // operation PROJ picks is used.
    Transformer(const CrsSpec& source, const CrsSpec& target, const Box* extent = nullptr);
    static constexpr double kApproxToleranceM = 0.0005;
    ~Transformer();
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    const CrsSpec& source() const;
    const CrsSpec& target() const;
    bool is_identity() const;
    // Whether the approximate transverse Mercator was validated and is in use.
    bool uses_approximation() const;

    // Transforms interleaved x, y in place. Returns the number of points that failed; those are
    // set to NaN. Does nothing when is_identity().
    size_t transform(std::span<double> xy) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The extent of a box in a source CRS as longitude/latitude (EPSG:4326, traditional order), from
// 21 points per edge; points that fail are left out; empty box if none can be transformed.
Box to_lonlat(const CrsSpec& source, const Box& extent);

} // namespace renoplan::crs
