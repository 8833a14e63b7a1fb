#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "geo/ingest/roles.hpp"

using namespace renoplan;
using namespace renoplan::ingest;

namespace {

RoleGuess guess(const std::string& layer, GeomClass geom, std::vector<std::string> fields = {},
                const std::string& file = {}) {
    return detect_role(layer, file.empty() ? layer + ".shp" : file, geom, fields);
}

} // namespace

TEST_CASE("geometry_fits_role", "[roles]") {
    CHECK(geometry_fits_role(Role::Communities, GeomClass::Polygon));
    CHECK_FALSE(geometry_fits_role(Role::Communities, GeomClass::Line));
    CHECK_FALSE(geometry_fits_role(Role::Communities, GeomClass::Point));
    CHECK(geometry_fits_role(Role::Pipelines, GeomClass::Line));
    CHECK_FALSE(geometry_fits_role(Role::Pipelines, GeomClass::Polygon));
    CHECK(geometry_fits_role(Role::Roads, GeomClass::Line));
    CHECK(geometry_fits_role(Role::Facilities, GeomClass::Point));
    CHECK(geometry_fits_role(Role::Facilities, GeomClass::Polygon));
    CHECK_FALSE(geometry_fits_role(Role::Facilities, GeomClass::Line));
    CHECK(geometry_fits_role(Role::Zoning, GeomClass::Polygon));
    CHECK(geometry_fits_role(Role::Water, GeomClass::Polygon));
    CHECK(geometry_fits_role(Role::Protected, GeomClass::Polygon));
    CHECK_FALSE(geometry_fits_role(Role::Buildings, GeomClass::Line));
    CHECK(geometry_fits_role(Role::Unknown, GeomClass::Point));
}

TEST_CASE("detect_role from Chinese layer names", "[roles]") {
    struct Case {
        const char* name;
        GeomClass geom;
        Role expected;
    };
    const std::vector<Case> cases = {
        {"小区", GeomClass::Polygon, Role::Communities},
        {"老旧小区", GeomClass::Polygon, Role::Communities},
        {"遂宁市老旧小区范围2020", GeomClass::Polygon, Role::Communities},
        {"社区", GeomClass::Polygon, Role::Communities},
        {"楼栋", GeomClass::Polygon, Role::Buildings},
        {"建筑物", GeomClass::Polygon, Role::Buildings},
        {"老旧小区楼栋", GeomClass::Polygon, Role::Buildings},
        {"给水管线", GeomClass::Line, Role::Pipelines},
        {"燃气", GeomClass::Line, Role::Pipelines},
        {"地下管网", GeomClass::Line, Role::Pipelines},
        {"道路", GeomClass::Line, Role::Roads},
        {"小区道路", GeomClass::Line, Role::Roads},
        {"水系", GeomClass::Polygon, Role::Water},
        {"控规地块", GeomClass::Polygon, Role::Zoning},
        {"规划用地", GeomClass::Polygon, Role::Zoning},
        {"社区服务设施", GeomClass::Point, Role::Facilities},
        {"公服配套", GeomClass::Polygon, Role::Facilities},
        {"紫线", GeomClass::Polygon, Role::Protected},
        {"历史建筑保护范围", GeomClass::Polygon, Role::Protected},
        {"历史建筑", GeomClass::Polygon, Role::Protected},
    };
    for (const auto& c : cases) {
        INFO("layer '" << c.name << "'");
        const RoleGuess g = guess(c.name, c.geom);
        CHECK(g.role == c.expected);
        CHECK(g.score > 0);
        CHECK_FALSE(g.reason.empty());
    }
}

TEST_CASE("detect_role from English and pinyin names", "[roles]") {
    struct Case {
        const char* name;
        GeomClass geom;
        Role expected;
    };
    const std::vector<Case> cases = {
        {"communities", GeomClass::Polygon, Role::Communities},
        {"residential_estates", GeomClass::Polygon, Role::Communities},
        {"xiaoqu", GeomClass::Polygon, Role::Communities},
        {"SuiningXiaoqu2020", GeomClass::Polygon, Role::Communities},
        {"laojiuxiaoqu", GeomClass::Polygon, Role::Communities},
        {"sn_xq", GeomClass::Polygon, Role::Communities},
        {"gis_osm_buildings_a_free_1", GeomClass::Polygon, Role::Buildings},
        {"wuhan_buildings", GeomClass::Polygon, Role::Buildings},
        {"jzw", GeomClass::Polygon, Role::Buildings},
        {"xq_ld", GeomClass::Polygon, Role::Buildings},
        {"pipelines", GeomClass::Line, Role::Pipelines},
        {"GX_JS", GeomClass::Line, Role::Pipelines},
        {"wuhan_roads", GeomClass::Line, Role::Roads},
        {"gis_osm_roads_free_1", GeomClass::Line, Role::Roads},
        {"dl", GeomClass::Line, Role::Roads},
        {"hangzhou_water_central", GeomClass::Polygon, Role::Water},
        {"rivers", GeomClass::Polygon, Role::Water},
        {"landuse", GeomClass::Polygon, Role::Zoning},
        {"KG_DK", GeomClass::Polygon, Role::Zoning},
        {"parcels", GeomClass::Polygon, Role::Zoning},
        {"gis_osm_pois_free_1", GeomClass::Point, Role::Facilities},
        {"facilities", GeomClass::Point, Role::Facilities},
        {"heritage_protection", GeomClass::Polygon, Role::Protected},
        {"Ｘｉａｏｑｕ", GeomClass::Polygon, Role::Communities},
    };
    for (const auto& c : cases) {
        INFO("layer '" << c.name << "'");
        CHECK(guess(c.name, c.geom).role == c.expected);
    }
}

TEST_CASE("detect_role: pinyin initials and short tokens are whole words only", "[roles]") {
    // "old" contains "ld", "world" contains "ld", "sxq" is no token: none of these names a role
    CHECK(guess("old_data", GeomClass::Polygon).role == Role::Unknown);
    CHECK(guess("world", GeomClass::Polygon).role == Role::Unknown);
    CHECK(guess("suining_district", GeomClass::Polygon).role == Role::Unknown);
    CHECK(guess("layer1", GeomClass::Polygon).role == Role::Unknown);
    CHECK(guess("layer1", GeomClass::Polygon).score == 0);
}

TEST_CASE("detect_role: geometry must fit", "[roles]") {
    const RoleGuess line = guess("小区", GeomClass::Line);
    CHECK(line.role == Role::Unknown);
    CHECK(line.score == 0);
    CHECK_THAT(line.reason, Catch::Contains("communities") && Catch::Contains("line"));

    CHECK(guess("道路", GeomClass::Polygon).role == Role::Unknown);
    CHECK(guess("管线", GeomClass::Point).role == Role::Unknown);
    CHECK(guess("楼栋", GeomClass::Line).role == Role::Unknown);
    // a line layer named 社区道路 is roads, a polygon one cannot be
    CHECK(guess("社区道路", GeomClass::Line).role == Role::Roads);
}

TEST_CASE("detect_role from field evidence", "[roles]") {
    const RoleGuess floors = guess("layer1", GeomClass::Polygon, {"OBJECTID", "层数", "结构"});
    CHECK(floors.role == Role::Buildings);
    CHECK_THAT(floors.reason, Catch::Contains("层数"));

    CHECK(guess("layer1", GeomClass::Line, {"FID", "管径", "材质"}).role == Role::Pipelines);
    CHECK(guess("layer1", GeomClass::Line, {"埋设年份(年)"}).role == Role::Pipelines);
    CHECK(guess("图层2", GeomClass::Polygon, {"用地性质", "容积率", "绿地率"}).role ==
          Role::Zoning);
    CHECK(guess("data", GeomClass::Polygon, {"名称", "户数", "建成年代"}).role ==
          Role::Communities);
    CHECK(guess("data", GeomClass::Line, {"name", "道路等级", "路宽"}).role == Role::Roads);
    CHECK(guess("data", GeomClass::Point, {"名称", "设施类型"}).role == Role::Facilities);
    CHECK(guess("data", GeomClass::Line, {"osm_id", "highway", "oneway"}).role == Role::Roads);
    // 户数 alone is no evidence for communities; fields alone with the wrong geometry neither
    CHECK(guess("data", GeomClass::Polygon, {"户数"}).role == Role::Unknown);
    CHECK(guess("data", GeomClass::Point, {"层数"}).role == Role::Unknown);
}

TEST_CASE("detect_role combines names, file names and fields", "[roles]") {
    SECTION("a GeoPackage layer name beats a vague file name") {
        const RoleGuess g = detect_role("楼栋", "/data/遂宁老旧小区.gpkg", GeomClass::Polygon, {});
        CHECK(g.role == Role::Buildings);
    }
    SECTION("the file name helps a vague layer name") {
        const RoleGuess g = detect_role("layer1", "C:\\data\\xiaoqu.gdb", GeomClass::Polygon, {});
        CHECK(g.role == Role::Communities);
        CHECK_THAT(g.reason, Catch::Contains("file name"));
    }
    SECTION("fields settle a name that points two ways") {
        // 小区 says communities; 层数 and 有无电梯 say buildings
        const RoleGuess g =
            guess("小区", GeomClass::Polygon, {"层数", "有无电梯", "楼号", "建筑结构"});
        CHECK(g.role == Role::Buildings);
        CHECK_THAT(g.reason, Catch::Contains("communities")); // the runner-up is named
    }
    SECTION("name and fields agree: the score grows") {
        const int name_only = guess("小区", GeomClass::Polygon).score;
        const int with_fields = guess("小区", GeomClass::Polygon, {"户数", "建成年份"}).score;
        CHECK(with_fields > name_only);
    }
    SECTION("the reason says what was seen") {
        const RoleGuess g = guess("小区", GeomClass::Polygon, {"户数", "建成年份"});
        CHECK(g.role == Role::Communities);
        CHECK_THAT(g.reason, Catch::Contains("'小区'") && Catch::Contains("polygon") &&
                                 Catch::Contains("户数") && Catch::Contains("建成年份"));
    }
    SECTION("Hangzhou OSM landuse is zoning by name") {
        const RoleGuess g = detect_role("landuse", "hangzhou_osm_central.gpkg", GeomClass::Polygon,
                                        {"osm_id", "code", "fclass", "name"});
        CHECK(g.role == Role::Zoning);
    }
}

TEST_CASE("detect_role: layer and file name agreeing are both named", "[roles]") {
    const RoleGuess both = detect_role("楼栋", "ld_2020.gpkg", GeomClass::Polygon, {});
    CHECK(both.role == Role::Buildings);
    CHECK(both.score > guess("楼栋", GeomClass::Polygon).score);
    CHECK_THAT(both.reason,
               Catch::Contains("layer name '楼栋'") && Catch::Contains("and file name 'ld_2020'"));
}
