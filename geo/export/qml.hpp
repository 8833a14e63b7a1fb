// QGIS layer styles (QML documents) for the plan's GeoPackage.
//
// Each builder returns a complete QML document in the format QGIS 3.22 writes
// (`<!DOCTYPE qgis ...><qgis version="3.22..." styleCategories="AllStyleCategories">`), small
// enough to read: the renderer, optional labels, the layer opacity and, through with_aliases(),
// the field aliases. The GeoPackage writer stores them in the `layer_styles` table, from which
// QGIS loads a layer's default style when the layer is opened.
//
// Facts about QGIS 3.22 these builders rely on (checked with python3-qgis 3.22.16, see
// tests/geo/export/qgis_check.py):
//   - a categorized renderer matches a category by the text of the value: integers as "12",
//     booleans (GeoPackage OFSTBoolean fields) as "true"/"false";
//   - a category whose value is "" draws NULL and every value no other category names;
//   - field aliases come only from the style's <aliases>; QGIS 3.22 with GDAL 3.6 does not read
//     the gpkg_data_columns table.
// Symbol layer properties are written both as <Option> maps (read by QGIS >= 3.20) and as <prop>
// elements (read by older 3.x), as QGIS 3.22 itself does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/color.hpp"
#include "geo/model/geometry.hpp"

namespace renoplan::exporter {

using renoplan::Color;

// One class of a categorized renderer. `value` is compared with the field's value as text (see
// above); "" catches NULL and all values no other category names.
struct Category {
    std::string value;
    Color color;
    std::string label; // legend text
};

// One class of a graduated renderer: lower < value <= upper (QGIS includes the lower bound of
// the first range).
struct Range {
    double lower = 0.0;
    double upper = 0.0;
    Color color;
    std::string label;
};

// Labels drawn on the map, e.g. community names in Chinese.
struct LabelStyle {
    std::string field; // field name, or an expression when is_expression
    bool is_expression = false;
    std::string font_family = "Microsoft YaHei"; // 微软雅黑, on planners' Windows machines
    double size_pt = 9.0;
    Color color{51, 51, 51, 255};
    double buffer_mm = 1.0; // white halo for legibility; 0: none
    Color buffer_color{255, 255, 255, 255};
};

struct FieldAlias {
    std::string field; // name of the field in the table
    std::string alias; // what QGIS shows instead (attribute table, forms, identify)
};

// What all builders share.
struct StyleOptions {
    double fill_opacity = 0.75; // polygons: alpha of the fill (outlines stay opaque), 0-1
    Color outline{35, 35, 35, 255};
    double outline_width_mm = 0.26; // polygon outlines; line width is line_width_mm
    double line_width_mm = 0.6;
    double marker_size_mm = 2.4;
    std::optional<LabelStyle> label;
    // Field aliases in the document (the GeoPackage writer replaces them with the fields'
    // alias_zh, so they matter for styles used elsewhere, e.g. a .qml beside a Shapefile).
    std::vector<FieldAlias> aliases;
};

// --- builders -----------------------------------------------------------------------------
// Fill symbols with an outline for polygons, line symbols for lines, circle markers for
// points. Throw std::invalid_argument for an empty field or category list.
std::string categorized_qml(GeomClass geom, const std::string& field,
                            const std::vector<Category>& categories,
                            const StyleOptions& options = {});
std::string graduated_qml(GeomClass geom, const std::string& field,
                          const std::vector<Range>& ranges, const StyleOptions& options = {});
std::string single_symbol_qml(GeomClass geom, Color color, const StyleOptions& options = {});
// A style holding only field aliases (for attribute tables such as a summary).
std::string aliases_only_qml(const std::vector<FieldAlias>& aliases);

// Returns `qml` with its <aliases> element replaced by (or, if it has none, given) one listing
// `aliases`. Empty `aliases` leave the document as it is.
std::string with_aliases(const std::string& qml, const std::vector<FieldAlias>& aliases);

// --- presets used by `renoplan plan` ------------------------------------------------------
// Eligibility: `yes_value` green #1a9850, `no_value` grey #bdbdbd, anything else and NULL
// amber #fdae61 ("待核实"). For a boolean field pass "true" and "false".
std::string eligibility_qml(GeomClass geom, const std::string& field,
                            const std::string& yes_value = "true",
                            const std::string& no_value = "false",
                            const StyleOptions& options = {});

// Districts: one colour per id from district_palette(), cycled in the order the ids are given
// (the same ids give the same colours); labelled "片区 <id>".
std::string districts_qml(GeomClass geom, const std::string& field, const std::vector<int64_t>& ids,
                          const StyleOptions& options = {});
// A fixed qualitative palette (ColorBrewer Set3 and Paired, light colours first).
const std::vector<Color>& district_palette();

// Spare land by suggested use: parking blue #4575b4, service purple #984ea3, green #66bd63,
// anything else and NULL light grey ("其他").
struct SpareLandValues {
    std::string parking = "parking";
    std::string service = "service";
    std::string green = "green";
};
std::string spare_land_qml(GeomClass geom, const std::string& field,
                           const SpareLandValues& values = {}, const StyleOptions& options = {});

} // namespace renoplan::exporter
