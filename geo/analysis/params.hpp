// The parameters of `renoplan plan`, described once.
//
// PlanParams holds every number the planning analyses use, with its default from the policy or
// the standards (../../docs/user-guide/planning.md lists the sources; numbers marked [R] in
// DOMAIN.md are recalled, not confirmed - that is why they are parameters). plan_param_specs()
// describes each field - key, command-line flag, type, unit, range, help in English and Chinese
// - and that one description generates the CLI options, reads the config file, fills the GUI
// form and is recorded in the output's run_info table.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace renoplan::analysis {

struct PlanParams {
    // [SECTION] eligibility and consent ----------------------------------------------------
    int cutoff_year = 2000;            // eligible if built before this year (it excluded)
    bool exclude_self_built = true;    // mainly self-built communities are not eligible
    bool exclude_expropriation = true; // those slated for expropriation/shanty demolition
    std::string consent_mode = "double-two-thirds"; // or "civil-code"
    double consent_area_share = 2.0 / 3.0;       // agreeing owners' share of exclusive floor area
    double consent_owner_share = 2.0 / 3.0;      // agreeing owners' share of headcount
    double civil_code_participation = 2.0 / 3.0; // quorum (area and headcount), art. 278
    double civil_code_approval = 0.75;           // of participants, works on shared parts

    // [SECTION] districts --------------------------------------------------------------------
    double district_distance_m = 50.0; // neighbours when footprints are within this distance
    bool barriers = true;              // cut neighbour links crossing barrier roads or water
    std::string barrier_road_classes = "expressway,arterial"; // road classes that are barriers
    bool water_barrier = true;                                // the water layer is a barrier
    std::string members = "eligible"; // which communities form districts: eligible | all
    int max_households = 0;           // split groups with more households (0 = no cap)
    int max_communities = 0;          // split groups with more communities (0 = no cap)
    double closing_m = -1.0;          // closing buffer c (+c then -c); < 0: D / 2

    // [SECTION] spare land ------------------------------------------------------------------
    double setback_m = 6.0;            // clearance kept around buildings
    double road_margin_m = 0.0;        // beyond half the road width
    double default_road_width_m = 7.0; // for roads without a width
    double min_area_m2 = 200.0;        // smallest piece kept
    double min_width_m = 3.0;          // maximum inscribed circle radius at least this
    bool pipeline_clearance = true;    // keep corridors along buried pipelines
    double stall_width_m = 2.4;        // JGJ 100-2015 small car, perpendicular
    double stall_depth_m = 5.3;
    double aisle_width_m = 5.5;
    double land_per_stall_m2 = 25.0; // planning norm shown beside the layout count
    double min_parking_stalls = 10;  // a piece with fewer stalls is not suggested for parking

    // [SECTION] execution --------------------------------------------------------------------
    int jobs = 0; // worker threads; 0 = all cores

    // The closing distance actually used.
    double effective_closing_m() const {
        return closing_m < 0.0 ? district_distance_m / 2.0 : closing_m;
    }
};

enum class ParamType { Real, Integer, Bool, Choice, Text };

struct ParamSpec {
    std::string_view key;  // config / run_info key: "district_distance_m"
    std::string_view flag; // command line: --district-distance (bools: also --no-...)
    ParamType type = ParamType::Real;
    std::string_view unit;  // "m", "m2", "year", "" ...
    std::string_view group; // "eligibility", "districts", "spare land", "execution"
    std::string_view help_en;
    std::string_view help_zh;
    double min = 0.0; // Real / Integer range
    double max = 0.0;
    std::vector<std::string_view> choices; // Choice
    std::variant<double PlanParams::*, int PlanParams::*, bool PlanParams::*,
                 std::string PlanParams::*>
        field;
};

// Every parameter, in the order the CLI help and the GUI form show them.
const std::vector<ParamSpec>& plan_param_specs();
const ParamSpec* find_param(std::string_view key_or_flag);

// The value of one parameter as text ("50", "true", "eligible").
std::string param_text(const PlanParams& params, const ParamSpec& spec);
// Sets one parameter from text, checking type, range and choices; throws renoplan::ConfigError
// that names the parameter, the value and what is allowed.
void set_param(PlanParams& params, const ParamSpec& spec, std::string_view value);

// All parameters as a JSON object (for run_info and config files), and back. Unknown keys and
// bad values in the JSON throw ConfigError naming them.
nlohmann::json params_to_json(const PlanParams& params);
void params_from_json(PlanParams& params, const nlohmann::json& json);
// Checks relations between parameters (e.g. stall sizes positive); throws ConfigError.
void validate(const PlanParams& params);

} // namespace renoplan::analysis
