// Tests for geo/export/qml.cpp: QGIS styles.
//
// Every document is parsed with GDAL's own XML parser (CPLParseXMLString, an independent
// reader) and its structure checked where QGIS 3.22 reads it. That QGIS applies them is
// checked by tests/geo/export/qgis_check.py (CTest, needs python3-qgis).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <cpl_error.h>
#include <cpl_minixml.h>

#include "geo/export/qml.hpp"
#include "support/test_support.hpp"

namespace {

using renoplan::GeomClass;
using namespace renoplan::exporter;

struct XmlDeleter {
    void operator()(CPLXMLNode* node) const { CPLDestroyXMLNode(node); }
};
using XmlPtr = std::unique_ptr<CPLXMLNode, XmlDeleter>;

// Parses `text`; fails the test if it is not well-formed XML.
XmlPtr parse(const std::string& text) {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    XmlPtr root(CPLParseXMLString(text.c_str()));
    CPLPopErrorHandler();
    REQUIRE(root);
    return root;
}

const CPLXMLNode* qgis_of(const XmlPtr& root) {
    const CPLXMLNode* qgis = CPLGetXMLNode(root.get(), "=qgis");
    REQUIRE(qgis);
    return qgis;
}

// The children of `parent` called `name`.
std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const char* name) {
    std::vector<const CPLXMLNode*> out;
    for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext)
        if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
    return out;
}

std::string attribute(const CPLXMLNode* node, const char* name) {
    return CPLGetXMLValue(node, name, "<missing>");
}

// The value of property `key` of the first symbol layer of symbol `index` (the <prop> and the
// <Option> spellings must agree).
std::string symbol_property(const CPLXMLNode* renderer, size_t index, const std::string& key) {
    const auto symbols = children(CPLGetXMLNode(renderer, "symbols"), "symbol");
    REQUIRE(index < symbols.size());
    const CPLXMLNode* layer = CPLGetXMLNode(symbols[index], "layer");
    REQUIRE(layer);
    std::string prop = "<missing>", option = "<missing>";
    for (const CPLXMLNode* p : children(layer, "prop"))
        if (attribute(p, "k") == key) prop = attribute(p, "v");
    for (const CPLXMLNode* o : children(CPLGetXMLNode(layer, "Option"), "Option"))
        if (attribute(o, "name") == key) option = attribute(o, "value");
    CHECK(prop == option);
    return prop;
}

TEST_CASE("qml: colours", "[gpkg]") {
    CHECK(Color::hex("#1a9850") == Color{26, 152, 80, 255});
    CHECK(Color::hex("#1A9850CC") == Color{26, 152, 80, 204});
    CHECK(Color::hex("#1a9850").qgis() == "26,152,80,255");
    CHECK_THROWS_AS(Color::hex("1a9850"), std::invalid_argument);
    CHECK_THROWS_AS(Color::hex("#1a98g0"), std::invalid_argument);
    CHECK_THROWS_AS(Color::hex("#1a985"), std::invalid_argument);
}

TEST_CASE("qml: categorized renderer on a field", "[gpkg]") {
    StyleOptions options;
    options.fill_opacity = 0.5;
    const std::string qml = categorized_qml(
        GeomClass::Polygon, "用途",
        {{"a&b", Color::hex("#ff0000"), "<甲>"}, {"", Color::hex("#00ff00"), "其他 \"other\""}},
        options);
    CHECK(qml.rfind("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n", 0) == 0);
    const XmlPtr root = parse(qml);
    const CPLXMLNode* qgis = qgis_of(root);
    CHECK(attribute(qgis, "version").rfind("3.22", 0) == 0);
    CHECK(attribute(qgis, "styleCategories") == "AllStyleCategories");
    CHECK(attribute(qgis, "labelsEnabled") == "0");
    CHECK(CPLGetXMLNode(qgis, "labeling") == nullptr);
    CHECK(std::string(CPLGetXMLValue(qgis, "layerGeometryType", "")) == "2");

    const CPLXMLNode* renderer = CPLGetXMLNode(qgis, "renderer-v2");
    REQUIRE(renderer);
    CHECK(attribute(renderer, "type") == "categorizedSymbol");
    CHECK(attribute(renderer, "attr") == "用途");
    const auto categories = children(CPLGetXMLNode(renderer, "categories"), "category");
    REQUIRE(categories.size() == 2);
    CHECK(attribute(categories[0], "value") == "a&b");
    CHECK(attribute(categories[0], "label") == "<甲>");
    CHECK(attribute(categories[0], "symbol") == "0");
    CHECK(attribute(categories[1], "value") == "");
    CHECK(attribute(categories[1], "label") == "其他 \"other\"");
    CHECK(attribute(categories[1], "symbol") == "1");

    const auto symbols = children(CPLGetXMLNode(renderer, "symbols"), "symbol");
    REQUIRE(symbols.size() == 2);
    CHECK(attribute(symbols[1], "name") == "1");
    CHECK(attribute(symbols[1], "type") == "fill");
    CHECK(attribute(CPLGetXMLNode(symbols[1], "layer"), "class") == "SimpleFill");
    // The fill carries the opacity, the outline stays opaque.
    CHECK(symbol_property(renderer, 0, "color") == "255,0,0,128");
    CHECK(symbol_property(renderer, 1, "color") == "0,255,0,128");
    CHECK(symbol_property(renderer, 0, "outline_color") == "35,35,35,255");
    CHECK(symbol_property(renderer, 0, "outline_style") == "solid");

    CHECK_THROWS_AS(categorized_qml(GeomClass::Polygon, "x", {}), std::invalid_argument);
    CHECK_THROWS_AS(categorized_qml(GeomClass::Polygon, "", {{"a", Color{}, "a"}}),
                    std::invalid_argument);
}

TEST_CASE("qml: symbols for lines and points", "[gpkg]") {
    StyleOptions options;
    options.line_width_mm = 0.8;
    options.marker_size_mm = 3.0;
    const XmlPtr line = parse(single_symbol_qml(GeomClass::Line, Color::hex("#4575b4"), options));
    const CPLXMLNode* renderer = CPLGetXMLNode(qgis_of(line), "renderer-v2");
    CHECK(attribute(renderer, "type") == "singleSymbol");
    CHECK(attribute(CPLGetXMLNode(renderer, "symbols.symbol"), "type") == "line");
    CHECK(attribute(CPLGetXMLNode(renderer, "symbols.symbol.layer"), "class") == "SimpleLine");
    CHECK(symbol_property(renderer, 0, "line_color") == "69,117,180,255");
    CHECK(symbol_property(renderer, 0, "line_width") == "0.8");
    CHECK(std::string(CPLGetXMLValue(qgis_of(line), "layerGeometryType", "")) == "1");

    const XmlPtr point = parse(single_symbol_qml(GeomClass::Point, Color::hex("#984ea3"), options));
    renderer = CPLGetXMLNode(qgis_of(point), "renderer-v2");
    CHECK(attribute(CPLGetXMLNode(renderer, "symbols.symbol"), "type") == "marker");
    CHECK(attribute(CPLGetXMLNode(renderer, "symbols.symbol.layer"), "class") == "SimpleMarker");
    CHECK(symbol_property(renderer, 0, "color") == "152,78,163,255");
    CHECK(symbol_property(renderer, 0, "size") == "3");
    CHECK(symbol_property(renderer, 0, "name") == "circle");
}

TEST_CASE("qml: graduated renderer", "[gpkg]") {
    const XmlPtr root = parse(graduated_qml(GeomClass::Polygon, "households",
                                            {{0, 100, Color::hex("#fee5d9"), "0 - 100"},
                                             {100, 500.5, Color::hex("#a50f15"), "100 - 500.5"}}));
    const CPLXMLNode* renderer = CPLGetXMLNode(qgis_of(root), "renderer-v2");
    CHECK(attribute(renderer, "type") == "graduatedSymbol");
    CHECK(attribute(renderer, "attr") == "households");
    const auto ranges = children(CPLGetXMLNode(renderer, "ranges"), "range");
    REQUIRE(ranges.size() == 2);
    CHECK(attribute(ranges[1], "lower") == "100");
    CHECK(attribute(ranges[1], "upper") == "500.5");
    CHECK(attribute(ranges[1], "label") == "100 - 500.5");
    CHECK(symbol_property(renderer, 1, "color") == "165,15,21,191");
    CHECK_THROWS_AS(graduated_qml(GeomClass::Polygon, "x", {}), std::invalid_argument);
}

TEST_CASE("qml: labels", "[gpkg]") {
    StyleOptions options;
    options.label = LabelStyle{};
    options.label->field = "name";
    options.label->size_pt = 10.5;
    const XmlPtr root = parse(single_symbol_qml(GeomClass::Polygon, Color{}, options));
    const CPLXMLNode* qgis = qgis_of(root);
    CHECK(attribute(qgis, "labelsEnabled") == "1");
    CHECK(attribute(CPLGetXMLNode(qgis, "labeling"), "type") == "simple");
    const CPLXMLNode* text = CPLGetXMLNode(qgis, "labeling.settings.text-style");
    REQUIRE(text);
    CHECK(attribute(text, "fieldName") == "name");
    CHECK(attribute(text, "isExpression") == "0");
    CHECK(attribute(text, "fontFamily") == "Microsoft YaHei");
    CHECK(attribute(text, "fontSize") == "10.5");
    CHECK(attribute(CPLGetXMLNode(text, "text-buffer"), "bufferDraw") == "1");
    CHECK(attribute(CPLGetXMLNode(qgis, "labeling.settings.placement"), "placement") == "1");
}

TEST_CASE("qml: aliases added, replaced, and alone", "[gpkg]") {
    const std::string base = single_symbol_qml(GeomClass::Polygon, Color{});
    const std::string once = with_aliases(base, {{"name", "小区名称"}, {"n", "户数 <户>"}});
    const XmlPtr root = parse(once);
    const auto aliases = children(CPLGetXMLNode(qgis_of(root), "aliases"), "alias");
    REQUIRE(aliases.size() == 2);
    CHECK(attribute(aliases[0], "field") == "name");
    CHECK(attribute(aliases[0], "name") == "小区名称");
    CHECK(attribute(aliases[1], "name") == "户数 <户>");
    CHECK(with_aliases(base, {}) == base);

    // Replacing keeps one <aliases> element.
    const std::string twice = with_aliases(once, {{"name", "名称"}});
    const XmlPtr again = parse(twice);
    REQUIRE(children(qgis_of(again), "aliases").size() == 1);
    const auto replaced = children(CPLGetXMLNode(qgis_of(again), "aliases"), "alias");
    REQUIRE(replaced.size() == 1);
    CHECK(attribute(replaced[0], "name") == "名称");
    const XmlPtr from_empty = parse(with_aliases(
        base.substr(0, base.rfind("</qgis>")) + "  <aliases/>\n</qgis>\n", {{"a", "甲"}}));
    CHECK(children(CPLGetXMLNode(qgis_of(from_empty), "aliases"), "alias").size() == 1);

    StyleOptions with;
    with.aliases = {{"use", "建议用途"}};
    const XmlPtr styled = parse(spare_land_qml(GeomClass::Polygon, "use", {}, with));
    CHECK(attribute(CPLGetXMLNode(qgis_of(styled), "aliases.alias"), "name") == "建议用途");

    const XmlPtr alone = parse(aliases_only_qml({{"item", "项目"}}));
    CHECK(CPLGetXMLNode(qgis_of(alone), "renderer-v2") == nullptr);
    CHECK(attribute(CPLGetXMLNode(qgis_of(alone), "aliases.alias"), "name") == "项目");
    CHECK_THROWS_AS(with_aliases("<qgis>", {{"a", "b"}}), std::invalid_argument);
}

TEST_CASE("qml: presets", "[gpkg]") {
    auto categories_of = [](const std::string& qml) {
        const XmlPtr root = parse(qml);
        const CPLXMLNode* renderer = CPLGetXMLNode(qgis_of(root), "renderer-v2");
        std::vector<std::pair<std::string, std::string>> out; // value, fill colour
        const auto cats = children(CPLGetXMLNode(renderer, "categories"), "category");
        for (size_t i = 0; i < cats.size(); ++i)
            out.emplace_back(attribute(cats[i], "value"), symbol_property(renderer, i, "color"));
        return out;
    };
    StyleOptions opaque;
    opaque.fill_opacity = 1.0;
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    CHECK(categories_of(eligibility_qml(GeomClass::Polygon, "eligible", "true", "false", opaque)) ==
          Pairs{{"true", "26,152,80,255"}, {"false", "189,189,189,255"}, {"", "253,174,97,255"}});
    CHECK(categories_of(spare_land_qml(GeomClass::Polygon, "use", {}, opaque)) ==
          Pairs{{"parking", "69,117,180,255"},
                {"service", "152,78,163,255"},
                {"green", "102,189,99,255"},
                {"", "217,217,217,255"}});

    // Districts: sorted ids, palette cycled, the same ids in any order give the same document.
    const auto& palette = district_palette();
    REQUIRE(palette.size() >= 12);
    std::vector<int64_t> ids;
    for (int64_t id = palette.size() + 1; id >= 1; --id)
        ids.push_back(id);
    ids.push_back(3);
    const auto districts = categories_of(districts_qml(GeomClass::Polygon, "district_id", ids));
    REQUIRE(districts.size() == palette.size() + 2); // + the "none" fallback
    for (size_t i = 0; i < palette.size() + 1; ++i) {
        CHECK(districts[i].first == std::to_string(i + 1));
        Color expected = palette[i % palette.size()];
        expected.a = 191; // the default fill opacity 0.75
        CHECK(districts[i].second == expected.qgis());
    }
    CHECK(districts.back().first == "");
    std::vector<int64_t> reversed(ids.rbegin(), ids.rend());
    CHECK(districts_qml(GeomClass::Polygon, "district_id", ids) ==
          districts_qml(GeomClass::Polygon, "district_id", reversed));
}

TEST_CASE("qml: documents are well-formed for xmllint too", "[gpkg]") {
    if (std::system("xmllint --version > /dev/null 2>&1") != 0) {
        WARN("xmllint is not installed (apt-get install libxml2-utils): skipped");
        return;
    }
    StyleOptions labelled;
    labelled.label = LabelStyle{};
    labelled.label->field = "名称 & <别名>";
    const std::vector<std::string> documents = {
        eligibility_qml(GeomClass::Polygon, "eligible", "yes", "no", labelled),
        districts_qml(GeomClass::Polygon, "district_no", {1, 2, 3}),
        spare_land_qml(GeomClass::Polygon, "use"),
        graduated_qml(GeomClass::Line, "width_m", {{0, 7, Color{}, "≤ 7 m"}}),
        single_symbol_qml(GeomClass::Point, Color::hex("#4575b4"), labelled),
        with_aliases(single_symbol_qml(GeomClass::Point, Color{}), {{"a\"b", "'甲'\t"}}),
        aliases_only_qml({{"x", "乙"}}),
    };
    renoplan::test::TempDir dir;
    for (size_t i = 0; i < documents.size(); ++i) {
        const auto path = dir / ("style" + std::to_string(i) + ".qml");
        std::ofstream(path, std::ios::binary) << documents[i];
        INFO(documents[i]);
        CHECK(std::system(("xmllint --noout '" + path.string() + "'").c_str()) == 0);
    }
}

} // namespace
