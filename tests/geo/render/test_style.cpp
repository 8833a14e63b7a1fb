// geo/render/style: the style editor's colours for a field the user picks - categorized (value
// order, the cap with Other, no value), graduated (quantile and equal-interval breaks, checked by
// counting the values in each class independently), single - and which colours the canvas gets
// for fills and for lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "geo/render/style.hpp"
#include "support/columns.hpp"

using namespace renoplan;
using namespace renoplan::render;
using renoplan::test::column;
using renoplan::test::V;

namespace {

// A layer of n unit squares (or points / short lines) with the given attribute columns.
Layer make_layer(GeomClass geom_class, size_t n, std::vector<Column> attributes) {
    Layer layer;
    layer.geometry.set_geom_class(geom_class);
    for (size_t i = 0; i < n; ++i) {
        const double x = double(i) * 10.0;
        layer.geometry.begin_feature();
        layer.geometry.begin_part();
        if (geom_class == GeomClass::Polygon)
            layer.geometry.add_ring(std::vector<double>{x, 0, x + 1, 0, x + 1, 1, x, 1, x, 0});
        else if (geom_class == GeomClass::Line)
            layer.geometry.add_ring(std::vector<double>{x, 0, x + 1, 1});
        else
            layer.geometry.add_ring(std::vector<double>{x, 0});
        REQUIRE(layer.geometry.end_feature());
        layer.fids.push_back(int64_t(i));
    }
    layer.attributes = std::move(attributes);
    layer.build_index();
    return layer;
}

FieldStyle field_style(StyleMode mode, const std::string& field, int classes = 5,
                       ClassBreaks breaks = ClassBreaks::Quantile) {
    FieldStyle s;
    s.mode = mode;
    s.field = field;
    s.class_count = classes;
    s.breaks = breaks;
    return s;
}

} // namespace

TEST_CASE("style editor: categorized by a text field", "[render][style]") {
    const Layer layer = make_layer(
        GeomClass::Polygon, 6,
        {column("结构", ColumnType::String, {"砖混", "钢混", V(), "砖混", "框架", "钢混"})});
    LayerStyle style = default_style(LayerKind::Buildings);
    style.by_field = field_style(StyleMode::Categorized, "结构");
    classify(layer, style.by_field);
    const auto& classes = style.by_field.classes;
    REQUIRE(classes.size() == 4); // three values (byte order) and No value
    CHECK(classes[0].value == "框架");
    CHECK(classes[1].value == "砖混");
    CHECK(classes[2].value == "钢混");
    CHECK(classes[0].count == 1);
    CHECK(classes[1].count == 2);
    CHECK(classes[2].count == 2);
    CHECK(classes[3].kind == StyleClass::Kind::NoValue);
    CHECK(classes[3].count == 1);
    CHECK(classes[0].color == Rgba::hex("#8dd3c7"));
    CHECK(classes[1].color == Rgba::hex("#ffffb3"));
    CHECK(class_label(StyleMode::Categorized, classes[1]) == "砖混");
    CHECK(class_label(StyleMode::Categorized, classes[3]).empty());

    // Each feature gets the colour of the class holding its value.
    const auto fills = feature_fill_colors(layer, LayerKind::Buildings, style);
    const Column& c = layer.attributes[0];
    REQUIRE(fills.size() == 6);
    for (size_t i = 0; i < 6; ++i) {
        Rgba expected = kNoValueColor;
        for (const StyleClass& k : classes)
            if (!c.is_null(i) && k.value == c.to_text(i)) expected = k.color;
        CHECK(fills[i] == expected);
    }
    // Polygon outlines keep the stroke colour.
    for (const Rgba& s : feature_stroke_colors(layer, style))
        CHECK(s == style.stroke_color);
}

TEST_CASE("style editor: categorized integers in numeric order, capped with Other",
          "[render][style]") {
    // values 0..19, value v occurring v + 1 times (so 9..19 are the 11 most frequent)
    std::vector<V> values;
    for (int v = 0; v < 20; ++v)
        for (int k = 0; k <= v; ++k)
            values.emplace_back(v);
    const Layer layer =
        make_layer(GeomClass::Point, values.size(), {column("楼层", ColumnType::Int64, values)});
    FieldStyle s = field_style(StyleMode::Categorized, "楼层");
    classify(layer, s);
    REQUIRE(s.classes.size() == kMaxCategories);
    CHECK(s.classes[0].value == "9");
    CHECK(s.classes[1].value == "10"); // numerically, not "10" < "9"
    CHECK(s.classes[10].value == "19");
    CHECK(s.classes[11].kind == StyleClass::Kind::Other);
    CHECK(s.classes[11].count == 45); // 1 + 2 + ... + 9
    // A point layer's symbols take the class colours.
    LayerStyle style = default_style(LayerKind::Facilities);
    style.by_field = s;
    const auto strokes = feature_stroke_colors(layer, style);
    CHECK(strokes.front() == kOtherColor); // value 0
    CHECK(strokes.back() == s.classes[10].color);
}

TEST_CASE("style editor: graduated classes hold the values their bounds say", "[render][style]") {
    std::vector<V> values;
    for (int v = 1; v <= 100; ++v)
        values.emplace_back(double(v) * 1.5);
    values.emplace_back(); // no value
    const Layer layer =
        make_layer(GeomClass::Line, values.size(), {column("户数", ColumnType::Real, values)});

    SECTION("quantiles: equal counts") {
        FieldStyle s = field_style(StyleMode::Graduated, "户数", 4);
        classify(layer, s);
        REQUIRE(s.classes.size() == 5);
        CHECK(s.classes[0].lower == 1.5);
        CHECK(s.classes[0].upper == 37.5);
        CHECK(s.classes[1].upper == 75.0);
        CHECK(s.classes[2].upper == 112.5);
        CHECK(s.classes[3].upper == 150.0);
        for (size_t k = 0; k < 4; ++k)
            CHECK(s.classes[k].count == 25);
        CHECK(s.classes[4].kind == StyleClass::Kind::NoValue);
        CHECK(class_label(StyleMode::Graduated, s.classes[1]) == "37.5 - 75");
        // light to dark: the first class is the lightest
        const auto lum = [](Rgba c) { return int(c.r) + c.g + c.b; };
        for (size_t k = 1; k < 4; ++k)
            CHECK(lum(s.classes[k].color) < lum(s.classes[k - 1].color));
    }
    SECTION("equal intervals, checked against a plain count") {
        FieldStyle s = field_style(StyleMode::Graduated, "户数", 3, ClassBreaks::EqualInterval);
        classify(layer, s);
        REQUIRE(s.classes.size() == 4);
        CHECK(s.classes[0].upper == Approx(1.5 + 148.5 / 3));
        CHECK(s.classes[2].upper == 150.0);
        const auto classes = feature_classes(layer, s);
        const Column& c = layer.attributes[0];
        for (size_t k = 0; k < 3; ++k) {
            size_t count = 0;
            for (size_t i = 0; i < c.size(); ++i)
                if (!c.is_null(i) && c.get_real(i) <= s.classes[k].upper &&
                    (k == 0 ? c.get_real(i) >= s.classes[k].lower
                            : c.get_real(i) > s.classes[k].lower))
                    ++count;
            CHECK(s.classes[k].count == count);
            CHECK(std::count(classes.begin(), classes.end(), int(k)) == long(count));
        }
        CHECK(classes.back() == 3); // no value
    }
    SECTION("one repeated value: one class") {
        const Layer flat =
            make_layer(GeomClass::Point, 4, {column("n", ColumnType::Int64, {7, 7, 7, 7})});
        FieldStyle s = field_style(StyleMode::Graduated, "n", 5);
        classify(flat, s);
        REQUIRE(s.classes.size() == 1);
        CHECK(s.classes[0].count == 4);
    }
}

TEST_CASE("style editor: single, default and unsuitable fields", "[render][style]") {
    const Layer layer = make_layer(GeomClass::Polygon, 3,
                                   {column("eligible", ColumnType::String, {"yes", "no", "yes"}),
                                    column("名称", ColumnType::String, {"a", "b", "c"})});
    LayerStyle style = default_style(LayerKind::Communities);
    // Default: communities by eligibility.
    CHECK(feature_fill_colors(layer, LayerKind::Communities, style)[1] == eligibility_color("no"));
    // Single: the chosen colour everywhere.
    style.by_field.mode = StyleMode::Single;
    style.fill_color = Rgba::hex("#123456");
    for (const Rgba& c : feature_fill_colors(layer, LayerKind::Communities, style))
        CHECK(c == Rgba::hex("#123456"));
    // Graduated on a text field: no classes, the fill colour.
    style.by_field = field_style(StyleMode::Graduated, "名称");
    classify(layer, style.by_field);
    CHECK(style.by_field.classes.empty());
    CHECK(feature_fill_colors(layer, LayerKind::Communities, style)[0] == style.fill_color);
    // A missing field: no classes either.
    style.by_field = field_style(StyleMode::Categorized, "nope");
    classify(layer, style.by_field);
    CHECK(style.by_field.classes.empty());
    CHECK(categorizable(ColumnType::String));
    CHECK_FALSE(categorizable(ColumnType::Real));
    CHECK(graduable(ColumnType::Real));
    CHECK_FALSE(graduable(ColumnType::String));
}
