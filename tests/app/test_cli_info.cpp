// `renoplan info` as a user runs it: exit codes, messages, JSON.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace rt = renoplan::test;

TEST_CASE("renoplan --version and --help", "[cli]") {
    const auto v = rt::run_renoplan({"--version"});
    CHECK(v.exit_code == 0);
    CHECK(v.out.rfind("renoplan ", 0) == 0);
    const auto h = rt::run_renoplan({"--help"});
    CHECK(h.exit_code == 0);
    CHECK(h.out.find("info") != std::string::npos);
    for (const char* command : {"info", "generate", "fields"}) {
        const auto c = rt::run_renoplan({command, "--help"});
        INFO(command);
        CHECK(c.exit_code == 0);
        CHECK(c.out.find("usage: renoplan") != std::string::npos);
        CHECK(c.out.find("--quiet") != std::string::npos);
    }
    const auto bad = rt::run_renoplan({"info", "--no-such-option", "x"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("unknown option --no-such-option") != std::string::npos);
    const auto none = rt::run_renoplan({"frobnicate"});
    CHECK(none.exit_code == 2);
}

TEST_CASE("renoplan info on real files: text and JSON", "[cli]") {
    const auto gpkg = rt::real_data("hangzhou-osm-landuse/hangzhou_osm_central.gpkg").string();
    const auto text = rt::run_renoplan({"info", gpkg});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("layer landuse") != std::string::npos);
    CHECK(text.out.find("EPSG:4326 (WGS 84) -> EPSG:4549") != std::string::npos);
    CHECK(text.out.find("read by arrow") != std::string::npos);

    const auto js = rt::run_renoplan({"info", "--json", "--quiet", gpkg});
    REQUIRE(js.exit_code == 0);
    const auto j = nlohmann::json::parse(js.out);
    CHECK(j["working_crs"] == "EPSG:4549");
    REQUIRE(j["layers"].size() == 2);
    CHECK(j["layers"][0]["features"] == 4482);
    CHECK(j["layers"][1]["role"] == "water");
}

TEST_CASE("renoplan info: GBK Shapefile without .cpg reads as Chinese and says why", "[cli]") {
    const auto dir = rt::real_data("suining-admin-gcj02/derived_gbk_noldid_nocpg").string();
    const auto r = rt::run_renoplan({"info", "--json", dir});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["layers"][0]["encoding"] == "CP936");
    CHECK(j["layers"][0]["encoding_reason"].get<std::string>().find("detected") !=
          std::string::npos);
}

TEST_CASE("renoplan info: nothing usable gives exit 1 and names the file", "[cli][bad-input]") {
    const auto r = rt::run_renoplan({"info", "/nonexistent/data.gpkg"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("/nonexistent/data.gpkg: file or folder not found") != std::string::npos);

    rt::TempDir dir;
    std::ofstream(dir / "empty.geojson").close();
    const auto e = rt::run_renoplan({"info", (dir / "empty.geojson").string()});
    CHECK(e.exit_code == 1);
    CHECK(e.err.find("file is empty (0 bytes)") != std::string::npos);

    // One bad and one good source: exit 0, the bad one reported.
    const auto mixed =
        rt::run_renoplan({"info", (dir / "empty.geojson").string(),
                          rt::real_data("wuhan-osm-tilezen/wuhan_water.geojson").string()});
    CHECK(mixed.exit_code == 0);
    CHECK(mixed.err.find("empty.geojson: file is empty") != std::string::npos);
    CHECK(mixed.out.find("layer water") != std::string::npos);
}

TEST_CASE("renoplan info: a bad option value is a usage error", "[cli][bad-input]") {
    const auto src = rt::real_data("wuhan-osm-tilezen/wuhan_water.geojson").string();
    const auto r = rt::run_renoplan({"info", "--assume-crs", "EPSG:999999", src});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("EPSG:999999") != std::string::npos);
    const auto j = rt::run_renoplan({"info", "-j", "zero", src});
    CHECK(j.exit_code == 2);
}

TEST_CASE("renoplan fields lists canonical fields and their Chinese names", "[cli]") {
    const auto r = rt::run_renoplan({"fields", "communities"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("built_year") != std::string::npos);
    CHECK(r.out.find("[required]") != std::string::npos);
    CHECK(r.out.find("建成年份") != std::string::npos);
    const auto zh = rt::run_renoplan({"fields", "管线"});
    CHECK(zh.exit_code == 0);
    CHECK(zh.out.find("sewage") != std::string::npos);
    CHECK(rt::run_renoplan({"fields", "castles"}).exit_code == 2);
}
