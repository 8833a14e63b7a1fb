#include "geo/render/plan_result.hpp"

#include <vector>

#include "geo/export/plan_export.hpp"

namespace renoplan::render {

Dataset plan_result_layers(const Dataset& input, const analysis::Plan& plan,
                           const analysis::PlanParams& params) {
    std::vector<GeometryColumn> storage;
    const exporter::RunInfo run;
    const auto outputs = exporter::plan_layers(input, plan, params, run, storage);
    Dataset out;
    out.working_crs = input.working_crs;
    out.working_crs_name = input.working_crs_name;
    for (const exporter::OutputLayer& o : outputs) {
        if (!o.geometry) continue; // attribute tables (members, summary, run_info)
        Layer layer;
        layer.name = o.name;
        layer.source.path = "plan";
        layer.source.layer_name = o.name;
        layer.source.driver = "renoplan plan";
        layer.geometry = *o.geometry;
        layer.fids.resize(layer.geometry.size());
        for (size_t k = 0; k < layer.fids.size(); ++k)
            layer.fids[k] = int64_t(k) + 1;
        for (const exporter::OutputField& f : o.fields)
            layer.attributes.push_back(f.column);
        if (o.name == "communities") {
            layer.role = Role::Communities;
            layer.role_reason = "plan result";
            if (plan.communities && plan.communities->size() == layer.size()) {
                layer.canonical = plan.communities->canonical;
                layer.bindings = plan.communities->bindings;
            }
        }
        layer.source.features_in_source = int64_t(layer.size());
        layer.build_index();
        out.layers.push_back(std::move(layer));
    }
    return out;
}

const analysis::SummaryRow* plan_total(const analysis::Plan& plan) {
    for (const auto& row : plan.summary)
        if (row.scope == "total") return &row;
    return nullptr;
}

} // namespace renoplan::render
