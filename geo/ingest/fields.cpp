// Canonical fields per role and the binding of source fields onto them.
//
// Index:
//   [SECTION] Alias tables (one function per role)
//   [SECTION] Enum values
//   [SECTION] Matching source names
//   [SECTION] Parsing a bound column
//   [SECTION] Missing required fields
//   [SECTION] bind_fields
#include "geo/ingest/fields.hpp"

#include "geo/core/text.hpp"
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "geo/ingest/values.hpp"

namespace renoplan::ingest {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Alias tables
//
// Aliases are compared after normalize_name, so "建成年份", "建成 年份" and "建成年份（年）" are
// one source name apart from the bracket's content; case and full width do not matter. Within a
// role no two fields share an alias (tests check it). Put the most specific alias first: when a
// file holds several fields matching one canonical field, the earlier alias wins.
//-------------------------------------------------------------------------------------------------

std::vector<FieldSpec> communities_fields() {
    return {
        {.name = "name",
         .kind = ValueKind::Text,
         .aliases = {"小区名称", "小区名", "名称", "小区", "院落名称", "项目名称", "XQMC", "MC",
                     "name", "community_name", "community"},
         .label_zh = "小区名称",
         .label_en = "Name"},
        {.name = "county",
         .kind = ValueKind::Text,
         .aliases = {"区县", "所属区县", "县区", "县市区", "所属县区", "行政区", "所属行政区",
                     "行政区划", "QX", "county", "district"},
         .label_zh = "区县",
         .label_en = "County"},
        {.name = "street",
         .kind = ValueKind::Text,
         .aliases = {"街道", "所属街道", "乡镇街道", "街道办", "街道办事处", "镇街", "街镇", "JD",
                     "street", "subdistrict"},
         .label_zh = "街道",
         .label_en = "Sub-district"},
        {.name = "built_year",
         .kind = ValueKind::Year,
         .required = true,
         .aliases = {"建成年份", "建成年代", "竣工年份",   "建设年代",   "建成时间",
                     "竣工时间", "竣工年代", "建设年份",   "建造年代",   "建造年份",
                     "建筑年代", "修建年代", "始建年代",   "年代",       "年份",
                     "JCNF",     "JCND",     "built_year", "year_built", "construction_year",
                     "year"},
         .label_zh = "建成年份",
         .label_en = "Year built"},
        {.name = "households",
         .kind = ValueKind::Integer,
         .aliases = {"户数", "总户数", "住户数", "居民户数", "住户", "HS", "households", "hh"},
         .label_zh = "户数",
         .label_en = "Households"},
        {.name = "buildings",
         .kind = ValueKind::Integer,
         .aliases = {"栋数", "楼栋数", "幢数", "楼栋数量", "楼幢数", "总栋数", "楼栋", "LDS",
                     "buildings", "building_count", "num_buildings"},
         .label_zh = "楼栋数",
         .label_en = "Buildings"},
        {.name = "floor_area_m2",
         .kind = ValueKind::Real,
         .aliases = {"建筑面积", "总建筑面积", "房屋建筑面积", "JZMJ", "floor_area",
                     "floor_area_m2", "gfa"},
         .label_zh = "建筑面积",
         .label_en = "Floor area",
         .unit = "m2"},
        {.name = "land_area_m2",
         .kind = ValueKind::Real,
         .aliases = {"占地面积", "用地面积", "小区面积", "占地", "ZDMJ", "land_area",
                     "land_area_m2", "site_area"},
         .label_zh = "占地面积",
         .label_en = "Land area",
         .unit = "m2"},
        {.name = "self_built",
         .kind = ValueKind::Bool,
         .aliases = {"自建房", "是否自建房", "以自建房为主", "是否以自建房为主", "自建", "ZJF",
                     "self_built"},
         .label_zh = "以自建房为主",
         .label_en = "Mainly self-built"},
        {.name = "expropriation_planned",
         .kind = ValueKind::Bool,
         .aliases = {"拟征收", "是否拟征收", "棚改", "纳入棚改", "是否纳入棚改", "征收拆迁", "拆迁",
                     "征收", "expropriation", "expropriation_planned"},
         .label_zh = "拟征收或棚改",
         .label_en = "Planned for expropriation"},
        {.name = "consent_area_pct",
         .kind = ValueKind::Share,
         .aliases = {"同意面积比例", "同意专有面积比例", "同意面积占比", "同意专有面积占比",
                     "consent_area", "consent_area_pct"},
         .label_zh = "同意专有面积比例",
         .label_en = "Consent by floor area"},
        {.name = "consent_owner_pct",
         .kind = ValueKind::Share,
         .aliases = {"同意户数比例", "同意人数比例", "同意业主比例", "同意户数占比", "同意人数占比",
                     "同意业主占比", "consent_owner", "consent_owner_pct", "consent_owners"},
         .label_zh = "同意业主比例",
         .label_en = "Consent by owners"},
        // The scheme vote (表决) repeats the double two-thirds after the application's consent;
        // participation is what the Civil Code's quorum (art. 278) is counted on.
        {.name = "vote_area_pct",
         .kind = ValueKind::Share,
         .aliases = {"表决同意面积比例", "表决同意专有面积比例", "表决同意面积占比",
                     "表决同意专有面积占比", "方案表决同意面积比例", "vote_area", "vote_area_pct"},
         .label_zh = "表决同意专有面积比例",
         .label_en = "Vote: consent by floor area"},
        {.name = "vote_owner_pct",
         .kind = ValueKind::Share,
         .aliases = {"表决同意户数比例", "表决同意人数比例", "表决同意业主比例", "表决同意户数占比",
                     "表决同意人数占比", "表决同意业主占比", "方案表决同意户数比例", "vote_owner",
                     "vote_owner_pct", "vote_owners"},
         .label_zh = "表决同意业主比例",
         .label_en = "Vote: consent by owners"},
        {.name = "participation_area_pct",
         .kind = ValueKind::Share,
         .aliases = {"参与表决面积比例", "参与表决专有面积比例", "参与表决面积占比",
                     "参与表决专有面积占比", "参与面积比例", "participation_area",
                     "participation_area_pct"},
         .label_zh = "参与表决专有面积比例",
         .label_en = "Participation by floor area"},
        {.name = "participation_owner_pct",
         .kind = ValueKind::Share,
         .aliases = {"参与表决人数比例", "参与表决户数比例", "参与表决业主比例", "参与表决人数占比",
                     "参与表决户数占比", "参与表决业主占比", "参与人数比例", "参与户数比例",
                     "participation_owner", "participation_owner_pct", "participation_owners"},
         .label_zh = "参与表决业主比例",
         .label_en = "Participation by owners"},
        {.name = "population",
         .kind = ValueKind::Integer,
         .aliases = {"人口", "常住人口", "人口数", "居住人口", "RK", "population", "pop"},
         .label_zh = "人口",
         .label_en = "Population"},
        {.name = "property_management",
         .kind = ValueKind::Bool,
         .aliases = {"物业管理", "有无物业", "是否有物业", "有无物业管理", "物业", "管理方式",
                     "WYGL", "property_management", "management"},
         .label_zh = "物业管理",
         .label_en = "Property management",
         // Some tables say how the compound is managed instead of yes/no; any long-term
         // management (a property company, the employer, the residents themselves) counts.
         .values = {{"true",
                     {"专业物业", "物业公司", "物业服务", "物业管理", "单位管理", "单位自管",
                      "居民自治", "自治管理", "业主自治", "社区托管", "托管", "professional",
                      "employer", "residents", "self_managed"}},
                    {"false", {"无物业", "无人管理", "弃管", "失管", "none"}}}},
        {.name = "id",
         .kind = ValueKind::Text,
         .aliases = {"小区编号", "编号", "小区代码", "BH", "code", "id"},
         .label_zh = "编号",
         .label_en = "ID"},
    };
}

std::vector<FieldSpec> buildings_fields() {
    return {
        {.name = "floors",
         .kind = ValueKind::Integer,
         .aliases = {"层数", "地上层数", "楼层", "建筑层数", "总层数", "楼层数", "CS", "floors",
                     "levels", "building:levels", "storeys", "num_floors"},
         .label_zh = "层数",
         .label_en = "Floors"},
        {.name = "built_year",
         .kind = ValueKind::Year,
         .aliases = {"建成年份", "建成年代", "竣工年份", "建筑年代", "建成时间", "竣工时间",
                     "建造年代", "建设年代", "年代", "年份", "JCNF", "built_year", "year_built",
                     "start_date", "year"},
         .label_zh = "建成年份",
         .label_en = "Year built"},
        {.name = "has_elevator",
         .kind = ValueKind::Bool,
         .aliases = {"有无电梯", "电梯", "是否有电梯", "电梯情况", "DT", "elevator", "has_elevator",
                     "lift"},
         .label_zh = "有无电梯",
         .label_en = "Has elevator"},
        {.name = "structure",
         .kind = ValueKind::Text,
         .aliases = {"结构", "建筑结构", "结构类型", "房屋结构", "JG", "structure"},
         .label_zh = "结构",
         .label_en = "Structure"},
        {.name = "community",
         .kind = ValueKind::Text,
         .aliases = {"所属小区", "小区名称", "小区", "小区名", "XQMC", "community",
                     "community_name"},
         .label_zh = "所属小区",
         .label_en = "Community"},
        {.name = "households",
         .kind = ValueKind::Integer,
         .aliases = {"户数", "总户数", "住户数", "HS", "households"},
         .label_zh = "户数",
         .label_en = "Households"},
        {.name = "height_m",
         .kind = ValueKind::Real,
         .aliases = {"高度", "建筑高度", "楼高", "height", "height_m"},
         .label_zh = "建筑高度",
         .label_en = "Height",
         .unit = "m"},
        {.name = "name",
         .kind = ValueKind::Text,
         .aliases = {"楼栋名称", "名称", "楼号", "楼栋号", "栋号", "幢号", "MC", "name"},
         .label_zh = "名称",
         .label_en = "Name"},
    };
}

std::vector<FieldSpec> pipelines_fields() {
    return {
        {.name = "kind",
         .kind = ValueKind::Enum,
         .required = true,
         .aliases = {"管线类型", "管线种类", "管线类别", "管线专业", "类型", "管类", "专业", "种类",
                     "类别", "GXLX", "GXZL", "kind", "type"},
         .label_zh = "管线类型",
         .label_en = "Kind",
         .values =
             {{"water_supply",
               {"给水", "供水", "上水", "自来水", "给水管", "JS", "water", "water_supply"}},
              {"sewage", {"污水", "WS", "sewer", "sewage", "foul"}},
              {"storm", {"雨水", "YS", "storm", "rain", "stormwater"}},
              {"drainage",
               {"排水", "雨污合流", "合流", "雨污水", "雨污", "PS", "combined", "drainage"}},
              {"reclaimed_water", {"再生水", "中水", "回用水", "ZS", "reclaimed"}},
              {"gas", {"燃气", "天然气", "煤气", "RQ", "gas"}},
              {"power",
               {"电力", "供电", "路灯", "强电", "DL", "LD", "power", "electric", "electricity"}},
              {"telecom",
               {"通信", "电信", "移动", "联通", "铁塔", "弱电", "信息", "TX", "DX", "YD", "LT",
                "telecom", "communication"}},
              {"cable_tv",
               {"广电", "有线电视", "广播电视", "有线", "DS", "GD", "catv", "cable", "cable_tv"}},
              {"heat", {"热力", "供热", "暖气", "RL", "heat", "heating"}}}},
        {.name = "install_year",
         .kind = ValueKind::Year,
         .aliases = {"埋设年份", "敷设年份", "建设年代", "埋设年代", "铺设年份", "敷设年代",
                     "建设年份", "埋设时间", "敷设时间", "建成年份", "年代", "年份", "MSNF",
                     "install_year", "year"},
         .label_zh = "埋设年份",
         .label_en = "Year laid"},
        {.name = "diameter_mm",
         .kind = ValueKind::Real,
         .aliases = {"管径", "管径mm", "规格", "管径规格", "断面", "断面尺寸", "GJ", "diameter",
                     "diameter_mm", "dn"},
         .label_zh = "管径",
         .label_en = "Diameter",
         .unit = "mm"},
        {.name = "material",
         .kind = ValueKind::Text,
         .aliases = {"材质", "管材", "材料", "CZ", "material"},
         .label_zh = "材质",
         .label_en = "Material"},
        {.name = "laying",
         .kind = ValueKind::Enum,
         .aliases = {"敷设方式", "埋设方式", "架设方式", "铺设方式", "敷设类型", "FSFS", "laying"},
         .label_zh = "敷设方式",
         .label_en = "Laying",
         .values = {{"overhead",
                     {"架空", "架设", "空架", "明敷", "沿墙", "挂墙", "overhead", "aerial"}},
                    {"buried",
                     {"直埋", "埋地", "地埋", "管沟", "排管", "地下", "管道", "暗敷", "管廊",
                      "顶管", "buried", "underground"}}}},
        {.name = "pressure",
         .kind = ValueKind::Text,
         .aliases = {"压力", "压力级制", "压力等级", "YL", "pressure"},
         .label_zh = "压力",
         .label_en = "Pressure"},
        {.name = "owner",
         .kind = ValueKind::Text,
         .aliases = {"权属单位", "权属", "管理单位", "产权单位", "QSDW", "owner"},
         .label_zh = "权属单位",
         .label_en = "Owner"},
    };
}

std::vector<FieldSpec> roads_fields() {
    return {
        {.name = "class",
         .kind = ValueKind::Enum,
         .aliases = {"道路等级", "等级", "道路类型", "道路级别", "类型", "DLDJ", "class", "fclass",
                     "highway", "kind"},
         .label_zh = "道路等级",
         .label_en = "Class",
         .values = {{"expressway",
                     {"快速路", "高速公路", "高速", "motorway", "motorway_link", "trunk",
                      "trunk_link", "expressway"}},
                    {"arterial",
                     {"主干路", "主干道", "城市主干路", "primary", "primary_link", "major_road",
                      "arterial"}},
                    {"secondary",
                     {"次干路", "次干道", "secondary", "secondary_link", "tertiary",
                      "tertiary_link"}},
                    {"branch",
                     {"支路", "城市支路", "residential", "unclassified", "minor_road", "branch"}},
                    {"local",
                     {"小区道路", "小区路", "宅间路", "宅间道路", "巷道", "街巷", "service",
                      "living_street", "local"}},
                    {"path",
                     {"步行道", "人行道", "游步道", "步道", "footway", "path", "pedestrian",
                      "steps", "cycleway", "track", "bridleway"}}}},
        {.name = "width_m",
         .kind = ValueKind::Real,
         .aliases = {"路宽", "道路宽度", "红线宽度", "宽度", "路面宽度", "LK", "width", "width_m"},
         .label_zh = "路宽",
         .label_en = "Width",
         .unit = "m"},
        {.name = "name",
         .kind = ValueKind::Text,
         .aliases = {"道路名称", "路名", "名称", "LM", "MC", "name"},
         .label_zh = "道路名称",
         .label_en = "Name"},
        {.name = "surface",
         .kind = ValueKind::Text,
         .aliases = {"路面材质", "路面类型", "路面", "surface"},
         .label_zh = "路面",
         .label_en = "Surface"},
    };
}

std::vector<FieldSpec> water_fields() {
    return {
        {.name = "name",
         .kind = ValueKind::Text,
         .aliases = {"名称", "水系名称", "河流名称", "水体名称", "MC", "name"},
         .label_zh = "名称",
         .label_en = "Name"},
        {.name = "kind",
         .kind = ValueKind::Text,
         .aliases = {"类型", "水体类型", "水系类型", "类别", "kind", "type", "fclass"},
         .label_zh = "类型",
         .label_en = "Kind"},
    };
}

std::vector<FieldSpec> zoning_fields() {
    return {
        {.name = "landuse_code",
         .kind = ValueKind::Text,
         .required = true,
         .aliases = {"用地性质", "用地代码", "用地分类", "地类代码", "用地性质代码", "用地分类代码",
                     "用地类别", "用地类型", "地类编码", "YDXZ", "YDDM", "DLBM", "landuse",
                     "landuse_code"},
         .label_zh = "用地性质",
         .label_en = "Land-use code",
         .code = true},
        {.name = "landuse_name",
         .kind = ValueKind::Text,
         .aliases = {"用地名称", "地类名称", "用地性质名称", "DLMC", "landuse_name"},
         .label_zh = "用地名称",
         .label_en = "Land-use name"},
        {.name = "parcel_id",
         .kind = ValueKind::Text,
         .aliases = {"地块编号", "地块号", "地块代码", "地块编码", "DKBH", "parcel_id", "parcel"},
         .label_zh = "地块编号",
         .label_en = "Parcel"},
        {.name = "far_max",
         .kind = ValueKind::Real,
         .aliases = {"容积率", "容积率上限", "最大容积率", "RJL", "far", "far_max"},
         .label_zh = "容积率",
         .label_en = "Floor area ratio (max)"},
        {.name = "density_max",
         .kind = ValueKind::Share,
         .aliases = {"建筑密度", "建筑密度上限", "最大建筑密度", "JZMD", "density", "density_max"},
         .label_zh = "建筑密度",
         .label_en = "Building density (max)"},
        {.name = "green_min",
         .kind = ValueKind::Share,
         .aliases = {"绿地率", "绿地率下限", "最小绿地率", "LDL", "green_ratio", "green_min"},
         .label_zh = "绿地率",
         .label_en = "Green ratio (min)"},
        {.name = "height_max_m",
         .kind = ValueKind::Real,
         .aliases = {"限高", "建筑限高", "建筑高度", "建筑控制高度", "高度控制", "XG", "height_max",
                     "height_limit"},
         .label_zh = "限高",
         .label_en = "Height limit",
         .unit = "m"},
    };
}

std::vector<FieldSpec> facilities_fields() {
    return {
        {.name = "kind",
         .kind = ValueKind::Enum,
         .required = true,
         .aliases = {"设施类型", "设施类别", "设施种类", "类型", "类别", "功能", "用途", "kind",
                     "type", "fclass", "amenity"},
         .label_zh = "设施类型",
         .label_en = "Kind",
         .values = {{"elderly_care",
                     {"养老", "养老院", "敬老院", "日间照料", "托老所", "老年服务站", "养老服务",
                      "助餐", "老年食堂", "nursing_home", "elderly_care", "social_facility"}},
                    {"childcare", {"托育", "托儿所", "早教", "childcare"}},
                    {"kindergarten", {"幼儿园", "kindergarten"}},
                    {"clinic",
                     {"卫生服务站", "卫生服务中心", "卫生室", "卫生院", "社区卫生", "诊所", "门诊",
                      "clinic", "doctors"}},
                    {"hospital", {"医院", "hospital"}},
                    {"market", {"菜市场", "农贸市场", "生鲜超市", "菜场", "marketplace", "market"}},
                    {"convenience_store", {"便利店", "小卖部", "convenience", "convenience_store"}},
                    {"supermarket", {"超市", "supermarket"}},
                    {"express_delivery",
                     {"快递", "快递点", "快递柜", "驿站", "丰巢", "parcel_locker", "post_office",
                      "express_delivery"}},
                    {"fitness",
                     {"健身", "健身场地", "运动场", "体育场", "球场", "fitness", "fitness_centre",
                      "fitness_station", "sports_centre", "pitch"}},
                    {"community_service",
                     {"社区服务站", "社区服务中心", "党群服务中心", "居委会", "便民服务",
                      "community_centre", "community_service"}},
                    {"school", {"小学", "中学", "学校", "初中", "高中", "school"}},
                    {"parking", {"停车场", "停车库", "停车", "parking"}},
                    {"toilet", {"公厕", "公共厕所", "厕所", "toilets", "toilet"}},
                    {"refuse",
                     {"垃圾站", "垃圾收集点", "垃圾中转站", "垃圾房", "垃圾", "waste_disposal",
                      "recycling", "waste_transfer_station", "refuse"}},
                    {"culture",
                     {"文化活动站", "文化活动中心", "文化站", "图书室", "图书馆", "阅览室",
                      "library", "arts_centre", "culture"}}}},
        {.name = "name",
         .kind = ValueKind::Text,
         .aliases = {"设施名称", "名称", "MC", "name"},
         .label_zh = "名称",
         .label_en = "Name"},
        {.name = "capacity",
         .kind = ValueKind::Integer,
         .aliases = {"床位", "床位数", "规模", "容量", "服务人数", "capacity", "beds"},
         .label_zh = "规模",
         .label_en = "Capacity"},
    };
}

std::vector<FieldSpec> protected_fields() {
    return {
        {.name = "name",
         .kind = ValueKind::Text,
         .aliases = {"名称", "保护对象", "保护范围名称", "文保单位名称", "MC", "name"},
         .label_zh = "名称",
         .label_en = "Name"},
        {.name = "kind",
         .kind = ValueKind::Text,
         .aliases = {"类型", "保护类型", "类别", "kind", "type"},
         .label_zh = "类型",
         .label_en = "Kind"},
        {.name = "level",
         .kind = ValueKind::Text,
         .aliases = {"保护级别", "保护等级", "文保级别", "级别", "level"},
         .label_zh = "保护级别",
         .label_en = "Level"},
    };
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Enum values
//-------------------------------------------------------------------------------------------------

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// ASCII words of a text, lower-cased ("motorway_link" -> motorway, link).
std::vector<std::string> ascii_words(std::string_view text) {
    std::vector<std::string> words;
    const std::string s = ascii_lower(fold_width(text));
    std::string word;
    for (char c : s) {
        if (is_alnum(c)) {
            word += c;
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Matching source names
//-------------------------------------------------------------------------------------------------

// Characters allowed around a two-character alias for a fuzzy match: units and counters, so
// "户数(户)" matches 户数 but "小区类型" does not match 小区.
bool only_unit_text(std::string_view rest) {
    static constexpr std::array<std::string_view, 27> kUnitChars = {
        "户", "栋", "幢", "年", "层", "米", "人", "个", "座", "处", "平", "方", "亩", "公",
        "顷", "元", "万", "毫", "厘", "千", "里", "张", "床", "位", "度", "㎡", "㎜"};
    for (size_t i = 0; i < rest.size();) {
        const auto b = static_cast<unsigned char>(rest[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        const size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        const std::string_view ch = rest.substr(i, len);
        if (std::find(kUnitChars.begin(), kUnitChars.end(), ch) == kUnitChars.end()) return false;
        i += len;
    }
    return true;
}

// Whether a normalised source name contains a normalised alias in a way that binds weakly.
bool fuzzy_contains(const std::string& source, const std::string& alias) {
    const size_t cjk = count_cjk(alias);
    if (cjk < 2 || source == alias) return false;
    const size_t at = source.find(alias);
    if (at == std::string::npos) return false;
    if (cjk >= 3) return true;
    std::string rest = source;
    rest.erase(at, alias.size());
    return only_unit_text(rest);
}

// A name without the broken character a byte cut leaves at its end: an incomplete UTF-8
// sequence, or the U+FFFD a reader put in its place. `cut` says whether there was one.
std::string_view without_partial_tail(std::string_view s, bool& cut) {
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    cut = false;
    if (s.size() >= 3 && s.substr(s.size() - 3) == kReplacement) {
        cut = true;
        return s.substr(0, s.size() - 3);
    }
    for (size_t back = 1; back <= 3 && back <= s.size(); ++back) {
        const auto b = static_cast<unsigned char>(s[s.size() - back]);
        if ((b & 0xC0) == 0x80) continue; // continuation byte: look further back
        const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (need > back) {
            cut = true;
            return s.substr(0, s.size() - back);
        }
        break;
    }
    return s;
}

// Whether a source name looks like an alias cut to a DBF's 10-byte field name: at least three
// Chinese characters, 9 or 10 bytes in GBK or UTF-8 (or a UTF-8 character broken at byte 10),
// and the start of the (longer) alias. "同意面积比" is 同意面积比例 in a GBK shapefile,
// "小区名" + a broken byte is 小区名称 in a UTF-8 one.
bool truncated_alias(std::string_view raw_source, const std::string& source,
                     const std::string& alias) {
    bool raw_cut = false, norm_cut = false;
    const std::string_view raw = without_partial_tail(raw_source, raw_cut);
    const std::string_view norm = without_partial_tail(source, norm_cut);
    if (count_cjk(raw) < 3 || alias.size() <= norm.size()) return false;
    size_t ascii = 0, other = 0;
    for (char c : raw) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80)
            ++ascii;
        else if ((b & 0xC0) != 0x80)
            ++other; // a lead byte: one character
    }
    const size_t gbk_bytes = ascii + 2 * other;
    const bool dbf_length =
        raw_cut ? raw.size() == 8 || raw.size() == 9
                : gbk_bytes == 9 || gbk_bytes == 10 || raw.size() == 9 || raw.size() == 10;
    return dbf_length && alias.compare(0, norm.size(), norm) == 0;
}

// A scale implied by the unit in a source field's name ("建筑面积(万平方米)").
struct NameScale {
    double factor = 1.0;
    std::string note;
};

NameScale scale_from_name(std::string_view unit, const std::string& norm_source) {
    auto has = [&](std::string_view s) { return norm_source.find(s) != std::string::npos; };
    if (unit == "m2") {
        if (has("万平方米") || has("万㎡") || has("万m2"))
            return {1e4, "field name gives 万平方米, multiplied by 10,000"};
        if (has("平方公里") || has("km2")) return {1e6, "field name gives km², multiplied by 1e6"};
        const bool hectare_suffix =
            norm_source.size() > 2 && norm_source.compare(norm_source.size() - 2, 2, "ha") == 0;
        if (has("公顷") || has("hm2") || hectare_suffix)
            return {1e4, "field name gives hectares, multiplied by 10,000"};
        if (has("亩")) return {10000.0 / 15.0, "field name gives 亩, multiplied by 666.67"};
    } else if (unit == "mm") {
        if (has("cm") || has("厘米")) return {10.0, "field name gives cm, multiplied by 10"};
        if (!has("mm") && !has("毫米") && (has("m") || has("米")) && !is_ascii(norm_source))
            return {1000.0, "field name gives m, multiplied by 1000"};
    }
    return {};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Parsing a bound column
//-------------------------------------------------------------------------------------------------

const char* kind_words(ValueKind kind) {
    switch (kind) {
    case ValueKind::Text:
        return "text";
    case ValueKind::Integer:
        return "a whole number";
    case ValueKind::Real:
        return "a number";
    case ValueKind::Year:
        return "a year";
    case ValueKind::Bool:
        return "yes/no";
    case ValueKind::Share:
        return "a share";
    case ValueKind::Enum:
        return "a known value";
    }
    return "a value";
}

std::string expected_hint(const FieldSpec& spec) {
    switch (spec.kind) {
    case ValueKind::Year:
        return "expected a year such as 1998, 1998年, 1998-05-01, 90年代, 约1995 or 1990-1995";
    case ValueKind::Integer:
    case ValueKind::Real:
        return "expected a number such as 120, 1,250, 12.5万 or 300户";
    case ValueKind::Bool:
        return "expected 是/否, 有/无, Y/N, 1/0 or √/×";
    case ValueKind::Share:
        return "expected a share such as 66.7%, 0.667, 66.7, 2/3 or 三分之二";
    case ValueKind::Enum: {
        std::string hint = "expected one of: ";
        for (size_t k = 0; k < spec.values.size(); ++k) {
            if (k) hint += ", ";
            hint += spec.values[k].value;
            if (!spec.values[k].aliases.empty()) {
                hint += " (";
                hint += spec.values[k].aliases.front();
                hint += ")";
            }
        }
        return hint;
    }
    case ValueKind::Text:
        break;
    }
    return {};
}

bool numeric_type(ColumnType type) {
    return type == ColumnType::Int64 || type == ColumnType::Real || type == ColumnType::Bool;
}

double numeric_value(const Column& c, size_t i) {
    return c.type() == ColumnType::Real ? c.get_real(i) : static_cast<double>(c.get_int(i));
}

std::string normalize_code(std::string_view text, bool from_number) {
    std::string out;
    for (char c : fold_width(text)) {
        if (c == ' ' || c == '\t') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    const bool digits = !out.empty() && std::all_of(out.begin(), out.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
    if (from_number && digits && out.size() % 2 == 1) out.insert(out.begin(), '0');
    return out;
}

constexpr size_t kListedUnparsed = 5;

// Parses one bound source column into the canonical columns of its spec.
class ColumnParser {
public:
    ColumnParser(const Layer& layer, const FieldSpec& spec, const Column& source,
                 FieldBinding& binding, Diagnostics& diagnostics)
        : m_layer(layer), m_spec(spec), m_source(source), m_binding(binding),
          m_diagnostics(diagnostics) {}

    std::vector<Column> parse() {
        switch (m_spec.kind) {
        case ValueKind::Text:
            return parse_text();
        case ValueKind::Integer:
        case ValueKind::Real:
            return parse_number_column();
        case ValueKind::Year:
            return parse_year_column();
        case ValueKind::Bool:
            return parse_bool_column();
        case ValueKind::Share:
            return parse_share_column();
        case ValueKind::Enum:
            return parse_enum_column();
        }
        return {};
    }

    void report_summary() const {
        if (m_binding.unparsed <= kListedUnparsed) return;
        m_diagnostics.add(Severity::Warning, "field.unparsed_total", context(std::nullopt),
                          std::to_string(m_binding.unparsed) + " values of field '" +
                              m_binding.source + "' could not be read as " +
                              std::string(m_spec.name) + " (" + kind_words(m_spec.kind) +
                              ") and are left empty; the first " + std::to_string(kListedUnparsed) +
                              " are listed above",
                          expected_hint(m_spec));
    }

private:
    ErrorContext context(std::optional<int64_t> fid) const {
        return ErrorContext{m_layer.source.path, m_layer.name, fid};
    }

    // The source value as trimmed text; empty for null.
    std::string text(size_t i) const {
        if (m_source.is_null(i)) return {};
        if (is_text_storage(m_source.type())) return std::string(trim_text(m_source.get_string(i)));
        return m_source.to_text(i);
    }

    void unparsed(size_t row, std::string_view value) {
        ++m_binding.unparsed;
        if (m_binding.unparsed > kListedUnparsed) return;
        const std::optional<int64_t> fid =
            row < m_layer.fids.size() ? std::optional<int64_t>(m_layer.fids[row]) : std::nullopt;
        m_diagnostics.add(Severity::Warning, "field.unparsed", context(fid),
                          "field '" + m_binding.source + "' (" + std::string(m_spec.name) +
                              "): cannot read '" + std::string(value) + "' as " +
                              kind_words(m_spec.kind) + "; left empty",
                          expected_hint(m_spec));
    }

    void add_note(const std::string& note) {
        if (note.empty()) return;
        if (!m_binding.unit_note.empty()) m_binding.unit_note += "; ";
        m_binding.unit_note += note;
    }

    std::vector<Column> parse_text() {
        Column out(std::string(m_spec.name), ColumnType::String);
        out.reserve(m_source.size());
        const bool from_number = numeric_type(m_source.type());
        for (size_t i = 0; i < m_source.size(); ++i) {
            std::string value = text(i);
            if (m_spec.code) value = normalize_code(value, from_number);
            if (value.empty()) {
                out.push_null();
                continue;
            }
            out.push_string(value);
            ++m_binding.parsed;
        }
        return {std::move(out)};
    }

    std::vector<Column> parse_number_column() {
        const bool integer = m_spec.kind == ValueKind::Integer;
        Column out(std::string(m_spec.name), integer ? ColumnType::Int64 : ColumnType::Real);
        out.reserve(m_source.size());
        const NameScale scale = scale_from_name(m_spec.unit, normalize_name(m_binding.source));
        add_note(scale.note);
        for (size_t i = 0; i < m_source.size(); ++i) {
            std::optional<double> v;
            std::string value;
            if (m_source.is_null(i)) {
                out.push_null();
                continue;
            }
            if (numeric_type(m_source.type())) {
                v = numeric_value(m_source, i);
            } else {
                value = text(i);
                if (value.empty()) {
                    out.push_null();
                    continue;
                }
                v = parse_number(value);
            }
            if (!v || !std::isfinite(*v)) {
                unparsed(i, value.empty() ? m_source.to_text(i) : value);
                out.push_null();
                continue;
            }
            const double scaled = *v * scale.factor;
            if (integer)
                out.push_int(static_cast<int64_t>(std::llround(scaled)));
            else
                out.push_real(scaled);
            ++m_binding.parsed;
        }
        return {std::move(out)};
    }

    std::vector<Column> parse_year_column() {
        const std::string base(m_spec.name);
        Column lo(base + "_min", ColumnType::Int64);
        Column hi(base + "_max", ColumnType::Int64);
        Column approx(base + "_approx", ColumnType::Bool);
        size_t zeros = 0;
        lo.reserve(m_source.size());
        hi.reserve(m_source.size());
        approx.reserve(m_source.size());
        const bool numeric = numeric_type(m_source.type());
        for (size_t i = 0; i < m_source.size(); ++i) {
            // Fast path: a numeric column holding a plain year needs no text parsing.
            if (numeric && !m_source.is_null(i)) {
                const double v = numeric_value(m_source, i);
                if (v >= 1800.0 && v <= 2100.0 && v == std::floor(v)) {
                    lo.push_int(static_cast<int64_t>(v));
                    hi.push_int(static_cast<int64_t>(v));
                    approx.push_bool(false);
                    ++m_binding.parsed;
                    continue;
                }
            }
            const std::string value = text(i);
            // DBF has no null: a shapefile's missing number reads as 0
            const bool zero = numeric_type(m_source.type()) && !m_source.is_null(i) &&
                              numeric_value(m_source, i) == 0.0;
            if (value.empty() || zero) {
                zeros += zero ? 1 : 0;
                lo.push_null();
                hi.push_null();
                approx.push_null();
                continue;
            }
            const auto year = parse_year(value);
            if (!year) {
                unparsed(i, value);
                lo.push_null();
                hi.push_null();
                approx.push_null();
                continue;
            }
            lo.push_int(year->lo);
            hi.push_int(year->hi);
            approx.push_bool(year->approximate);
            ++m_binding.parsed;
            if (year->approximate) ++m_binding.approximate;
        }
        if (zeros)
            add_note(std::to_string(zeros) + " zero values read as missing (DBF has no null)");
        std::vector<Column> out;
        out.push_back(std::move(lo));
        out.push_back(std::move(hi));
        out.push_back(std::move(approx));
        return out;
    }

    std::vector<Column> parse_bool_column() {
        Column out(std::string(m_spec.name), ColumnType::Bool);
        out.reserve(m_source.size());
        for (size_t i = 0; i < m_source.size(); ++i) {
            const std::string value = text(i);
            if (value.empty()) {
                out.push_null();
                continue;
            }
            std::optional<bool> b;
            if (numeric_type(m_source.type())) {
                const double v = numeric_value(m_source, i);
                if (v == 0.0 || v == 1.0) b = v == 1.0;
            } else {
                b = parse_bool_words(value);
            }
            if (!b) {
                unparsed(i, value);
                out.push_null();
                continue;
            }
            out.push_bool(*b);
            ++m_binding.parsed;
        }
        return {std::move(out)};
    }

    // parse_bool, with the spec's own words ("专业物业" -> true) first as whole values and last
    // inside longer text, so that "无专业物业" stays false.
    std::optional<bool> parse_bool_words(const std::string& value) const {
        if (m_spec.values.empty()) return parse_bool(value);
        const std::string norm = normalize_name(value);
        for (const auto& v : m_spec.values)
            for (auto alias : v.aliases)
                if (normalize_name(alias) == norm) return v.value == "true";
        if (const auto b = parse_bool(value)) return b;
        const std::string_view mapped = map_enum_value(m_spec, value);
        if (mapped.empty()) return std::nullopt;
        return mapped == "true";
    }

    std::vector<Column> parse_share_column() {
        std::vector<std::optional<ShareValue>> shares(m_source.size());
        bool any_above_one = false;
        for (size_t i = 0; i < m_source.size(); ++i) {
            const std::string value = text(i);
            if (value.empty()) continue;
            if (numeric_type(m_source.type())) {
                const double v = numeric_value(m_source, i);
                if (v >= 0.0 && v <= 100.0) shares[i] = ShareValue{v, false};
            } else {
                shares[i] = parse_share(value);
            }
            if (shares[i] && !shares[i]->explicit_scale && shares[i]->value > 1.0)
                any_above_one = true;
        }
        // The scale is decided per column: 0-1 fractions unless some plain value exceeds 1.
        if (any_above_one) add_note("percent given as 0-100, divided by 100");
        Column out(std::string(m_spec.name), ColumnType::Real);
        out.reserve(m_source.size());
        for (size_t i = 0; i < m_source.size(); ++i) {
            if (!shares[i]) {
                const std::string value = text(i);
                if (!value.empty()) unparsed(i, value);
                out.push_null();
                continue;
            }
            double v = shares[i]->value;
            if (!shares[i]->explicit_scale && any_above_one) v /= 100.0;
            out.push_real(v);
            ++m_binding.parsed;
        }
        return {std::move(out)};
    }

    std::vector<Column> parse_enum_column() {
        Column out(std::string(m_spec.name), ColumnType::String);
        out.reserve(m_source.size());
        std::unordered_map<std::string, std::string_view> memo; // few distinct values
        for (size_t i = 0; i < m_source.size(); ++i) {
            const std::string value = text(i);
            if (value.empty()) {
                out.push_null();
                continue;
            }
            auto it = memo.find(value);
            if (it == memo.end()) it = memo.emplace(value, map_enum_value(m_spec, value)).first;
            if (it->second.empty()) {
                unparsed(i, value);
                out.push_null();
                continue;
            }
            out.push_string(it->second);
            ++m_binding.parsed;
        }
        return {std::move(out)};
    }

    const Layer& m_layer;
    const FieldSpec& m_spec;
    const Column& m_source;
    FieldBinding& m_binding;
    Diagnostics& m_diagnostics;
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Missing required fields
//-------------------------------------------------------------------------------------------------

// Code points of UTF-8 text.
std::vector<std::string_view> characters(std::string_view s) {
    std::vector<std::string_view> out;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        out.push_back(s.substr(i, std::min(len, s.size() - i)));
        i += len;
    }
    return out;
}

// How much a source name resembles any alias: the share of an alias's characters found in the
// source name (Chinese), or a shared prefix of three or more letters (ASCII); 0..1.
double name_similarity(const std::string& norm_source, const FieldSpec& spec) {
    double best = 0.0;
    const auto source_chars = characters(norm_source);
    for (auto alias : spec.aliases) {
        const std::string a = normalize_name(alias);
        if (a.empty()) continue;
        if (is_ascii(a)) {
            size_t common = 0;
            while (common < a.size() && common < norm_source.size() &&
                   a[common] == norm_source[common])
                ++common;
            if (common >= 3) best = std::max(best, double(common) / double(a.size()));
            continue;
        }
        const auto alias_chars = characters(a);
        size_t shared = 0;
        for (auto ch : alias_chars)
            if (std::find(source_chars.begin(), source_chars.end(), ch) != source_chars.end())
                ++shared;
        if (shared >= 2 || (shared == 1 && alias_chars.size() <= 2))
            best = std::max(best, double(shared) / double(alias_chars.size()));
    }
    return best;
}

// Share of a sample of non-empty values that the spec's parser reads (for kinds whose parser
// says something: years, shares, yes/no, enums); 0 for the others.
double value_fit(const Column& column, const FieldSpec& spec) {
    if (spec.kind == ValueKind::Text || spec.kind == ValueKind::Integer ||
        spec.kind == ValueKind::Real)
        return 0.0;
    size_t seen = 0, read = 0;
    for (size_t i = 0; i < column.size() && seen < 200; ++i) {
        if (column.is_null(i)) continue;
        const std::string value = column.to_text(i);
        if (trim_text(value).empty()) continue;
        ++seen;
        bool ok = false;
        switch (spec.kind) {
        case ValueKind::Year:
            ok = parse_year(value).has_value();
            break;
        case ValueKind::Share:
            ok = parse_share(value).has_value();
            break;
        case ValueKind::Bool:
            ok = parse_bool(value).has_value();
            break;
        case ValueKind::Enum:
            ok = !map_enum_value(spec, value).empty();
            break;
        default:
            break;
        }
        read += ok ? 1 : 0;
    }
    return seen ? double(read) / double(seen) : 0.0;
}

void report_missing(Layer& layer, const FieldSpec& spec, const std::vector<bool>& used,
                    Diagnostics& diagnostics) {
    struct Candidate {
        size_t index;
        double score;
    };
    std::vector<Candidate> candidates;
    for (size_t a = 0; a < layer.attributes.size(); ++a) {
        if (used[a]) continue;
        const Column& column = layer.attributes[a];
        const double score =
            name_similarity(normalize_name(column.name()), spec) + value_fit(column, spec);
        candidates.push_back({a, score});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& x, const Candidate& y) { return x.score > y.score; });

    constexpr double kLikely = 0.5;
    constexpr size_t kListed = 15;
    std::string list;
    for (size_t k = 0; k < candidates.size() && k < kListed; ++k) {
        if (k) list += ", ";
        list += layer.attributes[candidates[k].index].name();
        if (candidates[k].score >= kLikely) list += "?";
    }
    if (candidates.size() > kListed)
        list += ", ... (" + std::to_string(candidates.size() - kListed) + " more)";
    const bool any_likely = !candidates.empty() && candidates.front().score >= kLikely;

    std::string message = "no field for " + std::string(spec.name) + " (" +
                          std::string(spec.label_zh) + ", required for " +
                          std::string(to_string(layer.role)) + "); ";
    message +=
        candidates.empty() ? std::string("the layer has no unbound fields") : "candidates: " + list;
    if (any_likely) message += " (? = likely)";
    const std::string example =
        any_likely ? layer.attributes[candidates.front().index].name() : "<source field>";
    const std::string hint = "name the source field in the project file (renoplan.json), e.g. "
                             "\"fields\": {\"" +
                             std::string(spec.name) + "\": \"" + example + "\"}";
    diagnostics.add(Severity::Error, "field.missing_required",
                    ErrorContext{layer.source.path, layer.name, std::nullopt}, message, hint);
    layer.missing_required.emplace_back(spec.name);
}

std::string field_list(const std::vector<Column>& columns) {
    std::string list;
    for (const auto& c : columns) {
        if (!list.empty()) list += ", ";
        list += c.name();
    }
    return list.empty() ? std::string("(none)") : list;
}

} // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Public lookups
//-------------------------------------------------------------------------------------------------

const std::vector<FieldSpec>& field_specs(Role role) {
    static const std::array<std::vector<FieldSpec>, 9> kTables = {
        std::vector<FieldSpec>{}, communities_fields(), buildings_fields(),
        pipelines_fields(),       roads_fields(),       water_fields(),
        zoning_fields(),          facilities_fields(),  protected_fields()};
    const auto k = static_cast<size_t>(role);
    return k < kTables.size() ? kTables[k] : kTables[0];
}

const FieldSpec* find_field_spec(Role role, std::string_view name) {
    for (const auto& spec : field_specs(role))
        if (spec.name == name) return &spec;
    return nullptr;
}

std::string_view map_enum_value(const FieldSpec& spec, std::string_view text) {
    const std::string norm = normalize_name(text);
    if (norm.empty()) return {};
    // 1. the whole text is a value or an alias
    for (const auto& v : spec.values) {
        if (normalize_name(v.value) == norm) return v.value;
        for (auto alias : v.aliases)
            if (normalize_name(alias) == norm) return v.value;
    }
    // 2. free text: Chinese aliases inside it, ASCII aliases as whole words; longest wins
    const std::vector<std::string> words = ascii_words(text);
    std::string_view best;
    size_t best_len = 0;
    for (const auto& v : spec.values) {
        for (auto alias : v.aliases) {
            size_t len = 0;
            if (is_ascii(alias)) {
                const std::string a = ascii_lower(std::string(alias));
                if (std::find(words.begin(), words.end(), a) != words.end()) len = a.size();
            } else {
                const std::string a = normalize_name(alias);
                if (norm.find(a) != std::string::npos) len = a.size();
            }
            if (len > best_len) {
                best_len = len;
                best = v.value;
            }
        }
    }
    return best;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] bind_fields
//-------------------------------------------------------------------------------------------------

void bind_fields(Layer& layer, const std::map<std::string, std::string>& explicit_fields,
                 Diagnostics& diagnostics) {
    layer.canonical.clear();
    layer.bindings.clear();
    layer.missing_required.clear();
    const std::vector<FieldSpec>& specs = field_specs(layer.role);
    const ErrorContext layer_context{layer.source.path, layer.name, std::nullopt};

    const size_t n_attr = layer.attributes.size();
    std::vector<std::string> norm_source(n_attr);
    for (size_t a = 0; a < n_attr; ++a)
        norm_source[a] = normalize_name(layer.attributes[a].name());

    constexpr int kUnbound = -1;
    std::vector<int> bound(specs.size(), kUnbound);
    std::vector<std::string> how(specs.size());
    std::vector<bool> left_unbound(specs.size(), false);
    std::vector<bool> used(n_attr, false);
    auto bind = [&](size_t k, size_t a, std::string method) {
        bound[k] = static_cast<int>(a);
        how[k] = std::move(method);
        used[a] = true;
    };

    // 1. the project file
    for (const auto& [canonical, source] : explicit_fields) {
        size_t k = 0;
        while (k < specs.size() && specs[k].name != canonical)
            ++k;
        if (k == specs.size()) {
            std::string names;
            for (const auto& s : specs)
                names += (names.empty() ? "" : ", ") + std::string(s.name);
            diagnostics.add(Severity::Error, "field.unknown_canonical", layer_context,
                            "the project file names canonical field '" + canonical + "', which " +
                                std::string(to_string(layer.role)) + " layers do not have",
                            "fields of this role: " + (names.empty() ? "(none)" : names));
            continue;
        }
        if (source.empty()) { // "built_year": "" leaves the field deliberately unbound
            left_unbound[k] = true;
            continue;
        }
        int found = layer.find_attribute(source);
        if (found < 0) {
            const std::string norm = normalize_name(source);
            for (size_t a = 0; a < n_attr && found < 0; ++a)
                if (norm_source[a] == norm) found = static_cast<int>(a);
        }
        if (found < 0) {
            diagnostics.add(
                Severity::Error, "field.binding_not_found", layer_context,
                "the project file binds " + canonical + " to field '" + source +
                    "', which the layer does not have; fields: " + field_list(layer.attributes),
                "correct the name under \"fields\" in renoplan.json; fields are "
                "matched by their usual names meanwhile");
            continue;
        }
        bind(k, static_cast<size_t>(found), "project file");
    }

    // 2. exact aliases, earlier aliases first
    for (size_t k = 0; k < specs.size(); ++k) {
        if (bound[k] != kUnbound || left_unbound[k]) continue;
        for (auto alias : specs[k].aliases) {
            const std::string a = normalize_name(alias);
            for (size_t s = 0; s < n_attr && bound[k] == kUnbound; ++s)
                if (!used[s] && norm_source[s] == a) bind(k, s, "alias");
            if (bound[k] != kUnbound) break;
        }
    }

    // 3. fuzzy: a source name containing a Chinese alias, or an alias cut to a DBF's 10 bytes
    //    (only where that start fits a single canonical field); the longest match binds first
    struct Fuzzy {
        size_t spec, source, alias_len;
        std::string_view alias;
        bool truncated = false;
    };
    std::vector<Fuzzy> fuzzy;
    std::vector<size_t> truncated_specs(n_attr, 0); // canonical fields a cut name could be
    for (size_t k = 0; k < specs.size(); ++k) {
        for (size_t s = 0; s < n_attr; ++s) {
            if (used[s]) continue;
            Fuzzy best{k, s, 0, {}};
            bool cut = false;
            for (auto alias : specs[k].aliases) {
                const std::string a = normalize_name(alias);
                if (a.size() > best.alias_len && fuzzy_contains(norm_source[s], a))
                    best = Fuzzy{k, s, a.size(), alias};
                if (truncated_alias(layer.attributes[s].name(), norm_source[s], a)) {
                    cut = true;
                    if (!best.alias_len) best = Fuzzy{k, s, norm_source[s].size(), alias, true};
                }
            }
            truncated_specs[s] += cut ? 1 : 0;
            if (best.alias_len && bound[k] == kUnbound && !left_unbound[k]) fuzzy.push_back(best);
        }
    }
    std::erase_if(fuzzy,
                  [&](const Fuzzy& f) { return f.truncated && truncated_specs[f.source] > 1; });
    std::stable_sort(fuzzy.begin(), fuzzy.end(),
                     [](const Fuzzy& x, const Fuzzy& y) { return x.alias_len > y.alias_len; });
    for (const auto& f : fuzzy) {
        if (bound[f.spec] != kUnbound || used[f.source]) continue;
        bind(f.spec, f.source, "fuzzy");
        diagnostics.add(Severity::Info, "field.fuzzy", layer_context,
                        "field '" + layer.attributes[f.source].name() + "' taken as " +
                            std::string(specs[f.spec].name) +
                            (f.truncated ? " (its name looks like '" + std::string(f.alias) +
                                               "' cut to a shapefile's 10 bytes)"
                                         : " (its name contains '" + std::string(f.alias) + "')"),
                        "bind it in the project file (renoplan.json \"fields\") if this is wrong");
    }

    // 4. parse the bound columns, report what is missing
    for (size_t k = 0; k < specs.size(); ++k) {
        if (bound[k] == kUnbound) {
            if (specs[k].required) report_missing(layer, specs[k], used, diagnostics);
            continue;
        }
        const Column& source = layer.attributes[static_cast<size_t>(bound[k])];
        FieldBinding binding;
        binding.canonical = std::string(specs[k].name);
        binding.source = source.name();
        binding.how = how[k];
        ColumnParser parser(layer, specs[k], source, binding, diagnostics);
        std::vector<Column> columns = parser.parse();
        parser.report_summary();
        for (auto& c : columns) {
            // Where parsing changed nothing, share the source's values instead of a copy.
            if (c.same_values(source)) c = source.alias(c.name());
            layer.canonical.push_back(std::move(c));
        }
        layer.bindings.push_back(std::move(binding));
    }
}

} // namespace renoplan::ingest
