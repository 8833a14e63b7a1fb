// In-memory attribute columns for tests: `column("户数", ColumnType::Int64, {120, V(), 80})`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo/model/column.hpp"

namespace renoplan::test {

// A value for a test column: null, text, integer or real.
struct V {
    enum { Null, Text, Int, Real } kind = Null;
    std::string text;
    int64_t i = 0;
    double r = 0.0;
    V() = default;
    V(const char* s) : kind(Text), text(s) {}
    V(int v) : kind(Int), i(v) {}
    V(double v) : kind(Real), r(v) {}
};

inline Column column(const std::string& name, ColumnType type, const std::vector<V>& values) {
    Column c(name, type);
    for (const auto& v : values) {
        switch (v.kind) {
        case V::Null:
            c.push_null();
            break;
        case V::Text:
            c.push_string(v.text);
            break;
        case V::Int:
            c.push_int(v.i);
            break;
        case V::Real:
            c.push_real(v.r);
            break;
        }
    }
    return c;
}

} // namespace renoplan::test
