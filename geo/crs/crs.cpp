// Index
// [SECTION] Helpers: spatial references, EPSG identification, labels
// [SECTION] parse_crs / spec_from_srs
// [SECTION] Guessing a missing CRS and checking zone prefixes
// [SECTION] Gauss-Kruger zones and the working CRS
// [SECTION] Transformer
// [SECTION] to_lonlat
#include "geo/crs/crs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <mutex>
#include <numbers>
#include <vector>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <ogr_spatialref.h>
#include <proj.h>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/text.hpp"
#include "geo/crs/gcj02.hpp"

namespace renoplan::crs {

// [SECTION] Helpers: spatial references, EPSG identification, labels

namespace {

constexpr int kEpsgWgs84 = 4326;
constexpr int kEpsgCgcs2000 = 4490;
// CGCS2000 Gauss-Kruger families (DOMAIN.md section 8).
constexpr int kGk3PrefixedFirst = 4513; // 3-degree zone 25 (CM 75E), x_0 = 25,500,000
constexpr int kGk3PrefixedLast = 4533;  // 3-degree zone 45 (CM 135E)
constexpr int kGk3PlainFirst = 4534;    // 3-degree CM 75E, x_0 = 500,000
constexpr int kGk3PlainLast = 4554;     // 3-degree CM 135E
constexpr int kGk6PrefixedFirst = 4491; // 6-degree zone 13 (CM 75E), x_0 = 13,500,000
constexpr int kGk3FirstZone = 25;
constexpr int kGk3LastZone = 45;
constexpr int kGk6FirstZone = 13;
constexpr int kGk6LastZone = 23;
constexpr int kGk3FirstCm = 75;
constexpr int kGk3LastCm = 135;
constexpr double kZonePrefixUnit = 1'000'000.0; // prefixed easting = zone * 1e6 + (0..1e6)
constexpr double kMaxNorthing = 10'000'000.0;

constexpr const char* kCrsHint =
    "write an EPSG code such as EPSG:4544 (CGCS2000 3-degree Gauss-Kruger CM 105E) or EPSG:4490 "
    "(CGCS2000 longitude/latitude), CGCS2000, WGS84, GCJ-02, BD-09, WKT or a PROJ string";

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string format_number(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// "35,556,899": readable eastings in reasons.
std::string format_grouped(double value) {
    const std::string digits = format_number(std::abs(value), 0);
    std::string out;
    const size_t n = digits.size();
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string format_lon(double lon) {
    return format_number(std::abs(lon), 2) + (lon < 0 ? "W" : "E");
}

std::string eastings_text(const Box& extent) {
    return "eastings " + format_grouped(extent.min_x) + ".." + format_grouped(extent.max_x);
}

std::string epsg_text(int epsg) {
    return "EPSG:" + std::to_string(epsg);
}

// A spatial reference for a Kind::Proj definition, or null with GDAL's reason in `why`.
OsrPtr try_srs(const std::string& definition, std::string& why) {
    gdal_init();
    OsrPtr srs(new OGRSpatialReference());
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    GdalErrorCapture capture;
    const char* const options[] = {"ALLOW_NETWORK_ACCESS=NO", nullptr};
    if (srs->SetFromUserInput(definition.c_str(), options) != OGRERR_NONE) {
        why = capture.last_failure();
        return nullptr;
    }
    // SetFromUserInput may reset the mapping for some inputs; make sure x = longitude.
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// As try_srs, but throws CrsError naming the CRS.
OsrPtr srs_from_definition(const std::string& definition, const std::string& label) {
    std::string why;
    OsrPtr srs = try_srs(definition, why);
    if (!srs)
        throw CrsError({},
                       "cannot create the coordinate reference system '" +
                           (label.empty() ? definition : label) + "'" +
                           (why.empty() ? "" : ": " + why),
                       kCrsHint);
    return srs;
}

// The EPSG code of the CRS root, if it carries one.
int root_epsg(const OGRSpatialReference& srs) {
    const char* authority = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (!authority || !code || !EQUAL(authority, "EPSG") || !all_digits(code)) return 0;
    return std::atoi(code);
}

// The EPSG code of a CRS: its own, else PROJ's identification when it finds exactly one
// equivalent EPSG entry (confidence >= 90: equivalent, names may differ), else GDAL's
// AutoIdentifyEPSG (WGS84, UTM and the like).
int identify_epsg(const OGRSpatialReference& srs) {
    if (const int code = root_epsg(srs)) return code;
    GdalErrorCapture quiet;
    if (OsrPtr best{srs.FindBestMatch(90, "EPSG")}) {
        if (const int code = root_epsg(*best)) return code;
    }
    OsrPtr copy(srs.Clone());
    if (copy->AutoIdentifyEPSG() == OGRERR_NONE) return root_epsg(*copy);
    return 0;
}

// Whether two spatial references (both in traditional GIS order, x = longitude) describe the same
// CRS. The data-axis mappings are ignored: EPSG:4326 maps (lat, lon) axes to (x, y) by swapping,
// a .prj's lon/lat GEOGCS without swapping, and both still mean x = longitude.
bool same_crs(const OGRSpatialReference& a, const OGRSpatialReference& b) {
    const char* const options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
                                   "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    return a.IsSame(&b, options) != 0;
}

// The CRS's name; for unnamed ones (PROJ strings are named "unknown") the start of `fallback`.
std::string srs_name(const OGRSpatialReference& srs, std::string_view fallback = {}) {
    const char* name = srs.GetName();
    if (name && *name && !EQUAL(name, "unknown")) return name;
    if (fallback.empty()) return "unnamed CRS";
    constexpr size_t kMaxLabel = 60;
    return fallback.size() <= kMaxLabel ? std::string(fallback)
                                        : std::string(fallback.substr(0, kMaxLabel)) + "...";
}

std::string epsg_label(int epsg, const OGRSpatialReference& srs) {
    return epsg_text(epsg) + " (" + srs_name(srs) + ")";
}

CrsSpec spec_for_epsg(int epsg) {
    CrsSpec spec;
    spec.definition = epsg_text(epsg);
    OsrPtr srs = srs_from_definition(spec.definition, spec.definition);
    spec.kind = CrsSpec::Kind::Proj;
    spec.label = epsg_label(epsg, *srs);
    spec.epsg = epsg;
    spec.is_geographic = srs->IsGeographic() != 0;
    return spec;
}

CrsSpec web_map_spec(CrsSpec::Kind kind, const char* name) {
    CrsSpec spec;
    spec.kind = kind;
    spec.definition = name;
    spec.label = name;
    spec.is_geographic = true;
    return spec;
}

bool is_china_lonlat(double lon, double lat) {
    return lon >= 72.0 && lon <= 138.0 && lat >= 0.0 && lat <= 56.0;
}

// The zone number carried by eastings min_x..max_x when they read as "zone * 1e6 + easting
// within the zone" for one zone, else 0.
int easting_zone_prefix(double min_x, double max_x) {
    if (!(min_x >= kZonePrefixUnit) || !(max_x >= min_x)) return 0;
    const double zone = std::floor(min_x / kZonePrefixUnit);
    if (zone > 1000.0 || max_x - zone * kZonePrefixUnit > kZonePrefixUnit) return 0;
    return static_cast<int>(zone);
}

} // namespace

// [SECTION] parse_crs / spec_from_srs

CrsSpec parse_crs(std::string_view text) {
    const std::string trimmed = trim(text);
    const std::string lower = ascii_lower(trimmed);
    if (trimmed.empty())
        throw ConfigError({}, "an empty text is not a coordinate reference system", kCrsHint);

    if (lower == "gcj-02" || lower == "gcj02" || lower == "gcj" || lower == "火星坐标")
        return web_map_spec(CrsSpec::Kind::Gcj02, "GCJ-02");
    if (lower == "bd-09" || lower == "bd09" || lower == "baidu" || lower == "百度")
        return web_map_spec(CrsSpec::Kind::Bd09, "BD-09");
    if (lower == "cgcs2000") return spec_for_epsg(kEpsgCgcs2000);
    if (lower == "wgs84" || lower == "wgs 84" || lower == "wgs-84")
        return spec_for_epsg(kEpsgWgs84);

    std::string definition = trimmed;
    if (all_digits(trimmed))
        definition = "EPSG:" + trimmed;
    else if (lower.rfind("epsg:", 0) == 0)
        definition = "EPSG:" + trim(trimmed.substr(5));

    std::string why;
    OsrPtr srs = try_srs(definition, why);
    if (!srs)
        throw ConfigError({},
                          "'" + trimmed + "' is not a coordinate reference system" +
                              (why.empty() ? "" : ": " + why),
                          kCrsHint);

    CrsSpec spec;
    spec.kind = CrsSpec::Kind::Proj;
    spec.definition = definition;
    spec.epsg = identify_epsg(*srs);
    spec.is_geographic = srs->IsGeographic() != 0;
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (spec.epsg)
        spec.label = epsg_label(spec.epsg, *srs);
    else if (authority && code)
        spec.label = std::string(authority) + ":" + code + " (" + srs_name(*srs) + ")";
    else
        spec.label = srs_name(*srs, trimmed);
    return spec;
}

std::optional<CrsSpec> spec_from_srs(const OGRSpatialReference* srs) {
    if (!srs || srs->IsEmpty()) return std::nullopt;
    gdal_init();
    CrsSpec spec;
    spec.kind = CrsSpec::Kind::Proj;
    spec.epsg = identify_epsg(*srs);
    spec.is_geographic = srs->IsGeographic() != 0;
    if (spec.epsg) {
        // Use the code as definition only when it means the same CRS (a .prj may add a TOWGS84
        // or other detail the EPSG entry lacks; then the WKT stays the definition).
        std::string why;
        if (OsrPtr registered = try_srs(epsg_text(spec.epsg), why)) {
            spec.label = epsg_label(spec.epsg, *registered);
            if (same_crs(*registered, *srs)) {
                spec.definition = epsg_text(spec.epsg);
                return spec;
            }
        }
    }
    char* wkt = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
    const OGRErr err = srs->exportToWkt(&wkt, options);
    if (err != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        throw CrsError({}, "the layer's coordinate reference system cannot be written as WKT",
                       "declare the layer's CRS explicitly (e.g. EPSG:4544)");
    }
    spec.definition = wkt;
    CPLFree(wkt);
    if (spec.label.empty()) spec.label = srs_name(*srs);
    return spec;
}

// [SECTION] Guessing a missing CRS and checking zone prefixes

std::optional<CrsGuess> guess_crs(const Box& extent) {
    if (extent.empty() || !std::isfinite(extent.width()) || !std::isfinite(extent.height()))
        return std::nullopt;

    const bool degrees = extent.min_x >= -180.0 && extent.max_x <= 180.0 && extent.min_y >= -90.0 &&
                         extent.max_y <= 90.0;
    if (degrees) {
        if (is_china_lonlat(extent.min_x, extent.min_y) &&
            is_china_lonlat(extent.max_x, extent.max_y))
            return CrsGuess{spec_for_epsg(kEpsgCgcs2000),
                            "coordinates are longitude/latitude degrees inside China; assumed "
                            "CGCS2000 (EPSG:4490)"};
        return CrsGuess{spec_for_epsg(kEpsgWgs84),
                        "coordinates are longitude/latitude degrees outside China; assumed WGS84 "
                        "(EPSG:4326)"};
    }

    if (!(extent.min_y >= 0.0 && extent.max_y <= kMaxNorthing)) return std::nullopt;
    const int zone = easting_zone_prefix(extent.min_x, extent.max_x);
    if (zone >= kGk3FirstZone && zone <= kGk3LastZone) {
        const int epsg = kGk3PrefixedFirst + (zone - kGk3FirstZone);
        return CrsGuess{spec_for_epsg(epsg), eastings_text(extent) +
                                                 " carry the 3-degree Gauss-Kruger zone prefix " +
                                                 std::to_string(zone) + " (central meridian " +
                                                 std::to_string(zone * 3) +
                                                 "E); assumed CGCS2000 (" + epsg_text(epsg) + ")"};
    }
    if (zone >= kGk6FirstZone && zone <= kGk6LastZone) {
        const int epsg = kGk6PrefixedFirst + (zone - kGk6FirstZone);
        return CrsGuess{spec_for_epsg(epsg), eastings_text(extent) +
                                                 " carry the 6-degree Gauss-Kruger zone prefix " +
                                                 std::to_string(zone) + " (central meridian " +
                                                 std::to_string(zone * 6 - 3) +
                                                 "E); assumed CGCS2000 (" + epsg_text(epsg) + ")"};
    }
    return std::nullopt;
}

std::optional<CrsGuess> check_zone_prefix(const CrsSpec& declared, const Box& extent) {
    if (declared.kind != CrsSpec::Kind::Proj || extent.empty()) return std::nullopt;

    if (declared.epsg >= kGk3PlainFirst && declared.epsg <= kGk3PlainLast &&
        extent.min_x > kZonePrefixUnit) {
        const int zone = easting_zone_prefix(extent.min_x, extent.max_x);
        if (zone < kGk3FirstZone || zone > kGk3LastZone) return std::nullopt;
        const int declared_cm = kGk3FirstCm + 3 * (declared.epsg - kGk3PlainFirst);
        const int epsg = cgcs2000_gk3_epsg(zone * 3, true);
        std::string reason =
            eastings_text(extent) + " are above 1,000,000 and carry the zone prefix " +
            std::to_string(zone) + ", but " + epsg_text(declared.epsg) + " has no zone prefix; " +
            epsg_text(epsg) + " is the zone-prefixed variant";
        if (zone * 3 != declared_cm)
            reason += " (the prefix gives central meridian " + std::to_string(zone * 3) +
                      "E, the declared CRS " + std::to_string(declared_cm) + "E)";
        return CrsGuess{spec_for_epsg(epsg), reason};
    }

    if (declared.epsg >= kGk3PrefixedFirst && declared.epsg <= kGk3PrefixedLast &&
        extent.max_x < kZonePrefixUnit) {
        const int zone = kGk3FirstZone + (declared.epsg - kGk3PrefixedFirst);
        const int epsg = cgcs2000_gk3_epsg(zone * 3, false);
        return CrsGuess{spec_for_epsg(epsg), eastings_text(extent) +
                                                 " are below 1,000,000 (no zone prefix), but " +
                                                 epsg_text(declared.epsg) + " expects the prefix " +
                                                 std::to_string(zone) + "; " + epsg_text(epsg) +
                                                 " is the same zone (central meridian " +
                                                 std::to_string(zone * 3) + "E) without prefix"};
    }
    return std::nullopt;
}

// [SECTION] Gauss-Kruger zones and the working CRS

int cgcs2000_gk3_epsg(int central_meridian, bool zone_prefixed) {
    if (central_meridian < kGk3FirstCm || central_meridian > kGk3LastCm ||
        central_meridian % 3 != 0)
        throw ConfigError({},
                          "central meridian " + std::to_string(central_meridian) +
                              "E has no CGCS2000 3-degree Gauss-Kruger CRS",
                          "use a multiple of 3 between 75 and 135 (Suining: 105)");
    if (zone_prefixed) return kGk3PrefixedFirst + (central_meridian / 3 - kGk3FirstZone);
    return kGk3PlainFirst + (central_meridian - kGk3FirstCm) / 3;
}

int gk3_central_meridian(double lon) {
    return 3 * static_cast<int>(std::lround(lon / 3.0));
}

WorkingCrs choose_working_crs(const Box& lonlat_extent) {
    const double centre = lonlat_extent.center_x();
    if (lonlat_extent.empty() || !std::isfinite(centre))
        throw CrsError({}, "cannot choose a working CRS for data without a finite extent",
                       "load a layer with features, or set the working CRS explicitly");
    const int cm = gk3_central_meridian(centre);
    if (cm < kGk3FirstCm || cm > kGk3LastCm) {
        // Outside China's Gauss-Kruger zones (test data, foreign sites): the WGS 84 UTM zone.
        const double lon = std::clamp(centre, -180.0, 179.999999);
        const int zone = static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1;
        const bool north = lonlat_extent.center_y() >= 0.0;
        WorkingCrs utm{spec_for_epsg((north ? 32600 : 32700) + zone), {}};
        utm.reason = "data centre " + format_lon(centre) +
                     " lies outside the CGCS2000 Gauss-Kruger zones (73.5E..136.5E); using the "
                     "WGS 84 UTM zone " +
                     std::to_string(zone) + (north ? "N" : "S");
        return utm;
    }

    WorkingCrs result{spec_for_epsg(cgcs2000_gk3_epsg(cm, false)), {}};
    result.reason = "data centre " + format_lon(centre) + " lies in the 3-degree zone on " +
                    std::to_string(cm) + "E (" + format_lon(cm - 1.5) + ".." +
                    format_lon(cm + 1.5) + ")";
    if (gk3_central_meridian(lonlat_extent.min_x) != cm ||
        gk3_central_meridian(lonlat_extent.max_x) != cm) {
        // Gauss-Kruger scale error at a longitude distance d_lon: about (d_lon * cos(lat))^2 / 2.
        constexpr double deg = std::numbers::pi / 180.0;
        const double far_lon =
            std::max(std::abs(lonlat_extent.min_x - cm), std::abs(lonlat_extent.max_x - cm));
        const double lat = std::min(std::abs(lonlat_extent.min_y), std::abs(lonlat_extent.max_y));
        const double arc = far_lon * deg * std::cos(lat * deg);
        result.reason += "; the data spans " + format_lon(lonlat_extent.min_x) + ".." +
                         format_lon(lonlat_extent.max_x) +
                         ", more than this zone: distortion grows away from the central "
                         "meridian (scale error up to " +
                         format_number(arc * arc / 2.0 * 100.0, 3) + "% at the edge)";
    }
    return result;
}

// [SECTION] Transformer
//
// The PROJ step runs through the PROJ C API directly: proj_trans_generic transforms the
// interleaved x, y array in place (strided), without GDAL's per-call copies and checks. The
// operation is the one proj_create_crs_to_crs picks (as GDAL would), normalised to
// longitude/latitude order.
//
// Thread safety: a PJ and its PJ_CONTEXT must not be used by two threads at once. The
// Transformer keeps a mutex-protected pool of idle workers (a context and its PJ each);
// transform() borrows one (or makes a new one), transforms without holding the lock and puts it
// back. The pool never holds more workers than calls that ran at once, and everything is freed
// with the Transformer: no thread_local state outlives it.

namespace {

enum class PreStep { None, FromGcj02, FromBd09 };

struct ProjContextDeleter {
    void operator()(PJ_CONTEXT* c) const {
        if (c) proj_context_destroy(c);
    }
};
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;

struct ProjDeleter {
    void operator()(PJ* p) const {
        if (p) proj_destroy(p);
    }
};
using ProjPtr = std::unique_ptr<PJ, ProjDeleter>;

// One borrowable unit: its own PROJ context and operation (none when the PROJ step is the
// identity, e.g. GCJ-02 -> EPSG:4326). The operation is declared last so it is destroyed before
// its context.
struct Worker {
    ProjContextPtr context;
    ProjPtr operation;
};

std::string wkt2_of(const OGRSpatialReference& srs) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs.exportToWkt(&wkt, options) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        throw CrsError({}, "cannot describe a CRS to PROJ");
    }
    std::string out(wkt);
    CPLFree(wkt);
    return out;
}

// A PROJ pipeline equal to the exact operation but with the approximate transverse Mercator,
// if the operation is a plain pipeline with one tmerc step and, at 21 x 21 points across
// `extent` (source coordinates, after any GCJ-02/BD-09 step), both agree to within
// Transformer::kApproxToleranceM; otherwise empty.
std::string validated_approximation(const Worker& exact, const Box& extent) {
    if (!exact.operation) return {};
    const char* text =
        proj_as_proj_string(exact.context.get(), exact.operation.get(), PJ_PROJ_5, nullptr);
    if (!text) return {};
    std::string pipeline = text;
    const std::string step = "+proj=tmerc";
    const size_t at = pipeline.find(step);
    if (at == std::string::npos || pipeline.find(step, at + 1) != std::string::npos ||
        pipeline.find("+approx") != std::string::npos ||
        pipeline.find("grids") != std::string::npos)
        return {};
    pipeline.insert(at + step.size(), " +approx");
    ProjPtr approx(proj_create(exact.context.get(), pipeline.c_str()));
    if (!approx) return {};

    constexpr int kSteps = 21;
    std::vector<double> a, b;
    for (int i = 0; i < kSteps; ++i)
        for (int j = 0; j < kSteps; ++j) {
            a.push_back(extent.min_x + extent.width() * i / (kSteps - 1));
            a.push_back(extent.min_y + extent.height() * j / (kSteps - 1));
        }
    b = a;
    const size_t n = a.size() / 2;
    constexpr size_t stride = 2 * sizeof(double);
    proj_trans_generic(exact.operation.get(), PJ_FWD, a.data(), stride, n, a.data() + 1, stride, n,
                       nullptr, 0, 0, nullptr, 0, 0);
    proj_trans_generic(approx.get(), PJ_FWD, b.data(), stride, n, b.data() + 1, stride, n, nullptr,
                       0, 0, nullptr, 0, 0);
    for (size_t k = 0; k < a.size(); ++k) {
        if (!std::isfinite(a[k]) || !std::isfinite(b[k]) || std::abs(a[k]) == HUGE_VAL ||
            std::abs(a[k] - b[k]) > Transformer::kApproxToleranceM)
            return {};
    }
    return pipeline;
}

} // namespace

struct Transformer::Impl {
    CrsSpec source;
    CrsSpec target;
    bool identity = false;
    PreStep pre = PreStep::None;
    bool proj_step = false;
    std::string source_wkt; // what the PROJ step goes from and to
    std::string target_wkt;
    std::string approx_pipeline; // validated faster PROJ pipeline, or empty

    std::mutex mutex;
    std::vector<std::unique_ptr<Worker>> idle;

    std::unique_ptr<Worker> make_worker() const;
    std::unique_ptr<Worker> borrow();
    void give_back(std::unique_ptr<Worker> worker);
    size_t transform_points(Worker& worker, double* xy, size_t n) const;
};

std::unique_ptr<Worker> Transformer::Impl::make_worker() const {
    auto worker = std::make_unique<Worker>();
    if (!proj_step) return worker;
    worker->context.reset(proj_context_create());
    if (!worker->context) throw CrsError({}, "PROJ: cannot create a context");
    proj_context_set_enable_network(worker->context.get(), 0);
    proj_log_level(worker->context.get(), PJ_LOG_NONE);
    if (!approx_pipeline.empty()) {
        worker->operation.reset(proj_create(worker->context.get(), approx_pipeline.c_str()));
        if (worker->operation) return worker;
    }
    ProjPtr raw(proj_create_crs_to_crs(worker->context.get(), source_wkt.c_str(),
                                       target_wkt.c_str(), nullptr));
    if (!raw) {
        const int err = proj_context_errno(worker->context.get());
        const char* why = proj_context_errno_string(worker->context.get(), err);
        throw CrsError({},
                       "cannot transform " + source.label + " -> " + target.label +
                           (why ? std::string(": ") + why : std::string()),
                       "check both CRSs; choose a target CRS that PROJ can reach from the source");
    }
    worker->operation.reset(proj_normalize_for_visualization(worker->context.get(), raw.get()));
    if (!worker->operation)
        throw CrsError({}, "cannot set longitude/latitude order for " + source.label + " -> " +
                               target.label);
    return worker;
}

std::unique_ptr<Worker> Transformer::Impl::borrow() {
    {
        std::lock_guard lock(mutex);
        if (!idle.empty()) {
            auto worker = std::move(idle.back());
            idle.pop_back();
            return worker;
        }
    }
    return make_worker();
}

void Transformer::Impl::give_back(std::unique_ptr<Worker> worker) {
    std::lock_guard lock(mutex);
    idle.push_back(std::move(worker));
}

size_t Transformer::Impl::transform_points(Worker& worker, double* xy, size_t n) const {
    if (pre != PreStep::None) {
        for (size_t i = 0; i < n; ++i) {
            const LonLat p{xy[2 * i], xy[2 * i + 1]};
            const LonLat w = pre == PreStep::FromGcj02 ? gcj02_to_wgs84(p) : bd09_to_wgs84(p);
            xy[2 * i] = w.lon;
            xy[2 * i + 1] = w.lat;
        }
    }
    if (worker.operation) {
        constexpr size_t stride = 2 * sizeof(double);
        proj_trans_generic(worker.operation.get(), PJ_FWD, xy, stride, n, xy + 1, stride, n,
                           nullptr, 0, 0, nullptr, 0, 0);
        // Failed points come back as HUGE_VAL; reset the error state for the next call.
        proj_errno_reset(worker.operation.get());
    }
    size_t failed = 0;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t i = 0; i < n; ++i) {
        double& x = xy[2 * i];
        double& y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) {
            x = nan;
            y = nan;
            ++failed;
        }
    }
    return failed;
}

Transformer::Transformer(const CrsSpec& source, const CrsSpec& target, const Box* extent)
    : m_impl(std::make_unique<Impl>()) {
    gdal_init();
    m_impl->source = source;
    m_impl->target = target;
    if (target.kind != CrsSpec::Kind::Proj)
        throw CrsError({}, "cannot transform into " + target.label,
                       "the working CRS must be a CRS PROJ knows, such as EPSG:4544; GCJ-02 and "
                       "BD-09 are accepted only as source CRSs");

    OsrPtr target_srs = srs_from_definition(target.definition, target.label);
    OsrPtr source_srs;
    switch (source.kind) {
    case CrsSpec::Kind::Proj:
        source_srs = srs_from_definition(source.definition, source.label);
        break;
    case CrsSpec::Kind::Gcj02:
        m_impl->pre = PreStep::FromGcj02;
        source_srs = srs_from_definition(epsg_text(kEpsgWgs84), "WGS84");
        break;
    case CrsSpec::Kind::Bd09:
        m_impl->pre = PreStep::FromBd09;
        source_srs = srs_from_definition(epsg_text(kEpsgWgs84), "WGS84");
        break;
    }

    if (same_crs(*source_srs, *target_srs)) {
        m_impl->identity = m_impl->pre == PreStep::None;
        return; // no PROJ step
    }
    m_impl->proj_step = true;
    m_impl->source_wkt = wkt2_of(*source_srs);
    m_impl->target_wkt = wkt2_of(*target_srs);
    // The first worker now: an impossible transformation fails here, not in the middle of a load.
    std::unique_ptr<Worker> exact = m_impl->make_worker();
    if (extent && !extent->empty())
        m_impl->approx_pipeline = validated_approximation(*exact, *extent);
    m_impl->idle.push_back(m_impl->approx_pipeline.empty() ? std::move(exact)
                                                           : m_impl->make_worker());
}

Transformer::~Transformer() = default;

const CrsSpec& Transformer::source() const {
    return m_impl->source;
}
const CrsSpec& Transformer::target() const {
    return m_impl->target;
}
bool Transformer::is_identity() const {
    return m_impl->identity;
}
bool Transformer::uses_approximation() const {
    return !m_impl->approx_pipeline.empty();
}

size_t Transformer::transform(std::span<double> xy) const {
    const size_t points = xy.size() / 2;
    if (m_impl->identity || points == 0) return 0;
    std::unique_ptr<Worker> worker = m_impl->borrow();
    const size_t failed = m_impl->transform_points(*worker, xy.data(), points);
    m_impl->give_back(std::move(worker));
    return failed;
}

// [SECTION] to_lonlat

Box to_lonlat(const CrsSpec& source, const Box& extent) {
    if (extent.empty()) return Box{};
    constexpr int kPointsPerEdge = 21;
    std::vector<double> xy;
    xy.reserve(4 * kPointsPerEdge * 2);
    for (int i = 0; i < kPointsPerEdge; ++i) {
        const double t = static_cast<double>(i) / (kPointsPerEdge - 1);
        const double x = extent.min_x + t * (extent.max_x - extent.min_x);
        const double y = extent.min_y + t * (extent.max_y - extent.min_y);
        xy.insert(xy.end(), {x, extent.min_y, x, extent.max_y, extent.min_x, y, extent.max_x, y});
    }
    try {
        const Transformer to_wgs84(source, spec_for_epsg(kEpsgWgs84));
        to_wgs84.transform(xy);
    } catch (const CrsError&) {
        return Box{}; // documented: empty when the source cannot be transformed
    }
    Box out;
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        // A geographic source passes through PROJ's datum step unchecked: drop impossible
        // latitudes here so that garbage extents come back empty.
        if (std::isfinite(xy[i]) && std::abs(xy[i + 1]) <= 90.0) out.expand(xy[i], xy[i + 1]);
    }
    return out;
}

} // namespace renoplan::crs
