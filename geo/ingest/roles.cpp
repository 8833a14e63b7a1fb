// Which role a layer plays, judged from its name, its file name, its geometry and its fields.
//
// A score per role adds up name evidence (the best matching token of the layer or file name)
// and field evidence (fields that belong to one role); roles whose geometry does not fit are
// out. Chinese compound names put the head noun last ("老旧小区楼栋" are buildings, "小区道路"
// roads, "社区服务设施" facilities), so the match that ends last in a name gets a bonus.
#include "geo/ingest/roles.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "geo/ingest/values.hpp"

namespace renoplan::ingest {

namespace {

// Name tokens. Chinese tokens match as substrings, ASCII tokens as whole words (pinyin initials
// such as "xq" and "ld" only so), and ASCII tokens of five letters or more also inside longer
// words ("laojiuxiaoqu"). A weak token counts less ("社区" is often a community, but also a
// sub-district's residents' committee area).
struct NameToken {
    std::string_view text;
    bool weak = false;
};

struct RoleNames {
    Role role;
    std::vector<NameToken> tokens;
};

const std::vector<RoleNames>& role_names() {
    static const std::vector<RoleNames> kNames = {
        {Role::Communities,
         {{"小区"},        {"住宅小区"},  {"居住小区"},   {"老旧小区"},     {"小区范围"},
          {"小区边界"},    {"院落"},      {"社区", true}, {"community"},    {"communities"},
          {"residential"}, {"estate"},    {"estates"},    {"neighborhood"}, {"neighbourhood"},
          {"compound"},    {"compounds"}, {"xiaoqu"},     {"xq"},           {"ljxq"}}},
        {Role::Buildings, {{"楼栋"},    {"建筑"},     {"房屋"},       {"建筑物"},   {"楼房"},
                           {"住宅楼"},  {"建筑轮廓"}, {"房屋轮廓"},   {"building"}, {"buildings"},
                           {"bldg"},    {"bldgs"},    {"footprints"}, {"jianzhu"},  {"jianzhuwu"},
                           {"loudong"}, {"fangwu"},   {"jzw"},        {"ld"},       {"fw"}}},
        {Role::Pipelines,
         {{"管线"},     {"管网"},        {"管道"},     {"地下管线"},  {"给水"},   {"供水"},
          {"污水"},     {"雨水"},        {"排水"},     {"燃气"},      {"天然气"}, {"电力"},
          {"通信"},     {"广电"},        {"热力"},     {"弱电"},      {"pipe"},   {"pipes"},
          {"pipeline"}, {"pipelines"},   {"utility"},  {"utilities"}, {"sewer"},  {"sewers"},
          {"drainage"}, {"watersupply"}, {"guanxian"}, {"guanwang"},  {"gx"},     {"gw"}}},
        {Role::Roads,
         {{"道路"},
          {"路网"},
          {"道路中心线"},
          {"小区道路"},
          {"街巷"},
          {"巷道"},
          {"road"},
          {"roads"},
          {"street"},
          {"streets"},
          {"highway"},
          {"highways"},
          {"daolu"},
          {"luwang"},
          {"dl"},
          {"lw"}}},
        {Role::Water,
         {{"水系"},
          {"河流"},
          {"水体"},
          {"湖泊"},
          {"河道"},
          {"水域"},
          {"坑塘"},
          {"water"},
          {"waters"},
          {"waterbody"},
          {"waterbodies"},
          {"river"},
          {"rivers"},
          {"lake"},
          {"lakes"},
          {"hydro"},
          {"hydrology"},
          {"shuixi"},
          {"sx"}}},
        {Role::Zoning,
         {{"控规"},
          {"地块"},
          {"用地"},
          {"规划用地"},
          {"控制性详细规划"},
          {"土地利用"},
          {"地类"},
          {"zoning"},
          {"parcel"},
          {"parcels"},
          {"landuse"},
          {"plots"},
          {"konggui"},
          {"dikuai"},
          {"yongdi"},
          {"kg"},
          {"dk"},
          {"yd"}}},
        {Role::Facilities,
         {{"设施"},
          {"配套"},
          {"公服"},
          {"公共服务"},
          {"服务设施"},
          {"兴趣点"},
          {"网点"},
          {"poi"},
          {"pois"},
          {"facility"},
          {"facilities"},
          {"amenity"},
          {"amenities"},
          {"sheshi"},
          {"peitao"},
          {"ss"},
          {"pt"}}},
        {Role::Protected,
         {{"保护"},
          {"紫线"},
          {"文保"},
          {"历史"},
          {"文物"},
          {"历史建筑"},
          {"历史文化街区"},
          {"保护范围"},
          {"heritage"},
          {"protected"},
          {"protection"},
          {"conservation"},
          {"historic"},
          {"historical"},
          {"baohu"},
          {"zixian"},
          {"wenbao"}}},
    };
    return kNames;
}

// Fields that belong to one role. Chinese names match inside longer names ("层数(层)").
struct FieldEvidence {
    std::string_view name;
    int weight;
};

const std::map<Role, std::vector<FieldEvidence>>& field_evidence() {
    static const std::map<Role, std::vector<FieldEvidence>> kEvidence = {
        {Role::Communities,
         {{"小区名称", 4},
          {"XQMC", 4},
          {"同意面积比例", 6},
          {"同意专有面积比例", 6},
          {"同意户数比例", 6},
          {"同意业主比例", 6},
          {"拟征收", 5},
          {"棚改", 4},
          {"自建房", 5},
          {"有无物业", 3},
          {"栋数", 4},
          {"楼栋数", 4}}},
        {Role::Buildings,
         {{"层数", 8},
          {"地上层数", 8},
          {"floors", 8},
          {"building:levels", 8},
          {"levels", 6},
          {"有无电梯", 6},
          {"电梯", 5},
          {"建筑结构", 5},
          {"结构类型", 5},
          {"楼号", 5},
          {"楼栋号", 5},
          {"所属小区", 4},
          {"height", 3}}},
        {Role::Pipelines,
         {{"管径", 8},
          {"埋设年份", 8},
          {"敷设年份", 8},
          {"管线类型", 8},
          {"GXLX", 8},
          {"管材", 6},
          {"敷设方式", 6},
          {"埋深", 6},
          {"材质", 4},
          {"压力", 4},
          {"GJ", 5},
          {"diameter", 6},
          {"material", 3}}},
        {Role::Roads,
         {{"道路等级", 8},
          {"路宽", 8},
          {"道路宽度", 8},
          {"红线宽度", 8},
          {"道路名称", 6},
          {"路名", 6},
          {"highway", 8},
          {"lanes", 5},
          {"oneway", 5},
          {"maxspeed", 5},
          {"bridge", 3},
          {"tunnel", 3}}},
        {Role::Water, {{"水系名称", 6}, {"河流名称", 6}, {"水体类型", 6}, {"waterway", 6}}},
        {Role::Zoning,
         {{"用地性质", 8},
          {"用地代码", 8},
          {"容积率", 8},
          {"建筑密度", 6},
          {"绿地率", 6},
          {"限高", 5},
          {"地块编号", 6},
          {"YDXZ", 8},
          {"YDDM", 8},
          {"RJL", 6}}},
        {Role::Facilities,
         {{"设施类型", 8}, {"设施名称", 6}, {"amenity", 8}, {"床位", 5}, {"服务半径", 5}}},
        {Role::Protected, {{"保护级别", 6}, {"保护等级", 6}, {"文保级别", 6}, {"heritage", 6}}},
    };
    return kEvidence;
}

constexpr int kNameScore = 10;     // a Chinese or English word naming the role
constexpr int kWeakNameScore = 4;  // 社区
constexpr int kInitialsScore = 6;  // pinyin initials and other words of up to 3 letters
constexpr int kInnerWordScore = 8; // an ASCII token inside a longer word
constexpr int kHeadBonus = 5;      // the match that ends last in a name
constexpr int kBothNamesBonus = 2; // layer and file name agree
constexpr int kFieldCap = 20;      // field evidence per role, at most
constexpr int kComboScore = 6;     // 户数 together with a year built -> communities
constexpr int kMinScore = 5;

struct NameMatch {
    Role role = Role::Unknown;
    std::string_view token;
    size_t end = 0; // byte offset where the match ends in the name
    int score = 0;
};

struct Word {
    std::string text; // lower-case
    size_t begin = 0, end = 0;
};

// ASCII words of a name: split at non-letters, at letter/digit changes and at camelCase humps.
std::vector<Word> words_of(std::string_view name) {
    std::vector<Word> words;
    auto kind = [](char c) {
        if (c >= 'a' && c <= 'z') return 1;
        if (c >= 'A' && c <= 'Z') return 2;
        if (c >= '0' && c <= '9') return 3;
        return 0;
    };
    size_t i = 0;
    while (i < name.size()) {
        if (!kind(name[i])) {
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < name.size()) {
            const int a = kind(name[j - 1]), b = kind(name[j]);
            if (!b) break;
            if ((a == 3) != (b == 3)) break; // letters / digits
            if (a == 1 && b == 2) break;     // camelCase
            ++j;
        }
        Word w{std::string(name.substr(i, j - i)), i, j};
        for (auto& c : w.text)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        words.push_back(std::move(w));
        i = j;
    }
    return words;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The best match per role in one name, with the head bonus applied.
std::map<Role, NameMatch> match_name(std::string_view raw_name) {
    const std::string name = fold_width(raw_name);
    const std::vector<Word> words = words_of(name);
    std::string letters; // all ASCII letters lower-cased, for tokens inside longer words
    std::vector<size_t> letter_pos;
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c >= 'a' && c <= 'z') {
            letters += c;
            letter_pos.push_back(i);
        }
    }

    std::vector<NameMatch> matches;
    for (const auto& rn : role_names()) {
        for (const auto& token : rn.tokens) {
            NameMatch m{rn.role, token.text, 0, 0};
            if (!is_ascii(token.text)) {
                const size_t at = name.rfind(token.text);
                if (at == std::string::npos) continue;
                m.end = at + token.text.size();
                m.score = (token.weak ? kWeakNameScore : kNameScore) +
                          static_cast<int>(count_cjk(token.text));
            } else {
                for (const auto& w : words)
                    if (w.text == token.text) {
                        m.end = w.end;
                        m.score = token.text.size() <= 3 ? kInitialsScore : kNameScore;
                    }
                if (!m.score && token.text.size() >= 5) {
                    const size_t at = letters.rfind(token.text);
                    if (at != std::string::npos) {
                        m.end = letter_pos[at + token.text.size() - 1] + 1;
                        m.score = kInnerWordScore;
                    }
                }
                if (!m.score) continue;
            }
            matches.push_back(m);
        }
    }
    size_t last_end = 0;
    for (const auto& m : matches)
        last_end = std::max(last_end, m.end);
    std::map<Role, NameMatch> best;
    for (auto m : matches) {
        if (m.end == last_end) m.score += kHeadBonus;
        auto& b = best[m.role];
        if (m.score > b.score) b = m;
    }
    return best;
}

// The file name without folders and extensions ("data/小区.shp" -> "小区").
std::string file_stem(std::string_view file_name) {
    const size_t slash = file_name.find_last_of("/\\");
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
    static constexpr std::array<std::string_view, 16> kExtensions = {
        ".shp", ".dbf", ".gpkg", ".geojson", ".json", ".zip", ".gdb", ".dxf",
        ".kml", ".kmz", ".csv",  ".tab",     ".mif",  ".fgb", ".gz",  ".sqlite"};
    for (bool changed = true; changed;) {
        changed = false;
        const size_t dot = file_name.find_last_of('.');
        if (dot == std::string_view::npos || dot == 0) break;
        std::string ext(file_name.substr(dot));
        for (auto& c : ext)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end()) {
            file_name = file_name.substr(0, dot);
            changed = true;
        }
    }
    return std::string(file_name);
}

struct RoleScore {
    Role role = Role::Unknown;
    int name_score = 0;
    int field_score = 0;
    std::string name_reason;
    std::vector<std::string> fields;
    int total() const { return name_score + field_score; }
};

bool field_matches(const std::string& norm_field, std::string_view evidence) {
    const std::string e = normalize_name(evidence);
    if (norm_field == e) return true;
    return count_cjk(e) >= 2 && norm_field.find(e) != std::string::npos;
}

} // namespace

bool geometry_fits_role(Role role, GeomClass geom_class) {
    switch (role) {
    case Role::Unknown:
        return true;
    case Role::Pipelines:
    case Role::Roads:
        return geom_class == GeomClass::Line;
    case Role::Facilities:
        return geom_class == GeomClass::Point || geom_class == GeomClass::Polygon;
    case Role::Communities:
    case Role::Buildings:
    case Role::Water:
    case Role::Zoning:
    case Role::Protected:
        return geom_class == GeomClass::Polygon;
    }
    return false;
}

RoleGuess detect_role(std::string_view layer_name, std::string_view file_name, GeomClass geom_class,
                      const std::vector<std::string>& field_names) {
    const std::string stem = file_stem(file_name);
    const bool same_name = normalize_name(stem) == normalize_name(layer_name);
    const auto layer_matches = match_name(layer_name);
    const auto file_matches = same_name ? std::map<Role, NameMatch>{} : match_name(stem);

    std::vector<std::string> norm_fields;
    for (const auto& f : field_names)
        norm_fields.push_back(normalize_name(f));
    auto find_field = [&](std::string_view evidence) -> int {
        for (size_t k = 0; k < norm_fields.size(); ++k)
            if (field_matches(norm_fields[k], evidence)) return static_cast<int>(k);
        return -1;
    };

    std::vector<RoleScore> scores;
    for (Role role : kAllRoles) {
        RoleScore s;
        s.role = role;
        const auto lm = layer_matches.find(role);
        const auto fm = file_matches.find(role);
        const int layer_score = lm != layer_matches.end() ? lm->second.score : 0;
        // the file name counts half: a GeoPackage's layer names say more than its file name
        const int file_score = fm != file_matches.end() ? (fm->second.score + 1) / 2 : 0;
        // "layer name 'xq_ld' (ld)"; the token is not repeated when it is the whole name
        auto part = [](const char* what, std::string_view name, std::string_view token) {
            std::string text = std::string(what) + " '" + std::string(name) + "'";
            if (normalize_name(name) != normalize_name(token))
                text += " (" + std::string(token) + ")";
            return text;
        };
        const std::string layer_part =
            layer_score > 0 ? part("layer name", layer_name, lm->second.token) : std::string();
        const std::string file_part =
            file_score > 0 ? part("file name", stem, fm->second.token) : std::string();
        s.name_score = std::max(layer_score, file_score);
        if (layer_score > 0 && file_score > 0) {
            s.name_score += kBothNamesBonus;
            s.name_reason = layer_part + " and " + file_part;
        } else {
            s.name_reason = layer_part + file_part;
        }
        // fields
        const auto ev = field_evidence().find(role);
        if (ev != field_evidence().end()) {
            for (const auto& e : ev->second) {
                const int k = find_field(e.name);
                if (k < 0) continue;
                const std::string& f = field_names[static_cast<size_t>(k)];
                if (std::find(s.fields.begin(), s.fields.end(), f) != s.fields.end()) continue;
                s.field_score += e.weight;
                s.fields.push_back(f);
            }
        }
        if (role == Role::Communities) {
            int households = find_field("户数");
            if (households < 0) households = find_field("households");
            int year = -1;
            for (std::string_view y :
                 {"建成年份", "建成年代", "竣工年份", "建设年代", "built_year"})
                if (year < 0) year = find_field(y);
            if (households >= 0 && year >= 0) {
                s.field_score += kComboScore;
                for (int k : {households, year}) {
                    const std::string& f = field_names[static_cast<size_t>(k)];
                    if (std::find(s.fields.begin(), s.fields.end(), f) == s.fields.end())
                        s.fields.push_back(f);
                }
            }
        }
        s.field_score = std::min(s.field_score, kFieldCap);
        scores.push_back(std::move(s));
    }

    // Roles whose geometry does not fit are out; remember the best of them for the reason.
    const RoleScore* misfit = nullptr;
    std::vector<const RoleScore*> fitting;
    for (const auto& s : scores) {
        if (s.total() <= 0) continue;
        if (geometry_fits_role(s.role, geom_class))
            fitting.push_back(&s);
        else if (!misfit || s.total() > misfit->total())
            misfit = &s;
    }
    std::stable_sort(fitting.begin(), fitting.end(), [](const RoleScore* a, const RoleScore* b) {
        if (a->total() != b->total()) return a->total() > b->total();
        return a->name_score > b->name_score;
    });

    auto describe = [&](const RoleScore& s) {
        std::string text;
        if (!s.name_reason.empty()) text = s.name_reason;
        if (!s.fields.empty()) {
            if (!text.empty()) text += "; ";
            text += "fields ";
            for (size_t k = 0; k < s.fields.size(); ++k)
                text += (k ? ", " : "") + s.fields[k];
        }
        return text;
    };

    RoleGuess guess;
    std::string misfit_note;
    if (misfit) {
        misfit_note = "'" + std::string(to_string(misfit->role)) + "' suggested by " +
                      describe(*misfit) + " but a " + to_string(geom_class) +
                      " layer cannot serve it";
    }
    if (fitting.empty() || fitting.front()->total() < kMinScore) {
        guess.reason = "no role recognised";
        if (!fitting.empty())
            guess.reason += " (weak hint: " + std::string(to_string(fitting.front()->role)) +
                            " from " + describe(*fitting.front()) + ")";
        else if (!misfit)
            guess.reason += ": no name token or field points to one";
        if (!misfit_note.empty()) guess.reason += "; " + misfit_note;
        return guess;
    }
    const RoleScore& best = *fitting.front();
    guess.role = best.role;
    guess.score = best.total();
    guess.reason = describe(best) + "; " + to_string(geom_class) + " geometry";
    if (fitting.size() > 1 && fitting[1]->total() >= kMinScore) {
        const RoleScore& second = *fitting[1];
        guess.reason +=
            std::string(second.total() == best.total() ? "; tie with " : "; runner-up ") +
            std::string(to_string(second.role)) + " (score " + std::to_string(second.total()) +
            ": " + describe(second) + ")";
    }
    if (!misfit_note.empty() && misfit->total() >= best.total()) guess.reason += "; " + misfit_note;
    return guess;
}

} // namespace renoplan::ingest
