// Eligibility and consent stage per community (see eligibility.hpp for the rules).
//
// Index:
//   [SECTION] Reading the canonical columns
//   [SECTION] Words and numbers in reasons
//   [SECTION] Eligibility
//   [SECTION] Consent
//   [SECTION] assess_communities
#include "geo/analysis/eligibility.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

#include "geo/core/error.hpp"
#include "geo/ingest/values.hpp"

namespace renoplan::analysis {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading the canonical columns
//-------------------------------------------------------------------------------------------------

// A canonical column that may be absent; reads by type so that a column sharing its source's
// storage (an Int64 year, a Real share) reads like a parsed one.
struct OptionalColumn {
    const Column* column = nullptr;

    bool bound() const { return column != nullptr; }

    std::optional<double> real(size_t i) const {
        if (!column || column->is_null(i)) return std::nullopt;
        switch (column->type()) {
        case ColumnType::Real:
            return column->get_real(i);
        case ColumnType::Int64:
        case ColumnType::Bool:
            return static_cast<double>(column->get_int(i));
        default:
            return std::nullopt;
        }
    }
    std::optional<int64_t> integer(size_t i) const {
        if (!column || column->is_null(i)) return std::nullopt;
        switch (column->type()) {
        case ColumnType::Int64:
        case ColumnType::Bool:
            return column->get_int(i);
        case ColumnType::Real:
            return static_cast<int64_t>(std::llround(column->get_real(i)));
        default:
            return std::nullopt;
        }
    }
    // True only for a stated yes; null is "not stated".
    bool yes(size_t i) const {
        if (!column || column->is_null(i)) return false;
        switch (column->type()) {
        case ColumnType::Bool:
        case ColumnType::Int64:
            return column->get_int(i) != 0;
        case ColumnType::Real:
            return column->get_real(i) != 0.0;
        default:
            return false;
        }
    }
};

OptionalColumn canonical(const Layer& layer, std::string_view name) {
    return OptionalColumn{layer.canonical_column(name)};
}

// The source column a canonical field was parsed from, or nullptr.
const Column* source_of(const Layer& layer, std::string_view canonical_name) {
    for (const auto& b : layer.bindings) {
        if (b.canonical != canonical_name) continue;
        const int a = layer.find_attribute(b.source);
        return a < 0 ? nullptr : &layer.attributes[static_cast<size_t>(a)];
    }
    return nullptr;
}

// The source value as the table holds it, trimmed; empty for null, blank and a numeric 0 (DBF's
// "no value", which the year parser reads as missing too).
std::string source_text(const Column* source, size_t i) {
    if (!source || source->is_null(i)) return {};
    if (is_text_storage(source->type()))
        return std::string(ingest::trim_text(source->get_string(i)));
    if (source->type() == ColumnType::Real ? source->get_real(i) == 0.0 : source->get_int(i) == 0)
        return {};
    return source->to_text(i);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Words and numbers in reasons
//
// Reason texts are built with one allocation each (cat), and the threshold words once per run:
// 100,000 communities cost their reasons, not their string arithmetic.
//-------------------------------------------------------------------------------------------------

std::string cat(std::initializer_list<std::string_view> parts) {
    size_t size = 0;
    for (auto p : parts)
        size += p.size();
    std::string out;
    out.reserve(size);
    for (auto p : parts)
        out.append(p);
    return out;
}

// Shares are compared and shown at 0.01 percentage point: in units of 1e-4 of the whole.
constexpr double kShareUnits = 1e4;

long long share_units(double share) {
    return std::llround(share * kShareUnits);
}

// A number of 0.01-point units as "61.2", "66.67", "50".
std::string points_text(long long units) {
    std::string s = units < 0 ? "-" : "";
    const unsigned long long u = static_cast<unsigned long long>(units < 0 ? -units : units);
    s += std::to_string(u / 100);
    const auto frac = static_cast<int>(u % 100);
    if (frac) {
        s += '.';
        s += static_cast<char>('0' + frac / 10);
        if (frac % 10) s += static_cast<char>('0' + frac % 10);
    }
    return s;
}

std::string pct(double share) {
    return points_text(share_units(share)) + "%";
}

// How far `share` falls short of `threshold`, in points: "5.47".
std::string gap(double threshold, double share) {
    return points_text(share_units(threshold) - share_units(share));
}

struct Words {
    std::string zh;
    std::string en;
};

// A threshold in words where it is a common fraction, else as a percentage.
Words fraction_words(double f) {
    struct Known {
        double value;
        const char* zh;
        const char* en;
    };
    static constexpr Known kKnown[] = {{2.0 / 3.0, "三分之二", "two thirds"},
                                       {0.75, "四分之三", "three quarters"},
                                       {0.5, "二分之一", "half"},
                                       {1.0 / 3.0, "三分之一", "one third"}};
    for (const auto& k : kKnown)
        if (std::abs(f - k.value) < 1e-9) return {k.zh, k.en};
    return {pct(f), pct(f)};
}

std::string year_text(int64_t y) {
    return std::to_string(y);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Eligibility
//-------------------------------------------------------------------------------------------------

struct EligibilityInputs {
    OptionalColumn year_min, year_max, year_approx;
    const Column* year_source = nullptr;
    OptionalColumn self_built, expropriation;
};

// The year range as text: "约1990–1999年（90年代）" / "about 1990–1999 (90年代)"; the source's
// own words are added where they say more than the numbers.
Words approximate_year_words(int64_t lo, int64_t hi, const std::string& source) {
    const std::string y = year_text(lo);
    Words w;
    if (lo == hi) {
        w.zh = cat({"约", y, "年"});
        w.en = cat({"about ", y});
    } else {
        const std::string y2 = year_text(hi);
        w.zh = cat({"约", y, "–", y2, "年"});
        w.en = cat({"about ", y, "–", y2});
    }
    if (!source.empty() && source != w.zh && source != y && source != y + "年" &&
        source != "约" + y) {
        w.zh = cat({w.zh, "（", source, "）"});
        w.en = cat({w.en, " (", source, ")"});
    }
    return w;
}

void assess_eligibility(const EligibilityInputs& in, const PlanParams& params, size_t row,
                        CommunityStatus& status) {
    const std::string cutoff = year_text(params.cutoff_year);
    bool excluded = false;

    // Exclusions first: they decide whatever the year says.
    const bool expropriation = in.expropriation.yes(row);
    const bool self_built = in.self_built.yes(row);
    if (expropriation && params.exclude_expropriation) {
        excluded = true;
        status.reasons.push_back({"expropriation_planned",
                                  "已列入征收或棚户区改造拆除计划，不纳入改造",
                                  "planned for expropriation or shanty-town demolition: excluded"});
    }
    if (self_built && params.exclude_self_built) {
        excluded = true;
        status.reasons.push_back({"self_built", "以居民自建房为主，不纳入改造",
                                  "mainly residents' self-built houses: excluded"});
    }

    // The year.
    Eligibility by_year = Eligibility::Unknown;
    bool approximate = false;
    const std::optional<int64_t> lo = in.year_min.integer(row);
    const std::optional<int64_t> hi = in.year_max.integer(row);
    if (!in.year_min.bound()) {
        status.reasons.push_back({"built_year_no_field", "图层没有建成年份字段，无法判断",
                                  "the layer has no built-year field: cannot decide"});
    } else if (!lo || !hi) {
        const std::string text = source_text(in.year_source, row);
        if (text.empty())
            status.reasons.push_back({"built_year_missing", "建成年份缺失，无法判断",
                                      "built year missing: cannot decide"});
        else
            status.reasons.push_back(
                {"built_year_unreadable", cat({"建成年份“", text, "”无法识别，无法判断"}),
                 cat({"built year \"", text, "\" cannot be read: cannot decide"})});
    } else {
        approximate = *lo != *hi || in.year_approx.yes(row);
        const int64_t c = params.cutoff_year;
        if (!approximate) {
            const std::string y = year_text(*lo);
            if (*lo < c) {
                by_year = Eligibility::Yes;
                status.reasons.push_back({"built_before_cutoff",
                                          cat({"建成于", y, "年，早于", cutoff, "年"}),
                                          cat({"built in ", y, ", before ", cutoff})});
            } else if (*lo == c) {
                by_year = Eligibility::No;
                status.reasons.push_back({"built_not_before_cutoff",
                                          cat({"建成于", y, "年，不早于", cutoff, "年（", cutoff,
                                               "年当年建成的不纳入）"}),
                                          cat({"built in ", y, ", not before ", cutoff,
                                               " (the year ", cutoff, " itself is excluded)"})});
            } else {
                by_year = Eligibility::No;
                status.reasons.push_back({"built_not_before_cutoff",
                                          cat({"建成于", y, "年，晚于", cutoff, "年"}),
                                          cat({"built in ", y, ", after ", cutoff})});
            }
        } else {
            const Words range = approximate_year_words(*lo, *hi, source_text(in.year_source, row));
            if (*hi < c) {
                by_year = Eligibility::Yes;
                status.reasons.push_back(
                    {"built_before_cutoff",
                     cat({range.zh, "，早于", cutoff, "年（按近似年份判断）"}),
                     cat({range.en, ", before ", cutoff, " (judged on an approximate year)"})});
            } else if (*lo >= c) {
                by_year = Eligibility::No;
                status.reasons.push_back(
                    {"built_not_before_cutoff",
                     cat({range.zh, "，不早于", cutoff, "年（按近似年份判断）"}),
                     cat({range.en, ", not before ", cutoff, " (judged on an approximate year)"})});
            } else {
                status.reasons.push_back(
                    {"built_year_straddles_cutoff",
                     cat({range.zh, "，跨越", cutoff, "年界限，无法判断是否早于", cutoff, "年"}),
                     cat({range.en, " straddles ", cutoff, ": cannot tell whether built before ",
                          cutoff})});
            }
        }
    }

    // Flags the parameters chose not to exclude on: said, but they decide nothing.
    if (expropriation && !params.exclude_expropriation)
        status.reasons.push_back(
            {"expropriation_not_excluded", "已列入征收或棚改计划（按参数不排除）",
             "planned for expropriation or shanty-town demolition (not excluded by the "
             "parameters)"});
    if (self_built && !params.exclude_self_built)
        status.reasons.push_back({"self_built_not_excluded", "以居民自建房为主（按参数不排除）",
                                  "mainly residents' self-built houses (not excluded by the "
                                  "parameters)"});

    if (excluded) {
        status.eligible = Eligibility::No;
        status.approximate = false; // the exclusion decides, not the year
    } else {
        status.eligible = by_year;
        status.approximate = approximate && by_year != Eligibility::Unknown;
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Consent
//-------------------------------------------------------------------------------------------------

enum class Decision : uint8_t { Application, Vote };
enum class Measure : uint8_t { Area, Owner };

// What a decision (application or vote) came to.
enum class Verdict : uint8_t { Absent, Undecided, Fails, Passes };

struct DecisionResult {
    Verdict verdict = Verdict::Absent;
    bool assumed = false; // civil-code: passes only if participation was at the quorum
    std::vector<Reason> reasons;
};

struct MeasureNames {
    std::string_view code;    // "application_area"
    std::string_view zh;      // 同意面积比例
    std::string_view en;      // consent by floor area
    std::string_view part_zh; // 参与表决面积比例
    std::string_view part_en;
};

const MeasureNames& names_of(Decision d, Measure m) {
    static const MeasureNames kNames[2][2] = {
        {{"application_area", "同意面积比例", "consent by floor area", "参与表决面积比例",
          "participation by floor area"},
         {"application_owner", "同意户数比例", "consent by owners", "参与表决户数比例",
          "participation by owners"}},
        {{"vote_area", "表决同意面积比例", "scheme vote: consent by floor area", "参与表决面积比例",
          "participation by floor area"},
         {"vote_owner", "表决同意户数比例", "scheme vote: consent by owners", "参与表决户数比例",
          "participation by owners"}}};
    return kNames[static_cast<int>(d)][static_cast<int>(m)];
}

// The thresholds of a run and their words, computed once.
struct ConsentRule {
    bool civil_code = false;
    double share[2] = {0.0, 0.0}; // double two-thirds: [area, owner]
    Words share_words[2];
    double quorum = 0.0, approval = 0.0; // civil code
    double surely = 0.0;                 // max(quorum, approval): passes whatever the participation
    double at_least = 0.0;               // quorum x approval: below it nothing passes
    Words quorum_words, approval_words, surely_words, product_words;

    explicit ConsentRule(const PlanParams& params)
        : civil_code(params.consent_mode == "civil-code"), share{params.consent_area_share,
                                                                 params.consent_owner_share},
          share_words{fraction_words(params.consent_area_share),
                      fraction_words(params.consent_owner_share)},
          quorum(params.civil_code_participation), approval(params.civil_code_approval),
          surely(std::max(quorum, approval)), at_least(quorum * approval),
          quorum_words(fraction_words(quorum)), approval_words(fraction_words(approval)),
          surely_words(fraction_words(surely)),
          product_words{cat({quorum_words.zh, "×", approval_words.zh, "＝", pct(at_least)}),
                        cat({quorum_words.en, " × ", approval_words.en, " = ", pct(at_least)})} {}
};

// Outcome of one share (area or owners) of one decision.
enum class Outcome : uint8_t { Missing, Invalid, Short, Reached, Assumed };

bool valid_share(double v) {
    return v >= 0.0 && share_units(v) <= share_units(1.0);
}

std::string code(const MeasureNames& n, std::string_view suffix) {
    return cat({n.code, "_", suffix});
}

Outcome missing_or_invalid(const MeasureNames& n, const std::optional<double>& agree,
                           std::vector<Reason>& reasons) {
    if (!agree) {
        reasons.push_back({code(n, "missing"), cat({n.zh, "缺失"}), cat({n.en, " missing"})});
        return Outcome::Missing;
    }
    const std::string value = pct(*agree);
    reasons.push_back({code(n, "invalid"), cat({n.zh, " ", value, "，不在0–100%之间"}),
                       cat({n.en, " ", value, ", outside 0–100%"})});
    return Outcome::Invalid;
}

// The source's rule: agreement of at least `threshold` of the whole.
Outcome check_share(const MeasureNames& n, std::optional<double> agree, double threshold,
                    const Words& t, std::vector<Reason>& reasons) {
    if (!agree || !valid_share(*agree)) return missing_or_invalid(n, agree, reasons);
    const std::string value = pct(*agree);
    if (share_reaches(*agree, threshold)) {
        reasons.push_back({code(n, "reached"), cat({n.zh, " ", value, "，达到", t.zh}),
                           cat({n.en, " ", value, ", reaches ", t.en})});
        return Outcome::Reached;
    }
    const std::string points = gap(threshold, *agree);
    reasons.push_back({code(n, "short"),
                       cat({n.zh, " ", value, "，低于", t.zh, "（差", points, "个百分点）"}),
                       cat({n.en, " ", value, ", below ", t.en, " (", points, " points short)"})});
    return Outcome::Short;
}

// Civil Code art. 278: participation >= quorum, then >= approval of the participants agree.
Outcome check_civil_code(const MeasureNames& n, std::optional<double> agree,
                         std::optional<double> participation, const ConsentRule& rule,
                         std::vector<Reason>& reasons) {
    if (!agree || !valid_share(*agree)) return missing_or_invalid(n, agree, reasons);
    const Words& qw = rule.quorum_words;
    const Words& rw = rule.approval_words;
    const std::string value = pct(*agree);

    if (participation) {
        const std::string part = pct(*participation);
        if (!valid_share(*participation) || share_units(*participation) < share_units(*agree)) {
            reasons.push_back(
                {code(n, "invalid"),
                 cat({n.zh, " ", value, " 与", n.part_zh, " ", part, " 矛盾（同意者必参与表决）"}),
                 cat({n.en, " ", value, " contradicts ", n.part_en, " ", part,
                      " (those who agree take part)"})});
            return Outcome::Invalid;
        }
        const bool quorum = share_reaches(*participation, rule.quorum);
        if (quorum) {
            reasons.push_back({code(n, "quorum_reached"),
                               cat({n.part_zh, " ", part, "，达到", qw.zh}),
                               cat({n.part_en, " ", part, ", reaches ", qw.en})});
        } else {
            const std::string points = gap(rule.quorum, *participation);
            reasons.push_back(
                {code(n, "quorum_short"),
                 cat({n.part_zh, " ", part, "，低于", qw.zh, "（差", points, "个百分点）"}),
                 cat({n.part_en, " ", part, ", below ", qw.en, " (", points, " points short)"})});
        }
        const double among = *participation > 0.0 ? *agree / *participation : 0.0;
        const std::string among_text = pct(among);
        const bool approved = share_reaches(among, rule.approval);
        if (approved) {
            reasons.push_back({code(n, "approval_reached"),
                               cat({"参与表决者中同意 ", among_text, "（", n.zh, " ", value, " / ",
                                    n.part_zh, " ", part, "），达到", rw.zh}),
                               cat({among_text, " of participants agree (", n.en, " ", value, " / ",
                                    n.part_en, " ", part, "), reaches ", rw.en})});
        } else {
            const std::string points = gap(rule.approval, among);
            reasons.push_back(
                {code(n, "approval_short"),
                 cat({"参与表决者中同意 ", among_text, "（", n.zh, " ", value, " / ", n.part_zh,
                      " ", part, "），低于", rw.zh, "（差", points, "个百分点）"}),
                 cat({among_text, " of participants agree (", n.en, " ", value, " / ", n.part_en,
                      " ", part, "), below ", rw.en, " (", points, " points short)"})});
        }
        return quorum && approved ? Outcome::Reached : Outcome::Short;
    }

    // No participation figure: settle what can be settled (see the header).
    if (share_reaches(*agree, rule.surely)) {
        reasons.push_back(
            {code(n, "reached"),
             cat({n.zh, " ", value, "，达到", rule.surely_words.zh,
                  "：无论参与表决比例多少，均满足参与", qw.zh, "、参与者", rw.zh, "同意"}),
             cat({n.en, " ", value, ", reaches ", rule.surely_words.en,
                  ": whatever the participation, ", qw.en, " take part and ", rw.en,
                  " of them agree"})});
        return Outcome::Reached;
    }
    if (share_reaches(*agree, rule.at_least)) {
        const std::string among = pct(*agree / std::max(rule.quorum, *agree));
        reasons.push_back(
            {code(n, "assumed"),
             cat({n.zh, " ", value, "，不低于", rule.product_words.zh, "；无参与表决数据，按参与",
                  qw.zh, "（最有利情形）计，参与者中同意 ", among, "，达到", rw.zh,
                  "；参与更多时可能不足，需核实参与比例"}),
             cat({n.en, " ", value, ", at least ", rule.product_words.en,
                  "; no participation figure: if ", qw.en, " took part (the most favourable case) ",
                  among, " of participants agree, reaching ", rw.en,
                  "; with more taking part it may fall short - check the participation"})});
        return Outcome::Assumed;
    }
    const std::string points = gap(rule.at_least, *agree);
    reasons.push_back({code(n, "short"),
                       cat({n.zh, " ", value, "，低于", rule.product_words.zh, "（差", points,
                            "个百分点）：无论参与表决比例多少均不能通过"}),
                       cat({n.en, " ", value, ", below ", rule.product_words.en, " (", points,
                            " points short): cannot pass whatever the participation"})});
    return Outcome::Short;
}

struct ConsentInputs {
    OptionalColumn agree[2][2];      // [decision][measure]
    OptionalColumn participation[2]; // [measure]
    bool any_bound() const {
        for (const auto& d : agree)
            for (const auto& m : d)
                if (m.bound()) return true;
        return false;
    }
};

DecisionResult assess_decision(const ConsentInputs& in, const ConsentRule& rule, Decision d,
                               bool with_participation, size_t row) {
    DecisionResult result;
    const auto di = static_cast<int>(d);
    const std::optional<double> agree[2] = {in.agree[di][0].real(row), in.agree[di][1].real(row)};
    if (!agree[0] && !agree[1]) return result; // Absent: no reasons
    result.reasons.reserve(4);
    Outcome outcome[2];
    for (int m = 0; m < 2; ++m) {
        const MeasureNames& n = names_of(d, static_cast<Measure>(m));
        if (rule.civil_code) {
            const std::optional<double> part =
                with_participation ? in.participation[m].real(row) : std::nullopt;
            outcome[m] = check_civil_code(n, agree[m], part, rule, result.reasons);
        } else {
            outcome[m] =
                check_share(n, agree[m], rule.share[m], rule.share_words[m], result.reasons);
        }
    }
    auto any = [&](Outcome o) { return outcome[0] == o || outcome[1] == o; };
    if (any(Outcome::Short)) {
        result.verdict = Verdict::Fails;
    } else if (any(Outcome::Missing) || any(Outcome::Invalid)) {
        result.verdict = Verdict::Undecided;
    } else {
        result.verdict = Verdict::Passes;
        result.assumed = any(Outcome::Assumed);
    }
    return result;
}

// Moves the reasons of the deciding decision first, then the other's.
void take(std::vector<Reason>& to, DecisionResult& first, DecisionResult& second) {
    if (to.empty() && second.reasons.empty()) {
        to = std::move(first.reasons);
        return;
    }
    to.reserve(to.size() + first.reasons.size() + second.reasons.size());
    for (auto* from : {&first, &second})
        for (auto& r : from->reasons)
            to.push_back(std::move(r));
}

void assess_consent(const ConsentInputs& in, const ConsentRule& rule, size_t row,
                    CommunityStatus& status) {
    if (!in.any_bound()) {
        status.consent = ConsentStage::NoData;
        status.consent_reasons.push_back({"consent_no_field", "图层没有业主同意比例字段",
                                          "the layer has no owner-consent fields"});
        return;
    }
    // Participation figures belong to the latest decision recorded in the row.
    const bool row_has_vote =
        in.agree[1][0].real(row).has_value() || in.agree[1][1].real(row).has_value();
    DecisionResult vote = assess_decision(in, rule, Decision::Vote, row_has_vote, row);
    DecisionResult application =
        assess_decision(in, rule, Decision::Application, !row_has_vote, row);

    auto& out = status.consent_reasons;
    if (vote.verdict == Verdict::Passes) {
        status.consent = ConsentStage::MayImplement;
        status.consent_assumed = vote.assumed;
        take(out, vote, application);
    } else if (application.verdict == Verdict::Passes) {
        status.consent = ConsentStage::MayApply;
        status.consent_assumed = application.assumed;
        take(out, application, vote);
    } else if (application.verdict == Verdict::Fails) {
        status.consent = ConsentStage::NotReached;
        take(out, application, vote);
    } else if (vote.verdict == Verdict::Fails) {
        status.consent = ConsentStage::NotReached;
        take(out, vote, application);
    } else {
        status.consent = ConsentStage::NoData;
        take(out, vote, application);
        if (out.empty())
            out.push_back({"consent_no_data", "无业主同意比例数据", "no owner-consent figures"});
    }
}

} // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] assess_communities
//-------------------------------------------------------------------------------------------------

bool share_reaches(double share, double threshold) {
    return share_units(share) >= share_units(threshold);
}

std::vector<CommunityStatus> assess_communities(const Layer& communities, const PlanParams& params,
                                                Progress& progress) {
    const ErrorContext context{communities.source.path, communities.name, std::nullopt};
    if (communities.role != Role::Communities)
        throw ConfigError(context,
                          "eligibility needs a communities layer; this one is " +
                              std::string(to_string(communities.role)),
                          "choose the communities (小区) layer, or set its role in renoplan.json");
    if (params.consent_mode != "civil-code" && params.consent_mode != "double-two-thirds")
        throw ConfigError(context, "unknown consent_mode '" + params.consent_mode + "'",
                          "use double-two-thirds or civil-code");

    EligibilityInputs eligibility;
    eligibility.year_min = canonical(communities, "built_year_min");
    eligibility.year_max = canonical(communities, "built_year_max");
    eligibility.year_approx = canonical(communities, "built_year_approx");
    eligibility.year_source = source_of(communities, "built_year");
    eligibility.self_built = canonical(communities, "self_built");
    eligibility.expropriation = canonical(communities, "expropriation_planned");

    ConsentInputs consent;
    consent.agree[0][0] = canonical(communities, "consent_area_pct");
    consent.agree[0][1] = canonical(communities, "consent_owner_pct");
    consent.agree[1][0] = canonical(communities, "vote_area_pct");
    consent.agree[1][1] = canonical(communities, "vote_owner_pct");
    consent.participation[0] = canonical(communities, "participation_area_pct");
    consent.participation[1] = canonical(communities, "participation_owner_pct");
    const ConsentRule rule(params);

    const size_t n = communities.size();
    progress.set_stage("eligibility", n);
    std::vector<CommunityStatus> out(n);
    constexpr size_t kChunk = 4096;
    for (size_t begin = 0; begin < n; begin += kChunk) {
        progress.throw_if_cancelled();
        const size_t end = std::min(n, begin + kChunk);
        for (size_t row = begin; row < end; ++row) {
            CommunityStatus& status = out[row];
            status.reasons.reserve(2);
            assess_eligibility(eligibility, params, row, status);
            assess_consent(consent, rule, row, status);
        }
        progress.advance(end - begin);
    }
    return out;
}

std::string_view to_string(Eligibility eligibility) {
    switch (eligibility) {
    case Eligibility::Yes:
        return "yes";
    case Eligibility::No:
        return "no";
    case Eligibility::Unknown:
        return "unknown";
    }
    return "unknown";
}

std::string_view label_zh(Eligibility eligibility) {
    switch (eligibility) {
    case Eligibility::Yes:
        return "是";
    case Eligibility::No:
        return "否";
    case Eligibility::Unknown:
        return "待核实";
    }
    return "待核实";
}

std::string_view to_string(ConsentStage stage) {
    switch (stage) {
    case ConsentStage::NoData:
        return "no_data";
    case ConsentStage::NotReached:
        return "not_reached";
    case ConsentStage::MayApply:
        return "may_apply";
    case ConsentStage::MayImplement:
        return "may_implement";
    }
    return "no_data";
}

std::string_view label_zh(ConsentStage stage) {
    switch (stage) {
    case ConsentStage::NoData:
        return "无数据";
    case ConsentStage::NotReached:
        return "未达到";
    case ConsentStage::MayApply:
        return "可申请";
    case ConsentStage::MayImplement:
        return "可实施";
    }
    return "无数据";
}

} // namespace renoplan::analysis
