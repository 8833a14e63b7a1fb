// The row order of the Attributes panel's table, GL-free: a permutation of a layer's rows sorted
// by one attribute column (numbers numerically, text byte-wise in UTF-8, nulls last, ties by row
// so the order is stable), and the subset of such an order whose text contains a filter string in
// any attribute column. Both are computed once per change of sort or filter, never per frame.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "geo/model/layer.hpp"

namespace renoplan::render {

// Rows of `layer` ordered by attribute column `column` (ascending, or descending), ties and
// nulls (always last) by row ascending; column < 0 or out of range = row order.
std::vector<uint32_t> sorted_rows(const Layer& layer, int column, bool descending);

// The rows of `order` (kept in that order) where some attribute's text contains `needle`
// (ASCII letters compared case-insensitively, other bytes exactly: Chinese text matches as
// typed). An empty needle keeps every row. Null values never match.
std::vector<uint32_t> filter_rows(const Layer& layer, const std::vector<uint32_t>& order,
                                  std::string_view needle);

} // namespace renoplan::render
