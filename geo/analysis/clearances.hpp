// Corridors kept free along buried pipelines: the horizontal clearance per pipeline kind.
//
// GB 50289-2016《城市工程管线综合规划规范》Table 4.1.9 gives minimum horizontal clearances
// between pipelines and between a pipeline and a building foundation (DOMAIN.md §5). A spare-land
// corridor is where nothing may be built, so the corridor's half-width is the pipeline's clearance
// to a building (pipe wall to foundation) plus half the pipe's diameter (centre line to wall).
// Every value is [R] (recalled from the standard, not confirmed against the published table):
// they are defaults in a table the caller may replace, never hidden constants.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace renoplan::analysis {

struct ClearanceRule {
    std::string kind;         // canonical pipeline kind: water_supply, sewage, gas ...
    std::string variant;      // "" (any), "d<=200", "d>200", "low", "medium_b", ... see below
    double clearance_m = 0.0; // to a building foundation, pipe wall to foundation
    std::string label_zh;     // 给水管 d≤200
    std::string source;       // "GB 50289-2016 Table 4.1.9 [R]"
};

// Variants, chosen from a pipeline's diameter and pressure:
//   water_supply  "d<=200" / "d>200" by diameter_mm (unknown diameter: "d<=200", the usual
//                 size inside a residential community);
//   gas           "low" (<0.01 MPa), "medium_b", "medium_a", "sub_high_b", "sub_high_a" from the
//                 pressure text (低压, 中压B, 中压A, 次高压B, 次高压A; unknown: "medium_b", the
//                 usual distribution pressure in a town);
//   other kinds   "" only.
class ClearanceTable {
public:
    // The GB 50289-2016 defaults (all [R]).
    static ClearanceTable gb50289();

    // Half-width of the corridor along a buried pipeline, in metres: the rule's clearance plus
    // half the diameter (diameter_mm <= 0 or NaN: unknown, nothing added). Kinds without a rule
    // use fallback_m().
    double corridor_half_width_m(std::string_view kind, double diameter_mm,
                                 std::string_view pressure = {}) const;
    // The rule applied to a pipeline (nullptr: none, the fallback applies).
    const ClearanceRule* rule_for(std::string_view kind, double diameter_mm,
                                  std::string_view pressure = {}) const;
    // The largest half-width any pipeline can get, for a pipe of diameter_mm at most (the search
    // radius around an area).
    double max_half_width_m(double max_diameter_mm) const;

    // Sets (or adds) the clearance of a kind and variant.
    void set(std::string_view kind, std::string_view variant, double clearance_m);
    double fallback_m() const { return m_fallback_m; }
    void set_fallback_m(double clearance_m) { m_fallback_m = clearance_m; }
    const std::vector<ClearanceRule>& rules() const { return m_rules; }

    // As JSON {"water_supply": {"d<=200": 1.0, "d>200": 3.0}, "sewage": 2.5, ...,
    // "fallback": 1.0}, and back: values given replace the defaults; an unknown kind or variant,
    // or a negative value, throws ConfigError naming it.
    nlohmann::json to_json() const;
    void update_from_json(const nlohmann::json& json);

private:
    std::vector<ClearanceRule> m_rules;
    double m_fallback_m = 1.0; // kinds not in the table
};

// The variant of a gas pipeline's pressure text ("中压B", "medium A", "0.2MPa" ...); "medium_b"
// when it cannot be read.
std::string gas_pressure_variant(std::string_view pressure);

} // namespace renoplan::analysis
