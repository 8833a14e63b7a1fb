// Eligibility and consent stage of communities: survey tables as planners receive them (Chinese
// field names, years as typed, shares as 0-100 numbers or text), bound by ingest::bind_fields.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "geo/analysis/eligibility.hpp"
#include "geo/core/error.hpp"
#include "geo/ingest/fields.hpp"
#include "geo/ingest/ingest.hpp"
#include "support/columns.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::analysis;
namespace rt = renoplan::test;

namespace {

using renoplan::test::column;
using renoplan::test::V;

// A communities layer with these source columns, bound to canonical fields as the loader does.
Layer communities(std::vector<Column> columns, Role role = Role::Communities) {
    Layer layer;
    layer.name = "小区";
    layer.role = role;
    layer.source.path = "/data/suining.gpkg";
    const size_t n = columns.empty() ? 0 : columns.front().size();
    for (size_t i = 0; i < n; ++i)
        layer.fids.push_back(static_cast<int64_t>(1 + i));
    layer.attributes = std::move(columns);
    Diagnostics diagnostics;
    ingest::bind_fields(layer, {}, diagnostics);
    return layer;
}

std::vector<CommunityStatus> assess(const Layer& layer, const PlanParams& params = {}) {
    Progress progress;
    return assess_communities(layer, params, progress);
}

std::vector<std::string> codes(const std::vector<Reason>& reasons) {
    std::vector<std::string> out;
    for (const auto& r : reasons)
        out.push_back(r.code);
    return out;
}

const Reason* find_reason(const std::vector<Reason>& reasons, const std::string& code) {
    for (const auto& r : reasons)
        if (r.code == code) return &r;
    return nullptr;
}

// A one-column year table.
std::vector<CommunityStatus> by_year(const std::vector<V>& years, const PlanParams& params = {}) {
    return assess(communities({column("建成年代", ColumnType::String, years)}), params);
}

} // namespace

//-------------------------------------------------------------------------------------------------
// Eligibility
//-------------------------------------------------------------------------------------------------

TEST_CASE("eligibility: built 1999 yes, 2000 no (the cutoff year itself excluded), 2001 no",
          "[eligibility]") {
    const auto s = by_year({"1999", "2000年", "2001", "1998年"});
    REQUIRE(s.size() == 4);
    CHECK(s[0].eligible == Eligibility::Yes);
    CHECK_FALSE(s[0].approximate);
    REQUIRE(codes(s[0].reasons) == std::vector<std::string>{"built_before_cutoff"});
    CHECK(s[0].reasons[0].text_zh == "建成于1999年，早于2000年");
    CHECK(s[0].reasons[0].text_en == "built in 1999, before 2000");

    CHECK(s[1].eligible == Eligibility::No);
    CHECK_FALSE(s[1].approximate);
    REQUIRE(codes(s[1].reasons) == std::vector<std::string>{"built_not_before_cutoff"});
    CHECK_THAT(s[1].reasons[0].text_zh, Catch::StartsWith("建成于2000年，不早于2000年"));
    CHECK_THAT(s[1].reasons[0].text_en, Catch::Contains("itself is excluded"));

    CHECK(s[2].eligible == Eligibility::No);
    CHECK(s[2].reasons[0].text_zh == "建成于2001年，晚于2000年");
    CHECK(s[2].reasons[0].text_en == "built in 2001, after 2000");

    CHECK(s[3].eligible == Eligibility::Yes);
    CHECK(s[3].reasons[0].text_zh == "建成于1998年，早于2000年");
}

TEST_CASE("eligibility: the cutoff is a parameter; at 2005 a community of 2001 is eligible",
          "[eligibility]") {
    PlanParams params;
    params.cutoff_year = 2005;
    const auto s = by_year({"2001", "2005", "1995-2004", "1995-2005"}, params);
    CHECK(s[0].eligible == Eligibility::Yes);
    CHECK(s[0].reasons[0].text_zh == "建成于2001年，早于2005年");
    CHECK(s[1].eligible == Eligibility::No);
    CHECK(s[2].eligible == Eligibility::Yes);
    CHECK(s[2].approximate);
    CHECK(s[3].eligible == Eligibility::Unknown);
    // the same rows under the default cutoff
    const auto d = by_year({"2001", "2005", "1995-2004", "1995-2005"});
    CHECK(d[0].eligible == Eligibility::No);
    CHECK(d[2].eligible == Eligibility::Unknown);
}

TEST_CASE("eligibility: approximate years decide when the whole range is on one side",
          "[eligibility]") {
    const auto s = by_year({"90年代", "约1995", "1995-2005", "00年代", "2000年以前", "80年代末"});
    SECTION("90年代 -> 1990..1999: yes, approximate") {
        CHECK(s[0].eligible == Eligibility::Yes);
        CHECK(s[0].approximate);
        REQUIRE(codes(s[0].reasons) == std::vector<std::string>{"built_before_cutoff"});
        CHECK(s[0].reasons[0].text_zh == "约1990–1999年（90年代），早于2000年（按近似年份判断）");
        CHECK(s[0].reasons[0].text_en ==
              "about 1990–1999 (90年代), before 2000 (judged on an approximate year)");
    }
    SECTION("约1995: yes, approximate, the source words not repeated") {
        CHECK(s[1].eligible == Eligibility::Yes);
        CHECK(s[1].approximate);
        CHECK(s[1].reasons[0].text_zh == "约1995年，早于2000年（按近似年份判断）");
    }
    SECTION("1995-2005 straddles 2000: unknown, the reason names the range") {
        CHECK(s[2].eligible == Eligibility::Unknown);
        CHECK_FALSE(s[2].approximate);
        REQUIRE(codes(s[2].reasons) == std::vector<std::string>{"built_year_straddles_cutoff"});
        CHECK_THAT(s[2].reasons[0].text_zh,
                   Catch::Contains("1995–2005") && Catch::Contains("无法判断是否早于2000年"));
        CHECK_THAT(s[2].reasons[0].text_en,
                   Catch::Contains("1995–2005") && Catch::Contains("straddles 2000"));
    }
    SECTION("00年代 -> 2000..2009: no, approximate") {
        CHECK(s[3].eligible == Eligibility::No);
        CHECK(s[3].approximate);
        CHECK(s[3].reasons[0].code == "built_not_before_cutoff");
        CHECK_THAT(s[3].reasons[0].text_zh, Catch::Contains("约2000–2009年（00年代）"));
    }
    SECTION("2000年以前 and 80年代末: yes, approximate") {
        CHECK(s[4].eligible == Eligibility::Yes);
        CHECK(s[4].approximate);
        CHECK(s[5].eligible == Eligibility::Yes);
        CHECK_THAT(s[5].reasons[0].text_zh, Catch::Contains("约1987–1989年（80年代末）"));
    }
}

TEST_CASE("eligibility: a missing or unreadable year is unknown, never a silent no",
          "[eligibility]") {
    const auto s = by_year({"", V(), "不详", "1995"});
    for (size_t i : {0u, 1u}) {
        CHECK(s[i].eligible == Eligibility::Unknown);
        REQUIRE(codes(s[i].reasons) == std::vector<std::string>{"built_year_missing"});
        CHECK(s[i].reasons[0].text_zh == "建成年份缺失，无法判断");
        CHECK(s[i].reasons[0].text_en == "built year missing: cannot decide");
    }
    CHECK(s[2].eligible == Eligibility::Unknown);
    REQUIRE(codes(s[2].reasons) == std::vector<std::string>{"built_year_unreadable"});
    CHECK_THAT(s[2].reasons[0].text_zh, Catch::Contains("不详"));

    SECTION("a DBF's numeric 0 is a missing year") {
        const auto z = assess(communities({column("建成年份", ColumnType::Int64, {0, 1990})}));
        CHECK(z[0].eligible == Eligibility::Unknown);
        CHECK(codes(z[0].reasons) == std::vector<std::string>{"built_year_missing"});
        CHECK(z[1].eligible == Eligibility::Yes);
    }
    SECTION("a layer without a year field") {
        const auto n = assess(communities({column("小区名称", ColumnType::String, {"凯旋小区"})}));
        CHECK(n[0].eligible == Eligibility::Unknown);
        CHECK(codes(n[0].reasons) == std::vector<std::string>{"built_year_no_field"});
    }
    SECTION("every status has a reason") {
        for (const auto& st : s)
            CHECK_FALSE(st.reasons.empty());
    }
}

TEST_CASE("eligibility: self-built and expropriation exclude whatever the year, all reasons listed",
          "[eligibility]") {
    const Layer layer = communities({
        column("建成年代", ColumnType::String,
               {"1995", "1995年", "1995", "2005", "", "1995", "1995"}),
        column("是否自建房", ColumnType::String, {"是", "否", "是", "是", "是", V(), ""}),
        column("是否拟征收", ColumnType::String, {"否", "是", "是", "否", "否", V(), "否"}),
    });
    const auto s = assess(layer);
    SECTION("1995 and self-built: no, with both reasons, the exclusion first") {
        CHECK(s[0].eligible == Eligibility::No);
        CHECK(codes(s[0].reasons) == std::vector<std::string>{"self_built", "built_before_cutoff"});
        CHECK(s[0].reasons[0].text_zh == "以居民自建房为主，不纳入改造");
    }
    SECTION("planned for expropriation: no") {
        CHECK(s[1].eligible == Eligibility::No);
        CHECK(codes(s[1].reasons) ==
              std::vector<std::string>{"expropriation_planned", "built_before_cutoff"});
        CHECK_THAT(s[1].reasons[0].text_zh, Catch::Contains("征收"));
    }
    SECTION("both exclusions and a year") {
        CHECK(s[2].eligible == Eligibility::No);
        CHECK(codes(s[2].reasons) == std::vector<std::string>{"expropriation_planned", "self_built",
                                                              "built_before_cutoff"});
    }
    SECTION("self-built and too new: both reasons") {
        CHECK(s[3].eligible == Eligibility::No);
        CHECK(codes(s[3].reasons) ==
              std::vector<std::string>{"self_built", "built_not_before_cutoff"});
    }
    SECTION("self-built without a year: no (the exclusion decides), the missing year still said") {
        CHECK(s[4].eligible == Eligibility::No);
        CHECK(codes(s[4].reasons) == std::vector<std::string>{"self_built", "built_year_missing"});
    }
    SECTION("flags not stated exclude nothing") {
        CHECK(s[5].eligible == Eligibility::Yes);
        CHECK(codes(s[5].reasons) == std::vector<std::string>{"built_before_cutoff"});
        CHECK(s[6].eligible == Eligibility::Yes);
    }
    SECTION("exclusions switched off by parameter are still said") {
        PlanParams params;
        params.exclude_self_built = false;
        params.exclude_expropriation = false;
        const auto t = assess(layer, params);
        CHECK(t[0].eligible == Eligibility::Yes);
        CHECK(codes(t[0].reasons) ==
              std::vector<std::string>{"built_before_cutoff", "self_built_not_excluded"});
        CHECK(t[2].eligible == Eligibility::Yes);
        CHECK(codes(t[2].reasons) == std::vector<std::string>{"built_before_cutoff",
                                                              "expropriation_not_excluded",
                                                              "self_built_not_excluded"});
    }
}

//-------------------------------------------------------------------------------------------------
// Consent: the source's double two-thirds
//-------------------------------------------------------------------------------------------------

TEST_CASE("share_reaches compares at 0.01 percentage point", "[eligibility]") {
    const double two_thirds = 2.0 / 3.0;
    CHECK(share_reaches(0.6667, two_thirds));
    CHECK(share_reaches(66.67 / 100.0, two_thirds));
    CHECK(share_reaches(200.0 / 3.0 / 100.0, two_thirds));
    CHECK(share_reaches(66.6666667 / 100.0, two_thirds));
    CHECK(share_reaches(two_thirds, two_thirds));
    CHECK_FALSE(share_reaches(0.6666, two_thirds));
    CHECK_FALSE(share_reaches(66.66 / 100.0, two_thirds));
    CHECK_FALSE(share_reaches(0.666, two_thirds));
    // one owner short of two thirds in a community of 300: 199/300
    CHECK_FALSE(share_reaches(199.0 / 300.0, two_thirds));
    CHECK(share_reaches(0.75, 0.75));
    CHECK_FALSE(share_reaches(0.7499, 0.75));
}

TEST_CASE("consent: exactly two thirds qualifies (66.67 %, 200/3 %, 2/3, 0.6667), 66.66 % does not",
          "[eligibility]") {
    SECTION("0-100 number columns") {
        const Layer layer = communities({
            column("建成年代", ColumnType::String, {"1995", "1995", "1995", "1995", "1995"}),
            column("同意面积比例", ColumnType::Real, {66.67, 200.0 / 3.0, 66.66, 70.0, 80.0}),
            column("同意户数比例", ColumnType::Real, {66.67, 66.6666667, 70.0, 61.2, 66.666}),
        });
        const auto s = assess(layer);
        CHECK(s[0].consent == ConsentStage::MayApply);
        CHECK(codes(s[0].consent_reasons) ==
              std::vector<std::string>{"application_area_reached", "application_owner_reached"});
        CHECK(s[0].consent_reasons[0].text_zh == "同意面积比例 66.67%，达到三分之二");
        CHECK(s[0].consent_reasons[0].text_en ==
              "consent by floor area 66.67%, reaches two thirds");
        CHECK(s[1].consent == ConsentStage::MayApply);
        // 66.66 %: short by 0.01 point
        CHECK(s[2].consent == ConsentStage::NotReached);
        const Reason* area = find_reason(s[2].consent_reasons, "application_area_short");
        REQUIRE(area);
        CHECK(area->text_zh == "同意面积比例 66.66%，低于三分之二（差0.01个百分点）");
        // 66.666 % rounds to 66.67 %: two thirds up to rounding
        CHECK(s[4].consent == ConsentStage::MayApply);
    }
    SECTION("text columns: fractions, percent and Chinese fractions") {
        const Layer layer = communities({
            column("建成年代", ColumnType::String, {"1995", "1995", "1995", "1995", "1995"}),
            column("同意面积比例", ColumnType::String,
                   {"2/3", "0.6667", "66.67%", "66.66%", "0.666"}),
            column("同意户数比例", ColumnType::String, {"三分之二", "2/3", "0.6667", "2/3", "2/3"}),
        });
        const auto s = assess(layer);
        CHECK(s[0].consent == ConsentStage::MayApply);
        CHECK(s[1].consent == ConsentStage::MayApply);
        CHECK(s[2].consent == ConsentStage::MayApply);
        CHECK(s[3].consent == ConsentStage::NotReached);
        CHECK(s[4].consent == ConsentStage::NotReached);
        CHECK_THAT(s[4].consent_reasons[0].text_zh, Catch::Contains("66.6%"));
    }
}

TEST_CASE("consent: the area reaches two thirds but the owners fall short -> not reached, naming "
          "the owner share",
          "[eligibility]") {
    const Layer layer = communities({
        column("建成年代", ColumnType::String, {"1995", "1995"}),
        column("同意面积比例", ColumnType::Real, {72.5, 50.0}),
        column("同意户数比例", ColumnType::Real, {61.2, 90.0}),
    });
    const auto s = assess(layer);
    CHECK(s[0].consent == ConsentStage::NotReached);
    CHECK(codes(s[0].consent_reasons) ==
          std::vector<std::string>{"application_area_reached", "application_owner_short"});
    CHECK(s[0].consent_reasons[1].text_zh == "同意户数比例 61.2%，低于三分之二（差5.47个百分点）");
    CHECK(s[0].consent_reasons[1].text_en ==
          "consent by owners 61.2%, below two thirds (5.47 points short)");
    CHECK(s[1].consent == ConsentStage::NotReached);
    CHECK(find_reason(s[1].consent_reasons, "application_area_short"));
    CHECK_FALSE(s[1].consent_assumed);
}

TEST_CASE("consent: no figures -> no data; one share missing leaves the decision open",
          "[eligibility]") {
    SECTION("blank figures") {
        const Layer layer = communities({
            column("建成年代", ColumnType::String, {"1995", "1995", "1995"}),
            column("同意面积比例", ColumnType::Real, {V(), 70.0, 50.0}),
            column("同意户数比例", ColumnType::String, {"", V(), ""}),
        });
        const auto s = assess(layer);
        CHECK(s[0].consent == ConsentStage::NoData);
        CHECK(codes(s[0].consent_reasons) == std::vector<std::string>{"consent_no_data"});
        // area passes, owners not surveyed: not decided
        CHECK(s[1].consent == ConsentStage::NoData);
        CHECK(codes(s[1].consent_reasons) ==
              std::vector<std::string>{"application_area_reached", "application_owner_missing"});
        // area already fails: not reached whatever the owners say
        CHECK(s[2].consent == ConsentStage::NotReached);
    }
    SECTION("a table without consent fields") {
        const auto s = by_year({"1995"});
        CHECK(s[0].consent == ConsentStage::NoData);
        CHECK(codes(s[0].consent_reasons) == std::vector<std::string>{"consent_no_field"});
    }
    SECTION("a share above 100 % is no figure (the parser leaves it empty)") {
        const Layer layer = communities({column("建成年代", ColumnType::String, {"1995"}),
                                         column("同意面积比例", ColumnType::String, {"120%"}),
                                         column("同意户数比例", ColumnType::String, {"80%"})});
        const auto s = assess(layer);
        CHECK(s[0].consent == ConsentStage::NoData);
        CHECK(codes(s[0].consent_reasons) ==
              std::vector<std::string>{"application_area_missing", "application_owner_reached"});
    }
}

TEST_CASE("consent: the thresholds are parameters", "[eligibility]") {
    const Layer layer = communities({column("建成年代", ColumnType::String, {"1995"}),
                                     column("同意面积比例", ColumnType::Real, {70.0}),
                                     column("同意户数比例", ColumnType::Real, {80.0})});
    PlanParams params;
    params.consent_area_share = 0.75;
    const auto s = assess(layer, params);
    CHECK(s[0].consent == ConsentStage::NotReached);
    CHECK(s[0].consent_reasons[0].text_zh == "同意面积比例 70%，低于四分之三（差5个百分点）");
    params.consent_area_share = 0.7;
    CHECK(assess(layer, params)[0].consent == ConsentStage::MayApply);
    params.consent_owner_share = 0.81;
    const auto t = assess(layer, params);
    CHECK(t[0].consent == ConsentStage::NotReached);
    CHECK_THAT(t[0].consent_reasons[1].text_zh, Catch::Contains("低于81%"));
}

TEST_CASE("consent: vote figures that pass -> may implement", "[eligibility]") {
    const Layer layer = communities({
        column("建成年代", ColumnType::String, {"1995", "1995", "1995", "1995"}),
        column("同意面积比例", ColumnType::Real, {80.0, 80.0, V(), 50.0}),
        column("同意户数比例", ColumnType::Real, {85.0, 85.0, V(), 50.0}),
        column("表决同意面积比例", ColumnType::Real, {70.0, 60.0, 60.0, V()}),
        column("表决同意人数比例", ColumnType::Real, {200.0 / 3.0, 90.0, 90.0, V()}),
    });
    const auto s = assess(layer);
    CHECK(s[0].consent == ConsentStage::MayImplement);
    CHECK(codes(s[0].consent_reasons) ==
          std::vector<std::string>{"vote_area_reached", "vote_owner_reached",
                                   "application_area_reached", "application_owner_reached"});
    CHECK(s[0].consent_reasons[0].text_zh == "表决同意面积比例 70%，达到三分之二");
    // the vote fell short after the application passed: may apply, and the reasons say why not more
    CHECK(s[1].consent == ConsentStage::MayApply);
    CHECK(codes(s[1].consent_reasons) ==
          std::vector<std::string>{"application_area_reached", "application_owner_reached",
                                   "vote_area_short", "vote_owner_reached"});
    // only a failed vote on record
    CHECK(s[2].consent == ConsentStage::NotReached);
    CHECK(s[2].consent_reasons[0].code == "vote_area_short");
    CHECK(s[3].consent == ConsentStage::NotReached);
}

//-------------------------------------------------------------------------------------------------
// Consent: Civil Code art. 278
//-------------------------------------------------------------------------------------------------

TEST_CASE("consent, civil-code mode with participation figures", "[eligibility]") {
    PlanParams params;
    params.consent_mode = "civil-code";
    const Layer layer = communities({
        column("建成年代", ColumnType::String, {"1995", "1995", "1995", "1995", "1995"}),
        column("同意面积比例", ColumnType::Real, {55.0, 55.0, 50.0, 50.0, 80.0}),
        column("同意户数比例", ColumnType::Real, {60.0, 45.0, 55.0, 55.0, 60.0}),
        column("参与表决面积比例", ColumnType::Real, {70.0, 60.0, 70.0, 66.67, 70.0}),
        column("参与表决人数比例", ColumnType::Real, {72.0, 60.0, 72.0, 72.0, 72.0}),
    });
    const auto s = assess(layer, params);
    SECTION("quorum and three quarters of participants: may apply") {
        CHECK(s[0].consent == ConsentStage::MayApply);
        CHECK_FALSE(s[0].consent_assumed);
        CHECK(codes(s[0].consent_reasons) ==
              std::vector<std::string>{
                  "application_area_quorum_reached", "application_area_approval_reached",
                  "application_owner_quorum_reached", "application_owner_approval_reached"});
        // 55 / 70 = 78.57 %
        CHECK_THAT(s[0].consent_reasons[1].text_zh,
                   Catch::Contains("78.57%") && Catch::Contains("达到四分之三"));
    }
    SECTION("participation below two thirds: not reached") {
        CHECK(s[1].consent == ConsentStage::NotReached);
        const Reason* quorum = find_reason(s[1].consent_reasons, "application_area_quorum_short");
        REQUIRE(quorum);
        CHECK(quorum->text_zh == "参与表决面积比例 60%，低于三分之二（差6.67个百分点）");
    }
    SECTION("quorum met, too few of the participants agree: not reached") {
        // 50 / 70 = 71.43 %
        CHECK(s[2].consent == ConsentStage::NotReached);
        const Reason* approval =
            find_reason(s[2].consent_reasons, "application_area_approval_short");
        REQUIRE(approval);
        CHECK_THAT(approval->text_zh, Catch::Contains("71.43%") && Catch::Contains("低于四分之三"));
    }
    SECTION("exactly two thirds take part and exactly three quarters of them agree: passes") {
        // 50 / 66.67 = 74.996 %, three quarters up to rounding
        CHECK(s[3].consent == ConsentStage::MayApply);
    }
    SECTION("more agree than take part: the figures contradict each other") {
        CHECK(s[4].consent == ConsentStage::NoData);
        CHECK(find_reason(s[4].consent_reasons, "application_area_invalid"));
    }
    SECTION("the same table under the source's rule ignores participation") {
        const auto d = assess(layer);
        CHECK(d[0].consent == ConsentStage::NotReached);
        CHECK(d[4].consent == ConsentStage::NotReached);
        CHECK(codes(d[0].consent_reasons) ==
              std::vector<std::string>{"application_area_short", "application_owner_short"});
    }
}

TEST_CASE("consent, civil-code mode without participation figures", "[eligibility]") {
    PlanParams params;
    params.consent_mode = "civil-code";
    const Layer layer = communities({
        column("建成年代", ColumnType::String, {"1995", "1995", "1995", "1995"}),
        column("同意面积比例", ColumnType::Real, {80.0, 55.0, 45.0, 50.0}),
        column("同意户数比例", ColumnType::Real, {75.0, 60.0, 90.0, 50.0}),
    });
    const auto s = assess(layer, params);
    SECTION("three quarters of the whole pass whatever the participation") {
        CHECK(s[0].consent == ConsentStage::MayApply);
        CHECK_FALSE(s[0].consent_assumed);
        CHECK(codes(s[0].consent_reasons) ==
              std::vector<std::string>{"application_area_reached", "application_owner_reached"});
    }
    SECTION("between a half and three quarters: passes only if participation was at the quorum") {
        CHECK(s[1].consent == ConsentStage::MayApply);
        CHECK(s[1].consent_assumed);
        CHECK(codes(s[1].consent_reasons) ==
              std::vector<std::string>{"application_area_assumed", "application_owner_assumed"});
        // 55 / 66.67 = 82.5 % of participants
        CHECK_THAT(s[1].consent_reasons[0].text_zh, Catch::Contains("无参与表决数据") &&
                                                        Catch::Contains("82.5%") &&
                                                        Catch::Contains("三分之二×四分之三＝50%"));
        CHECK_THAT(s[1].consent_reasons[0].text_en, Catch::Contains("most favourable case"));
        // exactly half: two thirds x three quarters
        CHECK(s[3].consent == ConsentStage::MayApply);
        CHECK(s[3].consent_assumed);
    }
    SECTION("below half of the whole cannot pass") {
        CHECK(s[2].consent == ConsentStage::NotReached);
        CHECK_FALSE(s[2].consent_assumed);
        CHECK(s[2].consent_reasons[0].code == "application_area_short");
        CHECK_THAT(s[2].consent_reasons[0].text_zh, Catch::Contains("差5个百分点"));
    }
    SECTION("the approval threshold is a parameter") {
        PlanParams p = params;
        p.civil_code_approval = 0.9; // 2/3 x 0.9 = 60 %
        const auto t = assess(layer, p);
        CHECK(t[1].consent == ConsentStage::NotReached);
        CHECK(t[0].consent == ConsentStage::MayApply);
        CHECK(t[0].consent_assumed); // 80 % and 75 % are below 90 %
    }
}

TEST_CASE("consent, civil-code mode: participation belongs to the vote when the row has one",
          "[eligibility]") {
    PlanParams params;
    params.consent_mode = "civil-code";
    const Layer layer = communities({
        column("建成年代", ColumnType::String, {"1995", "1995"}),
        column("同意面积比例", ColumnType::Real, {60.0, 60.0}),
        column("同意户数比例", ColumnType::Real, {60.0, 60.0}),
        column("表决同意面积比例", ColumnType::Real, {60.0, V()}),
        column("表决同意人数比例", ColumnType::Real, {60.0, V()}),
        column("参与表决面积比例", ColumnType::Real, {90.0, 90.0}),
        column("参与表决人数比例", ColumnType::Real, {90.0, 90.0}),
    });
    const auto s = assess(layer, params);
    // row 0: the vote (60 of 90 = 66.67 % of participants) fails; the application, without its
    // own participation figure, passes on the assumed quorum
    CHECK(s[0].consent == ConsentStage::MayApply);
    CHECK(s[0].consent_assumed);
    CHECK(find_reason(s[0].consent_reasons, "vote_area_approval_short"));
    CHECK(find_reason(s[0].consent_reasons, "application_area_assumed"));
    // row 1: the participation is the application's
    CHECK(s[1].consent == ConsentStage::NotReached);
    CHECK(find_reason(s[1].consent_reasons, "application_area_approval_short"));
}

//-------------------------------------------------------------------------------------------------
// Contract: errors, progress, words
//-------------------------------------------------------------------------------------------------

TEST_CASE("assess_communities: wrong layer, unknown mode, progress and cancel", "[eligibility]") {
    const Layer layer = communities({column("建成年代", ColumnType::String, {"1995", "2005"})});
    SECTION("a layer of another role is refused") {
        const Layer roads =
            communities({column("建成年代", ColumnType::String, {"1995"})}, Role::Roads);
        CHECK_THROWS_AS(assess(roads), ConfigError);
    }
    SECTION("an unknown consent mode is refused") {
        PlanParams params;
        params.consent_mode = "unanimous";
        CHECK_THROWS_AS(assess(layer, params), ConfigError);
    }
    SECTION("progress") {
        Progress progress;
        const auto s = assess_communities(layer, PlanParams{}, progress);
        CHECK(s.size() == 2);
        const auto snap = progress.snapshot();
        CHECK(snap.stage == "eligibility");
        CHECK(snap.total == 2);
        CHECK(snap.done == 2);
    }
    SECTION("cancel") {
        Progress progress;
        progress.cancel();
        CHECK_THROWS_AS(assess_communities(layer, PlanParams{}, progress), Cancelled);
    }
    SECTION("an empty layer") {
        CHECK(assess(communities({column("建成年代", ColumnType::String, {})})).empty());
    }
}

TEST_CASE("eligibility and consent words", "[eligibility]") {
    CHECK(to_string(Eligibility::Yes) == "yes");
    CHECK(to_string(Eligibility::No) == "no");
    CHECK(to_string(Eligibility::Unknown) == "unknown");
    CHECK(label_zh(Eligibility::Yes) == "是");
    CHECK(label_zh(Eligibility::No) == "否");
    CHECK(label_zh(Eligibility::Unknown) == "待核实");
    CHECK(to_string(ConsentStage::NoData) == "no_data");
    CHECK(to_string(ConsentStage::NotReached) == "not_reached");
    CHECK(to_string(ConsentStage::MayApply) == "may_apply");
    CHECK(to_string(ConsentStage::MayImplement) == "may_implement");
    CHECK(label_zh(ConsentStage::MayApply) == "可申请");
    CHECK(label_zh(ConsentStage::MayImplement) == "可实施");
    CHECK(label_zh(ConsentStage::NotReached) == "未达到");
    CHECK(label_zh(ConsentStage::NoData) == "无数据");
}

//-------------------------------------------------------------------------------------------------
// The demo town, against a count made here from the raw source columns
//-------------------------------------------------------------------------------------------------

namespace {

// The forms the demo's 建成年代 holds ("1995", "1995年", "约1996年", "2005.0", "90年代", blank),
// read without the ingest parsers: {lo, hi}, or nullopt when blank or unknown.
std::optional<std::pair<int, int>> demo_year(std::string s) {
    auto strip = [&](const std::string& affix, bool front) {
        if (front && s.rfind(affix, 0) == 0) s.erase(0, affix.size());
        if (!front && s.size() >= affix.size() &&
            s.compare(s.size() - affix.size(), affix.size(), affix) == 0)
            s.erase(s.size() - affix.size());
    };
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    if (s.empty()) return std::nullopt;
    strip("约", true);
    if (s.size() > 6 && s.compare(s.size() - 6, 6, "年代") == 0) { // "90年代"
        const int decade = std::stoi(s.substr(0, s.size() - 6));
        const int lo = (decade >= 30 ? 1900 : 2000) + decade;
        return std::make_pair(lo, lo + 9);
    }
    strip("年", false);
    strip(".0", false);
    if (s.size() != 4 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int y = std::stoi(s);
    return std::make_pair(y, y);
}

// A 0-100 share that is at least 2/3 once rounded to two decimals, as the tables write it.
bool demo_two_thirds(double pct) {
    return pct >= 66.665;
}

} // namespace

TEST_CASE("eligibility on the demo town matches a count from the raw 建成年代", "[eligibility]") {
    ingest::LoadOptions options;
    options.sources = {rt::sample("suining-demo.gpkg").string()};
    options.layers = {"小区"};
    Progress load_progress;
    const Dataset ds = ingest::load_dataset(options, load_progress);
    const Layer* layer = ds.first_with_role(Role::Communities);
    REQUIRE(layer);
    REQUIRE(layer->size() == 300);
    const int year_col = layer->find_attribute("建成年代");
    const int self_col = layer->find_attribute("是否自建房");
    const int expr_col = layer->find_attribute("是否拟征收");
    const int area_col = layer->find_attribute("同意面积比例");
    const int owner_col = layer->find_attribute("同意户数比例");
    REQUIRE(year_col >= 0);
    REQUIRE(self_col >= 0);
    REQUIRE(expr_col >= 0);
    REQUIRE(area_col >= 0);
    REQUIRE(owner_col >= 0);
    const Column& year = layer->attributes[static_cast<size_t>(year_col)];
    const Column& self = layer->attributes[static_cast<size_t>(self_col)];
    const Column& expr = layer->attributes[static_cast<size_t>(expr_col)];
    const Column& area = layer->attributes[static_cast<size_t>(area_col)];
    const Column& owner = layer->attributes[static_cast<size_t>(owner_col)];

    Progress progress;
    const auto status = assess_communities(*layer, PlanParams{}, progress);
    REQUIRE(status.size() == layer->size());

    size_t expected[3] = {0, 0, 0}, got[3] = {0, 0, 0}, approximate = 0, mismatches = 0;
    size_t consent_expected[4] = {0, 0, 0, 0}, consent_got[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < layer->size(); ++i) {
        const auto y = year.is_null(i) ? std::nullopt : demo_year(std::string(year.get_string(i)));
        const bool excluded = (!self.is_null(i) && self.get_string(i) == "是") ||
                              (!expr.is_null(i) && expr.get_string(i) == "是");
        Eligibility e = Eligibility::Unknown;
        if (excluded)
            e = Eligibility::No;
        else if (y && y->second < 2000)
            e = Eligibility::Yes;
        else if (y && y->first >= 2000)
            e = Eligibility::No;
        ++expected[static_cast<int>(e)];
        ++got[static_cast<int>(status[i].eligible)];
        if (status[i].approximate) ++approximate;
        if (e != status[i].eligible) {
            ++mismatches;
            UNSCOPED_INFO("fid " << layer->fids[i] << " '" << year.to_text(i) << "': expected "
                                 << to_string(e) << ", got " << to_string(status[i].eligible));
        }
        CHECK_FALSE(status[i].reasons.empty());

        ConsentStage c = ConsentStage::NoData;
        if (!area.is_null(i) && !owner.is_null(i))
            c = demo_two_thirds(area.get_real(i)) && demo_two_thirds(owner.get_real(i))
                    ? ConsentStage::MayApply
                    : ConsentStage::NotReached;
        else if ((!area.is_null(i) && !demo_two_thirds(area.get_real(i))) ||
                 (!owner.is_null(i) && !demo_two_thirds(owner.get_real(i))))
            c = ConsentStage::NotReached;
        ++consent_expected[static_cast<int>(c)];
        ++consent_got[static_cast<int>(status[i].consent)];
        if (c != status[i].consent) {
            ++mismatches;
            UNSCOPED_INFO("fid " << layer->fids[i] << " consent " << area.to_text(i) << " / "
                                 << owner.to_text(i) << ": expected " << to_string(c) << ", got "
                                 << to_string(status[i].consent));
        }
    }
    CHECK(mismatches == 0);
    CHECK(got[0] == expected[0]);
    CHECK(got[1] == expected[1]);
    CHECK(got[2] == expected[2]);
    // the demo is built so that all outcomes occur (README: ~70 % before 2000, ~7 % blank)
    CHECK(expected[static_cast<int>(Eligibility::Yes)] > 150);
    CHECK(expected[static_cast<int>(Eligibility::No)] > 30);
    CHECK(expected[static_cast<int>(Eligibility::Unknown)] > 10);
    CHECK(approximate > 10);
    CHECK(consent_got[static_cast<int>(ConsentStage::MayApply)] ==
          consent_expected[static_cast<int>(ConsentStage::MayApply)]);
    CHECK(consent_got[static_cast<int>(ConsentStage::NotReached)] ==
          consent_expected[static_cast<int>(ConsentStage::NotReached)]);
    CHECK(consent_got[static_cast<int>(ConsentStage::NoData)] ==
          consent_expected[static_cast<int>(ConsentStage::NoData)]);
    CHECK(consent_expected[static_cast<int>(ConsentStage::MayApply)] > 50);
    CHECK(consent_expected[static_cast<int>(ConsentStage::NotReached)] > 20);
}

//-------------------------------------------------------------------------------------------------
// Speed (hidden: run with `renoplan_tests "[perf]"`)
//-------------------------------------------------------------------------------------------------

TEST_CASE("eligibility of 100,000 communities", "[.][perf]") {
    const size_t n = 100000;
    const char* years[] = {"1995", "1998年", "90年代", "2003", "", "1995-2005", "约1996年"};
    std::vector<V> y, self, area, owner;
    for (size_t i = 0; i < n; ++i) {
        y.emplace_back(years[i % 7]);
        self.emplace_back(i % 31 == 0 ? "是" : "否");
        area.emplace_back(55.0 + static_cast<double>(i % 40));
        owner.emplace_back(i % 17 == 0 ? V() : V(60.0 + static_cast<double>(i % 35)));
    }
    const Layer layer = communities({column("建成年代", ColumnType::String, y),
                                     column("是否自建房", ColumnType::String, self),
                                     column("同意面积比例", ColumnType::Real, area),
                                     column("同意户数比例", ColumnType::Real, owner)});
    // CPU time of this thread as well as wall time: on a loaded machine the wall time says more
    // about the neighbours than about the code.
    auto cpu_now = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
    };
    Progress progress;
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_now();
    const auto s = assess_communities(layer, PlanParams{}, progress);
    const double cpu_seconds = cpu_now() - c0;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    WARN("100,000 communities in " << seconds << " s wall, " << cpu_seconds << " s CPU");
    CHECK(s.size() == n);
    CHECK(cpu_seconds < 0.2);
}
