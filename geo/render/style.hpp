// Default map styles of the viewer: the kind of each layer (by role, or by the plan
// GeoPackage's layer names), its draw order and its colours, including the categorized
// colours of plan results (the same as the QGIS styles of geo/export/qml.cpp). No OpenGL here.
#pragma once

#include <cstdint>
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

struct LayerStyle {
    bool fill = true;             // polygons: draw the fill
    Rgba fill_color;              // polygons (per feature where categorized)
    Rgba stroke_color;            // lines, polygon outlines, point symbols
    float stroke_width_px = 1.0f; // lines and outlines; 0 = no outline
    float point_size_px = 6.0f;   // side of a point's square
};

LayerStyle default_style(LayerKind kind);

// Plan categories: eligible yes #1a9850, no #bdbdbd, anything else (to verify) #fdae61; spare
// land use parking #4575b4, service #984ea3, green #66bd63, other #d9d9d9.
Rgba eligibility_color(std::string_view value);
Rgba spare_land_use_color(std::string_view value);

// The fill colour of each feature: categorized for communities with an `eligible` field and
// spare land with a `use` field, the style's colour otherwise.
std::vector<Rgba> feature_fill_colors(const Layer& layer, LayerKind kind, const LayerStyle& style);

} // namespace renoplan::render
