// The living-circle facilities a spare-land piece could host, with the land each needs.
//
// Data, not logic: one row per facility with its key, names, land area and where the number
// comes from (DOMAIN.md §2-3: GB 50180-2018 Appendix C and the 完整居住社区建设标准（试行）).
// Confidence tags as in DOMAIN.md: "C" confirmed in a source text, "R" recalled from the named
// standard (verify before relying on it), "E" estimated here - the standard gives only a building
// area, and the land area is our estimate of a stand-alone site (the note says how).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace renoplan::analysis {

struct FacilitySize {
    std::string_view key;           // "fitness_ground", "elderly_day_care" ...
    std::string_view facility_kind; // the facilities layer's canonical kind it counts as
    std::string_view name_zh;
    std::string_view name_en;
    std::string_view level;   // "15-min", "10-min", "5-min", "block" (居住街坊)
    double min_land_m2 = 0.0; // the smallest site it needs
    double max_land_m2 = 0.0; // the top of the standard's range (0: none given)
    // Whether it makes a piece a service site. Open grounds (fitness, children's and elders'
    // activity) fit inside a pocket green or plaza, and toilets and refuse points are small
    // utilities: they are listed among the fitting facilities but do not by themselves make a
    // piece a "service" piece.
    bool site = true;
    std::string_view confidence; // "C", "R" or "E"
    std::string_view source;
    std::string_view note; // how an estimate was made
};

// The table, smallest site first.
std::span<const FacilitySize> facility_sizes();
const FacilitySize* find_facility_size(std::string_view key);

// Keys of the facilities whose minimum land area is at most area_m2, in table order.
std::vector<std::string> facilities_fitting(double area_m2);
// Whether any of those keys is a site facility (FacilitySize::site).
bool any_site_facility(const std::vector<std::string>& keys);

} // namespace renoplan::analysis
