#include "geo/analysis/clearances.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "geo/core/error.hpp"
#include "geo/core/text.hpp"

namespace renoplan::analysis {

namespace {

constexpr const char* kSource = "GB 50289-2016 Table 4.1.9 (to building) [R]";

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether the (lower-cased) text has a stand-alone class letter: "中压a", "medium a", "sub_high_a".
bool has_class_letter(std::string_view text, char letter) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != letter) continue;
        const bool start = i == 0 || !is_ascii_letter(text[i - 1]);
        const bool end = i + 1 == text.size() || !is_ascii_letter(text[i + 1]);
        if (start && end) return true;
    }
    return false;
}

} // namespace

ClearanceTable ClearanceTable::gb50289() {
    ClearanceTable t;
    // clang-format off
    t.m_rules = {
        {"water_supply",    "d<=200",     1.0,  "给水管 d≤200",          kSource},
        {"water_supply",    "d>200",      3.0,  "给水管 d>200",          kSource},
        {"sewage",          "",           2.5,  "污水管",                kSource},
        {"storm",           "",           2.5,  "雨水管",                kSource},
        // 排水 (combined sewer) is the sewage/storm row of the table.
        {"drainage",        "",           2.5,  "排水管",                kSource},
        {"reclaimed_water", "",           1.0,  "再生水管",              kSource},
        {"gas",             "low",        0.7,  "燃气管 低压",           kSource},
        {"gas",             "medium_b",   1.0,  "燃气管 中压B",          kSource},
        {"gas",             "medium_a",   1.5,  "燃气管 中压A",          kSource},
        {"gas",             "sub_high_b", 5.0,  "燃气管 次高压B (外墙)", "GB 50289-2016 [R]"},
        {"gas",             "sub_high_a", 13.5, "燃气管 次高压A (外墙)", "GB 50289-2016 [R]"},
        {"heat",            "",           3.0,  "直埋热力管",            kSource},
        {"power",           "",           0.6,  "直埋电力电缆",          kSource},
        // Direct-buried telecom; in ducts the table says 1.5 m.
        {"telecom",         "",           1.0,  "直埋通信电缆",          kSource},
        // Cable TV runs with telecom (same row).
        {"cable_tv",        "",           1.0,  "直埋广电电缆",          kSource},
    };
    // clang-format on
    return t;
}

std::string gas_pressure_variant(std::string_view pressure) {
    const std::string p = ascii_lower(trim(pressure));
    if (p.empty()) return "medium_b";
    // A number in MPa (GB 50028 classes): < 0.01 low, <= 0.2 medium B, <= 0.4 medium A,
    // <= 0.8 sub-high B, <= 1.6 sub-high A.
    const size_t digit = p.find_first_of("0123456789");
    if (digit != std::string::npos && (contains(p, "mpa") || contains(p, "兆帕"))) {
        const double mpa = std::strtod(p.c_str() + digit, nullptr);
        if (mpa < 0.01) return "low";
        if (mpa <= 0.2) return "medium_b";
        if (mpa <= 0.4) return "medium_a";
        if (mpa <= 0.8) return "sub_high_b";
        return "sub_high_a";
    }
    const bool a_class = has_class_letter(p, 'a');
    if (contains(p, "次高") || contains(p, "sub")) return a_class ? "sub_high_a" : "sub_high_b";
    if (contains(p, "中") || contains(p, "medium")) return a_class ? "medium_a" : "medium_b";
    if (contains(p, "低") || contains(p, "low")) return "low";
    return "medium_b";
}

const ClearanceRule* ClearanceTable::rule_for(std::string_view kind, double diameter_mm,
                                              std::string_view pressure) const {
    std::string variant;
    if (kind == "water_supply")
        variant = std::isfinite(diameter_mm) && diameter_mm > 200.0 ? "d>200" : "d<=200";
    else if (kind == "gas")
        variant = gas_pressure_variant(pressure);
    const ClearanceRule* any = nullptr;
    for (const auto& r : m_rules) {
        if (r.kind != kind) continue;
        if (r.variant == variant) return &r;
        if (r.variant.empty()) any = &r;
    }
    return any;
}

double ClearanceTable::corridor_half_width_m(std::string_view kind, double diameter_mm,
                                             std::string_view pressure) const {
    const ClearanceRule* r = rule_for(kind, diameter_mm, pressure);
    const double clearance = r ? r->clearance_m : m_fallback_m;
    const double half_pipe =
        std::isfinite(diameter_mm) && diameter_mm > 0.0 ? diameter_mm / 2000.0 : 0.0;
    return clearance + half_pipe;
}

double ClearanceTable::max_half_width_m(double max_diameter_mm) const {
    double m = m_fallback_m;
    for (const auto& r : m_rules)
        m = std::max(m, r.clearance_m);
    const double half_pipe =
        std::isfinite(max_diameter_mm) && max_diameter_mm > 0.0 ? max_diameter_mm / 2000.0 : 0.0;
    return m + half_pipe;
}

void ClearanceTable::set(std::string_view kind, std::string_view variant, double clearance_m) {
    if (!std::isfinite(clearance_m) || clearance_m < 0.0)
        throw ConfigError({}, "pipeline clearance for " + std::string(kind) + " must be >= 0 m");
    for (auto& r : m_rules) {
        if (r.kind == kind && r.variant == variant) {
            r.clearance_m = clearance_m;
            r.source = "configured";
            return;
        }
    }
    m_rules.push_back(
        {std::string(kind), std::string(variant), clearance_m, std::string(kind), "configured"});
}

nlohmann::json ClearanceTable::to_json() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& r : m_rules) {
        if (r.variant.empty())
            j[r.kind] = r.clearance_m;
        else
            j[r.kind][r.variant] = r.clearance_m;
    }
    j["fallback"] = m_fallback_m;
    return j;
}

void ClearanceTable::update_from_json(const nlohmann::json& json) {
    if (!json.is_object()) throw ConfigError({}, "pipeline clearances must be a JSON object");
    const ClearanceTable defaults = gb50289();
    auto known = [&](const std::string& kind, const std::string& variant) {
        for (const auto& r : defaults.m_rules)
            if (r.kind == kind && r.variant == variant) return true;
        return false;
    };
    auto number = [&](const nlohmann::json& v, const std::string& what) {
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0.0)
            throw ConfigError({}, "pipeline clearance " + what + ": '" + v.dump() +
                                      "' is not a number of metres >= 0");
        return v.get<double>();
    };
    static const std::vector<std::string> kinds = {"water_supply",    "sewage", "storm", "drainage",
                                                   "reclaimed_water", "gas",    "power", "telecom",
                                                   "cable_tv",        "heat"};
    for (const auto& [kind, value] : json.items()) {
        if (kind == "fallback") {
            m_fallback_m = number(value, kind);
            continue;
        }
        if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
            throw ConfigError({}, "pipeline clearance: unknown pipeline kind '" + kind + "'",
                              "use water_supply, sewage, storm, drainage, reclaimed_water, gas, "
                              "power, telecom, cable_tv, heat or fallback");
        if (value.is_object()) {
            for (const auto& [variant, v] : value.items()) {
                if (!known(kind, variant))
                    throw ConfigError(
                        {}, "pipeline clearance: unknown variant '" + variant + "' of " + kind,
                        "water_supply: d<=200, d>200; gas: low, medium_b, "
                        "medium_a, sub_high_b, sub_high_a");
                set(kind, variant, number(v, kind + "." + variant));
            }
        } else {
            const double v = number(value, kind);
            bool any = false;
            for (auto& r : m_rules) {
                if (r.kind == kind) {
                    r.clearance_m = v;
                    r.source = "configured";
                    any = true;
                }
            }
            if (!any) set(kind, "", v);
        }
    }
}

} // namespace renoplan::analysis
