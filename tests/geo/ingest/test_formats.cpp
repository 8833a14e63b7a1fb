// Every sample format, and the same data converted by GDAL into the other formats renoplan
// reads, loads to the same features.
#include <catch2/catch.hpp>

#include <cpl_error.h>
#include <gdal_utils.h>

#include "geo/core/gdal.hpp"
#include "geo/ingest/ingest.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
namespace rt = renoplan::test;

namespace {

Dataset load(const std::string& source, ingest::LoadOptions options = {}) {
    options.sources = {source};
    Progress progress;
    return ingest::load_dataset(options, progress);
}

// Converts one layer with GDALVectorTranslate (the library behind ogr2ogr).
void translate(const std::string& src, const std::string& dst, std::vector<std::string> args) {
    gdal_init();
    GdalDatasetPtr in(GDALDataset::FromHandle(
        GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
    REQUIRE(in);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    REQUIRE(options);
    GDALDatasetH handle = GDALDataset::ToHandle(in.get());
    int usage_error = 0;
    // DXF has no attribute fields and Shapefiles cut long names: GDAL says so; not our concern.
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    GDALDatasetH out = GDALVectorTranslate(dst.c_str(), nullptr, 1, &handle, options, &usage_error);
    GDALVectorTranslateOptionsFree(options);
    REQUIRE(out);
    GDALClose(out);
}

double total_area(const Layer& layer) {
    double a = 0;
    for (size_t i = 0; i < layer.size(); ++i)
        a += layer.geometry.area(i);
    return a;
}

} // namespace

TEST_CASE("The demo town GeoPackage: seven layers with their roles", "[formats]") {
    const auto ds = load(rt::sample("suining-demo.gpkg").string());
    REQUIRE(ds.layers.size() == 7);
    CHECK(ds.working_crs == "EPSG:4544");
    for (Role role : {Role::Communities, Role::Buildings, Role::Pipelines, Role::Roads, Role::Water,
                      Role::Zoning, Role::Facilities}) {
        INFO(to_string(role));
        const Layer* l = ds.first_with_role(role);
        REQUIRE(l);
        CHECK(l->missing_required.empty());
        CHECK(l->source.read_method == "arrow");
    }
    for (const auto& d : ds.diagnostics.items())
        CHECK(d.severity != Severity::Error);
}

TEST_CASE("Sample formats agree: GeoPackage, GBK Shapefile, WGS84 GeoJSON", "[formats]") {
    const auto gpkg = load(rt::sample("suining-demo.gpkg").string());
    const auto shp = load(rt::sample("gbk-shapefiles").string());
    const auto geojson = load(rt::sample("facilities-wgs84.geojson").string());
    const Layer* xq = gpkg.first_with_role(Role::Communities);
    const Layer* xq_shp = shp.first_with_role(Role::Communities);
    REQUIRE(xq);
    REQUIRE(xq_shp);
    CHECK(xq_shp->source.encoding == "CP936");
    REQUIRE(xq->size() == xq_shp->size());
    CHECK(total_area(*xq) == Approx(total_area(*xq_shp)).epsilon(1e-9));
    // Names survive the GBK round trip.
    const Column* a = xq->canonical_column("name");
    const Column* b = xq_shp->canonical_column("name");
    REQUIRE(a);
    REQUIRE(b);
    for (size_t i = 0; i < xq->size(); ++i)
        CHECK(a->get_string(i) == b->get_string(i));

    // Facilities: lon/lat GeoJSON lands on the GeoPackage's points within millimetres.
    const Layer* f = gpkg.first_with_role(Role::Facilities);
    const Layer* fg = geojson.first_with_role(Role::Facilities);
    REQUIRE(f);
    REQUIRE(fg);
    REQUIRE(f->size() == fg->size());
    CHECK(fg->source.source_crs.find("4326") != std::string::npos);
    double worst = 0;
    for (size_t i = 0; i < f->size(); ++i) {
        const auto p = f->geometry.ring(f->geometry.ring_begin(f->geometry.part_begin(i)));
        const auto q = fg->geometry.ring(fg->geometry.ring_begin(fg->geometry.part_begin(i)));
        worst = std::max(worst, std::hypot(p[0] - q[0], p[1] - q[1]));
    }
    INFO("worst offset " << worst << " m");
    CHECK(worst < 0.01);
}

TEST_CASE("FlatGeobuf, CSV with WKT, DXF and Shapefile copies load the same", "[formats]") {
    rt::TempDir dir;
    const std::string src = rt::sample("suining-demo.gpkg").string();
    const auto reference = load(src);
    const Layer* xq = reference.first_with_role(Role::Communities);
    REQUIRE(xq);
    const double area = total_area(*xq);

    struct Case {
        std::string file;
        std::vector<std::string> args;
        bool keeps_fields;
    };
    const std::vector<Case> cases = {
        {"xq.fgb", {"-f", "FlatGeobuf", "-nln", "xiaoqu"}, true},
        {"xq.csv", {"-f", "CSV", "-lco", "GEOMETRY=AS_WKT", "-nln", "xiaoqu"}, true},
        {"xq.dxf", {"-f", "DXF"}, false},
        {"xq.shp", {"-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-nln", "xiaoqu"}, true},
    };
    for (const auto& c : cases) {
        INFO(c.file);
        std::vector<std::string> args = c.args;
        args.push_back("小区");
        const std::string out = (dir / c.file).string();
        translate(src, out, args);
        ingest::LoadOptions options;
        // CSV and DXF carry no CRS; the coordinates (GK without zone prefix) do not tell.
        if (c.file != "xq.fgb" && c.file != "xq.shp") options.assume_crs = "EPSG:4544";
        const auto ds = load(out, options);
        REQUIRE(ds.layers.size() == 1);
        const Layer& l = ds.layers[0];
        CHECK(l.geometry.geom_class() == GeomClass::Polygon);
        CHECK(l.size() == xq->size());
        CHECK(total_area(l) == Approx(area).epsilon(1e-9));
        if (c.keeps_fields) {
            CHECK(l.role == Role::Communities);
            CHECK(l.missing_required.empty());
        }
    }
}
