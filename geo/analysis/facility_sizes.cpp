#include "geo/analysis/facility_sizes.hpp"

#include <array>

namespace renoplan::analysis {

namespace {

constexpr std::string_view kGb50180 = "GB 50180-2018 Appendix C";
constexpr std::string_view kComplete = "完整居住社区建设标准（试行）2020";
// Facilities for which the standards give only a building area: a stand-alone site is estimated
// as twice the smallest building area - one storey covering half the site, the other half for
// the entrance, a drop-off and outdoor space.

// clang-format off
constexpr std::array kTable = {
    FacilitySize{"toilet", "toilet", "公共厕所", "public toilet", "5-min",
                 60, 120, false, "R", kGb50180, "building 30-80 m2"},
    FacilitySize{"refuse_station", "refuse", "生活垃圾收集站", "refuse collection station", "5-min",
                 120, 200, false, "R", kGb50180, ""},
    FacilitySize{"fitness_ground", "fitness", "室外综合健身场地（含老年户外活动场地）",
                 "outdoor fitness ground (incl. elders' outdoor activity)", "5-min",
                 150, 750, false, "R", kGb50180,
                 "a public activity ground of at least 150 m2 is item 14 of the complete-community "
                 "standard [C]"},
    FacilitySize{"activity_ground", "fitness", "儿童、老年人活动场地",
                 "children's and elders' activity ground", "block",
                 170, 450, false, "R", kGb50180, ""},
    FacilitySize{"clinic", "clinic", "社区卫生服务站", "community health station", "5-min",
                 240, 540, true, "E", kGb50180,
                 "building 120-270 m2 [R] (complete community: at least 120 m2 [C]); "
                 "land estimated as 2 x the smallest building area (one storey on half the site)"},
    FacilitySize{"childcare", "childcare", "托儿所", "nursery (under 3)", "5-min",
                 400, 0, true, "E", kComplete,
                 "building at least 200 m2 [C]; land estimated as 2 x the smallest building area "
                 "(one storey on half the site: infants stay on the ground floor)"},
    FacilitySize{"community_service", "community_service",
                 "社区服务站（含居委会、治安联防站、残疾人康复室）", "community service station",
                 "5-min", 500, 800, true, "R", kGb50180,
                 "building 600-1,000 m2 [R]; complete community: a station of about 800 m2 of "
                 "building [C]"},
    FacilitySize{"culture_station", "culture", "文化活动站", "community culture station", "5-min",
                 500, 2400, true, "E", kGb50180,
                 "building 250-1,200 m2 [R]; land estimated as 2 x the smallest building area "
                 "(one storey on half the site)"},
    FacilitySize{"community_service_center", "community_service", "社区服务中心（街道级）",
                 "sub-district service centre", "15-min", 600, 1200, true, "R", kGb50180,
                 "building 700-1,500 m2"},
    FacilitySize{"elderly_day_care", "elderly_care", "老年人日间照料中心（托老所）",
                 "elderly day-care centre", "5-min", 700, 1500, true, "E", kGb50180,
                 "building 350-750 m2 [R] (complete community: at least 350 m2 [C]); land "
                 "estimated as 2 x the smallest building area (one storey on half the site)"},
    FacilitySize{"sports_court_small", "fitness", "小型多功能运动（球类）场地",
                 "small multi-purpose sports court", "5-min", 770, 1310, true, "R", kGb50180, ""},
    FacilitySize{"sports_court_medium", "fitness", "中型多功能运动场地",
                 "medium multi-purpose sports court", "10-min", 1310, 2460, true, "R", kGb50180,
                 ""},
    FacilitySize{"health_center", "clinic", "社区卫生服务中心（社区医院）",
                 "community health centre", "15-min", 1420, 2860, true, "R", kGb50180,
                 "building 1,700-2,000 m2"},
    FacilitySize{"sports_court_large", "fitness", "大型多功能运动场地",
                 "large multi-purpose sports court", "15-min", 3150, 5620, true, "R", kGb50180,
                 ""},
    FacilitySize{"kindergarten", "kindergarten", "幼儿园", "kindergarten", "5-min",
                 3500, 7580, true, "C", kComplete,
                 "complete community: at least 6 classes, building >= 2,200 m2, land >= 3,500 m2 "
                 "[C]; GB 50180-2018 gives land 5,240-7,580 m2 [R]"},
    FacilitySize{"elderly_home", "elderly_care", "养老院", "residential care home", "15-min",
                 3500, 22000, true, "R", kGb50180, "building 7,000-17,500 m2"},
};
// clang-format on

} // namespace

std::span<const FacilitySize> facility_sizes() {
    return kTable;
}

const FacilitySize* find_facility_size(std::string_view key) {
    for (const auto& f : kTable)
        if (f.key == key) return &f;
    return nullptr;
}

std::vector<std::string> facilities_fitting(double area_m2) {
    std::vector<std::string> keys;
    for (const auto& f : kTable)
        if (f.min_land_m2 <= area_m2) keys.emplace_back(f.key);
    return keys;
}

bool any_site_facility(const std::vector<std::string>& keys) {
    for (const auto& k : keys) {
        const FacilitySize* f = find_facility_size(k);
        if (f && f->site) return true;
    }
    return false;
}

} // namespace renoplan::analysis
