// Tests for geo/synth: the synthetic Suining-like town and `renoplan generate`.
//
// Files are generated small (40-300 communities) into temporary folders and read back with GDAL;
// geometric claims are checked independently with the GEOS C API.
#include <iconv.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/geos.hpp"
#include "geo/core/progress.hpp"
#include "geo/synth/random.hpp"
#include "geo/synth/shapes.hpp"
#include "geo/synth/town.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using renoplan::test::run_renoplan;
using renoplan::test::TempDir;

// [SECTION] Helpers

renoplan::synth::TownSummary make_town(const fs::path& gpkg, int communities, uint64_t seed = 7,
                                       bool chinese = false, const fs::path& shp = {},
                                       const fs::path& geojson = {}) {
    renoplan::synth::TownParams params;
    params.communities = communities;
    params.seed = seed;
    params.chinese_fields = chinese;
    renoplan::synth::TownOutputs outputs;
    outputs.gpkg_path = gpkg.string();
    outputs.shapefile_gbk_dir = shp.string();
    outputs.geojson_wgs84_path = geojson.string();
    renoplan::Progress progress;
    return renoplan::synth::generate_town(params, outputs, progress);
}

renoplan::GdalDatasetPtr open_vector(const fs::path& path,
                                     const char* const* open_options = nullptr) {
    renoplan::gdal_init();
    renoplan::GdalDatasetPtr ds(GDALDataset::FromHandle(GDALOpenEx(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr)));
    REQUIRE(ds);
    return ds;
}

struct Feature {
    std::map<std::string, std::string> text; // field name -> value as text ("" for NULL)
    std::map<std::string, bool> is_null;
    renoplan::GeosGeometryPtr geom;
    double number(const std::string& field) const { return std::stod(text.at(field)); }
};

std::vector<Feature> read_layer(GDALDataset& ds, const std::string& name) {
    OGRLayer* layer = ds.GetLayerByName(name.c_str());
    REQUIRE(layer);
    auto& ctx = renoplan::geos_context();
    renoplan::GeosWkbReaderPtr reader(GEOSWKBReader_create_r(ctx),
                                      renoplan::GeosWkbReaderDeleter{ctx});
    std::vector<Feature> out;
    layer->ResetReading();
    for (auto& f : *layer) {
        Feature feature;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            const std::string field = f->GetFieldDefnRef(i)->GetNameRef();
            const bool null = !f->IsFieldSetAndNotNull(i);
            feature.is_null[field] = null;
            feature.text[field] = null ? "" : f->GetFieldAsString(i);
        }
        const OGRGeometry* g = f->GetGeometryRef();
        REQUIRE(g);
        std::vector<unsigned char> wkb(static_cast<size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data());
        feature.geom = renoplan::make_geos_ptr(
            ctx, GEOSWKBReader_read_r(ctx, reader.get(), wkb.data(), wkb.size()));
        REQUIRE(feature.geom);
        out.push_back(std::move(feature));
    }
    return out;
}

// Every feature of every layer as text (fields and WKT), for comparing two runs.
std::string dump(const fs::path& gpkg) {
    auto ds = open_vector(gpkg);
    std::ostringstream out;
    for (auto* layer : ds->GetLayers()) {
        out << "layer " << layer->GetName() << "\n";
        for (auto& f : *layer) {
            out << f->GetFID();
            for (int i = 0; i < f->GetFieldCount(); ++i)
                out << "|" << f->GetFieldAsString(i);
            if (const OGRGeometry* g = f->GetGeometryRef()) {
                char* wkt = nullptr;
                g->exportToWkt(&wkt);
                out << "|" << wkt;
                CPLFree(wkt);
            }
            out << "\n";
        }
    }
    return out.str();
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool is_valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80           ? 1
                   : (c >> 5) == 0x6  ? 2
                   : (c >> 4) == 0xE  ? 3
                   : (c >> 3) == 0x1E ? 4
                                      : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        i += n;
    }
    return true;
}

std::string from_cp936(const std::string& bytes) {
    iconv_t cd = iconv_open("UTF-8", "CP936");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string in = bytes, out(bytes.size() * 3 + 4, '\0');
    char* src = in.data();
    char* dst = out.data();
    size_t src_left = in.size(), dst_left = out.size();
    const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    REQUIRE(rc != static_cast<size_t>(-1));
    out.resize(out.size() - dst_left);
    return out;
}

double area(const GEOSGeometry* g) {
    double a = 0;
    GEOSArea_r(renoplan::geos_context(), g, &a);
    return a;
}

double intersection_area(const GEOSGeometry* a, const GEOSGeometry* b) {
    auto& ctx = renoplan::geos_context();
    auto inter = renoplan::make_geos_ptr(ctx, GEOSIntersection_r(ctx, a, b));
    REQUIRE(inter);
    return area(inter.get());
}

} // namespace

// [SECTION] Building blocks

TEST_CASE("synth: the random streams are fixed across platforms", "[synth]") {
    using namespace renoplan::synth::detail;
    uint64_t state = 0;
    CHECK(splitmix64(state) == 0xE220A8397B1DCDAFull); // the published splitmix64 sequence
    Rng a(42), b(42), c(43);
    const uint64_t first = a.next();
    CHECK(first == b.next());
    CHECK(first != c.next());
    Rng keyed1(1, Tag::Block, {3, 4}), keyed2(1, Tag::Block, {4, 3});
    CHECK(keyed1.next() != keyed2.next());
    Rng r(5);
    for (int k = 0; k < 1000; ++k) {
        const int v = r.range(2, 5);
        REQUIRE((v >= 2 && v <= 5));
        const double u = r.uniform();
        REQUIRE((u >= 0.0 && u < 1.0));
    }
}

TEST_CASE("synth: convex insets keep shared corners bit for bit", "[synth]") {
    using namespace renoplan::synth::detail;
    const Ring square = {{0, 0}, {100, 0}, {100, 80}, {0, 80}};
    // Edge 0 (south) and edge 3 (west) stay, so corner 0 is shared exactly with the neighbours.
    const double d[4] = {0.0, 5.0, 10.0, 0.0};
    const auto inset = inset_convex(square, d);
    REQUIRE(inset);
    CHECK((*inset)[0].x == 0.0);
    CHECK((*inset)[0].y == 0.0);
    CHECK((*inset)[2].x == Approx(95.0));
    CHECK((*inset)[2].y == Approx(70.0));
    CHECK(signed_area(*inset) == Approx(95.0 * 70.0));
    // Too deep an inset makes the polygon vanish: refused, not turned inside out.
    const double deep[4] = {50.0, 50.0, 50.0, 50.0};
    CHECK_FALSE(inset_convex(square, deep));
    const Ring cut = chamfer(square, 2, 10.0);
    CHECK(cut.size() == 5);
    CHECK(signed_area(cut) == Approx(8000.0 - 50.0));
    const auto chord = chord_at(square, 40.0);
    REQUIRE(chord);
    CHECK(chord->first == Approx(0.0));
    CHECK(chord->second == Approx(100.0));
}

// [SECTION] The town

TEST_CASE("synth: the town has the requested communities, valid and consistent", "[synth]") {
    TempDir tmp;
    const auto gpkg = tmp / "town.gpkg";
    const auto summary = make_town(gpkg, 40);
    CHECK(summary.communities == 40);
    auto ds = open_vector(gpkg);
    for (const char* name :
         {"communities", "buildings", "pipelines", "roads", "water", "zoning", "facilities"})
        CHECK(ds->GetLayerByName(name) != nullptr);

    const auto communities = read_layer(*ds, "communities");
    const auto buildings = read_layer(*ds, "buildings");
    const auto water = read_layer(*ds, "water");
    const auto zoning = read_layer(*ds, "zoning");
    const auto pipelines = read_layer(*ds, "pipelines");
    const auto roads = read_layer(*ds, "roads");
    const auto facilities = read_layer(*ds, "facilities");
    REQUIRE(communities.size() == 40);
    CHECK(static_cast<int64_t>(buildings.size()) == summary.buildings);
    CHECK(static_cast<int64_t>(pipelines.size()) == summary.pipelines);

    auto& ctx = renoplan::geos_context();
    SECTION("every geometry is valid") {
        for (const auto* layer :
             {&communities, &buildings, &water, &zoning, &pipelines, &roads, &facilities})
            for (const auto& f : *layer)
                REQUIRE(GEOSisValid_r(ctx, f.geom.get()) == 1);
    }
    SECTION("names are unique; buildings lie inside their community and add up") {
        std::map<std::string, const Feature*> by_name;
        for (const auto& c : communities)
            by_name[c.text.at("name")] = &c;
        REQUIRE(by_name.size() == communities.size());
        std::map<std::string, int> count;
        for (const auto& b : buildings) {
            const auto it = by_name.find(b.text.at("community"));
            REQUIRE(it != by_name.end());
            REQUIRE(GEOSWithin_r(ctx, b.geom.get(), it->second->geom.get()) == 1);
            ++count[b.text.at("community")];
        }
        int64_t households = 0;
        for (const auto& c : communities) {
            CHECK(c.number("buildings") == count[c.text.at("name")]);
            CHECK(c.number("buildings") >= 1);
            households += static_cast<int64_t>(c.number("households"));
        }
        CHECK(households == summary.households);
    }
    SECTION("nothing is built on the river or in ponds") {
        int rivers = 0;
        for (const auto& w : water) {
            rivers += w.text.at("kind") == "river";
            for (const auto* layer : {&communities, &buildings, &facilities})
                for (const auto& f : *layer)
                    REQUIRE(GEOSIntersects_r(ctx, w.geom.get(), f.geom.get()) == 0);
            for (const auto& z : zoning)
                REQUIRE(intersection_area(w.geom.get(), z.geom.get()) < 1e-9);
        }
        CHECK(rivers == 1);
    }
    SECTION("zoning parcels cover each community exactly once") {
        for (const auto& c : communities) {
            double covered = 0;
            for (const auto& z : zoning)
                covered += intersection_area(c.geom.get(), z.geom.get());
            REQUIRE(covered == Approx(area(c.geom.get())).epsilon(1e-6));
        }
    }
    SECTION("zoning parcels tile the town but for the water") {
        for (size_t a = 0; a < zoning.size(); ++a)
            for (size_t b = a + 1; b < zoning.size(); ++b)
                if (GEOSIntersects_r(ctx, zoning[a].geom.get(), zoning[b].geom.get()) == 1)
                    REQUIRE(intersection_area(zoning[a].geom.get(), zoning[b].geom.get()) < 1e-6);
        auto covered = [&](const GEOSGeometry* p) {
            for (const auto* layer : {&zoning, &water})
                for (const auto& f : *layer)
                    if (GEOSIntersects_r(ctx, f.geom.get(), p) == 1) return true;
            return false;
        };
        for (const auto& f : facilities)
            REQUIRE(covered(f.geom.get()));
        int streets = 0;
        for (const auto& r : roads) {
            // Centre lines are parcel edges; a midpoint computed in floating point may miss the
            // edge by an ulp, so it is grown by a millimetre.
            auto mid =
                renoplan::make_geos_ptr(ctx, GEOSInterpolateNormalized_r(ctx, r.geom.get(), 0.5));
            auto spot = renoplan::make_geos_ptr(ctx, GEOSBuffer_r(ctx, mid.get(), 0.001, 2));
            REQUIRE(covered(spot.get()));
            ++streets;
        }
        CHECK(streets > 20);
        std::set<std::string> codes;
        for (const auto& z : zoning)
            codes.insert(z.text.at("landuse_code"));
        CHECK(codes.count("S1") == 1);
        CHECK(codes.count("R2") == 1);
    }
    SECTION("all seven pipeline kinds, buried and overhead") {
        std::set<std::string> kinds, layings;
        for (const auto& p : pipelines) {
            kinds.insert(p.text.at("kind"));
            layings.insert(p.text.at("laying"));
        }
        CHECK(kinds == std::set<std::string>{"water_supply", "sewage", "storm", "gas", "power",
                                             "telecom", "cable_tv"});
        CHECK(layings == std::set<std::string>{"buried", "overhead"});
    }
    SECTION("the town lies around Suining's centre in EPSG:4544") {
        CHECK(summary.min_x > 540000);
        CHECK(summary.max_x < 575000);
        CHECK(summary.min_y > 3365000);
        CHECK(summary.max_y < 3395000);
        OGRLayer* layer = ds->GetLayerByName("communities");
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        REQUIRE(srs);
        CHECK(std::string(srs->GetAuthorityCode(nullptr)) == "4544");
    }
}

TEST_CASE("synth: communities look like Suining's old ones", "[synth]") {
    TempDir tmp;
    const auto gpkg = tmp / "town.gpkg";
    make_town(gpkg, 300, 20201);
    auto ds = open_vector(gpkg);
    const auto communities = read_layer(*ds, "communities");
    const auto buildings = read_layer(*ds, "buildings");
    const auto facilities = read_layer(*ds, "facilities");
    REQUIRE(communities.size() == 300);

    int known = 0, before_2000 = 0, blank_year = 0, self_built = 0, exact_two_thirds = 0,
        rounded_two_thirds = 0, blank_consent = 0, in_size = 0;
    std::set<std::string> counties;
    double households = 0, floor_area = 0;
    for (const auto& c : communities) {
        counties.insert(c.text.at("county"));
        if (c.is_null.at("built_year")) {
            ++blank_year;
        } else {
            ++known;
            before_2000 += c.number("built_year") < 2000;
            CHECK(c.number("built_year") >= 1975);
            CHECK(c.number("built_year") <= 2012);
        }
        self_built += c.text.at("self_built") == "1";
        if (c.is_null.at("consent_owner_pct")) {
            ++blank_consent;
        } else {
            const double owner = c.number("consent_owner_pct");
            const double area_pct = c.number("consent_area_pct");
            CHECK((owner >= 0 && owner <= 100 && area_pct >= 0 && area_pct <= 100));
            rounded_two_thirds += area_pct == 66.67;
            // Exactly two thirds of the households agree (GDAL prints 15 significant digits).
            const double owners = owner * c.number("households") / 100.0;
            exact_two_thirds += std::abs(owners - std::round(owners)) < 1e-6 &&
                                std::abs(owner - 200.0 / 3.0) < 1e-9;
        }
        const double a = area(c.geom.get());
        in_size += a >= 4000 && a <= 35000;
        households += c.number("households");
        floor_area += c.number("floor_area_m2");
    }
    const double share_old = static_cast<double>(before_2000) / known;
    CHECK(share_old > 0.62);
    CHECK(share_old < 0.80);
    CHECK(blank_year > 0);
    CHECK(blank_year < 30);
    CHECK(self_built > 0);
    CHECK(self_built < 30);
    CHECK(exact_two_thirds > 0);
    CHECK(rounded_two_thirds > 0);
    CHECK(blank_consent > 0);
    CHECK(in_size > 270); // 0.4-3.5 ha for nearly all
    CHECK(counties.count("船山区") == 1);
    CHECK(counties.size() >= 2);
    // About one household per 85 m² of floor area.
    CHECK(floor_area / households > 70.0);
    CHECK(floor_area / households < 100.0);

    int tall = 0, low = 0;
    for (const auto& b : buildings) {
        const double floors = b.number("floors");
        CHECK((floors >= 2 && floors <= 11));
        tall += floors >= 8;
        low += floors <= 3;
        if (floors >= 8) CHECK(b.text.at("structure") == "frame");
    }
    CHECK(tall > 0);
    CHECK(low > 0);

    // Services are uneven: some communities have a clinic within 300 m, others none within 500 m.
    auto& ctx = renoplan::geos_context();
    int near_clinic = 0, far_from_clinic = 0;
    for (const auto& c : communities) {
        double best = 1e18;
        for (const auto& f : facilities) {
            if (f.text.at("kind") != "clinic") continue;
            double d = 0;
            GEOSDistance_r(ctx, c.geom.get(), f.geom.get(), &d);
            best = std::min(best, d);
        }
        near_clinic += best <= 300.0;
        far_from_clinic += best > 500.0;
    }
    CHECK(near_clinic > 0);
    CHECK(far_from_clinic > 0);
}

TEST_CASE("synth: exact community counts for tiny and odd sizes", "[synth]") {
    for (const int n : {1, 7, 41}) {
        TempDir tmp;
        const auto summary = make_town(tmp / "t.gpkg", n, 99);
        CHECK(summary.communities == n);
        auto ds = open_vector(tmp / "t.gpkg");
        CHECK(ds->GetLayerByName("communities")->GetFeatureCount() == n);
    }
}

TEST_CASE("synth: cancelling leaves no files behind", "[synth]") {
    TempDir tmp;
    renoplan::synth::TownParams params;
    params.communities = 5000;
    renoplan::synth::TownOutputs outputs;
    outputs.gpkg_path = (tmp / "town.gpkg").string();
    outputs.shapefile_gbk_dir = (tmp / "shp").string();
    outputs.geojson_wgs84_path = (tmp / "f.geojson").string();
    renoplan::Progress progress;
    // A watcher cancels as soon as features are being written, as Ctrl-C or the GUI would.
    std::atomic<bool> stop{false};
    std::thread watcher([&] {
        while (!stop.load()) {
            if (progress.snapshot().stage == "generating the town") {
                progress.cancel();
                return;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    CHECK_THROWS_AS(renoplan::synth::generate_town(params, outputs, progress), renoplan::Cancelled);
    stop.store(true);
    watcher.join();
    CHECK(fs::is_empty(tmp.path()));
}

TEST_CASE("synth: bad parameters are refused", "[synth]") {
    TempDir tmp;
    renoplan::Progress progress;
    renoplan::synth::TownParams params;
    renoplan::synth::TownOutputs outputs;
    outputs.gpkg_path = (tmp / "t.gpkg").string();
    params.communities = 0;
    CHECK_THROWS_AS(renoplan::synth::generate_town(params, outputs, progress),
                    renoplan::ConfigError);
    params.communities = 10;
    params.center_lon = 110.0; // outside the 3-degree zone on 105E
    CHECK_THROWS_AS(renoplan::synth::generate_town(params, outputs, progress),
                    renoplan::ConfigError);
    CHECK(fs::is_empty(tmp.path()));
}

TEST_CASE("synth: the same seed gives the same town, another seed another", "[synth]") {
    TempDir tmp;
    make_town(tmp / "a.gpkg", 40, 11);
    make_town(tmp / "b.gpkg", 40, 11);
    make_town(tmp / "c.gpkg", 40, 12);
    const std::string a = dump(tmp / "a.gpkg");
    CHECK(a.size() > 10000);
    CHECK(a == dump(tmp / "b.gpkg"));
    CHECK(a != dump(tmp / "c.gpkg"));
    // The GeoPackage's timestamps are fixed too, so the files are byte-identical.
    CHECK(slurp(tmp / "a.gpkg") == slurp(tmp / "b.gpkg"));
}

TEST_CASE("synth: the Chinese variant names layers, fields and values as real files", "[synth]") {
    TempDir tmp;
    make_town(tmp / "zh.gpkg", 40, 7, true);
    auto ds = open_vector(tmp / "zh.gpkg");
    auto fields_of = [&](const char* layer) {
        std::vector<std::string> names;
        OGRLayer* l = ds->GetLayerByName(layer);
        REQUIRE(l);
        for (int i = 0; i < l->GetLayerDefn()->GetFieldCount(); ++i)
            names.emplace_back(l->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
        return names;
    };
    using V = std::vector<std::string>;
    CHECK(fields_of("小区") == V{"小区名称", "所属区县", "建成年代", "户数", "楼栋数", "建筑面积",
                                 "是否自建房", "是否拟征收", "同意面积比例", "同意户数比例",
                                 "物业管理"});
    CHECK(fields_of("楼栋") == V{"层数", "建成年份", "有无电梯", "结构", "所属小区"});
    CHECK(fields_of("管线") == V{"管线类型", "埋设年份", "管径", "材质", "敷设方式"});
    CHECK(fields_of("道路") == V{"道路名称", "道路等级", "路宽"});
    CHECK(fields_of("水系") == V{"名称", "类型"});
    CHECK(fields_of("控规地块") ==
          V{"地块编号", "用地性质", "用地名称", "容积率", "建筑密度", "绿地率", "限高"});
    CHECK(fields_of("设施") == V{"设施类型", "名称"});
    CHECK(ds->GetLayerByName("小区")->GetLayerDefn()->GetFieldDefn(2)->GetType() == OFTString);

    const auto communities = read_layer(*ds, "小区");
    std::set<std::string> yes_no;
    for (const auto& c : communities)
        yes_no.insert(c.text.at("是否自建房"));
    CHECK(yes_no.count("否") == 1);
    for (const auto& v : yes_no)
        CHECK((v == "是" || v == "否"));
    std::set<std::string> kinds;
    for (const auto& p : read_layer(*ds, "管线"))
        kinds.insert(p.text.at("管线类型"));
    CHECK(kinds == std::set<std::string>{"给水", "污水", "雨水", "燃气", "电力", "通信", "广电"});
    double max_density = 0;
    std::set<std::string> codes;
    for (const auto& z : read_layer(*ds, "控规地块")) {
        if (!z.is_null.at("建筑密度")) max_density = std::max(max_density, z.number("建筑密度"));
        codes.insert(z.text.at("用地性质"));
    }
    CHECK(max_density > 1.0); // percent, 0-100
    CHECK(codes.count("R2") == 1);
    CHECK(codes.count("G1") == 1);
    std::set<std::string> classes;
    for (const auto& r : read_layer(*ds, "道路"))
        classes.insert(r.text.at("道路等级"));
    CHECK(classes.count("主干路") + classes.count("次干路") >= 1);
    CHECK(classes.count("支路") == 1);
    CHECK(classes.count("小区道路") == 1);
}

TEST_CASE("synth: messy 建成年代 texts in the Chinese variant", "[synth]") {
    TempDir tmp;
    make_town(tmp / "zh.gpkg", 300, 20201, true);
    auto ds = open_vector(tmp / "zh.gpkg");
    int with_nian = 0, decade = 0, plain = 0, blank = 0;
    for (const auto& c : read_layer(*ds, "小区")) {
        const std::string& y = c.text.at("建成年代");
        if (y.empty())
            ++blank;
        else if (y.find("年代") != std::string::npos)
            ++decade;
        else if (y.find("年") != std::string::npos)
            ++with_nian;
        else if (y.size() == 4)
            ++plain;
    }
    CHECK(with_nian > 30);
    CHECK(decade > 5);
    CHECK(plain > 60);
    CHECK(blank > 0);
}

TEST_CASE("synth: GBK Shapefiles without .cpg and WGS84 GeoJSON", "[synth]") {
    TempDir tmp;
    const auto gpkg = tmp / "town.gpkg";
    const auto shp = tmp / "shp";
    const auto geojson = tmp / "facilities.geojson";
    make_town(gpkg, 40, 7, false, shp, geojson);

    SECTION("the DBF holds GBK bytes and says nothing about it") {
        CHECK(fs::exists(shp / "xiaoqu.shp"));
        CHECK(fs::exists(shp / "loudong.dbf"));
        CHECK_FALSE(fs::exists(shp / "xiaoqu.cpg"));
        CHECK_FALSE(fs::exists(shp / "loudong.cpg"));
        const std::string dbf = slurp(shp / "xiaoqu.dbf");
        REQUIRE(dbf.size() > 64);
        CHECK(dbf[29] == '\0'); // language driver id: none
        CHECK_FALSE(is_valid_utf8(dbf.substr(32)));
        // First field descriptor: its name, then the first record's value of that field.
        const std::string first_name = dbf.substr(32, 11).c_str();
        CHECK(from_cp936(first_name) == "小区名称");
        const auto header_len = static_cast<size_t>(static_cast<unsigned char>(dbf[8]) |
                                                    (static_cast<unsigned char>(dbf[9]) << 8));
        const auto width = static_cast<size_t>(static_cast<unsigned char>(dbf[32 + 16]));
        std::string value = dbf.substr(header_len + 1, width);
        value.erase(value.find_last_not_of(' ') + 1);
        auto ds = open_vector(gpkg);
        const auto communities = read_layer(*ds, "communities");
        CHECK(from_cp936(value) == communities.front().text.at("name"));
        CHECK_FALSE(is_valid_utf8(value));
    }
    SECTION("GDAL reads it as Chinese when told CP936") {
        const char* const options[] = {"ENCODING=CP936", nullptr};
        auto ds = open_vector(shp / "xiaoqu.shp", options);
        OGRLayer* layer = ds->GetLayer(0);
        REQUIRE(layer);
        CHECK(layer->GetFeatureCount() == 40);
        CHECK(layer->GetLayerDefn()->GetFieldIndex("小区名称") == 0);
        CHECK(layer->GetLayerDefn()->GetFieldIndex("同意面积比") >= 0);
        auto b = open_vector(shp / "loudong.shp", options);
        CHECK(b->GetLayer(0)->GetLayerDefn()->GetFieldIndex("所属小区") >= 0);
    }
    SECTION("facilities as WGS84 longitude/latitude around Suining") {
        auto ds = open_vector(geojson);
        OGRLayer* layer = ds->GetLayer(0);
        REQUIRE(layer);
        auto gk = open_vector(gpkg);
        CHECK(layer->GetFeatureCount() == gk->GetLayerByName("facilities")->GetFeatureCount());
        CHECK(layer->GetFeatureCount() > 0);
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        REQUIRE(srs);
        CHECK(srs->IsGeographic());
        for (auto& f : *layer) {
            const auto* p = f->GetGeometryRef()->toPoint();
            REQUIRE(p->getX() == Approx(105.59).margin(0.05));
            REQUIRE(p->getY() == Approx(30.53).margin(0.05));
        }
        const std::string text = slurp(geojson);
        CHECK(text.find("\"crs\"") == std::string::npos); // RFC 7946: WGS84 implied
    }
}

// [SECTION] renoplan generate

TEST_CASE("renoplan generate writes, refuses to overwrite, and replaces with --force",
          "[synth][cli]") {
    TempDir tmp;
    const std::string out = (tmp / "demo.gpkg").string();
    auto first = run_renoplan({"generate", "-o", out, "--communities", "40", "--seed", "3"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("communities 40") != std::string::npos);
    CHECK(first.out.find("households") != std::string::npos);
    const std::string before = slurp(out);

    auto again = run_renoplan({"generate", "-o", out, "--communities", "50", "-q"});
    CHECK(again.exit_code != 0);
    CHECK(again.err.find("already exists") != std::string::npos);
    CHECK(again.err.find("--force") != std::string::npos);
    CHECK(slurp(out) == before);

    auto forced =
        run_renoplan({"generate", "-o", out, "--communities", "50", "--force", "--quiet"});
    CHECK(forced.exit_code == 0);
    CHECK(forced.out.empty());
    auto ds = open_vector(out);
    CHECK(ds->GetLayerByName("communities")->GetFeatureCount() == 50);
    // No temporary files are left beside the output.
    int files = 0;
    for (const auto& e : fs::directory_iterator(tmp.path()))
        files += e.is_regular_file();
    CHECK(files == 1);
}

TEST_CASE("renoplan generate checks its options", "[synth][cli]") {
    TempDir tmp;
    const std::string out = (tmp / "x.gpkg").string();
    CHECK(run_renoplan({"generate", "--communities", "10"}).exit_code == 2);
    CHECK(run_renoplan({"generate", "-o", out, "--communities", "0"}).exit_code == 2);
    CHECK(run_renoplan({"generate", "-o", out, "--communities", "ten"}).exit_code == 2);
    CHECK(run_renoplan({"generate", "-o", (tmp / "x.shp").string()}).exit_code == 2);
    CHECK_FALSE(fs::exists(out));
    const auto help = run_renoplan({"generate", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--shapefile-gbk") != std::string::npos);

    // Existing Shapefiles or GeoJSON are protected as well.
    fs::create_directories(tmp / "shp");
    std::ofstream(tmp / "shp" / "xiaoqu.dbf") << "x";
    const auto refused = run_renoplan(
        {"generate", "-o", out, "--communities", "5", "--shapefile-gbk", (tmp / "shp").string()});
    CHECK(refused.exit_code != 0);
    CHECK_FALSE(fs::exists(out));
    const auto chinese =
        run_renoplan({"generate", "-o", out, "--communities", "5", "-q", "--chinese-fields",
                      "--geojson-wgs84", (tmp / "f.geojson").string()});
    CHECK(chinese.exit_code == 0);
    auto ds = open_vector(out);
    CHECK(ds->GetLayerByName("小区") != nullptr);
    CHECK(fs::exists(tmp / "f.geojson"));
}
