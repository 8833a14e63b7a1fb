#include <catch2/catch.hpp>

#include "geo/model/column.hpp"

using namespace renoplan;

TEST_CASE("Columns store typed values with nulls", "[column]") {
    Column s("名称", ColumnType::String);
    s.push_string("和平小区");
    s.push_null();
    s.push_string("");
    REQUIRE(s.size() == 3);
    CHECK(s.get_string(0) == "和平小区");
    CHECK(s.is_null(1));
    CHECK_FALSE(s.is_null(2));
    CHECK(s.null_count() == 1);

    Column r("面积", ColumnType::Real);
    r.push_real(12.5);
    r.push_real(std::nan(""));
    r.push_int(3);
    CHECK(r.is_null(1));
    CHECK(r.get_real(2) == 3.0);
    CHECK(r.to_text(0) == "12.5");

    Column i("户数", ColumnType::Int64);
    i.push_int(42);
    Column j("户数", ColumnType::Int64);
    j.push_null();
    j.push_int(7);
    i.append(j);
    CHECK(i.size() == 3);
    CHECK(i.is_null(1));
    CHECK(i.get_int(2) == 7);

    s.replace_strings({"a", "", "c"});
    CHECK(s.get_string(2) == "c");
    CHECK(s.is_null(1));
    CHECK_THROWS_AS(i.push_string("x"), std::logic_error);
}

TEST_CASE("Column aliases share values until one side changes", "[column]") {
    Column years("建成年份", ColumnType::Int64);
    years.push_int(1995);
    years.push_null();
    Column canonical = years.alias("built_year_min");
    CHECK(canonical.name() == "built_year_min");
    CHECK(canonical.shares_values_with(years));
    CHECK(canonical.same_values(years));
    canonical.push_int(2001); // copy on write: the source is untouched
    CHECK_FALSE(canonical.shares_values_with(years));
    CHECK(years.size() == 2);
    CHECK(canonical.size() == 3);
    CHECK_FALSE(canonical.same_values(years));

    Column flags("电梯", ColumnType::Bool);
    flags.push_bool(true);
    flags.push_bool(false);
    flags.push_null();
    CHECK(flags.get_bool(0));
    CHECK(flags.get_int(0) == 1);
    CHECK_FALSE(flags.get_bool(1));
    CHECK(flags.is_null(2));
    CHECK(flags.to_text(1) == "false");
}
