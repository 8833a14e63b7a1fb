#include "geo/analysis/landuse.hpp"

#include <algorithm>
#include <array>

#include "geo/core/text.hpp"

namespace renoplan::analysis {

namespace {

// [SECTION] normalising -----------------------------------------------------------------------

// Trimmed, spaces removed, full-width ASCII folded (Ｒ２２ -> R22), upper-cased; cut at the first
// separator of a mixed code ("R2/B1" -> "R2").
std::string normalise(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        const CodePoint c = decode_utf8(text, i);
        i += c.len;
        char32_t cp = c.cp;
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0; // full-width ASCII
        if (cp == 0x3000 || cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') continue;
        if (cp == '/' || cp == '+' || cp == ',' || cp == ';' || cp == 0x3001 /* 、 */ ||
            cp == '(' || cp == 0xFF08)
            break;
        if (cp >= 'a' && cp <= 'z') cp -= 'a' - 'A';
        append_utf8(out, cp);
    }
    // A numeric code that lost its leading zero in a numeric column (701 -> 0701).
    if (!out.empty() &&
        std::all_of(out.begin(), out.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
        out.size() % 2 == 1)
        out.insert(out.begin(), '0');
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

struct Named {
    std::string_view code;
    LanduseFamily family;
    std::string_view zh;
    std::string_view en;
};

using F = LanduseFamily;

// GB 50137-2011, the codes the review meets; longer codes first so that the longest prefix wins.
// clang-format off
constexpr std::array kGb50137 = {
    Named{"R11", F::Residential, "一类住宅用地", "class-1 housing land"},
    Named{"R12", F::ResidentialService, "一类居住服务设施用地", "class-1 residential service land"},
    Named{"R21", F::Residential, "二类住宅用地", "class-2 housing land"},
    Named{"R22", F::ResidentialService, "二类居住服务设施用地", "class-2 residential service land"},
    Named{"R31", F::Residential, "三类住宅用地", "class-3 housing land"},
    Named{"R32", F::ResidentialService, "三类居住服务设施用地", "class-3 residential service land"},
    Named{"R1", F::Residential, "一类居住用地", "class-1 residential land"},
    Named{"R2", F::Residential, "二类居住用地", "class-2 residential land"},
    Named{"R3", F::Residential, "三类居住用地", "class-3 residential land"},
    Named{"R", F::Residential, "居住用地", "residential land"},
    Named{"A", F::PublicService, "公共管理与公共服务设施用地", "public administration and service land"},
    Named{"B", F::Commercial, "商业服务业设施用地", "commercial and business land"},
    Named{"S1", F::Road, "城市道路用地", "urban road land"},
    Named{"S41", F::OtherTransport, "公共交通场站用地", "public transport station land"},
    Named{"S42", F::PublicParking, "社会停车场用地", "public car park land"},
    Named{"S4", F::TransportStation, "交通场站用地", "transport station land"},
    Named{"S", F::OtherTransport, "道路与交通设施用地", "road and transport land"},
    Named{"U", F::Utility, "公用设施用地", "utility land"},
    Named{"G1", F::ParkGreen, "公园绿地", "park green"},
    Named{"G2", F::ProtectiveGreen, "防护绿地", "protective green"},
    Named{"G3", F::Plaza, "广场用地", "plaza land"},
    Named{"G", F::ParkGreen, "绿地与广场用地", "green and plaza land"},
    Named{"M", F::Other, "工业用地", "industrial land"},
    Named{"W", F::Other, "物流仓储用地", "logistics and storage land"},
    Named{"H", F::Other, "建设用地", "construction land"},
    Named{"E", F::Other, "非建设用地", "non-construction land"},
};

// 国土空间调查、规划、用途管制用地用海分类 (2020 trial / 2023 final).
constexpr std::array kLandSea = {
    Named{"070101", F::Residential, "一类城镇住宅用地", "class-1 urban housing land"},
    Named{"070102", F::Residential, "二类城镇住宅用地", "class-2 urban housing land"},
    Named{"070103", F::Residential, "三类城镇住宅用地", "class-3 urban housing land"},
    Named{"0701", F::Residential, "城镇住宅用地", "urban housing land"},
    Named{"0702", F::ResidentialService, "城镇社区服务设施用地", "urban community service land"},
    Named{"0703", F::Residential, "农村宅基地", "rural homestead"},
    Named{"0704", F::ResidentialService, "农村社区服务设施用地", "rural community service land"},
    Named{"07", F::Residential, "居住用地", "residential land"},
    Named{"080403", F::PublicService, "中小学用地", "school land"},
    Named{"080404", F::PublicService, "幼儿园用地", "kindergarten land"},
    Named{"0804", F::PublicService, "教育用地", "education land"},
    Named{"0806", F::PublicService, "医疗卫生用地", "health land"},
    Named{"0807", F::PublicService, "社会福利用地", "social welfare land"},
    Named{"08", F::PublicService, "公共管理与公共服务用地", "public administration and service land"},
    Named{"0901", F::Commercial, "商业用地", "commercial land"},
    Named{"09", F::Commercial, "商业服务业用地", "commercial and business land"},
    Named{"1207", F::Road, "城镇村道路用地", "road land"},
    Named{"120801", F::OtherTransport, "对外交通场站用地", "intercity transport station land"},
    Named{"120802", F::OtherTransport, "公共交通场站用地", "public transport station land"},
    Named{"120803", F::PublicParking, "社会停车场用地", "public car park land"},
    Named{"1208", F::TransportStation, "交通场站用地", "transport station land"},
    Named{"12", F::OtherTransport, "交通运输用地", "transport land"},
    Named{"13", F::Utility, "公用设施用地", "utility land"},
    Named{"1401", F::ParkGreen, "公园绿地", "park green"},
    Named{"1402", F::ProtectiveGreen, "防护绿地", "protective green"},
    Named{"1403", F::Plaza, "广场用地", "plaza land"},
    Named{"14", F::ParkGreen, "绿地与开敞空间用地", "green and open space land"},
    Named{"16", F::Other, "留白用地", "reserved land"},
};
// clang-format on

template <typename Table>
const Named* longest_prefix(const Table& table, std::string_view code) {
    const Named* best = nullptr;
    for (const auto& n : table)
        if (starts_with(code, n.code) && (!best || n.code.size() > best->code.size())) best = &n;
    return best;
}

// [SECTION] permissibility notes -----------------------------------------------------------

Permissibility make(std::string status, std::string zh, std::string en) {
    return {std::move(status), std::move(zh), std::move(en)};
}

} // namespace

const char* to_string(LanduseFamily family) {
    switch (family) {
    case F::Unknown:
        return "unknown";
    case F::Residential:
        return "residential";
    case F::ResidentialService:
        return "residential_service";
    case F::PublicService:
        return "public_service";
    case F::Commercial:
        return "commercial";
    case F::Road:
        return "road";
    case F::TransportStation:
        return "transport_station";
    case F::PublicParking:
        return "public_parking";
    case F::OtherTransport:
        return "other_transport";
    case F::Utility:
        return "utility";
    case F::ParkGreen:
        return "park_green";
    case F::ProtectiveGreen:
        return "protective_green";
    case F::Plaza:
        return "plaza";
    case F::Other:
        return "other";
    }
    return "unknown";
}

LanduseClass classify_landuse(std::string_view code) {
    LanduseClass c;
    c.code = normalise(code);
    if (c.code.empty()) return c;
    const Named* n = nullptr;
    if (all_digits(c.code)) {
        n = longest_prefix(kLandSea, c.code);
        c.standard = "国土空间用地用海分类";
    } else if (c.code[0] >= 'A' && c.code[0] <= 'Z') {
        n = longest_prefix(kGb50137, c.code);
        c.standard = "GB 50137-2011";
    }
    if (!n) {
        c.family =
            all_digits(c.code) || (c.code[0] >= 'A' && c.code[0] <= 'Z') ? F::Other : F::Unknown;
        if (c.family == F::Unknown) c.standard.clear();
        return c;
    }
    c.family = n->family;
    c.name_zh = std::string(n->zh);
    c.name_en = std::string(n->en);
    return c;
}

Permissibility use_permissibility(const LanduseClass& landuse, std::string_view use) {
    const std::string code = landuse.code;
    const std::string of_zh = code + "（" + landuse.name_zh + "）";
    const std::string of_en = code + " (" + landuse.name_en + ")";
    if (landuse.family == F::Unknown)
        return make("unknown", "无控规用地性质，需核对控规",
                    "no zoning land-use code under the piece; check the 控规");
    if (use != "parking" && use != "service" && use != "green")
        return make("unknown", "未知用途", "unknown use '" + std::string(use) + "'");

    switch (landuse.family) {
    case F::Residential:
        if (use == "parking")
            return make(
                "ancillary",
                of_zh + "：地面停车属住宅用地的附属设施（R21/0701 含附属道路、停车场、小游园），"
                        "不改变用地性质；占用共有场地须经业主表决（民法典第278条，四分之三）",
                of_en + ": surface parking is an ancillary use of residential land (R21 / "
                        "0701 include their roads, parking and pocket green); no change of "
                        "land use, but using shared ground needs the owners' vote (Civil "
                        "Code art. 278, three quarters)");
        if (use == "green")
            return make("ancillary", of_zh + "：小游园、绿地属住宅用地附属设施，不改变用地性质",
                        of_en + ": a pocket green is an ancillary use of residential land; no "
                                "change of land use");
        return make("ancillary",
                    of_zh + "：小型社区服务设施作为住宅配套通常可行（视当地控规管理规定），"
                            "独立设置的设施应在 R22/0702 服务设施用地上",
                    of_en + ": a small community facility is usually tolerated as part of the "
                            "housing (check the local 控规 rules); a stand-alone facility belongs "
                            "on service land R22 / 0702");
    case F::ResidentialService:
        if (use == "service")
            return make(
                "allowed",
                of_zh + "：社区服务设施用地，五分钟生活圈设施的规划用途" +
                    (starts_with(code, "07") ? "（0702 不含中小学、幼儿园，幼儿园为 080404）" : ""),
                of_en +
                    ": community service land, the planned use for 5-minute "
                    "facilities" +
                    (starts_with(code, "07") ? " (0702 excludes schools and kindergartens: 080404)"
                                             : ""));
        if (use == "parking")
            return make("ancillary",
                        of_zh + "：可作为服务设施的配建停车；独立的社会停车场应为 S42/120803",
                        of_en + ": parking only as the facilities' ancillary parking; a "
                                "stand-alone public car park is S42 / 120803");
        return make("ancillary", of_zh + "：服务设施用地内的附属绿地",
                    of_en + ": green ancillary to the service land");
    case F::PublicParking:
    case F::TransportStation:
        if (use == "parking")
            return make(
                "allowed",
                of_zh + "：社会停车场用地" +
                    (landuse.family == F::TransportStation ? "（交通场站用地含社会停车场）" : ""),
                of_en + ": public car park land" +
                    (landuse.family == F::TransportStation
                         ? " (transport station land includes public car parks)"
                         : ""));
        if (use == "green")
            return make("ancillary", of_zh + "：停车场内的附属绿化",
                        of_en + ": planting ancillary to the car park");
        return make("plan_change", of_zh + "：在交通场站用地上建设服务设施须修改控规",
                    of_en + ": a service site on transport land needs a change of the 控规");
    case F::ParkGreen:
    case F::ProtectiveGreen:
    case F::Plaza: {
        if (use == "green")
            return make("allowed", of_zh + "：绿地、广场，符合规划用途",
                        of_en + ": green or plaza, the planned use");
        if (use == "parking")
            return make("plan_change",
                        of_zh +
                            "：绿地或广场改作停车场改变用地性质，须修改控规（23号文只免收土地价款，"
                            "不免规划许可）",
                        of_en + ": parking on green or plaza land changes the land use and needs a "
                                "change of the 控规 (Guobanfa 2020 No. 23 waives only the land "
                                "premium, not planning compliance)");
        return make("plan_change",
                    of_zh + "：建设服务设施用房须修改控规；室外健身、活动场地可作为绿地、广场的"
                            "组成部分（公园内体育活动场地约占10%–15%）",
                    of_en + ": a service building needs a change of the 控规; outdoor fitness and "
                            "activity grounds can be part of the green or plaza (parks keep about "
                            "10-15 % for sports)");
    }
    default:
        break;
    }
    const std::string name_zh = landuse.name_zh.empty() ? code : of_zh;
    const std::string name_en = landuse.name_en.empty() ? code : of_en;
    return make("unknown",
                name_zh + "：不是居住、社区服务、停车或绿地用地，须对照控规及其管理规定逐项判断",
                name_en + ": not residential, community service, parking or green land; check "
                          "against the 控规 and its rules");
}

} // namespace renoplan::analysis
