// Default map styles of the viewer: the kind of each layer (by role, or by the plan
// GeoPackage's layer names), its draw order and its colours, including the categorized
// colours of plan results (the same as the QGIS styles of geo/export/qml.cpp). No OpenGL here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/layer.hpp"

namespace renoplan::render {

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    // "#rrggbb"; anything else gives opaque black.
    static Rgba hex(std::string_view text, uint8_t alpha = 255);
    bool operator==(const Rgba&) const = default;
};

// What a layer shows, which decides its draw order and default style.
enum class LayerKind : uint8_t {
    Zoning,
    Water,
    Protected,
    Districts,
    Communities,
    SpareLand,
    Roads,
    Pipelines,
    Buildings,
    Facilities,
    Other,
};

// "districts" and "spare_land" layers of a plan GeoPackage by their names, the rest by role.
LayerKind layer_kind(const Layer& layer);
// Bottom to top: zoning, water, protected, districts, communities, spare land, roads,
// pipelines, buildings, facilities, others.
int draw_rank(LayerKind kind);
// Display labels: Chinese ("小区") and English ("Communities").
std::string_view kind_label_zh(LayerKind kind);
std::string_view kind_label_en(LayerKind kind);

// How the style editor colours a layer's features: as the viewer does by default, in one colour,
// by category of a text or integer field, or by class of a numeric field.
enum class StyleMode : uint8_t { Default, Single, Categorized, Graduated };
// Where a graduated style puts its class breaks.
enum class ClassBreaks : uint8_t { Quantile, EqualInterval };

// One class of a categorized or graduated style (a legend entry).
struct StyleClass {
    enum class Kind : uint8_t { Value, Other, NoValue };
    Kind kind = Kind::Value;
    std::string value;           // categorized: the value as text
    double lower = 0, upper = 0; // graduated: lower < v <= upper (the first class: lower <= v)
    Rgba color;
    size_t count = 0; // features in the class
};

// The style editor's choice for a layer; `classes` is computed by classify().
struct FieldStyle {
    StyleMode mode = StyleMode::Default;
    std::string field;   // an attribute of the layer
    int class_count = 5; // graduated: classes wanted (2..9)
    ClassBreaks breaks = ClassBreaks::Quantile;
    std::vector<StyleClass> classes;
};

// Categorized styles take text, integer and yes/no fields; graduated styles integer and real
// fields.
bool categorizable(ColumnType type);
bool graduable(ColumnType type);

// At most this many categories: the most frequent values keep their own colour (ColorBrewer
// Set3), the rest share the Other class.
inline constexpr size_t kMaxCategories = 12;
// Greys of the features with no value and of the Other class.
inline constexpr Rgba kNoValueColor{0xd0, 0xd0, 0xd0, 255};
inline constexpr Rgba kOtherColor{0xa0, 0xa0, 0xa0, 255};

// Computes style.classes from the layer's field (empty when the mode needs no classes or the field
// is missing or unsuitable). Categorized: one class per distinct value, in value order (integers
// numerically, text byte-wise), capped at kMaxCategories by frequency, then Other and No value
// when present. Graduated: class_count classes over the non-empty values - quantiles (equal
// counts; repeated breaks merged, so there may be fewer classes) or equal intervals from the
// minimum to the maximum - coloured light yellow to dark red (ColorBrewer YlOrRd), then No value
// when present. Class colours take `alpha`.
void classify(const Layer& layer, FieldStyle& style, uint8_t alpha = 255);
// The class index of each feature (style.classes must be computed; -1 when there are none).
std::vector<int> feature_classes(const Layer& layer, const FieldStyle& style);
// "12.5 - 40" for a graduated class, the value for a category ("\"\"" for the empty text); "" for
// Other and No value, which the viewer names in its language.
std::string class_label(StyleMode mode, const StyleClass& c);

struct LayerStyle {
    bool fill = true;             // polygons: draw the fill
    Rgba fill_color;              // polygons (per feature where categorized)
    Rgba stroke_color;            // lines, polygon outlines, point symbols
    float stroke_width_px = 1.0f; // lines and outlines; 0 = no outline
    float point_size_px = 6.0f;   // side of a point's square
    FieldStyle by_field;          // the style editor's choice (Default: the colours above)
};

LayerStyle default_style(LayerKind kind);

// Plan categories: eligible yes #1a9850, no #bdbdbd, anything else (to verify) #fdae61; spare
// land use parking #4575b4, service #984ea3, green #66bd63, other #d9d9d9.
Rgba eligibility_color(std::string_view value);
Rgba spare_land_use_color(std::string_view value);

// The fill colour of each feature: by the style editor's classes when categorized or graduated,
// the style's colour when Single (or when the chosen field gives no classes); by default
// categorized for communities with an `eligible` field and spare land with a `use` field, the
// style's colour otherwise.
std::vector<Rgba> feature_fill_colors(const Layer& layer, LayerKind kind, const LayerStyle& style);
// The colour of each feature's lines or point symbol: by the style editor's classes for line and
// point layers when categorized or graduated, the stroke colour otherwise (polygon outlines keep
// the stroke colour).
std::vector<Rgba> feature_stroke_colors(const Layer& layer, const LayerStyle& style);

} // namespace renoplan::render
