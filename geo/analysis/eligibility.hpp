// Which communities the renovation programme may take, and how far their owners' consent goes.
//
// Eligibility (the source plan, BRIEF.md "Scope"): a community is eligible when it was built
// before PlanParams::cutoff_year (2000 itself excluded), is not slated for expropriation or
// shanty-town demolition (expropriation_planned) and does not consist mainly of self-built houses
// (self_built). Both exclusions can be switched off by parameter.
// - Exact years decide directly. An approximate year ("90年代" -> 1990..1999, "约1995",
//   "2000年以前" -> 1900..1999) decides when the whole range lies on one side of the cutoff; the
//   status is then flagged `approximate`. A range across the cutoff ("1995-2005") is Unknown with a
//   reason naming the range; so is a missing or unreadable year.
// - An exclusion makes a community No whatever its year; every reason that applies is listed,
//   exclusions first. A missing self_built / expropriation_planned flag is read as "not stated"
//   and excludes nothing (the survey tables leave them blank for ordinary communities); no reason
//   is added for it.
// - Every status carries at least one reason: there is never a silent No (or Yes).
//
// Consent (the workflow, BRIEF.md steps 2 and 4): the owners' agreement is collected twice, for
// the application (申请: consent_area_pct / consent_owner_pct) and for the scheme vote (表决:
// vote_area_pct / vote_owner_pct). Stage: the vote passes -> MayImplement; else the application
// passes -> MayApply; else some figures exist -> NotReached; else NoData. A decision passes when
// both its shares (floor area and owners) pass; one missing share leaves it undecided (NoData
// unless the other share already fails).
// - "double-two-thirds" (the source's rule): agreeing owners hold >= consent_area_share of the
//   exclusive floor area and are >= consent_owner_share of the owners. "三分之二以上" includes two
//   thirds itself (Civil Code art. 1259).
// - "civil-code" (art. 278 for 改建、重建): owners holding >= civil_code_participation of the area
//   and headcount take part, and >= civil_code_approval of the participating area and of the
//   participating owners agree. The tables hold agreement as a share of the whole (that is what
//   the source's rule needs); the share agreeing among participants is agreement / participation.
//   participation_area_pct / participation_owner_pct are the participation in the latest decision
//   recorded in the row: the vote when the row has vote figures, else the application.
//   Without a participation figure the rule can still be settled at both ends: agreement of at
//   least max(participation, approval) of the whole passes whatever the participation; below
//   participation x approval (2/3 x 3/4 = 1/2) nothing can pass. In between the decision passes
//   only if participation was low (at the quorum: the most favourable case, DOMAIN.md §7's
//   "worst-case minimum support"); it is then counted as passing, said in the reason and flagged
//   `consent_assumed`.
//
// Comparing shares: tables write them to 0.01 percentage point ("66.67", "0.6667") or as exact
// fractions ("2/3", 200/3 %), so a share reaches a threshold when both, rounded to 0.01 point,
// compare >= (share_reaches). 66.67 %, 0.6667, 2/3 and 66.6666667 % all reach two thirds; 66.66 %
// and 0.666 do not. The widest shortfall this accepts is half a unit (5e-5 of the whole; 1.7e-5 at
// two thirds): one owner in 1/(3 n) only for communities of over 6,600 owners (Suining's 2020
// programme averages 85 households), and under 5 m² of floor area in 100,000 m².
//
// Reasons have a stable `code` and readable Chinese and English text with the actual values.
// Eligibility codes: built_before_cutoff, built_not_before_cutoff, built_year_straddles_cutoff,
// built_year_missing, built_year_unreadable, built_year_no_field, expropriation_planned,
// self_built, and (flag set but the exclusion switched off) expropriation_not_excluded,
// self_built_not_excluded.
// Consent codes: consent_no_data, consent_no_field, or <decision>_<measure>_<outcome> with
// decision application | vote, measure area | owner (civil-code with participation figures:
// area_quorum, area_approval, owner_quorum, owner_approval) and outcome reached | short |
// missing | invalid | assumed (civil-code: passes only if participation was at the quorum).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/analysis/params.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::analysis {

enum class Eligibility : uint8_t { Yes, No, Unknown };
enum class ConsentStage : uint8_t { NoData, NotReached, MayApply, MayImplement };

struct Reason {
    std::string code; // stable, e.g. "built_before_cutoff"
    std::string text_zh;
    std::string text_en;
};

struct CommunityStatus {
    Eligibility eligible = Eligibility::Unknown;
    bool approximate = false;    // decided on an approximate year ("90年代")
    std::vector<Reason> reasons; // why (all that apply, most decisive first)
    ConsentStage consent = ConsentStage::NoData;
    bool consent_assumed = false; // civil-code: passes only if participation was at the quorum
    std::vector<Reason> consent_reasons; // the deciding decision first
};

// One status per row of `communities` (Role::Communities, canonical columns bound by
// ingest::bind_fields). Deterministic, no I/O. Progress stage "eligibility" counts rows; throws
// Cancelled when cancelled, ConfigError for a layer of another role or an unknown consent_mode.
std::vector<CommunityStatus> assess_communities(const Layer& communities, const PlanParams& params,
                                                Progress& progress);

// Whether `share` reaches `threshold` (both fractions 0..1), compared at 0.01 percentage point.
bool share_reaches(double share, double threshold);

// Stable words for the enums: "yes" / "是", "may_implement" / "可实施" ...
std::string_view to_string(Eligibility eligibility);
std::string_view label_zh(Eligibility eligibility);
std::string_view to_string(ConsentStage stage);
std::string_view label_zh(ConsentStage stage);

} // namespace renoplan::analysis
