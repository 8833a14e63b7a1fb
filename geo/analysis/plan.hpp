// The whole planning run: eligibility and consent, districts, spare land - the analyses
// `renoplan plan` and the GUI's Plan panel run, in one function.
#pragma once

#include <vector>

#include "geo/analysis/districts.hpp"
#include "geo/analysis/eligibility.hpp"
#include "geo/analysis/params.hpp"
#include "geo/analysis/spare_land.hpp"
#include "geo/core/diagnostics.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::analysis {

// One row of the summary a county reports ("465 communities, 39,663 households, 1,410
// buildings"): a scope and its counts.
struct SummaryRow {
    std::string scope; // "total", "county", "district"
    std::string key;   // county name or district id ("" for the total)
    std::string name;  // county name or district name
    int64_t communities = 0;
    int64_t households = 0;
    int64_t buildings = 0;
    int64_t eligible_communities = 0;
    int64_t eligible_households = 0;
    int64_t eligible_buildings = 0;
    int64_t unknown_communities = 0;   // eligibility could not be decided
    int64_t consented_communities = 0; // consent stage may apply or may implement
    double area_m2 = 0.0;              // district rows: district area
    double spare_area_m2 = 0.0;        // spare land kept in the scope (district rows and total)
    int64_t parking_stalls = 0;        // stalls in parking pieces of the scope
};

struct Plan {
    const Layer* communities = nullptr;  // into the dataset the plan was made from
    std::vector<CommunityStatus> status; // per community row
    DistrictResult districts;
    SpareLandResult spare_land;
    std::vector<SummaryRow> summary;  // total, then counties, then districts
    Diagnostics diagnostics;          // what the plan had to work around
    std::vector<StageTiming> timings; // wall time of each analysis (layer "plan")
};

// Runs the analyses on a loaded dataset. Throws ConfigError when there is no usable
// communities layer (none, or one without built years) and Cancelled when cancelled; layers
// the analyses can do without (roads, water, zoning ...) only narrow what is done, with a
// diagnostic.
Plan run_plan(const Dataset& dataset, const PlanParams& params, Progress& progress);

} // namespace renoplan::analysis
