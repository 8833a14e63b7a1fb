// CRS parsing, guessing, working-CRS choice and the thread-safe Transformer.
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <ogr_spatialref.h>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/crs/crs.hpp"
#include "geo/crs/gcj02.hpp"

using namespace renoplan;
using namespace renoplan::crs;
using Catch::Matchers::Contains;

namespace {

// Catch's Approx also accepts a relative error of ~1e-5 by default, far too loose for
// coordinates (6 m on a Gauss-Kruger northing): compare with an absolute margin only.
Approx within(double expected, double margin) {
    return Approx(expected).epsilon(0.0).margin(margin);
}

// An independent GDAL transformation, set up the way the documentation says (traditional order).
std::vector<double> gdal_transform(int from_epsg, int to_epsg, std::vector<double> xy) {
    gdal_init();
    OGRSpatialReference from, to;
    REQUIRE(from.importFromEPSG(from_epsg) == OGRERR_NONE);
    REQUIRE(to.importFromEPSG(to_epsg) == OGRERR_NONE);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OctPtr ct(OGRCreateCoordinateTransformation(&from, &to));
    REQUIRE(ct);
    for (size_t i = 0; i + 1 < xy.size(); i += 2)
        REQUIRE(ct->Transform(1, &xy[i], &xy[i + 1]));
    return xy;
}

// Expected EPSG code of the CGCS2000 3-degree GK CRS for a longitude, by the rule in DOMAIN.md
// (CM = nearest multiple of 3; EPSG:4534 is CM 75E, one code per zone).
int gk3_epsg_by_rule(double lon) {
    const int cm = 3 * static_cast<int>(std::lround(lon / 3.0));
    return 4534 + (cm - 75) / 3;
}

constexpr double kSuiningLon = 105.5929;
constexpr double kSuiningLat = 30.5329;
constexpr double kSuiningEasting = 556899.09; // EPSG:4544, DOMAIN.md section 8
constexpr double kSuiningNorthing = 3379338.63;

const Box kSuiningLonLat{105.06, 30.17, 106.00, 31.16};

} // namespace

TEST_CASE("EPSG:4490 to the 3-degree Gauss-Kruger zone on 105E", "[crs]") {
    const CrsSpec cgcs = parse_crs("EPSG:4490");
    const Transformer to_4544(cgcs, parse_crs("EPSG:4544"));
    CHECK_FALSE(to_4544.is_identity());

    std::vector<double> xy{kSuiningLon, kSuiningLat};
    REQUIRE(to_4544.transform(xy) == 0);
    CHECK(xy[0] == within(kSuiningEasting, 0.01));
    CHECK(xy[1] == within(kSuiningNorthing, 0.01));

    const Transformer back(parse_crs("EPSG:4544"), cgcs);
    REQUIRE(back.transform(xy) == 0);
    CHECK(xy[0] == within(kSuiningLon, 1e-8));
    CHECK(xy[1] == within(kSuiningLat, 1e-8));

    SECTION("zone-prefixed EPSG:4523 adds 35,000,000 to the easting") {
        const Transformer to_4523(cgcs, parse_crs("EPSG:4523"));
        std::vector<double> p{kSuiningLon, kSuiningLat};
        REQUIRE(to_4523.transform(p) == 0);
        CHECK(p[0] == within(35'000'000.0 + kSuiningEasting, 0.01));
        CHECK(p[1] == within(kSuiningNorthing, 0.01));
    }
}

TEST_CASE("parse_crs accepts the usual spellings", "[crs]") {
    for (const char* text : {"EPSG:4544", "epsg:4544", "4544", "  EPSG:4544 ", "Epsg: 4544"}) {
        INFO(text);
        const CrsSpec spec = parse_crs(text);
        CHECK(spec.kind == CrsSpec::Kind::Proj);
        CHECK(spec.epsg == 4544);
        CHECK(spec.definition == "EPSG:4544");
        CHECK_FALSE(spec.is_geographic);
        CHECK(spec.label == "EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E)");
    }

    const CrsSpec cgcs = parse_crs("CGCS2000");
    CHECK(cgcs.epsg == 4490);
    CHECK(cgcs.is_geographic);
    CHECK(cgcs.label == "EPSG:4490 (China Geodetic Coordinate System 2000)");

    for (const char* text : {"WGS84", "WGS 84", "wgs84"}) {
        INFO(text);
        const CrsSpec spec = parse_crs(text);
        CHECK(spec.epsg == 4326);
        CHECK(spec.is_geographic);
    }
    for (const char* text : {"GCJ-02", "GCJ02", "gcj", "火星坐标"}) {
        INFO(text);
        const CrsSpec spec = parse_crs(text);
        CHECK(spec.kind == CrsSpec::Kind::Gcj02);
        CHECK(spec.is_geographic);
        CHECK(spec.epsg == 0);
    }
    for (const char* text : {"BD-09", "BD09", "baidu", "百度"}) {
        INFO(text);
        CHECK(parse_crs(text).kind == CrsSpec::Kind::Bd09);
    }

    SECTION("WKT with an authority keeps its EPSG code") {
        OGRSpatialReference srs;
        REQUIRE(srs.importFromEPSG(4544) == OGRERR_NONE);
        char* wkt = nullptr;
        REQUIRE(srs.exportToWkt(&wkt) == OGRERR_NONE);
        const std::string text = wkt;
        CPLFree(wkt);
        const CrsSpec spec = parse_crs(text);
        CHECK(spec.kind == CrsSpec::Kind::Proj);
        CHECK(spec.epsg == 4544);
        CHECK(spec.definition == text);
    }

    SECTION("a PROJ string transforms like the EPSG code it spells out") {
        const CrsSpec spec = parse_crs(
            "+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m");
        CHECK(spec.kind == CrsSpec::Kind::Proj);
        CHECK_FALSE(spec.is_geographic);
        const Transformer t(parse_crs("EPSG:4490"), spec);
        std::vector<double> xy{kSuiningLon, kSuiningLat};
        REQUIRE(t.transform(xy) == 0);
        CHECK(xy[0] == within(kSuiningEasting, 0.01));
        CHECK(xy[1] == within(kSuiningNorthing, 0.01));
    }
}

TEST_CASE("parse_crs rejects what is not a CRS, naming the text", "[crs]") {
    for (const char* text : {"EPSG:999999", "nonsense", ""}) {
        INFO(text);
        CHECK_THROWS_AS(parse_crs(text), ConfigError);
    }
    CHECK_THROWS_WITH(parse_crs("EPSG:999999"), Contains("EPSG:999999"));
    CHECK_THROWS_WITH(parse_crs("nonsense"), Contains("'nonsense'"));
    try {
        parse_crs("nonsense");
        FAIL("no exception");
    } catch (const ConfigError& e) {
        CHECK_THAT(e.hint(), Contains("EPSG:4544"));
    }
}

TEST_CASE("spec_from_srs identifies EPSG codes of .prj-style WKT", "[crs]") {
    CHECK_FALSE(spec_from_srs(nullptr).has_value());

    gdal_init();
    SECTION("ESRI GCS_WGS_1984 is EPSG:4326") {
        OGRSpatialReference srs(
            R"(GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]])");
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        const auto spec = spec_from_srs(&srs);
        REQUIRE(spec);
        CHECK(spec->epsg == 4326);
        CHECK(spec->definition == "EPSG:4326");
        CHECK(spec->is_geographic);
    }
    SECTION("ESRI CGCS2000_3_Degree_GK_CM_105E is EPSG:4544") {
        OGRSpatialReference srs(
            R"(PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]])");
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        const auto spec = spec_from_srs(&srs);
        REQUIRE(spec);
        CHECK(spec->epsg == 4544);
        CHECK_FALSE(spec->is_geographic);
    }
    SECTION("a custom CRS keeps its WKT") {
        OGRSpatialReference srs;
        REQUIRE(srs.importFromProj4("+proj=tmerc +lat_0=0 +lon_0=105.5 +k=1 +x_0=0 +y_0=-3000000 "
                                    "+ellps=GRS80 +units=m") == OGRERR_NONE);
        const auto spec = spec_from_srs(&srs);
        REQUIRE(spec);
        CHECK(spec->epsg == 0);
        CHECK_THAT(spec->definition, Contains("105.5"));
        // The WKT is a definition the Transformer can use.
        CHECK_NOTHROW(Transformer(parse_crs("EPSG:4490"), *spec));
    }
}

TEST_CASE("guess_crs reads lon/lat degrees and zone-prefixed eastings", "[crs]") {
    const auto lonlat = guess_crs(kSuiningLonLat);
    REQUIRE(lonlat);
    CHECK(lonlat->spec.epsg == 4490);
    CHECK(lonlat->reason == "coordinates are longitude/latitude degrees inside China; assumed "
                            "CGCS2000 (EPSG:4490)");

    const auto paris = guess_crs(Box{2.2, 48.8, 2.5, 48.9});
    REQUIRE(paris);
    CHECK(paris->spec.epsg == 4326);

    const auto prefixed = guess_crs(Box{35'550'000, 3'370'000, 35'560'000, 3'385'000});
    REQUIRE(prefixed);
    CHECK(prefixed->spec.epsg == 4523);
    CHECK_THAT(prefixed->reason, Contains("zone prefix 35"));

    // 6-degree zone 18 (CM 105E) with prefix: EPSG:4496 (DOMAIN.md section 8).
    const auto six = guess_crs(Box{18'550'000, 3'370'000, 18'560'000, 3'385'000});
    REQUIRE(six);
    CHECK(six->spec.epsg == 4496);

    // Without the prefix the zone is unknown.
    CHECK_FALSE(guess_crs(Box{556'000, 3'379'000, 560'000, 3'383'000}));
    // Straddling two prefixes, outside the known zones, or no extent at all.
    CHECK_FALSE(guess_crs(Box{35'900'000, 3'370'000, 36'100'000, 3'385'000}));
    CHECK_FALSE(guess_crs(Box{55'500'000, 3'370'000, 55'600'000, 3'385'000}));
    CHECK_FALSE(guess_crs(Box{}));
}

TEST_CASE("check_zone_prefix catches eastings that do not fit the declared CRS", "[crs]") {
    const Box prefixed{35'550'000, 3'370'000, 35'560'000, 3'385'000};
    const Box plain{550'000, 3'370'000, 560'000, 3'385'000};
    const CrsSpec gk_105 = parse_crs("EPSG:4544");
    const CrsSpec gk_zone35 = parse_crs("EPSG:4523");

    const auto add_prefix = check_zone_prefix(gk_105, prefixed);
    REQUIRE(add_prefix);
    CHECK(add_prefix->spec.epsg == 4523);
    CHECK_THAT(add_prefix->reason, Contains("EPSG:4523"));

    const auto drop_prefix = check_zone_prefix(gk_zone35, plain);
    REQUIRE(drop_prefix);
    CHECK(drop_prefix->spec.epsg == 4544);

    CHECK_FALSE(check_zone_prefix(gk_105, plain));
    CHECK_FALSE(check_zone_prefix(gk_zone35, prefixed));
    CHECK_FALSE(check_zone_prefix(parse_crs("EPSG:4490"), prefixed));
    CHECK_FALSE(check_zone_prefix(parse_crs("GCJ-02"), prefixed));

    // A prefix naming another zone than the declared one: the prefix wins, and the reason says so.
    const auto other_zone =
        check_zone_prefix(gk_105, Box{38'450'000, 3'370'000, 38'460'000, 3'385'000});
    REQUIRE(other_zone);
    CHECK(other_zone->spec.epsg == 4526);
    CHECK_THAT(other_zone->reason, Contains("114E"));
}

TEST_CASE("CGCS2000 3-degree Gauss-Kruger EPSG codes", "[crs]") {
    CHECK(cgcs2000_gk3_epsg(105, false) == 4544);
    CHECK(cgcs2000_gk3_epsg(105, true) == 4523);
    CHECK_THROWS_AS(cgcs2000_gk3_epsg(104, false), ConfigError);
    CHECK_THROWS_AS(cgcs2000_gk3_epsg(72, false), ConfigError);
    CHECK_THROWS_AS(cgcs2000_gk3_epsg(138, true), ConfigError);

    // Every code, cross-checked against the parameters in PROJ's EPSG database.
    for (int cm = 75; cm <= 135; cm += 3) {
        for (const bool prefixed : {false, true}) {
            const int epsg = cgcs2000_gk3_epsg(cm, prefixed);
            INFO("CM " << cm << (prefixed ? " prefixed" : "") << " -> EPSG:" << epsg);
            OGRSpatialReference srs;
            REQUIRE(srs.importFromEPSG(epsg) == OGRERR_NONE);
            CHECK(srs.GetProjParm(SRS_PP_CENTRAL_MERIDIAN) == cm);
            const double false_easting = prefixed ? cm / 3 * 1'000'000.0 + 500'000.0 : 500'000.0;
            CHECK(srs.GetProjParm(SRS_PP_FALSE_EASTING) == false_easting);
            CHECK_THAT(std::string(srs.GetName()), Contains("CGCS2000 / 3-degree Gauss-Kruger"));
        }
    }

    CHECK(gk3_central_meridian(105.59) == 105);
    CHECK(gk3_central_meridian(103.4) == 102);
    CHECK(gk3_central_meridian(104.06) == 105);
    CHECK(gk3_central_meridian(120.2) == 120);
}

TEST_CASE("choose_working_crs picks the 3-degree zone of the data centre", "[crs]") {
    const WorkingCrs suining = choose_working_crs(kSuiningLonLat);
    CHECK(suining.spec.epsg == gk3_epsg_by_rule(kSuiningLonLat.center_x()));
    CHECK(suining.spec.epsg == 4544);
    CHECK_THAT(suining.reason, Contains("105E"));
    CHECK_THAT(suining.reason, !Contains("more than this zone"));

    const Box chengdu{103.9, 30.5, 104.2, 30.8};
    CHECK(choose_working_crs(chengdu).spec.epsg == gk3_epsg_by_rule(chengdu.center_x()));
    CHECK(choose_working_crs(chengdu).spec.epsg == 4544);

    const Box hangzhou{120.0, 30.1, 120.4, 30.4};
    CHECK(choose_working_crs(hangzhou).spec.epsg == gk3_epsg_by_rule(hangzhou.center_x()));
    CHECK(choose_working_crs(hangzhou).spec.epsg == 4549);

    const Box wide{103.0, 30.0, 108.0, 31.0};
    const WorkingCrs spanning = choose_working_crs(wide);
    CHECK(spanning.spec.epsg == 4544);
    CHECK_THAT(spanning.reason, Contains("more than this zone"));

    CHECK_THROWS_AS(choose_working_crs(Box{}), CrsError);
    // Paris: outside China's zones -> WGS 84 / UTM 31N; Sydney -> UTM 56S.
    const WorkingCrs paris = choose_working_crs(Box{2.2, 48.8, 2.5, 48.9});
    CHECK(paris.spec.epsg == 32631);
    CHECK(paris.reason.find("UTM zone 31N") != std::string::npos);
    CHECK(choose_working_crs(Box{151.1, -33.9, 151.3, -33.8}).spec.epsg == 32756);
}

TEST_CASE("Transformer from GCJ-02 equals the inverse then PROJ", "[crs]") {
    const Transformer t(parse_crs("GCJ-02"), parse_crs("EPSG:4544"));
    CHECK_FALSE(t.is_identity());
    const std::vector<double> gcj{105.5929007, 30.5328502, 105.06, 30.17, 106.0, 31.16};
    std::vector<double> xy = gcj;
    REQUIRE(t.transform(xy) == 0);

    std::vector<double> wgs;
    for (size_t i = 0; i < gcj.size(); i += 2) {
        const LonLat p = gcj02_to_wgs84({gcj[i], gcj[i + 1]});
        wgs.insert(wgs.end(), {p.lon, p.lat});
    }
    const std::vector<double> expected = gdal_transform(4326, 4544, wgs);
    for (size_t i = 0; i < xy.size(); ++i)
        CHECK(xy[i] == within(expected[i], 1e-6));

    // The GCJ-02 offset at Suining (about 451 m) really was removed.
    std::vector<double> unshifted{gcj[0], gcj[1]};
    REQUIRE(Transformer(parse_crs("EPSG:4326"), parse_crs("EPSG:4544")).transform(unshifted) == 0);
    CHECK(std::hypot(unshifted[0] - xy[0], unshifted[1] - xy[1]) == within(451.0, 3.0));

    SECTION("BD-09 goes through GCJ-02") {
        const Transformer from_bd(parse_crs("BD-09"), parse_crs("EPSG:4326"));
        const LonLat bd = wgs84_to_bd09({105.5894873, 30.5356386});
        std::vector<double> p{bd.lon, bd.lat};
        REQUIRE(from_bd.transform(p) == 0);
        CHECK(p[0] == within(105.5894873, 1e-8));
        CHECK(p[1] == within(30.5356386, 1e-8));
    }
    SECTION("GCJ-02 or BD-09 cannot be the target") {
        CHECK_THROWS_AS(Transformer(parse_crs("EPSG:4326"), parse_crs("GCJ-02")), CrsError);
    }
}

TEST_CASE("Transformer between the same CRS does nothing", "[crs]") {
    const Transformer same(parse_crs("EPSG:4544"), parse_crs("4544"));
    CHECK(same.is_identity());
    std::vector<double> xy{kSuiningEasting, kSuiningNorthing, 1e30, -1e30};
    const std::vector<double> before = xy;
    CHECK(same.transform(xy) == 0);
    CHECK(xy == before);

    CHECK(Transformer(parse_crs("CGCS2000"), parse_crs("EPSG:4490")).is_identity());
    CHECK_FALSE(Transformer(parse_crs("GCJ-02"), parse_crs("EPSG:4326")).is_identity());
}

TEST_CASE("Transformer marks points PROJ cannot transform as NaN and counts them", "[crs]") {
    const Transformer t(parse_crs("EPSG:4490"), parse_crs("EPSG:4544"));
    std::vector<double> xy{kSuiningLon, kSuiningLat, 105.5, 1000.0, 105.6, 30.6};
    CHECK(t.transform(xy) == 1);
    CHECK(std::isnan(xy[2]));
    CHECK(std::isnan(xy[3]));
    CHECK(xy[0] == within(kSuiningEasting, 0.01));
    CHECK(std::isfinite(xy[4]));
    CHECK(std::isfinite(xy[5]));

    // Through the GCJ-02 step too (lat 1000 is outside China, so it reaches PROJ unchanged).
    const Transformer gcj(parse_crs("GCJ-02"), parse_crs("EPSG:4544"));
    std::vector<double> p{105.5, 1000.0, std::nan(""), 30.0};
    CHECK(gcj.transform(p) == 2);
    CHECK(std::isnan(p[0]));
    CHECK(std::isnan(p[2]));
}

TEST_CASE("Transformer::transform is thread-safe", "[crs]") {
    constexpr size_t kPoints = 100'000;
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> lon(kSuiningLonLat.min_x, kSuiningLonLat.max_x);
    std::uniform_real_distribution<double> lat(kSuiningLonLat.min_y, kSuiningLonLat.max_y);
    std::vector<double> input;
    input.reserve(2 * kPoints);
    for (size_t i = 0; i < kPoints; ++i)
        input.insert(input.end(), {lon(random), lat(random)});

    for (const char* source : {"EPSG:4490", "GCJ-02"}) {
        INFO(source);
        const Transformer t(parse_crs(source), parse_crs("EPSG:4544"));
        std::vector<double> reference = input;
        REQUIRE(t.transform(reference) == 0);

        constexpr int kThreads = 4;
        std::vector<std::vector<double>> results(kThreads, input);
        std::vector<size_t> failures(kThreads, 1);
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i)
            threads.emplace_back([&, i] { failures[i] = t.transform(results[i]); });
        for (auto& thread : threads)
            thread.join();

        for (int i = 0; i < kThreads; ++i) {
            CHECK(failures[i] == 0);
            // Count differences instead of comparing the vectors: Catch would print 200,000
            // numbers on failure.
            size_t differing = 0;
            for (size_t k = 0; k < reference.size(); ++k)
                if (!(results[i][k] == reference[k])) ++differing;
            CHECK(differing == 0);
        }
        // The results are the Suining zone's eastings, not the input.
        CHECK(reference[0] > 400'000.0);
        CHECK(reference[0] < 700'000.0);
    }
}

TEST_CASE("to_lonlat densifies and converts an extent", "[crs]") {
    const Box metric{kSuiningEasting - 1000, kSuiningNorthing - 1000, kSuiningEasting + 1000,
                     kSuiningNorthing + 1000};
    const Box lonlat = to_lonlat(parse_crs("EPSG:4544"), metric);
    REQUIRE_FALSE(lonlat.empty());
    CHECK(lonlat.center_x() == within(kSuiningLon, 1e-4));
    CHECK(lonlat.center_y() == within(kSuiningLat, 1e-4));
    CHECK(
        lonlat.width() ==
        Approx(2000.0 / (111320.0 * std::cos(kSuiningLat * std::numbers::pi / 180))).epsilon(0.01));
    CHECK(lonlat.height() == Approx(2000.0 / 110850.0).epsilon(0.01));

    // GCJ-02 extents come back shifted to WGS84 (west and north at Suining).
    const Box gcj{105.5929007, 30.5328502, 105.5929007, 30.5328502};
    const Box wgs = to_lonlat(parse_crs("GCJ-02"), gcj);
    const LonLat expected = gcj02_to_wgs84({105.5929007, 30.5328502});
    CHECK(wgs.min_x == within(expected.lon, 1e-12));
    CHECK(wgs.min_y == within(expected.lat, 1e-12));
    CHECK(wgs.max_x == within(expected.lon, 1e-12));
    CHECK(wgs.min_x == within(105.5894873, 1e-5)); // the fixture's WGS84, 0.65 m away
    CHECK(wgs.min_y == within(30.5356386, 1e-5));

    CHECK(to_lonlat(parse_crs("EPSG:4490"), Box{100, 1000, 101, 2000}).empty());
    CHECK(to_lonlat(parse_crs("EPSG:4544"), Box{}).empty());
}

TEST_CASE("Transformer uses the approximate tmerc only where it is validated", "[crs]") {
    const CrsSpec cgcs = parse_crs("EPSG:4490");
    const CrsSpec gk = parse_crs("EPSG:4544");
    const Box suining{105.06, 30.17, 106.00, 31.16};
    const Transformer fast(cgcs, gk, &suining);
    const Transformer exact(cgcs, gk);
    CHECK(fast.uses_approximation());
    CHECK_FALSE(exact.uses_approximation());
    // Random points inside the extent: both agree to the tolerance.
    std::vector<double> a, b;
    uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    for (int k = 0; k < 10000; ++k) {
        a.push_back(suining.min_x + suining.width() * next());
        a.push_back(suining.min_y + suining.height() * next());
    }
    b = a;
    CHECK(fast.transform(a) == 0);
    CHECK(exact.transform(b) == 0);
    double worst = 0;
    for (size_t k = 0; k < a.size(); ++k)
        worst = std::max(worst, std::abs(a[k] - b[k]));
    INFO("worst difference " << worst << " m");
    CHECK(worst <= Transformer::kApproxToleranceM);
    // Far from the central meridian the approximation is not accepted.
    const Box wide{95.0, 25.0, 115.0, 40.0};
    CHECK_FALSE(Transformer(cgcs, gk, &wide).uses_approximation());
}
