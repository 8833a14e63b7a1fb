// What a plan adds to the map: its communities (with their eligibility), districts and spare
// land as Layers, built from exactly the layers `renoplan plan` writes (exporter::plan_layers),
// so the viewer's Plan panel shows what the plan GeoPackage holds. No OpenGL.
#pragma once

#include <string>

#include "geo/analysis/params.hpp"
#include "geo/analysis/plan.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::render {

// The plan's layers with geometry (communities, districts, spare_land, in the order written),
// each named as its table in the plan GeoPackage, source "plan", FIDs 1..n, spatial index
// built; the communities layer has Role::Communities and the input's canonical fields (its
// labels). The dataset's working CRS is the input's.
Dataset plan_result_layers(const Dataset& input, const analysis::Plan& plan,
                           const analysis::PlanParams& params);

// The summary row of the whole plan (scope "total"), or nullptr.
const analysis::SummaryRow* plan_total(const analysis::Plan& plan);

} // namespace renoplan::render
