#include "geo/export/plan_export.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "geo/core/sha256.hpp"
#include "geo/core/text.hpp"
#include "geo/export/qml.hpp"
#include "geo/io/source.hpp"
#include "geo/version.hpp"

namespace renoplan::exporter {

namespace fs = std::filesystem;
using analysis::ConsentStage;
using analysis::Eligibility;

namespace {

// [SECTION] small builders ------------------------------------------------------------------

OutputField text_field(std::string name, std::string zh, std::string en, std::string comment = {}) {
    return {Column(std::move(name), ColumnType::String), std::move(zh), std::move(en),
            std::move(comment)};
}
OutputField int_field(std::string name, std::string zh, std::string en, std::string comment = {}) {
    return {Column(std::move(name), ColumnType::Int64), std::move(zh), std::move(en),
            std::move(comment)};
}
OutputField real_field(std::string name, std::string zh, std::string en, std::string comment = {}) {
    return {Column(std::move(name), ColumnType::Real), std::move(zh), std::move(en),
            std::move(comment)};
}
OutputField bool_field(std::string name, std::string zh, std::string en, std::string comment = {}) {
    return {Column(std::move(name), ColumnType::Bool), std::move(zh), std::move(en),
            std::move(comment)};
}

std::string join(const std::vector<analysis::Reason>& reasons, bool zh) {
    std::string out;
    for (const auto& r : reasons) {
        if (!out.empty()) out += zh ? "；" : "; ";
        out += zh ? r.text_zh : r.text_en;
    }
    return out;
}

std::string join_codes(const std::vector<analysis::Reason>& reasons) {
    std::string out;
    for (const auto& r : reasons)
        out += (out.empty() ? "" : ",") + r.code;
    return out;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ",") + s;
    return out;
}

void push_optional(Column& c, const std::optional<int>& v) {
    if (v)
        c.push_int(*v);
    else
        c.push_null();
}

std::string use_zh(const std::string& use) {
    if (use == "parking") return "停车";
    if (use == "service") return "服务设施";
    if (use == "green") return "绿地/广场";
    return "";
}

// [SECTION] layers ---------------------------------------------------------------------------

OutputLayer communities_layer(const analysis::Plan& plan) {
    const Layer& c = *plan.communities;
    OutputLayer out;
    out.name = "communities";
    out.title = "小区";
    out.description = "Communities with eligibility, reasons, consent stage and district";
    out.geometry = &c.geometry;
    // The source's fields come first, under their own names - unless a name is one the plan
    // adds (a survey table may already have an "eligible" column): then it is kept as
    // "src_<name>".
    static const std::vector<std::string> added = {"eligible",
                                                   "eligible_zh",
                                                   "eligibility_approximate",
                                                   "reason_codes",
                                                   "reasons_zh",
                                                   "reasons_en",
                                                   "consent_stage",
                                                   "consent_stage_zh",
                                                   "consent_assumed",
                                                   "consent_reasons_zh",
                                                   "consent_reasons_en",
                                                   "district_id",
                                                   "built_year_min",
                                                   "built_year_max",
                                                   "fid",
                                                   "geom"};
    for (const auto& col : c.attributes) {
        const std::string lower = ascii_lower(col.name());
        const bool clash = std::find(added.begin(), added.end(), lower) != added.end();
        if (clash)
            out.fields.push_back({col.alias("src_" + col.name()), col.name(), col.name(),
                                  "source field " + col.name() +
                                      ", renamed: the plan adds a "
                                      "field of that name"});
        else
            out.fields.push_back({col, col.name(), col.name(), "source field"});
    }
    auto eligible = text_field("eligible", "是否纳入改造", "Eligible",
                               "yes / no / unknown under the policy's rules");
    auto eligible_zh = text_field("eligible_zh", "纳入改造", "Eligible (Chinese)");
    auto approx =
        bool_field("eligibility_approximate", "按近似年份判断", "Decided on an approximate year");
    auto codes = text_field("reason_codes", "原因代码", "Reason codes");
    auto reasons_zh = text_field("reasons_zh", "原因", "Reasons (Chinese)");
    auto reasons_en = text_field("reasons_en", "原因（英文）", "Reasons");
    auto stage = text_field("consent_stage", "业主同意阶段", "Consent stage",
                            "no_data / not_reached / may_apply / may_implement");
    auto stage_zh = text_field("consent_stage_zh", "同意情况", "Consent stage (Chinese)");
    auto assumed = bool_field("consent_assumed", "按最低参与率推定", "Consent assumes the quorum",
                              "civil-code mode without participation figures: passes only if "
                              "turnout was at the quorum; check the participation");
    auto consent_zh = text_field("consent_reasons_zh", "同意情况说明", "Consent reasons (Chinese)");
    auto consent_en = text_field("consent_reasons_en", "同意情况说明（英文）", "Consent reasons");
    auto district = text_field("district_id", "片区编号", "District id");
    auto year_min = int_field("built_year_min", "建成年份（起）", "Built year (from)",
                              "parsed from the source's built year; a range for \"90年代\"");
    auto year_max = int_field("built_year_max", "建成年份（止）", "Built year (to)");
    const Column* ymin = c.canonical_column("built_year_min");
    const Column* ymax = c.canonical_column("built_year_max");
    for (size_t i = 0; i < c.size(); ++i) {
        const auto& s = plan.status[i];
        eligible.column.push_string(analysis::to_string(s.eligible));
        eligible_zh.column.push_string(analysis::label_zh(s.eligible));
        approx.column.push_bool(s.approximate);
        codes.column.push_string(join_codes(s.reasons));
        reasons_zh.column.push_string(join(s.reasons, true));
        reasons_en.column.push_string(join(s.reasons, false));
        stage.column.push_string(analysis::to_string(s.consent));
        stage_zh.column.push_string(analysis::label_zh(s.consent));
        assumed.column.push_bool(s.consent_assumed);
        consent_zh.column.push_string(join(s.consent_reasons, true));
        consent_en.column.push_string(join(s.consent_reasons, false));
        const int32_t d = plan.districts.district_of[i];
        if (d >= 0)
            district.column.push_string(plan.districts.districts[static_cast<size_t>(d)].id);
        else
            district.column.push_null();
        year_min.column.push_from(*ymin, i);
        if (ymax)
            year_max.column.push_from(*ymax, i);
        else
            year_max.column.push_from(*ymin, i);
    }
    for (auto* f : {&eligible, &eligible_zh, &approx, &codes, &reasons_zh, &reasons_en, &stage,
                    &stage_zh, &assumed, &consent_zh, &consent_en, &district, &year_min, &year_max})
        out.fields.push_back(std::move(*f));
    StyleOptions style;
    const Column* name = c.canonical_column("name");
    if (name) {
        // Label with the source's name field (canonical "name" is bound to one of them).
        for (const auto& b : c.bindings)
            if (b.canonical == "name") style.label = LabelStyle{b.source};
    }
    out.qml = eligibility_qml(GeomClass::Polygon, "eligible", "yes", "no", style);
    out.style_name = "renoplan 小区改造资格";
    return out;
}

OutputLayer districts_layer(const analysis::Plan& plan, GeometryColumn& geometry) {
    OutputLayer out;
    out.name = "districts";
    out.title = "片区";
    out.description = "Renovation districts: adjacent communities planned together";
    geometry = GeometryColumn(GeomClass::Polygon);
    auto id = text_field("district_id", "片区编号", "District id");
    auto no = int_field("district_no", "片区序号", "District number");
    auto name = text_field("name", "片区名称", "District name");
    auto county = text_field("county", "所属区县", "County");
    auto members = int_field("communities", "小区数", "Communities");
    auto households = int_field("households", "户数", "Households");
    auto buildings = int_field("buildings", "楼栋数", "Buildings");
    auto area = real_field("area_m2", "面积（平方米）", "Area (m²)");
    auto mu = real_field("area_mu", "面积（亩）", "Area (mu)", "1 mu = 666.67 m²");
    auto ymin = int_field("built_year_min", "最早建成年份", "Earliest built year");
    auto ymax = int_field("built_year_max", "最晚建成年份", "Latest built year");
    auto elig = real_field("eligible_share", "纳入改造小区占比", "Eligible share",
                           "eligible members / members");
    auto cons = real_field("consented_share", "达到同意门槛小区占比", "Consented share",
                           "members that may apply or implement / members");
    std::vector<int64_t> numbers;
    int64_t k = 0;
    for (const auto& d : plan.districts.districts) {
        geometry.append(d.geometry);
        id.column.push_string(d.id);
        no.column.push_int(++k);
        numbers.push_back(k);
        name.column.push_string(d.name);
        if (d.county.empty())
            county.column.push_null();
        else
            county.column.push_string(d.county);
        members.column.push_int(static_cast<int64_t>(d.members.size()));
        households.column.push_int(d.households);
        buildings.column.push_int(d.buildings);
        area.column.push_real(d.area_m2);
        mu.column.push_real(d.area_m2 / (10000.0 / 15.0));
        push_optional(ymin.column, d.built_year_min);
        push_optional(ymax.column, d.built_year_max);
        elig.column.push_real(d.eligible_share);
        cons.column.push_real(d.consented_share);
    }
    out.geometry = &geometry;
    for (auto* f : {&id, &no, &name, &county, &members, &households, &buildings, &area, &mu, &ymin,
                    &ymax, &elig, &cons})
        out.fields.push_back(std::move(*f));
    StyleOptions style;
    style.fill_opacity = 0.35;
    style.outline_width_mm = 0.6;
    style.label = LabelStyle{"name"};
    style.label->size_pt = 11;
    if (!numbers.empty())
        out.qml = districts_qml(GeomClass::Polygon, "district_no", numbers, style);
    out.style_name = "renoplan 片区";
    return out;
}

OutputLayer members_table(const analysis::Plan& plan) {
    const Layer& c = *plan.communities;
    OutputLayer out;
    out.name = "district_members";
    out.title = "片区成员";
    out.description = "Which communities belong to which district (one row per member)";
    auto id = text_field("district_id", "片区编号", "District id");
    auto fid = int_field("community_fid", "小区要素编号", "Community feature id",
                         "the community's feature id in the source");
    auto name = text_field("community_name", "小区名称", "Community name");
    auto hh = int_field("households", "户数", "Households");
    const Column* names = c.canonical_column("name");
    const Column* households = c.canonical_column("households");
    for (const auto& d : plan.districts.districts) {
        for (uint32_t row : d.members) {
            id.column.push_string(d.id);
            fid.column.push_int(c.fids[row]);
            if (names)
                name.column.push_from(*names, row);
            else
                name.column.push_null();
            if (households)
                hh.column.push_from(*households, row);
            else
                hh.column.push_null();
        }
    }
    for (auto* f : {&id, &fid, &name, &hh})
        out.fields.push_back(std::move(*f));
    return out;
}

OutputLayer spare_land_layer(const analysis::Plan& plan, GeometryColumn& geometry) {
    OutputLayer out;
    out.name = "spare_land";
    out.title = "空地";
    out.description = "Spare land in the districts with suggested use, parking and zoning";
    geometry = GeometryColumn(GeomClass::Polygon);
    auto no = int_field("piece_no", "地块序号", "Piece number");
    auto district = text_field("district_id", "片区编号", "District id");
    auto area = real_field("area_m2", "面积（平方米）", "Area (m²)");
    auto radius = real_field("inscribed_radius_m", "最大内切圆半径（米）",
                             "Largest inscribed circle radius (m)");
    auto use = text_field("use", "建议用途代码", "Suggested use", "parking / service / green");
    auto usezh = text_field("use_zh", "建议用途", "Suggested use (Chinese)");
    auto access =
        bool_field("accessible", "可达", "Accessible", "touches the district outline or a road");
    auto stalls = int_field("stalls", "车位数（排布）", "Stalls (layout)",
                            "perpendicular stalls wholly inside, with aisle access");
    auto norm = int_field("stalls_by_norm", "车位数（按25平方米/车位）", "Stalls (by norm)");
    auto services =
        text_field("services_fitting", "可布置设施", "Facilities that fit by land area");
    auto code = text_field("landuse_code", "用地性质", "Land-use code");
    auto status = text_field("zoning_status", "规划符合性", "Zoning status",
                             "allowed / ancillary / plan_change / unknown");
    auto note_zh = text_field("zoning_note_zh", "规划说明", "Zoning note (Chinese)");
    auto note_en = text_field("zoning_note_en", "规划说明（英文）", "Zoning note");
    size_t coords = 0; // reserved at once: the pieces' coordinates are most of a plan's bytes
    for (const auto& p : plan.spare_land.pieces)
        coords += p.geometry.coord_count();
    geometry.reserve(plan.spare_land.pieces.size(), coords);
    int64_t k = 0;
    for (const auto& p : plan.spare_land.pieces) {
        geometry.append(p.geometry);
        no.column.push_int(++k);
        district.column.push_string(plan.districts.districts[p.area_index].id);
        area.column.push_real(p.area_m2);
        radius.column.push_real(p.inscribed_radius_m);
        use.column.push_string(p.use);
        usezh.column.push_string(use_zh(p.use));
        access.column.push_bool(p.accessible);
        stalls.column.push_int(p.stalls);
        norm.column.push_int(p.stalls_by_norm);
        services.column.push_string(join(p.services_fitting));
        if (p.landuse_code.empty())
            code.column.push_null();
        else
            code.column.push_string(p.landuse_code);
        status.column.push_string(p.zoning_status);
        note_zh.column.push_string(p.zoning_note_zh);
        note_en.column.push_string(p.zoning_note_en);
    }
    out.geometry = &geometry;
    for (auto* f : {&no, &district, &area, &radius, &use, &usezh, &access, &stalls, &norm,
                    &services, &code, &status, &note_zh, &note_en})
        out.fields.push_back(std::move(*f));
    out.qml = spare_land_qml(GeomClass::Polygon, "use");
    out.style_name = "renoplan 空地建议用途";
    return out;
}

OutputLayer summary_table(const analysis::Plan& plan) {
    OutputLayer out;
    out.name = "plan_summary";
    out.title = "改造统计";
    out.description = "Communities, households and buildings: total, per county, per district";
    auto scope = text_field("scope", "统计范围", "Scope", "total / county / district");
    auto key = text_field("key", "编号", "Key", "county name or district id");
    auto name = text_field("name", "名称", "Name");
    auto c = int_field("communities", "小区数", "Communities");
    auto h = int_field("households", "户数", "Households");
    auto b = int_field("buildings", "楼栋数", "Buildings");
    auto ec = int_field("eligible_communities", "纳入改造小区数", "Eligible communities");
    auto eh = int_field("eligible_households", "纳入改造户数", "Eligible households");
    auto eb = int_field("eligible_buildings", "纳入改造楼栋数", "Eligible buildings");
    auto uc = int_field("unknown_communities", "待核实小区数", "Communities to verify");
    auto cc = int_field("consented_communities", "达到同意门槛小区数", "Consented communities");
    auto area = real_field("area_m2", "片区面积（平方米）", "District area (m²)");
    auto spare = real_field("spare_area_m2", "空地面积（平方米）", "Spare land (m²)");
    auto stalls = int_field("parking_stalls", "可增车位数", "Parking stalls");
    for (const auto& r : plan.summary) {
        scope.column.push_string(r.scope);
        key.column.push_string(r.key);
        name.column.push_string(r.name);
        c.column.push_int(r.communities);
        h.column.push_int(r.households);
        b.column.push_int(r.buildings);
        ec.column.push_int(r.eligible_communities);
        eh.column.push_int(r.eligible_households);
        eb.column.push_int(r.eligible_buildings);
        uc.column.push_int(r.unknown_communities);
        cc.column.push_int(r.consented_communities);
        area.column.push_real(r.area_m2);
        spare.column.push_real(r.spare_area_m2);
        stalls.column.push_int(r.parking_stalls);
    }
    for (auto* f :
         {&scope, &key, &name, &c, &h, &b, &ec, &eh, &eb, &uc, &cc, &area, &spare, &stalls})
        out.fields.push_back(std::move(*f));
    return out;
}

OutputLayer run_info_table(const Dataset& dataset, const analysis::PlanParams& params,
                           const RunInfo& run) {
    OutputLayer out;
    out.name = "run_info";
    out.title = "运行信息";
    out.description = "How this plan was made: renoplan version, parameters, input files";
    auto key = text_field("key", "项目", "Item");
    auto value = text_field("value", "值", "Value");
    auto detail = text_field("detail", "说明", "Detail");
    auto add = [&](const std::string& k, const std::string& v, const std::string& d = {}) {
        key.column.push_string(k);
        value.column.push_string(v);
        if (d.empty())
            detail.column.push_null();
        else
            detail.column.push_string(d);
    };
    add("renoplan_version", kVersion);
    add("created_utc", run.created_utc);
    add("command", run.command);
    add("working_crs", dataset.working_crs, dataset.working_crs_reason);
    add("parameters", analysis::params_to_json(params).dump());
    for (const auto& spec : analysis::plan_param_specs())
        add("param." + std::string(spec.key), analysis::param_text(params, spec),
            std::string(spec.unit));
    // Every file read, with its size and SHA-256 (folders expanded; connections as given).
    Diagnostics ignored;
    for (const auto& source : io::expand_sources(run.inputs, ignored)) {
        if (io::is_connection_string(source)) {
            add("input", source, "connection");
            continue;
        }
        std::error_code ec;
        const auto size = fs::file_size(source, ec);
        const auto known = run.hashes.find(source);
        const std::string hash =
            known != run.hashes.end() ? known->second : input_hashes({source})[source];
        add("input", source,
            "size " + (ec ? std::string("?") : std::to_string(size)) + " bytes, sha256 " + hash);
    }
    for (const auto& layer : dataset.layers)
        add("layer", layer.name,
            std::string(to_string(layer.role)) + ", " + std::to_string(layer.size()) +
                " features from " + layer.source.path);
    for (auto* f : {&key, &value, &detail})
        out.fields.push_back(std::move(*f));
    return out;
}

} // namespace

std::vector<OutputLayer> plan_layers(const Dataset& dataset, const analysis::Plan& plan,
                                     const analysis::PlanParams& params, const RunInfo& run,
                                     std::vector<GeometryColumn>& geometry_storage) {
    geometry_storage.assign(2, GeometryColumn(GeomClass::Polygon));
    std::vector<OutputLayer> layers;
    layers.push_back(communities_layer(plan));
    layers.push_back(districts_layer(plan, geometry_storage[0]));
    layers.push_back(members_table(plan));
    layers.push_back(spare_land_layer(plan, geometry_storage[1]));
    layers.push_back(summary_table(plan));
    layers.push_back(run_info_table(dataset, params, run));
    return layers;
}

void write_plan(const std::string& path, const Dataset& dataset, const analysis::Plan& plan,
                const analysis::PlanParams& params, const RunInfo& run,
                const WriteOptions& options) {
    std::vector<GeometryColumn> storage;
    const auto layers = plan_layers(dataset, plan, params, run, storage);
    write_geopackage(path, layers, options);
}

std::map<std::string, std::string> input_hashes(const std::vector<std::string>& sources) {
    std::map<std::string, std::string> hashes;
    Diagnostics ignored;
    for (const auto& source : io::expand_sources(sources, ignored)) {
        if (io::is_connection_string(source)) continue;
        try {
            hashes[source] = sha256_file(source);
        } catch (const std::exception&) {
            hashes[source] = "unreadable";
        }
    }
    return hashes;
}

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace renoplan::exporter
