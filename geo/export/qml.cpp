// Index (colours and the shared palette: geo/core/color.hpp):
//   [SECTION] Xml            a tiny indenting writer with escaping
//   [SECTION] Symbols        fill, line and marker symbols as QGIS 3.22 writes them
//   [SECTION] Document       root element, labels, aliases
//   [SECTION] Builders
//   [SECTION] Presets
#include "geo/export/qml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <stdexcept>
#include <utility>

namespace renoplan::exporter {

namespace {

// [SECTION] Xml

// Shortest text that reads back as the same double, independent of the locale.
std::string number(double v) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            // Other control characters are not allowed in XML 1.0 at all.
            if (static_cast<unsigned char>(c) >= 0x20) out += c;
        }
    }
    return out;
}

using Attributes = std::initializer_list<std::pair<std::string_view, std::string>>;

class Xml {
public:
    void open(std::string_view tag, Attributes attributes = {}) {
        start(tag, attributes);
        m_out += ">\n";
        ++m_depth;
    }
    void leaf(std::string_view tag, Attributes attributes = {}) {
        start(tag, attributes);
        m_out += "/>\n";
    }
    void text(std::string_view tag, std::string_view value) {
        indent();
        m_out += "<";
        m_out += tag;
        m_out += ">";
        m_out += escape(value);
        m_out += "</";
        m_out += tag;
        m_out += ">\n";
    }
    void close(std::string_view tag) {
        --m_depth;
        indent();
        m_out += "</";
        m_out += tag;
        m_out += ">\n";
    }
    void raw(std::string_view text) { m_out += text; }
    std::string take() { return std::move(m_out); }

private:
    void indent() { m_out.append(static_cast<size_t>(2 * m_depth), ' '); }
    void start(std::string_view tag, Attributes attributes) {
        indent();
        m_out += "<";
        m_out += tag;
        for (const auto& [key, value] : attributes) {
            m_out += " ";
            m_out += key;
            m_out += "=\"";
            m_out += escape(value);
            m_out += "\"";
        }
    }
    std::string m_out;
    int m_depth = 0;
};

// [SECTION] Symbols

using Properties = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kNoScale = "3x:0,0,0,0,0,0";

void empty_data_defined(Xml& xml, std::string_view tag) {
    xml.open(tag);
    xml.open("Option", {{"type", "Map"}});
    xml.leaf("Option", {{"type", "QString"}, {"name", "name"}, {"value", ""}});
    xml.leaf("Option", {{"name", "properties"}});
    xml.leaf("Option", {{"type", "QString"}, {"name", "type"}, {"value", "collection"}});
    xml.close("Option");
    xml.close(tag);
}

// A symbol layer's properties, sorted by key as QGIS writes them.
void symbol_layer(Xml& xml, const char* layer_class, Properties properties) {
    std::sort(properties.begin(), properties.end());
    xml.open("layer", {{"class", layer_class}, {"enabled", "1"}, {"locked", "0"}, {"pass", "0"}});
    xml.open("Option", {{"type", "Map"}});
    for (const auto& [key, value] : properties)
        xml.leaf("Option", {{"type", "QString"}, {"name", key}, {"value", value}});
    xml.close("Option");
    for (const auto& [key, value] : properties)
        xml.leaf("prop", {{"k", key}, {"v", value}});
    empty_data_defined(xml, "data_defined_properties");
    xml.close("layer");
}

uint8_t alpha_of(double opacity) {
    return static_cast<uint8_t>(std::lround(std::clamp(opacity, 0.0, 1.0) * 255.0));
}

const char* symbol_type(GeomClass geom) {
    switch (geom) {
    case GeomClass::Point:
        return "marker";
    case GeomClass::Line:
        return "line";
    case GeomClass::Polygon:
        return "fill";
    }
    return "fill";
}

void symbol(Xml& xml, const std::string& name, GeomClass geom, Color color,
            const StyleOptions& options) {
    xml.open("symbol", {{"type", symbol_type(geom)},
                        {"name", name},
                        {"alpha", "1"},
                        {"clip_to_extent", "1"},
                        {"force_rhr", "0"}});
    empty_data_defined(xml, "data_defined_properties");
    switch (geom) {
    case GeomClass::Polygon: {
        Color fill = color;
        fill.a = alpha_of(options.fill_opacity * color.a / 255.0);
        symbol_layer(xml, "SimpleFill",
                     {{"border_width_map_unit_scale", kNoScale},
                      {"color", fill.qgis()},
                      {"joinstyle", "bevel"},
                      {"offset", "0,0"},
                      {"offset_map_unit_scale", kNoScale},
                      {"offset_unit", "MM"},
                      {"outline_color", options.outline.qgis()},
                      {"outline_style", "solid"},
                      {"outline_width", number(options.outline_width_mm)},
                      {"outline_width_unit", "MM"},
                      {"style", "solid"}});
        break;
    }
    case GeomClass::Line:
        symbol_layer(xml, "SimpleLine",
                     {{"align_dash_pattern", "0"},
                      {"capstyle", "square"},
                      {"customdash", "5;2"},
                      {"customdash_map_unit_scale", kNoScale},
                      {"customdash_unit", "MM"},
                      {"draw_inside_polygon", "0"},
                      {"joinstyle", "bevel"},
                      {"line_color", color.qgis()},
                      {"line_style", "solid"},
                      {"line_width", number(options.line_width_mm)},
                      {"line_width_unit", "MM"},
                      {"offset", "0"},
                      {"offset_map_unit_scale", kNoScale},
                      {"offset_unit", "MM"},
                      {"ring_filter", "0"},
                      {"use_custom_dash", "0"},
                      {"width_map_unit_scale", kNoScale}});
        break;
    case GeomClass::Point:
        symbol_layer(xml, "SimpleMarker",
                     {{"angle", "0"},
                      {"color", color.qgis()},
                      {"horizontal_anchor_point", "1"},
                      {"joinstyle", "bevel"},
                      {"name", "circle"},
                      {"offset", "0,0"},
                      {"offset_map_unit_scale", kNoScale},
                      {"offset_unit", "MM"},
                      {"outline_color", options.outline.qgis()},
                      {"outline_style", "solid"},
                      {"outline_width", "0"},
                      {"outline_width_map_unit_scale", kNoScale},
                      {"outline_width_unit", "MM"},
                      {"scale_method", "diameter"},
                      {"size", number(options.marker_size_mm)},
                      {"size_map_unit_scale", kNoScale},
                      {"size_unit", "MM"},
                      {"vertical_anchor_point", "1"}});
        break;
    }
    xml.close("symbol");
}

// [SECTION] Document

constexpr const char* kDoctype = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
constexpr const char* kQgisVersion = "3.22.16-Białowieża";

void open_document(Xml& xml, bool labels) {
    xml.raw(kDoctype);
    xml.open("qgis", {{"version", kQgisVersion},
                      {"styleCategories", "AllStyleCategories"},
                      {"labelsEnabled", labels ? "1" : "0"}});
}

void labeling(Xml& xml, GeomClass geom, const LabelStyle& label) {
    // Polygons: horizontal at the centroid, kept inside (QGIS "offset from centroid");
    // lines: along the line; points: in the best of the positions around the point.
    const char* placement = geom == GeomClass::Polygon ? "1" : geom == GeomClass::Line ? "2" : "6";
    xml.open("labeling", {{"type", "simple"}});
    xml.open("settings", {{"calloutType", "simple"}});
    xml.open("text-style", {{"fieldName", label.field},
                            {"isExpression", label.is_expression ? "1" : "0"},
                            {"fontFamily", label.font_family},
                            {"fontSize", number(label.size_pt)},
                            {"fontSizeUnit", "Point"},
                            {"fontWeight", "50"},
                            {"textColor", label.color.qgis()},
                            {"textOpacity", "1"},
                            {"multilineHeight", "1"}});
    xml.leaf("text-buffer", {{"bufferDraw", label.buffer_mm > 0.0 ? "1" : "0"},
                             {"bufferSize", number(label.buffer_mm)},
                             {"bufferSizeUnits", "MM"},
                             {"bufferColor", label.buffer_color.qgis()},
                             {"bufferOpacity", "1"},
                             {"bufferNoFill", "1"},
                             {"bufferJoinStyle", "128"}});
    xml.close("text-style");
    xml.leaf("placement", {{"placement", placement},
                           {"placementFlags", "10"},
                           {"centroidInside", "1"},
                           {"centroidWhole", "0"},
                           {"fitInPolygonOnly", "0"},
                           {"dist", "1"},
                           {"distUnits", "MM"},
                           {"priority", "5"}});
    xml.leaf("rendering", {{"drawLabels", "1"},
                           {"obstacle", "1"},
                           {"obstacleType", "1"},
                           {"displayAll", "0"},
                           {"upsidedownLabels", "0"},
                           {"scaleVisibility", "0"},
                           {"labelPerPart", "0"},
                           {"mergeLines", "0"},
                           {"minFeatureSize", "0"}});
    xml.close("settings");
    xml.close("labeling");
}

void close_document(Xml& xml, std::optional<GeomClass> geom, const StyleOptions* options) {
    if (geom && options && options->label) labeling(xml, *geom, *options->label);
    xml.text("blendMode", "0");
    xml.text("featureBlendMode", "0");
    xml.text("layerOpacity", "1");
    if (geom) xml.text("layerGeometryType", std::to_string(static_cast<int>(*geom)));
    xml.close("qgis");
}

std::string finish(Xml& xml, const StyleOptions& options) {
    return with_aliases(xml.take(), options.aliases);
}

void renderer_tail(Xml& xml) {
    xml.leaf("rotation");
    xml.leaf("sizescale");
    xml.close("renderer-v2");
}

void check_field(const std::string& field, const char* what) {
    if (field.empty())
        throw std::invalid_argument(std::string(what) + " style: the field name is empty");
}

} // namespace

// [SECTION] Builders

std::string categorized_qml(GeomClass geom, const std::string& field,
                            const std::vector<Category>& categories, const StyleOptions& options) {
    check_field(field, "categorized");
    if (categories.empty())
        throw std::invalid_argument("categorized style on '" + field + "': no categories");
    Xml xml;
    open_document(xml, options.label.has_value());
    xml.open("renderer-v2", {{"type", "categorizedSymbol"},
                             {"attr", field},
                             {"forceraster", "0"},
                             {"symbollevels", "0"},
                             {"enableorderby", "0"},
                             {"referencescale", "-1"}});
    xml.open("categories");
    for (size_t i = 0; i < categories.size(); ++i)
        xml.leaf("category", {{"value", categories[i].value},
                              {"label", categories[i].label},
                              {"render", "true"},
                              {"symbol", std::to_string(i)}});
    xml.close("categories");
    xml.open("symbols");
    for (size_t i = 0; i < categories.size(); ++i)
        symbol(xml, std::to_string(i), geom, categories[i].color, options);
    xml.close("symbols");
    renderer_tail(xml);
    close_document(xml, geom, &options);
    return finish(xml, options);
}

std::string graduated_qml(GeomClass geom, const std::string& field,
                          const std::vector<Range>& ranges, const StyleOptions& options) {
    check_field(field, "graduated");
    if (ranges.empty())
        throw std::invalid_argument("graduated style on '" + field + "': no ranges");
    Xml xml;
    open_document(xml, options.label.has_value());
    xml.open("renderer-v2", {{"type", "graduatedSymbol"},
                             {"attr", field},
                             {"graduatedMethod", "GraduatedColor"},
                             {"forceraster", "0"},
                             {"symbollevels", "0"},
                             {"enableorderby", "0"},
                             {"referencescale", "-1"}});
    xml.open("ranges");
    for (size_t i = 0; i < ranges.size(); ++i)
        xml.leaf("range", {{"lower", number(ranges[i].lower)},
                           {"upper", number(ranges[i].upper)},
                           {"label", ranges[i].label},
                           {"render", "true"},
                           {"symbol", std::to_string(i)}});
    xml.close("ranges");
    xml.open("symbols");
    for (size_t i = 0; i < ranges.size(); ++i)
        symbol(xml, std::to_string(i), geom, ranges[i].color, options);
    xml.close("symbols");
    xml.open("classificationMethod", {{"id", "Custom"}});
    xml.leaf("symmetricMode", {{"enabled", "0"}, {"symmetrypoint", "0"}, {"astride", "0"}});
    xml.leaf("labelFormat",
             {{"format", "%1 - %2"}, {"labelprecision", "4"}, {"trimtrailingzeroes", "1"}});
    xml.close("classificationMethod");
    renderer_tail(xml);
    close_document(xml, geom, &options);
    return finish(xml, options);
}

std::string single_symbol_qml(GeomClass geom, Color color, const StyleOptions& options) {
    Xml xml;
    open_document(xml, options.label.has_value());
    xml.open("renderer-v2", {{"type", "singleSymbol"},
                             {"forceraster", "0"},
                             {"symbollevels", "0"},
                             {"enableorderby", "0"},
                             {"referencescale", "-1"}});
    xml.open("symbols");
    symbol(xml, "0", geom, color, options);
    xml.close("symbols");
    renderer_tail(xml);
    close_document(xml, geom, &options);
    return finish(xml, options);
}

std::string aliases_only_qml(const std::vector<FieldAlias>& aliases) {
    Xml xml;
    xml.raw(kDoctype);
    xml.open("qgis", {{"version", kQgisVersion}, {"styleCategories", "AllStyleCategories"}});
    xml.close("qgis");
    return with_aliases(xml.take(), aliases);
}

std::string with_aliases(const std::string& qml, const std::vector<FieldAlias>& aliases) {
    if (aliases.empty()) return qml;
    Xml xml;
    xml.open("aliases");
    for (const FieldAlias& a : aliases)
        xml.leaf("alias", {{"field", a.field}, {"name", a.alias}});
    xml.close("aliases");
    std::string element = xml.take();
    // Indented one level below <qgis>, as the rest of the document.
    std::string indented;
    size_t start = 0;
    while (start < element.size()) {
        const size_t end = element.find('\n', start);
        indented += "  " + element.substr(start, end - start + 1);
        start = end + 1;
    }

    std::string out = qml;
    const size_t begin = out.find("<aliases");
    if (begin != std::string::npos) {
        const size_t self_closing = out.find("/>", begin);
        const size_t tag_end = out.find('>', begin);
        size_t end = std::string::npos;
        if (self_closing != std::string::npos && self_closing + 1 == tag_end)
            end = tag_end + 1;
        else if (const size_t close = out.find("</aliases>", begin); close != std::string::npos)
            end = close + 10;
        if (end == std::string::npos)
            throw std::invalid_argument("QML: unterminated <aliases> element");
        // Replace the whole line(s) holding the old element.
        const size_t line_begin = out.rfind('\n', begin) + 1;
        const size_t line_end = out.find('\n', end);
        out.replace(line_begin,
                    (line_end == std::string::npos ? out.size() : line_end + 1) - line_begin,
                    indented);
        return out;
    }
    const size_t root_end = out.rfind("</qgis>");
    if (root_end == std::string::npos)
        throw std::invalid_argument("QML: no </qgis> closing the document");
    out.insert(root_end, indented);
    return out;
}

// [SECTION] Presets

std::string eligibility_qml(GeomClass geom, const std::string& field, const std::string& yes_value,
                            const std::string& no_value, const StyleOptions& options) {
    return categorized_qml(geom, field,
                           {{yes_value, Color::hex(palette::kEligibleYes), "符合改造条件 eligible"},
                            {no_value, Color::hex(palette::kEligibleNo), "不符合 not eligible"},
                            {"", Color::hex(palette::kEligibleUnknown), "待核实 unknown"}},
                           options);
}

const std::vector<Color>& district_palette() {
    // ColorBrewer Set3 without its grey (grey means "not eligible" elsewhere in the plan),
    // then Paired: 23 colours that neighbouring ids rarely share.
    static const std::vector<Color> palette = [] {
        std::vector<Color> p;
        for (const char* hex : {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
                                "#b3de69", "#fccde5", "#bc80bd", "#ccebc5", "#ffed6f", "#a6cee3",
                                "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f",
                                "#ff7f00", "#cab2d6", "#6a3d9a", "#ffff99", "#b15928"})
            p.push_back(Color::hex(hex));
        return p;
    }();
    return palette;
}

std::string districts_qml(GeomClass geom, const std::string& field, const std::vector<int64_t>& ids,
                          const StyleOptions& options) {
    std::vector<int64_t> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const std::vector<Color>& palette = district_palette();
    std::vector<Category> categories;
    categories.reserve(sorted.size() + 1);
    for (size_t i = 0; i < sorted.size(); ++i) {
        const std::string id = std::to_string(sorted[i]);
        categories.push_back({id, palette[i % palette.size()], "片区 " + id});
    }
    categories.push_back({"", Color::hex("#f0f0f0"), "未分片区 none"});
    return categorized_qml(geom, field, categories, options);
}

std::string spare_land_qml(GeomClass geom, const std::string& field, const SpareLandValues& values,
                           const StyleOptions& options) {
    return categorized_qml(geom, field,
                           {{values.parking, Color::hex(palette::kUseParking), "停车 parking"},
                            {values.service, Color::hex(palette::kUseService), "服务设施 service"},
                            {values.green, Color::hex(palette::kUseGreen), "绿地/广场 green"},
                            {"", Color::hex(palette::kUseOther), "其他 other"}},
                           options);
}

} // namespace renoplan::exporter
