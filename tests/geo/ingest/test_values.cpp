#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "geo/ingest/values.hpp"

using namespace renoplan::ingest;

namespace {

struct YearCase {
    const char* text;
    std::optional<YearValue> expected;
};

std::optional<YearValue> y(int lo, int hi, bool approximate) {
    return YearValue{lo, hi, approximate};
}
std::optional<YearValue> exact(int year) {
    return YearValue{year, year, false};
}

} // namespace

TEST_CASE("parse_year reads years as survey tables write them", "[values]") {
    const std::vector<YearCase> cases = {
        // plain years and dates
        {"1998", exact(1998)},
        {"1998年", exact(1998)},
        {" 1998年 ", exact(1998)},
        {"1998年度", exact(1998)},
        {"1998.0", exact(1998)},
        {"1998.00", exact(1998)},
        {"1998-05-01", exact(1998)},
        {"1998-5-1", exact(1998)},
        {"1998/5", exact(1998)},
        {"1998/05/01", exact(1998)},
        {"1998.05.01", exact(1998)},
        {"1998年5月", exact(1998)},
        {"1998年5月1日", exact(1998)},
        {"1998-05-01 00:00:00", exact(1998)},
        {"1998-05-01T08:30:00Z", exact(1998)},
        {"19980501", exact(1998)},
        {"199805", exact(1998)},
        {"１９９８", exact(1998)},
        {"１９９８年", exact(1998)},
        {"一九九八年", exact(1998)},
        {"二〇〇〇年", exact(2000)},
        {"二○○○年", exact(2000)},
        {"1998年建成", exact(1998)},
        {"1800", exact(1800)},
        {"2100", exact(2100)},
        // decades
        {"90年代", y(1990, 1999, true)},
        {"九十年代", y(1990, 1999, true)},
        {"八零年代", y(1980, 1989, true)},
        {"上世纪80年代", y(1980, 1989, true)},
        {"上世纪八十年代", y(1980, 1989, true)},
        {"20世纪70年代", y(1970, 1979, true)},
        {"二十世纪六十年代", y(1960, 1969, true)},
        {"１９９０年代", y(1990, 1999, true)},
        {"1990年代", y(1990, 1999, true)},
        {"1990s", y(1990, 1999, true)},
        {"80's", y(1980, 1989, true)},
        {"80’s", y(1980, 1989, true)},
        {"00年代", y(2000, 2009, true)},
        {"零零年代", y(2000, 2009, true)},
        {"五六十年代", y(1950, 1969, true)},
        {"80-90年代", y(1980, 1999, true)},
        {"七八十年代", y(1970, 1989, true)},
        {"90年代初", y(1990, 1993, true)},
        {"90年代末", y(1997, 1999, true)},
        {"80年代中期", y(1983, 1986, true)},
        // approximations and ranges
        {"约1995", y(1995, 1995, true)},
        {"大约1995年", y(1995, 1995, true)},
        {"1995左右", y(1995, 1995, true)},
        {"1995年左右", y(1995, 1995, true)},
        {"1995年前后", y(1995, 1995, true)},
        {"约90年代", y(1990, 1999, true)},
        {"1990-1995", y(1990, 1995, true)},
        {"1990～1995", y(1990, 1995, true)},
        {"1990～1995年", y(1990, 1995, true)},
        {"1990年-1995年", y(1990, 1995, true)},
        {"1990至1995年", y(1990, 1995, true)},
        {"1990—1995", y(1990, 1995, true)},
        {"1990-95", y(1990, 1995, true)},
        {"2000年以前", y(1900, 1999, true)},
        {"2000年前", y(1900, 1999, true)},
        {"90年代以前", y(1900, 1989, true)},
        // garbage
        {"", std::nullopt},
        {"不详", std::nullopt},
        {"未知", std::nullopt},
        {"abc", std::nullopt},
        {"0", std::nullopt},
        {"98年", std::nullopt},
        {"1799", std::nullopt},
        {"2101", std::nullopt},
        {"1995-1990", std::nullopt},
        {"2000年以后", std::nullopt},
        {"1998-13-01", std::nullopt},
        {"95年代", std::nullopt},
        {"1998 2005", std::nullopt},
        {"12345", std::nullopt},
    };
    for (const auto& c : cases) {
        INFO("input: '" << c.text << "'");
        const auto got = parse_year(c.text);
        REQUIRE(got.has_value() == c.expected.has_value());
        if (!got) continue;
        CHECK(got->lo == c.expected->lo);
        CHECK(got->hi == c.expected->hi);
        CHECK(got->approximate == c.expected->approximate);
    }
}

TEST_CASE("parse_bool reads yes/no answers", "[values]") {
    struct Case {
        const char* text;
        std::optional<bool> expected;
    };
    const std::vector<Case> cases = {
        {"是", true},
        {"否", false},
        {"有", true},
        {"无", false},
        {"Y", true},
        {"N", false},
        {"y", true},
        {"yes", true},
        {"No", false},
        {"TRUE", true},
        {"false", false},
        {"T", true},
        {"F", false},
        {"1", true},
        {"0", false},
        {"1.0", true},
        {"√", true},
        {"×", false},
        {"✓", true},
        {"✗", false},
        {"对", true},
        {"错", false},
        {"已", true},
        {"未", false},
        {"有电梯", true},
        {"无电梯", false},
        {"已加装", true},
        {"未纳入", false},
        {"不是", false},
        {"非自建房", false},
        {"没有", false},
        {" 是 ", true},
        {"Ｙ", true},
        {"ｙｅｓ", true},
        {"", std::nullopt},
        {"不详", std::nullopt},
        {"2", std::nullopt},
        {"是否", std::nullopt},
        {"有无", std::nullopt},
        {"未知", std::nullopt},
        {"待核实", std::nullopt},
        {"无数据", std::nullopt},
        {"不清楚", std::nullopt},
        {"?", std::nullopt},
        {"maybe", std::nullopt},
    };
    for (const auto& c : cases) {
        INFO("input: '" << c.text << "'");
        CHECK(parse_bool(c.text) == c.expected);
    }
}

TEST_CASE("parse_number reads one number with unit text around it", "[values]") {
    struct Case {
        const char* text;
        std::optional<double> expected;
    };
    const std::vector<Case> cases = {
        {"12.5", 12.5},
        {"1,250", 1250.0},
        {"1,250,000", 1250000.0},
        {"１２３", 123.0},
        {"１，２５０", 1250.0},
        {"约300", 300.0},
        {"300户", 300.0},
        {"12.5万", 125000.0},
        {"12.5 万", 125000.0},
        {"1.2亿", 1.2e8},
        {"-3", -3.0},
        {"约-3", -3.0},
        {"+3", 3.0},
        {".5", 0.5},
        {"1.5e3", 1500.0},
        {"3.5m2", 3.5},
        {"3.5 m²", 3.5},
        {"120㎡", 120.0},
        {"DN200", 200.0},
        {"φ300", 300.0},
        {"6层", 6.0},
        {"0", 0.0},
        {" 42 ", 42.0},
        {"", std::nullopt},
        {"无", std::nullopt},
        {"N/A", std::nullopt},
        {"100-200", std::nullopt},
        {"2020-01-01", std::nullopt},
        {"300户(2栋)", std::nullopt},
        {"1,25", std::nullopt},
        {"400x300", std::nullopt},
    };
    for (const auto& c : cases) {
        INFO("input: '" << c.text << "'");
        const auto got = parse_number(c.text);
        REQUIRE(got.has_value() == c.expected.has_value());
        if (got) CHECK(*got == Approx(*c.expected));
    }
}

TEST_CASE("parse_share reads percentages and fractions", "[values]") {
    struct Case {
        const char* text;
        std::optional<double> value;
        bool explicit_scale;
    };
    const std::vector<Case> cases = {
        {"66.7%", 0.667, true},
        {"66.7 %", 0.667, true},
        {"６６．７％", 0.667, true},
        {"100%", 1.0, true},
        {"0%", 0.0, true},
        {"约70%", 0.70, true},
        {"0.667", 0.667, false},
        {"66.7", 66.7, false},
        {"100", 100.0, false},
        {"2/3", 2.0 / 3.0, true},
        {"２／３", 2.0 / 3.0, true},
        {"三分之二", 2.0 / 3.0, true},
        {"四分之三", 0.75, true},
        {"3分之2", 2.0 / 3.0, true},
        {"百分之六十六点七", 0.667, true},
        {"百分之70", 0.70, true},
        {"三分之二以上", 2.0 / 3.0, true},
        {"", std::nullopt, false},
        {"不详", std::nullopt, false},
        {"120%", std::nullopt, false},
        {"150", std::nullopt, false},
        {"-5%", std::nullopt, false},
        {"3/2", std::nullopt, false},
        {"2/0", std::nullopt, false},
        {"二分之三", std::nullopt, false},
        {"50%60%", std::nullopt, false},
    };
    for (const auto& c : cases) {
        INFO("input: '" << c.text << "'");
        const auto got = parse_share(c.text);
        REQUIRE(got.has_value() == c.value.has_value());
        if (!got) continue;
        CHECK(got->value == Approx(*c.value).epsilon(1e-9));
        CHECK(got->explicit_scale == c.explicit_scale);
    }
}

TEST_CASE("normalize_name folds width and case and drops separators", "[values]") {
    CHECK(normalize_name("建成 年份（年）") == "建成年份年");
    CHECK(normalize_name("Built_Year") == "builtyear");
    CHECK(normalize_name("ＸＱＭＣ") == "xqmc");
    CHECK(normalize_name("管径(mm)") == "管径mm");
    CHECK(normalize_name("【户数】") == "户数");
    CHECK(normalize_name("floor-area.m2") == "flooraream2");
    CHECK(normalize_name("\xE3\x80\x80小区名称\xE3\x80\x80") == "小区名称");
    CHECK(normalize_name("building:levels") == "building:levels");
    CHECK(normalize_name("") == "");
}

TEST_CASE("fold_width, trim_text and count_cjk", "[values]") {
    CHECK(fold_width("Ｒ２２") == "R22");
    CHECK(fold_width("１９９０～１９９５") == "1990~1995");
    CHECK(fold_width("1990—1995") == "1990-1995");
    CHECK(fold_width("小区") == "小区");
    CHECK(trim_text("\xE3\x80\x80 小区 \t") == "小区");
    CHECK(trim_text("   ") == "");
    CHECK(count_cjk("建成年份(年)") == 5);
    CHECK(count_cjk("XQMC") == 0);
    // invalid UTF-8 survives folding untouched instead of throwing or being dropped
    const std::string invalid = "a\xFF"
                                "b";
    CHECK(fold_width(invalid) == invalid);
}
