// Names for the synthetic town, in the style of Suining's streets, communities and services.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "geo/synth/random.hpp"
#include "geo/synth/records.hpp"

namespace renoplan::synth::detail {

// The stem of the index-th street name ("和平", "明月", ...): real Suining names first, then
// made-up ones in the same style, then numbered repeats. The order is shuffled by the seed.
std::string road_stem(uint64_t seed, int index);

// "一" .. "九十九" for 1..99, Arabic digits beyond.
std::string chinese_number(int n);

// A community name before de-duplication: named after a nearby street or a place word, or after
// a work unit (电力宿舍, 纺织厂家属区), or a village group for self-built housing (明月村3社).
std::string community_base_name(Rng& rng, std::string_view street_stem, int built_year,
                                bool self_built);

// A facility's name ("和平社区卫生服务站", "红旗连锁(明月店)").
std::string facility_name(Rng& rng, FacilityKind kind, std::string_view stem);

// Makes community names unique across the town: the second 和平小区 becomes 和平小区二期, the
// second 电力宿舍 becomes 电力宿舍2号院.
class NameRegistry {
public:
    std::string unique(const std::string& base);

private:
    std::unordered_map<std::string, int> m_used;
};

} // namespace renoplan::synth::detail
