#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "geo/ingest/fields.hpp"
#include "geo/ingest/values.hpp"
#include "support/columns.hpp"

using namespace renoplan;
using namespace renoplan::ingest;

namespace {

using renoplan::test::column;
using renoplan::test::V;

Layer make_layer(Role role, std::vector<Column> columns) {
    Layer layer;
    layer.name = "survey";
    layer.role = role;
    layer.source.path = "/data/suining.gpkg";
    const size_t n = columns.empty() ? 0 : columns.front().size();
    for (size_t i = 0; i < n; ++i)
        layer.fids.push_back(static_cast<int64_t>(101 + i));
    layer.attributes = std::move(columns);
    return layer;
}

const FieldBinding* binding(const Layer& layer, const std::string& canonical) {
    for (const auto& b : layer.bindings)
        if (b.canonical == canonical) return &b;
    return nullptr;
}

std::vector<const Diagnostic*> with_code(const Diagnostics& d, const std::string& code) {
    std::vector<const Diagnostic*> out;
    for (const auto& item : d.items())
        if (item.code == code) out.push_back(&item);
    return out;
}

} // namespace

TEST_CASE("canonical field tables", "[fields]") {
    SECTION("canonical names per role") {
        auto names = [](Role role) {
            std::vector<std::string> out;
            for (const auto& s : field_specs(role))
                out.emplace_back(s.name);
            return out;
        };
        CHECK(names(Role::Communities) ==
              std::vector<std::string>{"name", "county", "street", "built_year", "households",
                                       "buildings", "floor_area_m2", "land_area_m2", "self_built",
                                       "expropriation_planned", "consent_area_pct",
                                       "consent_owner_pct", "vote_area_pct", "vote_owner_pct",
                                       "participation_area_pct", "participation_owner_pct",
                                       "population", "property_management", "id"});
        CHECK(names(Role::Buildings) ==
              std::vector<std::string>{"floors", "built_year", "has_elevator", "structure",
                                       "community", "households", "height_m", "name"});
        CHECK(names(Role::Pipelines) == std::vector<std::string>{"kind", "install_year",
                                                                 "diameter_mm", "material",
                                                                 "laying", "pressure", "owner"});
        CHECK(names(Role::Roads) ==
              std::vector<std::string>{"class", "width_m", "name", "surface"});
        CHECK(names(Role::Water) == std::vector<std::string>{"name", "kind"});
        CHECK(names(Role::Zoning) == std::vector<std::string>{"landuse_code", "landuse_name",
                                                              "parcel_id", "far_max", "density_max",
                                                              "green_min", "height_max_m"});
        CHECK(names(Role::Facilities) == std::vector<std::string>{"kind", "name", "capacity"});
        CHECK(names(Role::Protected) == std::vector<std::string>{"name", "kind", "level"});
        CHECK(field_specs(Role::Unknown).empty());
    }
    SECTION("required fields") {
        std::set<std::string> required;
        for (Role role : kAllRoles)
            for (const auto& s : field_specs(role))
                if (s.required)
                    required.insert(std::string(to_string(role)) + "." + std::string(s.name));
        CHECK(required == std::set<std::string>{"communities.built_year", "pipelines.kind",
                                                "zoning.landuse_code", "facilities.kind"});
    }
    SECTION("kinds") {
        CHECK(find_field_spec(Role::Communities, "built_year")->kind == ValueKind::Year);
        CHECK(find_field_spec(Role::Communities, "consent_area_pct")->kind == ValueKind::Share);
        CHECK(find_field_spec(Role::Communities, "self_built")->kind == ValueKind::Bool);
        CHECK(find_field_spec(Role::Pipelines, "laying")->kind == ValueKind::Enum);
        CHECK(find_field_spec(Role::Zoning, "landuse_code")->code);
        CHECK(find_field_spec(Role::Roads, "nonexistent") == nullptr);
    }
    SECTION("no alias twice within a role, every field named by its label or its own name") {
        for (Role role : kAllRoles) {
            std::map<std::string, std::string> seen;
            for (const auto& s : field_specs(role)) {
                CHECK_FALSE(s.label_zh.empty());
                CHECK_FALSE(s.label_en.empty());
                for (auto alias : s.aliases) {
                    const std::string a = normalize_name(alias);
                    const auto [it, inserted] = seen.emplace(a, std::string(s.name));
                    INFO(to_string(role) << ": alias '" << alias << "' of " << s.name
                                         << " already used by " << it->second);
                    CHECK(inserted);
                }
                // enum values: no alias maps to two values
                std::map<std::string, std::string> values;
                for (const auto& v : s.values)
                    for (auto alias : v.aliases) {
                        INFO(s.name << ": value alias '" << alias << "'");
                        CHECK(values.emplace(normalize_name(alias), std::string(v.value)).second);
                    }
            }
        }
    }
}

TEST_CASE("map_enum_value maps codes, words and free text", "[fields]") {
    const FieldSpec& pipe = *find_field_spec(Role::Pipelines, "kind");
    CHECK(map_enum_value(pipe, "给水") == "water_supply");
    CHECK(map_enum_value(pipe, "给水管") == "water_supply");
    CHECK(map_enum_value(pipe, "JS") == "water_supply");
    CHECK(map_enum_value(pipe, "ws") == "sewage");
    CHECK(map_enum_value(pipe, "YS") == "storm");
    CHECK(map_enum_value(pipe, "雨污合流") == "drainage");
    CHECK(map_enum_value(pipe, "雨污合流管") == "drainage");
    CHECK(map_enum_value(pipe, "雨污水") == "drainage");
    CHECK(map_enum_value(pipe, "天然气中压") == "gas");
    CHECK(map_enum_value(pipe, "电力电缆") == "power");
    CHECK(map_enum_value(pipe, "路灯") == "power");
    CHECK(map_enum_value(pipe, "有线电视") == "cable_tv");
    CHECK(map_enum_value(pipe, "中国移动光缆") == "telecom");
    CHECK(map_enum_value(pipe, "sewer main") == "sewage");
    CHECK(map_enum_value(pipe, "water_supply") == "water_supply");
    CHECK(map_enum_value(pipe, "未知").empty());
    CHECK(map_enum_value(pipe, "").empty());
    // ASCII aliases match whole words only: "ld" is power, "world" is nothing
    CHECK(map_enum_value(pipe, "world").empty());

    const FieldSpec& facility = *find_field_spec(Role::Facilities, "kind");
    CHECK(map_enum_value(facility, "XX社区养老服务中心") == "elderly_care");
    CHECK(map_enum_value(facility, "东街社区卫生服务站") == "clinic");
    CHECK(map_enum_value(facility, "实验幼儿园") == "kindergarten");
    CHECK(map_enum_value(facility, "生鲜超市") == "market");
    CHECK(map_enum_value(facility, "华联超市") == "supermarket");
    CHECK(map_enum_value(facility, "菜鸟驿站") == "express_delivery");
    CHECK(map_enum_value(facility, "河东社区党群服务中心") == "community_service");
    CHECK(map_enum_value(facility, "nursing_home") == "elderly_care");
    CHECK(map_enum_value(facility, "公共厕所") == "toilet");
    CHECK(map_enum_value(facility, "遂宁市中心医院") == "hospital");

    const FieldSpec& road = *find_field_spec(Role::Roads, "class");
    CHECK(map_enum_value(road, "motorway_link") == "expressway");
    CHECK(map_enum_value(road, "主干路") == "arterial");
    CHECK(map_enum_value(road, "城市次干路") == "secondary");
    CHECK(map_enum_value(road, "minor_road") == "branch");
    CHECK(map_enum_value(road, "宅间路") == "local");
    CHECK(map_enum_value(road, "footway") == "path");
    CHECK(map_enum_value(road, "rail").empty());

    const FieldSpec& laying = *find_field_spec(Role::Pipelines, "laying");
    CHECK(map_enum_value(laying, "架空") == "overhead");
    CHECK(map_enum_value(laying, "直埋") == "buried");
    CHECK(map_enum_value(laying, "管沟") == "buried");
    CHECK(map_enum_value(laying, "排管") == "buried");
}

TEST_CASE("bind_fields on a Chinese community survey table", "[fields]") {
    Layer layer = make_layer(
        Role::Communities,
        {
            column("小区名称", ColumnType::String,
                   {"凯旋小区", "明星小区", "金鱼小区", "滨江花园", "  "}),
            column("建成年代", ColumnType::String, {"1998年", "90年代", "不详", "约1995", V()}),
            column("户数", ColumnType::Int64, {120, 300, V(), 80, 45}),
            column("同意面积比例", ColumnType::Real, {70.0, 66.7, 80.0, V(), 50.0}),
            column("同意户数比例", ColumnType::String, {"70%", "0.8", "2/3", "", "三分之二"}),
            column("是否拟征收", ColumnType::String, {"否", "是", "否", "无", ""}),
            column("所属区县", ColumnType::String, {"船山区", "船山区", "安居区", "", "射洪市"}),
            column("建筑面积(㎡)", ColumnType::String, {"1,250", "12.5万", "3000", "", "800"}),
            column("备注", ColumnType::String, {"", "", "", "", ""}),
        });
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);

    REQUIRE(binding(layer, "name"));
    CHECK(binding(layer, "name")->source == "小区名称");
    CHECK(binding(layer, "name")->how == "alias");
    CHECK(binding(layer, "county")->source == "所属区县");
    CHECK(binding(layer, "households")->source == "户数");
    CHECK(binding(layer, "expropriation_planned")->source == "是否拟征收");
    REQUIRE(binding(layer, "floor_area_m2"));
    CHECK(binding(layer, "floor_area_m2")->source == "建筑面积(㎡)");
    CHECK(binding(layer, "floor_area_m2")->how == "fuzzy");
    CHECK(diagnostics.count("field.fuzzy") == 1);
    CHECK(layer.missing_required.empty());
    CHECK(diagnostics.count(Severity::Error) == 0);

    SECTION("text is trimmed, blank is null") {
        const Column* name = layer.canonical_column("name");
        REQUIRE(name);
        CHECK(name->get_string(0) == "凯旋小区");
        CHECK(name->is_null(4));
    }
    SECTION("year triple") {
        const Column* lo = layer.canonical_column("built_year_min");
        const Column* hi = layer.canonical_column("built_year_max");
        const Column* approx = layer.canonical_column("built_year_approx");
        REQUIRE(lo);
        REQUIRE(hi);
        REQUIRE(approx);
        CHECK(layer.canonical_column("built_year") == nullptr);
        CHECK(lo->type() == ColumnType::Int64);
        CHECK(approx->type() == ColumnType::Bool);
        CHECK((lo->get_int(0) == 1998 && hi->get_int(0) == 1998 && !approx->get_bool(0)));
        CHECK((lo->get_int(1) == 1990 && hi->get_int(1) == 1999 && approx->get_bool(1)));
        CHECK((lo->is_null(2) && hi->is_null(2) && approx->is_null(2)));
        CHECK((lo->get_int(3) == 1995 && hi->get_int(3) == 1995 && approx->get_bool(3)));
        CHECK(lo->is_null(4));
        const FieldBinding* b = binding(layer, "built_year");
        REQUIRE(b);
        CHECK(b->source == "建成年代");
        CHECK(b->parsed == 3);
        CHECK(b->approximate == 2);
        CHECK(b->unparsed == 1);
    }
    SECTION("unparsed values are reported with the feature id") {
        const auto unparsed = with_code(diagnostics, "field.unparsed");
        REQUIRE(unparsed.size() == 1);
        const Diagnostic& d = *unparsed[0];
        CHECK(d.severity == Severity::Warning);
        CHECK(d.context.source == "/data/suining.gpkg");
        CHECK(d.context.layer == "survey");
        REQUIRE(d.context.feature_id.has_value());
        CHECK(*d.context.feature_id == 103);
        CHECK_THAT(d.message, Catch::Contains("不详") && Catch::Contains("建成年代") &&
                                  Catch::Contains("built_year"));
        CHECK(diagnostics.count("field.unparsed_total") == 0);
    }
    SECTION("integers") {
        const Column* hh = layer.canonical_column("households");
        REQUIRE(hh);
        CHECK(hh->type() == ColumnType::Int64);
        CHECK(hh->get_int(1) == 300);
        CHECK(hh->is_null(2));
        const Column* area = layer.canonical_column("floor_area_m2");
        REQUIRE(area);
        CHECK(area->type() == ColumnType::Real);
        CHECK(area->get_real(0) == Approx(1250.0));
        CHECK(area->get_real(1) == Approx(125000.0));
    }
    SECTION("a 0-100 share column is divided by 100 and noted") {
        const Column* area = layer.canonical_column("consent_area_pct");
        REQUIRE(area);
        CHECK(area->get_real(0) == Approx(0.70));
        CHECK(area->get_real(1) == Approx(0.667));
        CHECK(area->is_null(3));
        const FieldBinding* b = binding(layer, "consent_area_pct");
        CHECK_THAT(b->unit_note, Catch::Contains("divided by 100"));
    }
    SECTION("a share column of fractions and explicit values is not rescaled") {
        const Column* owners = layer.canonical_column("consent_owner_pct");
        REQUIRE(owners);
        CHECK(owners->get_real(0) == Approx(0.70));
        CHECK(owners->get_real(1) == Approx(0.80));
        CHECK(owners->get_real(2) == Approx(2.0 / 3.0));
        CHECK(owners->is_null(3));
        CHECK(owners->get_real(4) == Approx(2.0 / 3.0));
        CHECK(binding(layer, "consent_owner_pct")->unit_note.empty());
    }
    SECTION("booleans") {
        const Column* ex = layer.canonical_column("expropriation_planned");
        REQUIRE(ex);
        CHECK(ex->type() == ColumnType::Bool);
        CHECK_FALSE(ex->get_bool(0));
        CHECK(ex->get_bool(1));
        CHECK_FALSE(ex->get_bool(3));
        CHECK(ex->is_null(4));
    }
    SECTION("unbound source fields stay unbound") {
        for (const auto& b : layer.bindings)
            CHECK(b.source != "备注");
        for (const auto& c : layer.canonical)
            CHECK(c.size() == layer.size());
    }
}

TEST_CASE("bind_fields with English and typed columns", "[fields]") {
    Layer layer = make_layer(
        Role::Communities, {
                               column("Name", ColumnType::String, {"Kaixuan", "Mingxing", "Jinyu"}),
                               column("YEAR_BUILT", ColumnType::Int64, {1985, 0, 2003}),
                               column("households", ColumnType::Real, {120.0, 80.4, V()}),
                               column("consent_area", ColumnType::Real, {0.7, 0.5, 1.0}),
                               column("self_built", ColumnType::Int64, {1, 0, 2}),
                               column("floor_area", ColumnType::String, {"1,250", "", "n/a"}),
                           });
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    CHECK(binding(layer, "name")->source == "Name");
    REQUIRE(binding(layer, "built_year"));
    CHECK(binding(layer, "built_year")->source == "YEAR_BUILT");
    const Column* lo = layer.canonical_column("built_year_min");
    REQUIRE(lo);
    CHECK(lo->get_int(0) == 1985);
    CHECK(lo->is_null(1)); // a DBF zero is missing, not unparsed
    CHECK(lo->get_int(2) == 2003);
    CHECK(binding(layer, "built_year")->unparsed == 0);
    CHECK_THAT(binding(layer, "built_year")->unit_note, Catch::Contains("zero"));
    CHECK(layer.canonical_column("households")->get_int(1) == 80);
    CHECK(layer.canonical_column("consent_area_pct")->get_real(0) == Approx(0.7));
    CHECK(binding(layer, "consent_area_pct")->unit_note.empty());
    const Column* self_built = layer.canonical_column("self_built");
    CHECK(self_built->get_bool(0));
    CHECK_FALSE(self_built->get_bool(1));
    CHECK(self_built->is_null(2));
    CHECK(binding(layer, "self_built")->unparsed == 1);
    CHECK(binding(layer, "floor_area_m2")->unparsed == 1);
    CHECK(diagnostics.count("field.unparsed") == 2);
}

TEST_CASE("bind_fields reports many unparsed values as five plus a total", "[fields]") {
    std::vector<V> years = {"不详", "未知", "abc", "?", "-", "待查", "n/a", "1990"};
    Layer layer = make_layer(Role::Communities, {column("建成年份", ColumnType::String, years)});
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    const auto listed = with_code(diagnostics, "field.unparsed");
    REQUIRE(listed.size() == 5);
    CHECK(*listed[0]->context.feature_id == 101);
    CHECK(*listed[4]->context.feature_id == 105);
    const auto total = with_code(diagnostics, "field.unparsed_total");
    REQUIRE(total.size() == 1);
    CHECK_THAT(total[0]->message, Catch::StartsWith("7 values"));
    CHECK_FALSE(total[0]->context.feature_id.has_value());
    CHECK(binding(layer, "built_year")->unparsed == 7);
    CHECK(binding(layer, "built_year")->parsed == 1);
}

TEST_CASE("bind_fields: a missing required field lists the likely candidates", "[fields]") {
    Layer layer = make_layer(Role::Communities,
                             {
                                 column("名称", ColumnType::String, {"凯旋小区", "明星小区"}),
                                 column("户数", ColumnType::Int64, {100, 200}),
                                 column("备注", ColumnType::String, {"", "老小区"}),
                                 column("竣工日期", ColumnType::Date, {"1996-01-01", "2001-07-01"}),
                             });
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    REQUIRE(layer.missing_required == std::vector<std::string>{"built_year"});
    const auto missing = with_code(diagnostics, "field.missing_required");
    REQUIRE(missing.size() == 1);
    const Diagnostic& d = *missing[0];
    CHECK(d.severity == Severity::Error);
    CHECK(d.context.layer == "survey");
    CHECK_THAT(d.message,
               Catch::Contains("built_year") && Catch::Contains("candidates: 竣工日期?"));
    CHECK_THAT(d.message, Catch::Contains("备注"));
    CHECK_THAT(d.message, !Catch::Contains("户数")); // already bound to households
    CHECK_THAT(d.hint, Catch::Contains("renoplan.json") &&
                           Catch::Contains("\"fields\": {\"built_year\": \"竣工日期\"}"));
    CHECK(layer.canonical_column("built_year_min") == nullptr);
}

TEST_CASE("bind_fields: the project file wins over aliases", "[fields]") {
    Layer layer = make_layer(Role::Communities,
                             {
                                 column("建成年份", ColumnType::String, {"待核实", "待核实"}),
                                 column("竣工日期", ColumnType::String, {"1996年", "80年代"}),
                                 column("XQMC", ColumnType::String, {"凯旋小区", "明星小区"}),
                             });
    Diagnostics diagnostics;
    bind_fields(layer, {{"built_year", "竣工日期"}}, diagnostics);
    const FieldBinding* b = binding(layer, "built_year");
    REQUIRE(b);
    CHECK(b->source == "竣工日期");
    CHECK(b->how == "project file");
    CHECK(b->parsed == 2);
    CHECK(layer.canonical_column("built_year_min")->get_int(1) == 1980);
    CHECK(binding(layer, "name")->source == "XQMC");
    CHECK(diagnostics.count(Severity::Error) == 0);
    CHECK(diagnostics.count(Severity::Warning) == 0);

    SECTION("binding again replaces the earlier result") {
        Diagnostics again;
        bind_fields(layer, {}, again);
        CHECK(binding(layer, "built_year")->source == "建成年份");
        CHECK(layer.bindings.size() == 2);
        CHECK(layer.canonical.size() == 4); // name + year triple
    }
    SECTION("an empty binding leaves the field unbound on purpose") {
        Diagnostics d;
        bind_fields(layer, {{"name", ""}}, d);
        CHECK(binding(layer, "name") == nullptr);
    }
}

TEST_CASE("bind_fields: a project-file binding to a missing field is an error", "[fields]") {
    Layer layer =
        make_layer(Role::Communities, {column("建成年份", ColumnType::String, {"1990", "1991"}),
                                       column("小区名称", ColumnType::String, {"a", "b"})});
    Diagnostics diagnostics;
    bind_fields(layer, {{"built_year", "建成年"}, {"no_such_field", "小区名称"}}, diagnostics);
    const auto not_found = with_code(diagnostics, "field.binding_not_found");
    REQUIRE(not_found.size() == 1);
    CHECK(not_found[0]->severity == Severity::Error);
    CHECK_THAT(not_found[0]->message, Catch::Contains("建成年") && Catch::Contains("建成年份"));
    const auto unknown = with_code(diagnostics, "field.unknown_canonical");
    REQUIRE(unknown.size() == 1);
    CHECK_THAT(unknown[0]->message, Catch::Contains("no_such_field"));
    // automatic matching still binds the field
    REQUIRE(binding(layer, "built_year"));
    CHECK(binding(layer, "built_year")->how == "alias");
    CHECK(layer.missing_required.empty());
}

TEST_CASE("bind_fields: explicit names match after normalisation", "[fields]") {
    Layer layer =
        make_layer(Role::Communities, {column("JCNF_2020", ColumnType::String, {"1990", "1991"})});
    Diagnostics diagnostics;
    bind_fields(layer, {{"built_year", "jcnf 2020"}}, diagnostics);
    REQUIRE(binding(layer, "built_year"));
    CHECK(binding(layer, "built_year")->source == "JCNF_2020");
    CHECK(diagnostics.count(Severity::Error) == 0);
}

TEST_CASE("bind_fields: fuzzy matches need a specific alias", "[fields]") {
    Layer layer = make_layer(Role::Communities,
                             {
                                 column("小区类型", ColumnType::String, {"商品房", "单位房"}),
                                 column("户数(户)", ColumnType::String, {"120", "80"}),
                                 column("建成年份(年)", ColumnType::Int64, {1990, 1988}),
                                 column("建筑面积(万平方米)", ColumnType::Real, {1.2, 0.5}),
                             });
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    CHECK(binding(layer, "name") == nullptr); // 小区 is too generic inside 小区类型
    REQUIRE(binding(layer, "households"));
    CHECK(binding(layer, "households")->how == "fuzzy");
    CHECK(binding(layer, "built_year")->source == "建成年份(年)");
    CHECK(binding(layer, "built_year")->how == "fuzzy");
    REQUIRE(binding(layer, "floor_area_m2"));
    CHECK(layer.canonical_column("floor_area_m2")->get_real(0) == Approx(12000.0));
    CHECK_THAT(binding(layer, "floor_area_m2")->unit_note, Catch::Contains("万平方米"));
}

TEST_CASE("bind_fields: a source field binds one canonical field", "[fields]") {
    // 户数 is households; it must not also become buildings.households or anything else
    Layer layer = make_layer(Role::Buildings,
                             {column("层数", ColumnType::Int64, {6, 7}),
                              column("户数", ColumnType::Int64, {24, 28}),
                              column("小区名称", ColumnType::String, {"凯旋小区", "凯旋小区"}),
                              column("名称", ColumnType::String, {"1栋", "2栋"}),
                              column("有无电梯", ColumnType::String, {"无", "有电梯"})});
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    std::set<std::string> sources;
    for (const auto& b : layer.bindings)
        CHECK(sources.insert(b.source).second);
    CHECK(binding(layer, "community")->source == "小区名称");
    CHECK(binding(layer, "name")->source == "名称");
    CHECK(binding(layer, "floors")->source == "层数");
    CHECK(layer.canonical_column("has_elevator")->get_bool(1));
    CHECK(layer.missing_required.empty()); // buildings need nothing
}

TEST_CASE("bind_fields: pipelines with kinds and laying", "[fields]") {
    Layer layer = make_layer(
        Role::Pipelines,
        {
            column("管线类型", ColumnType::String,
                   {"给水管", "污水", "YS", "雨污合流", "燃气", "电力电缆", "有线电视", "其他"}),
            column("管径(mm)", ColumnType::String,
                   {"DN200", "300", "φ400", "600", "110", "", "", ""}),
            column("敷设方式", ColumnType::String,
                   {"直埋", "直埋", "直埋", "管沟", "直埋", "架空", "架空", ""}),
            column("埋设年份", ColumnType::Int64, {1995, 1988, 2010, 1979, 2005, 2015, 2016, 0}),
        });
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    const Column* kind = layer.canonical_column("kind");
    REQUIRE(kind);
    const std::vector<std::string> expected = {"water_supply", "sewage", "storm",   "drainage",
                                               "gas",          "power",  "cable_tv"};
    for (size_t i = 0; i < expected.size(); ++i)
        CHECK(kind->get_string(i) == expected[i]);
    CHECK(kind->is_null(7));
    CHECK(binding(layer, "kind")->unparsed == 1);
    CHECK(layer.canonical_column("diameter_mm")->get_real(0) == Approx(200.0));
    CHECK(layer.canonical_column("diameter_mm")->get_real(2) == Approx(400.0));
    const Column* laying = layer.canonical_column("laying");
    REQUIRE(laying);
    CHECK(laying->get_string(3) == "buried");
    CHECK(laying->get_string(5) == "overhead");
    CHECK(layer.canonical_column("install_year_min")->get_int(3) == 1979);
    CHECK(layer.missing_required.empty());
}

TEST_CASE("bind_fields: zoning codes are normalised", "[fields]") {
    Layer text_codes = make_layer(
        Role::Zoning, {column("用地性质", ColumnType::String, {"r2", "Ｒ２２", " b1 ", "G 1", ""}),
                       column("容积率", ColumnType::String, {"2.5", "≤2.0", "", "", ""}),
                       column("绿地率", ColumnType::String, {"30%", "35%", "", "", ""})});
    Diagnostics diagnostics;
    bind_fields(text_codes, {}, diagnostics);
    const Column* code = text_codes.canonical_column("landuse_code");
    REQUIRE(code);
    CHECK(code->get_string(0) == "R2");
    CHECK(code->get_string(1) == "R22");
    CHECK(code->get_string(2) == "B1");
    CHECK(code->get_string(3) == "G1");
    CHECK(code->is_null(4));
    CHECK(text_codes.canonical_column("far_max")->get_real(1) == Approx(2.0));
    CHECK(text_codes.canonical_column("green_min")->get_real(0) == Approx(0.30));

    Layer number_codes =
        make_layer(Role::Zoning, {column("YDDM", ColumnType::Int64, {701, 120803, 1401, 80404})});
    bind_fields(number_codes, {}, diagnostics);
    const Column* n = number_codes.canonical_column("landuse_code");
    REQUIRE(n);
    CHECK(n->get_string(0) == "0701");
    CHECK(n->get_string(1) == "120803");
    CHECK(n->get_string(2) == "1401");
    CHECK(n->get_string(3) == "080404");
}

TEST_CASE("bind_fields: facilities need a kind; unknown role binds nothing", "[fields]") {
    Layer facilities = make_layer(
        Role::Facilities, {column("name", ColumnType::String, {"a", "b"}),
                           column("fclass", ColumnType::String, {"kindergarten", "bench"})});
    Diagnostics diagnostics;
    bind_fields(facilities, {}, diagnostics);
    CHECK(facilities.canonical_column("kind")->get_string(0) == "kindergarten");
    CHECK(facilities.canonical_column("kind")->is_null(1));

    Layer none = make_layer(Role::Facilities, {column("名称", ColumnType::String, {"a"})});
    bind_fields(none, {}, diagnostics);
    CHECK(none.missing_required == std::vector<std::string>{"kind"});

    Layer unknown = make_layer(Role::Unknown, {column("名称", ColumnType::String, {"a"})});
    Diagnostics quiet;
    bind_fields(unknown, {}, quiet);
    CHECK(unknown.bindings.empty());
    CHECK(unknown.canonical.empty());
    CHECK(quiet.empty());
}

TEST_CASE("bind_fields: shapefile names cut to 10 bytes", "[fields]") {
    // GBK DBF: 5 characters; 同意面积比例 -> 同意面积比, 同意户数比例 -> 同意户数比
    Layer layer =
        make_layer(Role::Communities, {column("建成年代", ColumnType::String, {"1990", "1985"}),
                                       column("同意面积比", ColumnType::Real, {70.0, 50.0}),
                                       column("同意户数比", ColumnType::Real, {80.0, 66.7}),
                                       column("以自建房为", ColumnType::String, {"否", "是"})});
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    REQUIRE(binding(layer, "consent_area_pct"));
    CHECK(binding(layer, "consent_area_pct")->source == "同意面积比");
    CHECK(binding(layer, "consent_area_pct")->how == "fuzzy");
    REQUIRE(binding(layer, "consent_owner_pct"));
    CHECK(binding(layer, "consent_owner_pct")->source == "同意户数比");
    CHECK(layer.canonical_column("consent_owner_pct")->get_real(1) == Approx(0.667));
    REQUIRE(binding(layer, "self_built"));
    CHECK(layer.canonical_column("self_built")->get_bool(1));
    const auto fuzzy = with_code(diagnostics, "field.fuzzy");
    REQUIRE(fuzzy.size() == 3);
    CHECK_THAT(fuzzy[0]->message, Catch::Contains("10 bytes"));

    // UTF-8 DBF: 小区名称 (12 bytes) cut at 10 leaves 小区名 and a broken byte, which a reader
    // keeps, replaces with U+FFFD or drops
    for (const std::string& cut : {std::string("小区名\xE7"), std::string("小区名\xEF\xBF\xBD"),
                                   std::string("建成年\xE4")}) {
        Layer l = make_layer(Role::Communities, {column(cut, ColumnType::String, {"x"})});
        bind_fields(l, {}, diagnostics);
        INFO("name bytes: " << cut.size());
        CHECK(l.bindings.size() == 1);
    }

    // 4 characters are 12 bytes in UTF-8 and 8 in GBK: not a cut name
    Layer plain = make_layer(Role::Communities, {column("同意面积", ColumnType::Real, {70.0}),
                                                 column("建成年", ColumnType::Int64, {1990})});
    bind_fields(plain, {}, diagnostics);
    CHECK(binding(plain, "consent_area_pct") == nullptr);
    REQUIRE(binding(plain, "built_year")); // 建成年: 9 bytes UTF-8
    CHECK(binding(plain, "built_year")->source == "建成年");

    // a cut name that starts aliases of two canonical fields binds neither:
    // 用地性 is 用地性质 (landuse_code) or 用地性质名称 (landuse_name)
    Layer ambiguous = make_layer(Role::Zoning, {column("用地性", ColumnType::String, {"R2"})});
    bind_fields(ambiguous, {}, diagnostics);
    CHECK(ambiguous.bindings.empty());
    CHECK(ambiguous.missing_required == std::vector<std::string>{"landuse_code"});
}

TEST_CASE("bind_fields: property management as a kind of management", "[fields]") {
    Layer layer = make_layer(
        Role::Communities,
        {column("建成年份", ColumnType::Int64, {1990, 1991, 1992, 1993, 1994, 1995, 1996}),
         column("物业管理", ColumnType::String,
                {"专业物业", "单位管理", "居民自治", "无物业", "有", "无专业物业", "其他"})});
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    const Column* pm = layer.canonical_column("property_management");
    REQUIRE(pm);
    CHECK(pm->get_bool(0));
    CHECK(pm->get_bool(1));
    CHECK(pm->get_bool(2));
    CHECK_FALSE(pm->get_bool(3));
    CHECK(pm->get_bool(4));
    CHECK_FALSE(pm->get_bool(5));
    CHECK(pm->is_null(6));
    CHECK(binding(layer, "property_management")->unparsed == 1);
}

TEST_CASE("bind_fields: vote and participation shares beside the application's consent",
          "[fields]") {
    Layer layer = make_layer(Role::Communities,
                             {column("建成年代", ColumnType::String, {"1990", "1985"}),
                              column("同意面积比例", ColumnType::Real, {70.0, 66.67}),
                              column("同意户数比例", ColumnType::Real, {80.0, 60.0}),
                              column("表决同意面积比例", ColumnType::String, {"75%", "2/3"}),
                              column("表决同意人数比例", ColumnType::Real, {0.9, 0.6667}),
                              column("参与表决面积比例", ColumnType::Real, {90.0, 70.0}),
                              column("参与表决人数比例(%)", ColumnType::Real, {95.0, 72.5})});
    Diagnostics diagnostics;
    bind_fields(layer, {}, diagnostics);
    // the longer vote aliases bind exactly; the application's stay with consent_*
    CHECK(binding(layer, "consent_area_pct")->source == "同意面积比例");
    CHECK(binding(layer, "consent_owner_pct")->source == "同意户数比例");
    REQUIRE(binding(layer, "vote_area_pct"));
    CHECK(binding(layer, "vote_area_pct")->source == "表决同意面积比例");
    CHECK(binding(layer, "vote_owner_pct")->source == "表决同意人数比例");
    CHECK(binding(layer, "participation_area_pct")->source == "参与表决面积比例");
    REQUIRE(binding(layer, "participation_owner_pct"));
    CHECK(binding(layer, "participation_owner_pct")->source == "参与表决人数比例(%)");
    CHECK(layer.canonical_column("vote_area_pct")->get_real(1) == Approx(2.0 / 3.0));
    CHECK(layer.canonical_column("vote_owner_pct")->get_real(0) == Approx(0.9));
    CHECK(layer.canonical_column("participation_area_pct")->get_real(1) == Approx(0.70));
    CHECK(layer.canonical_column("participation_owner_pct")->get_real(1) == Approx(0.725));

    // a vote column alone does not feed the application's consent, even fuzzily
    Layer vote_only =
        make_layer(Role::Communities, {column("建成年代", ColumnType::String, {"1990"}),
                                       column("表决同意面积比例(%)", ColumnType::Real, {70.0})});
    bind_fields(vote_only, {}, diagnostics);
    CHECK(binding(vote_only, "consent_area_pct") == nullptr);
    REQUIRE(binding(vote_only, "vote_area_pct"));
    CHECK(binding(vote_only, "vote_area_pct")->how == "fuzzy");

    // GBK shapefile cuts: 表决同意面积比例 -> 表决同意面, 参与表决人数比例 -> 参与表决人
    Layer cut = make_layer(Role::Communities, {column("建成年代", ColumnType::String, {"1990"}),
                                               column("表决同意面", ColumnType::Real, {70.0}),
                                               column("参与表决人", ColumnType::Real, {80.0})});
    bind_fields(cut, {}, diagnostics);
    REQUIRE(binding(cut, "vote_area_pct"));
    CHECK(binding(cut, "vote_area_pct")->source == "表决同意面");
    REQUIRE(binding(cut, "participation_owner_pct"));
    CHECK(binding(cut, "participation_owner_pct")->source == "参与表决人");
    CHECK(binding(cut, "consent_area_pct") == nullptr);
}
