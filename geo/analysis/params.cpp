#include "geo/analysis/params.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "geo/core/error.hpp"
#include "geo/core/text.hpp"

namespace renoplan::analysis {

namespace {

using P = PlanParams;

std::vector<ParamSpec> make_specs() {
    using T = ParamType;
    std::vector<ParamSpec> s;
    // clang-format off
    // eligibility and consent
    s.push_back({"cutoff_year", "cutoff-year", T::Integer, "year", "eligibility",
                 "communities built before this year are eligible (the year itself is not)",
                 "建成年份早于该年的小区纳入改造范围（不含该年）", 1900, 2100, {}, &P::cutoff_year});
    s.push_back({"exclude_self_built", "exclude-self-built", T::Bool, "", "eligibility",
                 "communities mainly of self-built houses are not eligible",
                 "以居民自建住房为主的区域不纳入", 0, 0, {}, &P::exclude_self_built});
    s.push_back({"exclude_expropriation", "exclude-expropriation", T::Bool, "", "eligibility",
                 "communities slated for expropriation or shanty-town demolition are not eligible",
                 "已纳入征收计划或棚户区改造拆除的小区不纳入", 0, 0, {}, &P::exclude_expropriation});
    s.push_back({"consent_mode", "consent-mode", T::Choice, "", "eligibility",
                 "double-two-thirds: owners of >= 2/3 of the area AND >= 2/3 of the owners agree "
                 "(the source's rule); civil-code: >= 2/3 take part, >= 3/4 of participants agree",
                 "双三分之二：专有面积和人数均三分之二以上同意；民法典：三分之二以上参与表决、"
                 "参与者四分之三以上同意",
                 0, 0, {"double-two-thirds", "civil-code"}, &P::consent_mode});
    s.push_back({"consent_area_share", "consent-area-share", T::Real, "share", "eligibility",
                 "agreeing owners' share of the exclusive floor area (threshold included)",
                 "同意业主专有面积占比门槛（含本数）", 0, 1, {}, &P::consent_area_share});
    s.push_back({"consent_owner_share", "consent-owner-share", T::Real, "share", "eligibility",
                 "agreeing owners' share of all owners (threshold included)",
                 "同意业主人数占比门槛（含本数）", 0, 1, {}, &P::consent_owner_share});
    s.push_back({"civil_code_participation", "civil-code-participation", T::Real, "share",
                 "eligibility", "civil-code mode: share of area and owners taking part",
                 "民法典模式：参与表决的面积和人数占比", 0, 1, {}, &P::civil_code_participation});
    s.push_back({"civil_code_approval", "civil-code-approval", T::Real, "share", "eligibility",
                 "civil-code mode: share of participating area and owners that must agree",
                 "民法典模式：参与表决者中同意的面积和人数占比", 0, 1, {}, &P::civil_code_approval});
    // districts
    s.push_back({"district_distance_m", "district-distance", T::Real, "m", "districts",
                 "communities whose footprints are within this distance are neighbours",
                 "小区边界间距不超过该值视为相邻", 0, 10000, {}, &P::district_distance_m});
    s.push_back({"barriers", "barriers", T::Bool, "", "districts",
                 "cut neighbour links whose shortest connection crosses a barrier road or water",
                 "相邻连线穿越主要道路或水系时不相连", 0, 0, {}, &P::barriers});
    s.push_back({"barrier_road_classes", "barrier-road-classes", T::Text, "", "districts",
                 "road classes that are barriers (comma-separated: expressway, arterial, "
                 "secondary, branch, local)",
                 "作为分隔的道路等级（逗号分隔）", 0, 0, {}, &P::barrier_road_classes});
    s.push_back({"water_barrier", "water-barrier", T::Bool, "", "districts",
                 "the water layer is a barrier", "水系作为分隔", 0, 0, {}, &P::water_barrier});
    s.push_back({"members", "members", T::Choice, "", "districts",
                 "which communities form districts", "参与片区划分的小区", 0, 0,
                 {"eligible", "all"}, &P::members});
    s.push_back({"max_households", "max-households", T::Integer, "households", "districts",
                 "split a group with more households into contiguous parts (0: no cap)",
                 "片区户数上限（0 为不限）", 0, 10000000, {}, &P::max_households});
    s.push_back({"max_communities", "max-communities", T::Integer, "communities", "districts",
                 "split a group with more communities into contiguous parts (0: no cap)",
                 "片区小区数上限（0 为不限）", 0, 1000000, {}, &P::max_communities});
    s.push_back({"closing_m", "closing", T::Real, "m", "districts",
                 "district outline: union of members buffered by +c then -c (negative: half "
                 "the district distance)",
                 "片区范围：成员并集先外扩再内缩的距离（负值取相邻距离的一半）", -1, 10000, {},
                 &P::closing_m});
    // spare land
    s.push_back({"setback_m", "setback", T::Real, "m", "spare land",
                 "clearance kept around buildings", "建筑退让距离", 0, 100, {}, &P::setback_m});
    s.push_back({"road_margin_m", "road-margin", T::Real, "m", "spare land",
                 "clearance beyond half the road width", "道路半宽之外的退让", 0, 100, {},
                 &P::road_margin_m});
    s.push_back({"default_road_width_m", "default-road-width", T::Real, "m", "spare land",
                 "width of roads whose width is not given", "缺少路宽时采用的道路宽度", 0, 200,
                 {}, &P::default_road_width_m});
    s.push_back({"min_area_m2", "min-area", T::Real, "m2", "spare land",
                 "smallest spare-land piece kept", "空地最小面积", 0, 1e7, {}, &P::min_area_m2});
    s.push_back({"min_width_m", "min-width", T::Real, "m", "spare land",
                 "a piece is usable if its largest inscribed circle has at least this radius",
                 "空地最大内切圆半径下限", 0, 1000, {}, &P::min_width_m});
    s.push_back({"pipeline_clearance", "pipeline-clearance", T::Bool, "", "spare land",
                 "keep corridors along buried pipelines free (clearance per kind, GB 50289)",
                 "沿地下管线保留管线间距（GB 50289）", 0, 0, {}, &P::pipeline_clearance});
    s.push_back({"stall_width_m", "stall-width", T::Real, "m", "spare land",
                 "parking stall width (perpendicular, JGJ 100-2015)", "垂直式停车位宽度", 1, 10,
                 {}, &P::stall_width_m});
    s.push_back({"stall_depth_m", "stall-depth", T::Real, "m", "spare land",
                 "parking stall depth", "垂直式停车位长度", 2, 20, {}, &P::stall_depth_m});
    s.push_back({"aisle_width_m", "aisle-width", T::Real, "m", "spare land",
                 "aisle width between stall rows", "通车道宽度", 2, 20, {}, &P::aisle_width_m});
    s.push_back({"land_per_stall_m2", "land-per-stall", T::Real, "m2", "spare land",
                 "planning norm of land per surface stall (shown beside the layout count)",
                 "地面停车每车位用地指标", 5, 100, {}, &P::land_per_stall_m2});
    s.push_back({"min_parking_stalls", "min-parking-stalls", T::Real, "stalls", "spare land",
                 "a piece fitting fewer stalls is not suggested for parking",
                 "少于该车位数的空地不建议停车", 1, 10000, {}, &P::min_parking_stalls});
    // execution
    s.push_back({"jobs", "jobs", T::Integer, "threads", "execution",
                 "worker threads (0: all cores)", "线程数（0 为全部核心）", 0, 1024, {},
                 &P::jobs});
    // clang-format on
    return s;
}

std::string format_real(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string allowed(const ParamSpec& spec) {
    switch (spec.type) {
    case ParamType::Bool:
        return "true or false";
    case ParamType::Choice: {
        std::string t;
        for (auto c : spec.choices)
            t += (t.empty() ? "" : " | ") + std::string(c);
        return t;
    }
    case ParamType::Text:
        return "text";
    default:
        return "a number from " + format_real(spec.min) + " to " + format_real(spec.max);
    }
}

[[noreturn]] void bad_value(const ParamSpec& spec, std::string_view value) {
    throw ConfigError({},
                      "parameter " + std::string(spec.key) + " (--" + std::string(spec.flag) +
                          "): '" + std::string(value) + "' is not valid",
                      "use " + allowed(spec));
}

} // namespace

const std::vector<ParamSpec>& plan_param_specs() {
    static const std::vector<ParamSpec> specs = make_specs();
    return specs;
}

const ParamSpec* find_param(std::string_view key_or_flag) {
    for (const auto& s : plan_param_specs())
        if (s.key == key_or_flag || s.flag == key_or_flag) return &s;
    return nullptr;
}

std::string param_text(const PlanParams& params, const ParamSpec& spec) {
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = params.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, double>)
                return format_real(v);
            else if constexpr (std::is_same_v<V, int>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<V, bool>)
                return v ? "true" : "false";
            else
                return v;
        },
        spec.field);
}

void set_param(PlanParams& params, const ParamSpec& spec, std::string_view raw) {
    const std::string value = trim(raw);
    std::visit(
        [&](auto member) {
            auto& v = params.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, double> || std::is_same_v<V, int>) {
                double d = 0.0;
                const auto r = std::from_chars(value.data(), value.data() + value.size(), d);
                if (r.ec != std::errc() || r.ptr != value.data() + value.size() ||
                    !std::isfinite(d) || d < spec.min || d > spec.max)
                    bad_value(spec, value);
                if constexpr (std::is_same_v<V, int>) {
                    if (d != std::floor(d)) bad_value(spec, value);
                    v = static_cast<int>(d);
                } else {
                    v = d;
                }
            } else if constexpr (std::is_same_v<V, bool>) {
                const std::string l = ascii_lower(value);
                if (l == "true" || l == "yes" || l == "1" || l == "on")
                    v = true;
                else if (l == "false" || l == "no" || l == "0" || l == "off")
                    v = false;
                else
                    bad_value(spec, value);
            } else {
                if (spec.type == ParamType::Choice) {
                    bool ok = false;
                    for (auto c : spec.choices)
                        ok |= c == value;
                    if (!ok) bad_value(spec, value);
                }
                v = value;
            }
        },
        spec.field);
}

nlohmann::json params_to_json(const PlanParams& params) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& spec : plan_param_specs()) {
        std::visit([&](auto member) { j[std::string(spec.key)] = params.*member; }, spec.field);
    }
    return j;
}

void params_from_json(PlanParams& params, const nlohmann::json& json) {
    if (!json.is_object()) throw ConfigError({}, "plan parameters must be a JSON object");
    for (const auto& [key, value] : json.items()) {
        const ParamSpec* spec = find_param(key);
        if (!spec || spec->key != key)
            throw ConfigError({}, "unknown plan parameter \"" + key + "\"",
                              "see 'renoplan plan --help' for the parameter names");
        std::string text;
        if (value.is_string())
            text = value.get<std::string>();
        else if (value.is_boolean())
            text = value.get<bool>() ? "true" : "false";
        else if (value.is_number())
            text = format_real(value.get<double>());
        else
            bad_value(*spec, value.dump());
        set_param(params, *spec, text);
    }
    validate(params);
}

void validate(const PlanParams& params) {
    if (params.stall_width_m <= 0 || params.stall_depth_m <= 0 || params.aisle_width_m <= 0)
        throw ConfigError({}, "stall width, stall depth and aisle width must be positive");
    for (const auto& cls : {std::string_view(params.barrier_road_classes)}) {
        size_t start = 0;
        while (start <= cls.size()) {
            const size_t end = std::min(cls.find(',', start), cls.size());
            const std::string item = trim(cls.substr(start, end - start));
            static const std::vector<std::string> known = {"expressway", "arterial", "secondary",
                                                           "branch",     "local",    "path"};
            if (!item.empty() && std::find(known.begin(), known.end(), item) == known.end())
                throw ConfigError({}, "barrier road class '" + item + "' is not a road class",
                                  "use expressway, arterial, secondary, branch, local, path");
            start = end + 1;
        }
    }
}

} // namespace renoplan::analysis
