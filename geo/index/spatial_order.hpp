// Rows in Morton (Z-) order of their box centres: rows close in the order are close in space, so
// a run of them covers a compact area (the district pair search converts each geometry about
// once per run; the map canvas culls its meshes by runs).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/model/box.hpp"

namespace renoplan {

// Interleaves the bits of two 16-bit numbers.
uint32_t morton(uint32_t x, uint32_t y);

// `rows` (indices into `boxes`) ordered by the Morton code of their boxes' centres over the
// rows' common extent, ties by row; rows with an empty box come first.
std::vector<uint32_t> spatial_order(std::span<const Box> boxes, std::span<const uint32_t> rows);
// Every row of `boxes`.
std::vector<uint32_t> spatial_order(std::span<const Box> boxes);

} // namespace renoplan
