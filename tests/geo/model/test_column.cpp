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
