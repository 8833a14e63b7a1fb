#include "geo/render/table_index.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <numeric>
#include <string>

namespace renoplan::render {

namespace {

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool contains(std::string_view haystack, std::string_view needle_lower) {
    if (needle_lower.size() > haystack.size()) return false;
    const auto it =
        std::search(haystack.begin(), haystack.end(), needle_lower.begin(), needle_lower.end(),
                    [](char a, char b) { return ascii_lower(a) == b; });
    return it != haystack.end();
}

} // namespace

std::vector<uint32_t> sorted_rows(const Layer& layer, int column, bool descending) {
    std::vector<uint32_t> rows(layer.size());
    std::iota(rows.begin(), rows.end(), uint32_t{0});
    if (column < 0 || size_t(column) >= layer.attributes.size()) return rows;
    const Column& c = layer.attributes[size_t(column)];
    if (c.size() < rows.size()) return rows;
    // -1: a before b, 1: after, 0: equal values (then by row).
    const auto order = [&](int cmp, uint32_t a, uint32_t b) {
        if (cmp != 0) return descending ? cmp > 0 : cmp < 0;
        return a < b;
    };
    const auto nulls_last = [&](uint32_t a, uint32_t b, int& result) {
        const bool na = c.is_null(a), nb = c.is_null(b);
        if (!na && !nb) return false;
        result = na == nb ? (a < b ? -1 : 1) : (na ? 1 : -1);
        return true;
    };
    if (is_text_storage(c.type())) {
        std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
            if (int r = 0; nulls_last(a, b, r)) return r < 0;
            const std::string_view va = c.get_string(a), vb = c.get_string(b);
            return order(va < vb ? -1 : (vb < va ? 1 : 0), a, b);
        });
    } else if (c.type() == ColumnType::Real) {
        std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
            if (int r = 0; nulls_last(a, b, r)) return r < 0;
            const double va = c.get_real(a), vb = c.get_real(b);
            return order(va < vb ? -1 : (vb < va ? 1 : 0), a, b);
        });
    } else { // Bool, Int64
        std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
            if (int r = 0; nulls_last(a, b, r)) return r < 0;
            const int64_t va = c.get_int(a), vb = c.get_int(b);
            return order(va < vb ? -1 : (vb < va ? 1 : 0), a, b);
        });
    }
    return rows;
}

std::vector<uint32_t> filter_rows(const Layer& layer, const std::vector<uint32_t>& order,
                                  std::string_view needle) {
    if (needle.empty()) return order;
    std::string lower(needle);
    for (char& ch : lower)
        ch = ascii_lower(ch);
    // Which rows match, column by column (numbers formatted once per row only for their column).
    std::vector<uint8_t> match(layer.size(), 0);
    for (const Column& c : layer.attributes) {
        const size_t n = std::min(c.size(), layer.size());
        const bool text = is_text_storage(c.type());
        char buf[40];
        for (size_t row = 0; row < n; ++row) {
            if (match[row] || c.is_null(row)) continue;
            std::string_view value;
            if (text) {
                value = c.get_string(row);
            } else if (c.type() == ColumnType::Real) { // as Column::to_text, without allocating
                const int len = std::snprintf(buf, sizeof buf, "%.15g", c.get_real(row));
                value = std::string_view(buf, size_t(std::clamp(len, 0, int(sizeof buf) - 1)));
            } else if (c.type() == ColumnType::Bool) {
                value = c.get_bool(row) ? "true" : "false";
            } else {
                const auto r = std::to_chars(buf, buf + sizeof buf, c.get_int(row));
                value = std::string_view(buf, size_t(r.ptr - buf));
            }
            if (contains(value, lower)) match[row] = 1;
        }
    }
    std::vector<uint32_t> kept;
    for (uint32_t row : order)
        if (row < match.size() && match[row]) kept.push_back(row);
    return kept;
}

} // namespace renoplan::render
