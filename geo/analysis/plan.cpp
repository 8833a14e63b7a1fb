#include "geo/analysis/plan.hpp"

#include <chrono>
#include <map>

#include "geo/core/error.hpp"

namespace renoplan::analysis {

namespace {

// The layer of a role the plan uses: the first one, with a note naming the others.
const Layer* pick_layer(const Dataset& dataset, Role role, Diagnostics& diagnostics) {
    const auto layers = dataset.with_role(role);
    if (layers.empty()) return nullptr;
    if (layers.size() > 1) {
        std::string others;
        for (size_t k = 1; k < layers.size(); ++k)
            others += (k > 1 ? ", " : "") + layers[k]->name + " (" + layers[k]->source.path + ")";
        diagnostics.add(
            Severity::Warning, "plan.several_layers", {layers[0]->source.path, layers[0]->name, {}},
            "is used as the " + std::string(to_string(role)) + " layer; also found: " + others,
            "load only one, or mark the others \"skip\": true in renoplan.json");
    }
    return layers[0];
}

int64_t int_or_zero(const Column* column, size_t row) {
    return column && !column->is_null(row) ? column->get_int(row) : 0;
}

std::string text_or_empty(const Column* column, size_t row) {
    return column && !column->is_null(row) ? std::string(column->get_string(row)) : std::string();
}

// Adds the wall time since `since` as a "plan" stage and restarts the clock.
void record(std::vector<StageTiming>& timings, const char* stage,
            std::chrono::steady_clock::time_point& since) {
    const auto now = std::chrono::steady_clock::now();
    timings.push_back({"plan", stage, std::chrono::duration<double>(now - since).count()});
    since = now;
}

bool consented(ConsentStage stage) {
    return stage == ConsentStage::MayApply || stage == ConsentStage::MayImplement;
}

} // namespace

Plan run_plan(const Dataset& dataset, const PlanParams& params, Progress& progress) {
    validate(params);
    Plan plan;
    Diagnostics& diagnostics = plan.diagnostics;

    const Layer* communities = pick_layer(dataset, Role::Communities, diagnostics);
    if (!communities)
        throw ConfigError({}, "no communities layer was loaded",
                          "load the community footprints (小区) or mark a layer \"role\": "
                          "\"communities\" in renoplan.json");
    if (communities->geometry.geom_class() != GeomClass::Polygon)
        throw ConfigError({communities->source.path, communities->name, {}},
                          "the communities layer must hold polygons");
    if (!communities->canonical_column("built_year_min"))
        throw ConfigError({communities->source.path, communities->name, {}},
                          "the communities layer has no built year, so eligibility cannot be "
                          "decided",
                          "bind the field with \"fields\": {\"built_year\": \"<field>\"} in "
                          "renoplan.json (renoplan info lists the candidates)");
    plan.communities = communities;
    const Layer* roads = pick_layer(dataset, Role::Roads, diagnostics);
    const Layer* water = pick_layer(dataset, Role::Water, diagnostics);
    const Layer* buildings = pick_layer(dataset, Role::Buildings, diagnostics);
    const Layer* pipelines = pick_layer(dataset, Role::Pipelines, diagnostics);
    const Layer* zoning = pick_layer(dataset, Role::Zoning, diagnostics);
    const Layer* protected_areas = pick_layer(dataset, Role::Protected, diagnostics);
    auto missing = [&](const Layer* layer, Role role, const char* consequence) {
        if (!layer)
            diagnostics.add(Severity::Info, "plan.layer_missing", {},
                            std::string("no ") + std::string(to_string(role)) +
                                " layer: " + consequence);
    };
    missing(roads, Role::Roads, "no road barriers between districts, no road clearance");
    missing(buildings, Role::Buildings, "spare land ignores buildings");
    missing(zoning, Role::Zoning, "spare land has no land-use check");

    // 1. Eligibility and consent.
    auto clock = std::chrono::steady_clock::now();
    plan.status = assess_communities(*communities, params, progress);
    progress.throw_if_cancelled();
    record(plan.timings, "eligibility", clock);

    // 2. Districts.
    const size_t n = communities->size();
    DistrictInput din;
    din.communities = communities;
    din.roads = roads;
    din.water = water;
    din.take_part.assign(n, 0);
    din.eligible.assign(n, 0);
    din.consented.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const bool yes = plan.status[i].eligible == Eligibility::Yes;
        din.eligible[i] = yes;
        din.consented[i] = consented(plan.status[i].consent);
        din.take_part[i] = params.members == "all" || yes;
    }
    plan.districts = build_districts(din, params, progress);
    diagnostics.append(plan.districts.diagnostics);
    progress.throw_if_cancelled();
    record(plan.timings, "districts", clock);

    // 3. Spare land in the districts.
    GeometryColumn areas(GeomClass::Polygon);
    for (const auto& d : plan.districts.districts)
        areas.append(d.geometry);
    SpareLandInput sin;
    sin.areas = &areas;
    sin.buildings = buildings;
    sin.roads = roads;
    sin.water = water;
    sin.protected_areas = protected_areas;
    sin.pipelines = pipelines;
    sin.zoning = zoning;
    plan.spare_land = find_spare_land(sin, params, progress);
    diagnostics.append(plan.spare_land.diagnostics);
    record(plan.timings, "spare land", clock);

    // 4. The summary: total, per county, per district.
    progress.set_stage("summary", 0);
    const Column* households = communities->canonical_column("households");
    const Column* building_count = communities->canonical_column("buildings");
    const Column* county = communities->canonical_column("county");
    SummaryRow total{"total", "", "全部", 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0};
    std::map<std::string, SummaryRow> counties;
    std::vector<SummaryRow> districts;
    for (const auto& d : plan.districts.districts)
        districts.push_back({"district", d.id, d.name, 0, 0, 0, 0, 0, 0, 0, 0, d.area_m2, 0.0, 0});
    for (size_t i = 0; i < n; ++i) {
        const int64_t hh = int_or_zero(households, i);
        const int64_t bl = int_or_zero(building_count, i);
        const std::string c = text_or_empty(county, i);
        std::vector<SummaryRow*> rows = {&total};
        if (!c.empty()) {
            auto& row = counties[c];
            row.scope = "county";
            row.key = c;
            row.name = c;
            rows.push_back(&row);
        }
        if (const int32_t d = plan.districts.district_of[i]; d >= 0)
            rows.push_back(&districts[static_cast<size_t>(d)]);
        for (SummaryRow* row : rows) {
            ++row->communities;
            row->households += hh;
            row->buildings += bl;
            if (plan.status[i].eligible == Eligibility::Yes) {
                ++row->eligible_communities;
                row->eligible_households += hh;
                row->eligible_buildings += bl;
            } else if (plan.status[i].eligible == Eligibility::Unknown) {
                ++row->unknown_communities;
            }
            if (consented(plan.status[i].consent)) ++row->consented_communities;
        }
    }
    // Spare land and district area reach the counties through their district's county.
    for (const auto& piece : plan.spare_land.pieces) {
        const auto& district = plan.districts.districts[piece.area_index];
        std::vector<SummaryRow*> rows = {&total, &districts[piece.area_index]};
        if (auto it = counties.find(district.county); it != counties.end())
            rows.push_back(&it->second);
        for (SummaryRow* row : rows) {
            row->spare_area_m2 += piece.area_m2;
            if (piece.use == "parking") row->parking_stalls += piece.stalls;
        }
    }
    for (const auto& d : plan.districts.districts) {
        total.area_m2 += d.area_m2;
        if (auto it = counties.find(d.county); it != counties.end())
            it->second.area_m2 += d.area_m2;
    }
    plan.summary.push_back(total);
    for (auto& [name, row] : counties)
        plan.summary.push_back(row);
    for (auto& row : districts)
        plan.summary.push_back(row);
    record(plan.timings, "summary", clock);
    return plan;
}

} // namespace renoplan::analysis
