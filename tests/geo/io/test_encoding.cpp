#include <catch2/catch.hpp>

#include <fstream>

#include "geo/io/encoding.hpp"
#include "support/fixtures.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::io;
namespace rt = renoplan::test;

TEST_CASE("UTF-8 validation", "[encoding]") {
    CHECK(is_valid_utf8("遂宁市船山区"));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK_FALSE(is_valid_utf8("\xCB\xEC\xC4\xFE")); // 遂宁 in GBK
    CHECK_FALSE(is_valid_utf8("\xE9\x81"));         // truncated sequence
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate
}

TEST_CASE("GBK text decodes to UTF-8", "[encoding]") {
    const auto text = to_utf8("\xCB\xEC\xC4\xFE", "CP936");
    REQUIRE(text);
    CHECK(*text == "遂宁");
    CHECK_FALSE(to_utf8("\x81", "CP936")); // lone lead byte
    CHECK(dbf_ldid_codepage(0x4D) == "CP936");
    CHECK(dbf_ldid_codepage(0x00).empty());
}

TEST_CASE("Encoding of the real Suining Shapefile variants", "[encoding]") {
    const std::string base = "suining-admin-gcj02/";
    auto utf8 =
        detect_dbf_encoding(rt::real_data(base + "original_utf8_nocpg/suining_district.dbf"));
    CHECK(utf8.encoding == "UTF-8");
    CHECK_FALSE(utf8.needs_open_option);

    auto cpg =
        detect_dbf_encoding(rt::real_data(base + "derived_gbk_cpg/suining_district_gbk.dbf"));
    CHECK(cpg.encoding == "CP936");
    CHECK(cpg.reason.find(".cpg") != std::string::npos);

    auto ldid = detect_dbf_encoding(
        rt::real_data(base + "derived_gbk_ldid_nocpg/suining_district_gbk.dbf"));
    CHECK(ldid.encoding == "CP936");
    CHECK(ldid.reason.find("0x4D") != std::string::npos);
    CHECK_FALSE(ldid.needs_open_option);

    auto none = detect_dbf_encoding(
        rt::real_data(base + "derived_gbk_noldid_nocpg/suining_district_gbk.dbf"));
    CHECK(none.encoding == "CP936");
    CHECK(none.needs_open_option);
    CHECK(none.reason.find("detected") != std::string::npos);
}

TEST_CASE("A DBF that is neither UTF-8 nor GBK is flagged uncertain", "[encoding]") {
    rt::TempDir dir;
    rt::write_layers(dir / "x.shp", "ESRI Shapefile",
                     {{"x", "point", 4544, {{"name"}}, {{"POINT (1 1)", {"placeholder"}}}}});
    std::filesystem::remove(dir / "x.cpg");
    // Overwrite the value bytes with Latin-1 text that is invalid in both UTF-8 and GBK.
    std::fstream f(dir / "x.dbf", std::ios::in | std::ios::out | std::ios::binary);
    unsigned char header[32];
    f.read(reinterpret_cast<char*>(header), 32);
    const int header_len = header[8] | header[9] << 8;
    f.seekp(header_len + 1);
    f.write("\xFF\xFF\xFF", 3);
    header[29] = 0;
    f.seekp(29);
    f.write("\0", 1);
    f.close();
    const auto enc = detect_dbf_encoding(dir / "x.dbf");
    CHECK(enc.uncertain);
}
