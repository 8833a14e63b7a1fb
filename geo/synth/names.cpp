#include "geo/synth/names.hpp"

#include <array>
#include <vector>

namespace renoplan::synth::detail {

namespace {

// Street-name stems seen in Suining (遂宁) first, then plausible ones in the same style.
constexpr std::array<std::string_view, 64> kRealStems = {
    "明月", "遂州", "和平", "开善", "德胜", "凯旋", "南津", "育才", "介福", "嘉禾", "富源",
    "紫竹", "天宫", "船山", "渠河", "中心", "公园", "人民", "建设", "解放", "顺城", "米家桥",
    "灵泉", "广德", "卧龙", "书院", "金鱼", "龙凤", "五彩", "圣莲", "玉堂", "慈音", "犀牛",
    "南强", "北固", "东升", "西山", "锦华", "香林", "民主", "文星", "德水", "联盟", "兴业",
    "仁里", "复兴", "保升", "金桥", "永兴", "龙坪", "新桥", "镇江", "中环", "高升", "裕民",
    "宝升", "九宗", "观音", "油房", "长乐", "唐家", "老池", "清平", "河沙"};
constexpr std::array<std::string_view, 20> kFirst = {"安", "富", "嘉", "康", "瑞", "永", "兴",
                                                     "福", "泰", "和", "文", "德", "金", "华",
                                                     "振", "新", "崇", "荣", "景", "鸿"};
constexpr std::array<std::string_view, 20> kSecond = {"平", "宁", "祥", "盛", "丰", "华", "安",
                                                      "乐", "新", "昌", "源", "城", "阳", "顺",
                                                      "兴", "泰", "和", "通", "林", "江"};

const std::vector<std::string>& stem_pool() {
    static const std::vector<std::string> pool = [] {
        std::vector<std::string> p;
        for (auto s : kRealStems)
            p.emplace_back(s);
        std::vector<std::string> made_up;
        for (auto a : kFirst)
            for (auto b : kSecond) {
                if (a == b) continue;
                std::string s = std::string(a) + std::string(b);
                bool clash = false;
                for (const auto& r : p)
                    clash = clash || r == s;
                if (!clash) made_up.push_back(std::move(s));
            }
        // A fixed interleaving so made-up names are not all "安X" first.
        for (size_t k = 0; k < made_up.size(); ++k)
            p.push_back(made_up[(k * 37) % made_up.size()]);
        return p;
    }();
    return pool;
}

template <size_t N>
std::string_view pick(Rng& rng, const std::array<std::string_view, N>& items) {
    return items[rng.index(N)];
}

constexpr std::array<std::string_view, 30> kPlaceWords = {
    "涪江", "明月", "金鱼", "滨江", "锦绣", "阳光", "幸福", "和谐", "康乐", "书香",
    "翠竹", "桂花", "紫荆", "东湖", "南苑", "北苑", "观音", "龙凤", "圣莲", "香林",
    "五彩", "广德", "灵泉", "卧龙", "天宫", "船山", "犀牛", "德水", "南津", "米家桥"};
constexpr std::array<std::string_view, 48> kWorkUnits = {
    "电力",     "纺织厂", "棉纺厂", "丝绸厂",   "糖酒公司", "粮食局",     "供电局",
    "邮电局",   "水电局", "农机厂", "化工厂",   "汽车站",   "气象局",     "税务局",
    "交通局",   "卫生局", "教育局", "人民医院", "中医院",   "天然气公司", "自来水公司",
    "建筑公司", "商业局", "物资局", "烟草公司", "百货公司", "印刷厂",     "酒厂",
    "食品厂",   "机械厂", "电机厂", "运输公司", "农业银行", "工商银行",   "建设银行",
    "财政局",   "公安局", "法院",   "师范学校", "一中",     "二中",       "川中油气矿",
    "水泥厂",   "武装部", "地质队", "航运公司", "制药厂",   "船山区政府"};
constexpr std::array<std::string_view, 5> kUnitSuffix = {"宿舍", "家属区", "家属院", "大院",
                                                         "生活区"};

} // namespace

std::string chinese_number(int n) {
    static constexpr std::array<std::string_view, 10> digits = {"",   "一", "二", "三", "四",
                                                                "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) return std::to_string(n);
    if (n < 10) return std::string(digits[static_cast<size_t>(n)]);
    std::string s;
    if (n >= 20) s += digits[static_cast<size_t>(n / 10)];
    s += "十";
    s += digits[static_cast<size_t>(n % 10)];
    return s;
}

std::string road_stem(uint64_t seed, int index) {
    const auto& pool = stem_pool();
    const size_t n = pool.size();
    // The real names come first (shuffled among themselves), then the made-up ones.
    const size_t real = kRealStems.size();
    const size_t k = static_cast<size_t>(index) % n;
    const int round = index / static_cast<int>(n);
    const uint64_t rot = hash_key(seed, {static_cast<uint64_t>(Tag::Names)});
    size_t slot;
    if (k < real) {
        // Multiplying by a number coprime with 64 permutes 0..63.
        slot = ((k * 29) + rot) % real;
    } else {
        const size_t m = n - real;
        slot = real + ((k - real) * 53 + (rot >> 8)) % m;
    }
    std::string stem = pool[slot];
    if (round > 0) stem += chinese_number(round + 1);
    return stem;
}

std::string community_base_name(Rng& rng, std::string_view street_stem, int built_year,
                                bool self_built) {
    if (self_built) {
        // Village groups of the urban fringe, as Sichuan names them: 明月村3社.
        const std::string_view base =
            rng.chance(0.6) && !street_stem.empty() ? street_stem : pick(rng, kPlaceWords);
        return std::string(base) + "村" + std::to_string(rng.range(1, 9)) + "社";
    }
    const bool old = built_year < 2000;
    if (old && rng.chance(0.35)) {
        return std::string(pick(rng, kWorkUnits)) + std::string(pick(rng, kUnitSuffix));
    }
    const std::string_view base =
        rng.chance(0.55) && !street_stem.empty() ? street_stem : pick(rng, kPlaceWords);
    static constexpr std::array<std::string_view, 6> old_suffix = {"小区", "小区", "新村",
                                                                   "花园", "苑",   "公寓"};
    static constexpr std::array<std::string_view, 8> new_suffix = {"花园", "苑",   "名居", "雅居",
                                                                   "华庭", "家园", "小区", "公馆"};
    return std::string(base) + std::string(old ? pick(rng, old_suffix) : pick(rng, new_suffix));
}

std::string facility_name(Rng& rng, FacilityKind kind, std::string_view stem) {
    const std::string s(stem);
    switch (kind) {
    case FacilityKind::ElderlyCare:
        return s + (rng.chance(0.5) ? "社区养老服务中心" : "老年人日间照料中心");
    case FacilityKind::Childcare:
        return s + (rng.chance(0.5) ? "托育园" : "社区托育服务中心");
    case FacilityKind::Kindergarten:
        return s + (rng.chance(0.7) ? "幼儿园" : "实验幼儿园");
    case FacilityKind::Clinic:
        return s + (rng.chance(0.7) ? "社区卫生服务站" : "社区卫生服务中心");
    case FacilityKind::Market:
        return s + (rng.chance(0.7) ? "菜市场" : "农贸市场");
    case FacilityKind::ConvenienceStore: {
        static constexpr std::array<std::string_view, 3> chains = {"红旗连锁", "舞东风超市",
                                                                   "便民超市"};
        return std::string(pick(rng, chains)) + "(" + s + "店)";
    }
    case FacilityKind::ExpressDelivery:
        return (rng.chance(0.6) ? "菜鸟驿站(" : "快递服务站(") + s + "店)";
    case FacilityKind::Fitness:
        return s + (rng.chance(0.6) ? "社区健身广场" : "全民健身点");
    case FacilityKind::CommunityService:
        return s + (rng.chance(0.6) ? "社区服务站" : "社区党群服务中心");
    }
    return s;
}

std::string NameRegistry::unique(const std::string& base) {
    const int n = ++m_used[base];
    if (n == 1) return base;
    const bool unit = base.ends_with("宿舍") || base.ends_with("家属区") ||
                      base.ends_with("家属院") || base.ends_with("大院") ||
                      base.ends_with("生活区") || base.ends_with("社");
    if (unit) return base + std::to_string(n) + "号院";
    return base + chinese_number(n) + "期";
}

} // namespace renoplan::synth::detail
