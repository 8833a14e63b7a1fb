#include "geo/render/style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "geo/core/color.hpp"

namespace renoplan::render {

namespace {

// Per-feature colours from a text-valued field, or the default for every feature.
template <typename ColorOf>
std::vector<Rgba> categorized(const Layer& layer, std::string_view field, Rgba fallback,
                              ColorOf color_of) {
    std::vector<Rgba> out(layer.size(), fallback);
    const int index = layer.find_attribute(field);
    if (index < 0) return out;
    const Column& column = layer.attributes[static_cast<size_t>(index)];
    for (size_t i = 0; i < out.size() && i < column.size(); ++i)
        out[i] = color_of(column.is_null(i) ? std::string() : column.to_text(i));
    return out;
}

// ColorBrewer Set3 (12 classes): pastel fills that keep labels and outlines readable.
constexpr std::string_view kSet3[kMaxCategories] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072",
                                                    "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
                                                    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"};
// ColorBrewer YlOrRd (5 classes), interpolated for other class counts.
constexpr std::string_view kYlOrRd[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};

Rgba ramp(size_t index, size_t count, uint8_t alpha) {
    const double t = count <= 1 ? 0.5 : double(index) / double(count - 1);
    const double at = t * double(std::size(kYlOrRd) - 1);
    const size_t k = std::min(size_t(at), std::size(kYlOrRd) - 2);
    const double f = at - double(k);
    const Rgba a = Rgba::hex(kYlOrRd[k]), b = Rgba::hex(kYlOrRd[k + 1]);
    const auto mix = [f](uint8_t x, uint8_t y) {
        return uint8_t(std::lround(double(x) + f * (double(y) - double(x))));
    };
    return Rgba{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), alpha};
}

// A numeric field's value, or NaN when empty.
double number_at(const Column& column, size_t i) {
    if (column.is_null(i)) return std::nan("");
    return column.type() == ColumnType::Int64 ? double(column.get_int(i)) : column.get_real(i);
}

const Column* field_column(const Layer& layer, const std::string& field) {
    const int index = layer.find_attribute(field);
    return index < 0 ? nullptr : &layer.attributes[size_t(index)];
}

// The Other or No value class, when it holds any feature.
void add_special(FieldStyle& style, StyleClass::Kind kind, size_t count, uint8_t alpha) {
    if (count == 0) return;
    const Rgba grey = kind == StyleClass::Kind::Other ? kOtherColor : kNoValueColor;
    StyleClass c;
    c.kind = kind;
    c.color = Rgba{grey.r, grey.g, grey.b, alpha};
    c.count = count;
    style.classes.push_back(std::move(c));
}

void categorize(const Column& column, FieldStyle& style, uint8_t alpha) {
    // Distinct values with their counts, in value order (integers numerically).
    struct Value {
        std::string text;
        int64_t number = 0;
        size_t count = 0;
    };
    std::unordered_map<std::string, size_t> index_of;
    std::vector<Value> values;
    size_t no_value = 0;
    const bool numeric = column.type() == ColumnType::Int64 || column.type() == ColumnType::Bool;
    for (size_t i = 0; i < column.size(); ++i) {
        if (column.is_null(i)) {
            ++no_value;
            continue;
        }
        std::string text = column.to_text(i);
        auto [it, added] = index_of.try_emplace(text, values.size());
        if (added) {
            Value v;
            v.number = column.type() == ColumnType::Int64  ? column.get_int(i)
                       : column.type() == ColumnType::Bool ? int64_t(column.get_bool(i))
                                                           : 0;
            v.text = std::move(text);
            values.push_back(std::move(v));
        }
        ++values[it->second].count;
    }
    const auto by_value = [numeric](const Value& a, const Value& b) {
        return numeric ? a.number < b.number : a.text < b.text;
    };
    std::sort(values.begin(), values.end(), by_value);
    size_t other = 0;
    if (values.size() > kMaxCategories) {
        // The most frequent keep their own class (ties: the smaller value), then value order.
        std::stable_sort(values.begin(), values.end(),
                         [](const Value& a, const Value& b) { return a.count > b.count; });
        for (size_t k = kMaxCategories - 1; k < values.size(); ++k)
            other += values[k].count;
        values.resize(kMaxCategories - 1);
        std::sort(values.begin(), values.end(), by_value);
    }
    for (size_t k = 0; k < values.size(); ++k) {
        StyleClass c;
        c.value = values[k].text;
        c.color = Rgba::hex(kSet3[k % kMaxCategories], alpha);
        c.count = values[k].count;
        style.classes.push_back(std::move(c));
    }
    add_special(style, StyleClass::Kind::Other, other, alpha);
    add_special(style, StyleClass::Kind::NoValue, no_value, alpha);
}

void graduate(const Column& column, FieldStyle& style, uint8_t alpha) {
    std::vector<double> values;
    size_t no_value = 0;
    for (size_t i = 0; i < column.size(); ++i) {
        const double v = number_at(column, i);
        if (std::isfinite(v))
            values.push_back(v);
        else
            ++no_value;
    }
    std::sort(values.begin(), values.end());
    const size_t wanted = size_t(std::clamp(style.class_count, 2, 9));
    std::vector<double> uppers;
    if (!values.empty()) {
        const double lo = values.front(), hi = values.back();
        for (size_t k = 1; k < wanted; ++k) {
            double b = 0.0;
            if (style.breaks == ClassBreaks::Quantile) {
                const size_t rank = (k * values.size() + wanted - 1) / wanted; // ceil(k n / c)
                b = values[std::max<size_t>(rank, 1) - 1];
            } else {
                b = lo + (hi - lo) * double(k) / double(wanted);
            }
            if (b < hi && (uppers.empty() || b > uppers.back())) uppers.push_back(b);
        }
        uppers.push_back(hi);
    }
    for (size_t k = 0; k < uppers.size(); ++k) {
        StyleClass c;
        c.lower = k == 0 ? values.front() : uppers[k - 1];
        c.upper = uppers[k];
        c.color = ramp(k, uppers.size(), alpha);
        style.classes.push_back(std::move(c));
    }
    add_special(style, StyleClass::Kind::NoValue, no_value, alpha);
}

// The colour of each feature from its class, `fallback` where there is none.
std::vector<Rgba> class_colors(const Layer& layer, const FieldStyle& style, Rgba fallback) {
    std::vector<Rgba> out(layer.size(), fallback);
    const std::vector<int> classes = feature_classes(layer, style);
    for (size_t i = 0; i < out.size() && i < classes.size(); ++i)
        if (classes[i] >= 0) out[i] = style.classes[size_t(classes[i])].color;
    return out;
}

bool by_classes(const FieldStyle& style) {
    return (style.mode == StyleMode::Categorized || style.mode == StyleMode::Graduated) &&
           !style.classes.empty();
}

} // namespace

bool categorizable(ColumnType type) {
    return type == ColumnType::String || type == ColumnType::Int64 || type == ColumnType::Bool;
}

bool graduable(ColumnType type) {
    return type == ColumnType::Int64 || type == ColumnType::Real;
}

void classify(const Layer& layer, FieldStyle& style, uint8_t alpha) {
    style.classes.clear();
    const Column* column = field_column(layer, style.field);
    if (!column) return;
    if (style.mode == StyleMode::Categorized && categorizable(column->type()))
        categorize(*column, style, alpha);
    else if (style.mode == StyleMode::Graduated && graduable(column->type()))
        graduate(*column, style, alpha);
    if (style.mode != StyleMode::Graduated) return;
    // The graduated classes' counts.
    const std::vector<int> classes = feature_classes(layer, style);
    for (StyleClass& c : style.classes)
        if (c.kind == StyleClass::Kind::Value) c.count = 0;
    for (int k : classes)
        if (k >= 0 && style.classes[size_t(k)].kind == StyleClass::Kind::Value)
            ++style.classes[size_t(k)].count;
}

std::vector<int> feature_classes(const Layer& layer, const FieldStyle& style) {
    std::vector<int> out(layer.size(), -1);
    const Column* column = field_column(layer, style.field);
    if (!column || style.classes.empty()) return out;
    int other = -1, no_value = -1;
    std::unordered_map<std::string, int> category;
    std::vector<double> uppers;
    for (size_t k = 0; k < style.classes.size(); ++k) {
        const StyleClass& c = style.classes[k];
        if (c.kind == StyleClass::Kind::Other) other = int(k);
        if (c.kind == StyleClass::Kind::NoValue) no_value = int(k);
        if (c.kind != StyleClass::Kind::Value) continue;
        if (style.mode == StyleMode::Categorized) category.emplace(c.value, int(k));
        if (style.mode == StyleMode::Graduated) uppers.push_back(c.upper);
    }
    for (size_t i = 0; i < out.size() && i < column->size(); ++i) {
        if (style.mode == StyleMode::Categorized) {
            if (column->is_null(i)) {
                out[i] = no_value;
                continue;
            }
            const auto it = category.find(column->to_text(i));
            out[i] = it == category.end() ? other : it->second;
        } else if (style.mode == StyleMode::Graduated) {
            const double v = number_at(*column, i);
            if (!std::isfinite(v)) {
                out[i] = no_value;
                continue;
            }
            // The first class whose upper bound is >= v; above the last: the last.
            const auto it = std::lower_bound(uppers.begin(), uppers.end(), v);
            out[i] =
                uppers.empty()
                    ? -1
                    : int(std::min<ptrdiff_t>(it - uppers.begin(), ptrdiff_t(uppers.size()) - 1));
        }
    }
    return out;
}

std::string class_label(StyleMode mode, const StyleClass& c) {
    if (c.kind != StyleClass::Kind::Value) return {};
    if (mode == StyleMode::Categorized) return c.value.empty() ? "\"\"" : c.value;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g - %g", c.lower, c.upper);
    return buf;
}

Rgba Rgba::hex(std::string_view text, uint8_t alpha) {
    try {
        const Color c = Color::hex(text);
        return Rgba{c.r, c.g, c.b, alpha};
    } catch (const std::invalid_argument&) {
        return Rgba{0, 0, 0, alpha};
    }
}

LayerKind layer_kind(const Layer& layer) {
    const std::string& name =
        layer.source.layer_name.empty() ? layer.name : layer.source.layer_name;
    if (name == "districts") return LayerKind::Districts;
    if (name == "spare_land") return LayerKind::SpareLand;
    switch (layer.role) {
    case Role::Communities:
        return LayerKind::Communities;
    case Role::Buildings:
        return LayerKind::Buildings;
    case Role::Pipelines:
        return LayerKind::Pipelines;
    case Role::Roads:
        return LayerKind::Roads;
    case Role::Water:
        return LayerKind::Water;
    case Role::Zoning:
        return LayerKind::Zoning;
    case Role::Facilities:
        return LayerKind::Facilities;
    case Role::Protected:
        return LayerKind::Protected;
    case Role::Unknown:
        break;
    }
    return LayerKind::Other;
}

int draw_rank(LayerKind kind) {
    return static_cast<int>(kind);
}

std::string_view kind_label_zh(LayerKind kind) {
    switch (kind) {
    case LayerKind::Zoning:
        return "控规地块";
    case LayerKind::Water:
        return "水系";
    case LayerKind::Protected:
        return "保护范围";
    case LayerKind::Districts:
        return "片区";
    case LayerKind::Communities:
        return "小区";
    case LayerKind::SpareLand:
        return "空地";
    case LayerKind::Roads:
        return "道路";
    case LayerKind::Pipelines:
        return "管线";
    case LayerKind::Buildings:
        return "建筑";
    case LayerKind::Facilities:
        return "设施";
    case LayerKind::Other:
        break;
    }
    return "其他";
}

std::string_view kind_label_en(LayerKind kind) {
    switch (kind) {
    case LayerKind::Zoning:
        return "Zoning";
    case LayerKind::Water:
        return "Water";
    case LayerKind::Protected:
        return "Protected";
    case LayerKind::Districts:
        return "Districts";
    case LayerKind::Communities:
        return "Communities";
    case LayerKind::SpareLand:
        return "Spare land";
    case LayerKind::Roads:
        return "Roads";
    case LayerKind::Pipelines:
        return "Pipelines";
    case LayerKind::Buildings:
        return "Buildings";
    case LayerKind::Facilities:
        return "Facilities";
    case LayerKind::Other:
        break;
    }
    return "Other";
}

LayerStyle default_style(LayerKind kind) {
    LayerStyle s;
    switch (kind) {
    case LayerKind::Zoning:
        s.fill_color = Rgba::hex("#f5ecdc");
        s.stroke_color = Rgba::hex("#c9b79c");
        break;
    case LayerKind::Water:
        s.fill_color = Rgba::hex("#a6cee3");
        s.stroke_color = Rgba::hex("#1f78b4");
        s.stroke_width_px = 1.5f;
        break;
    case LayerKind::Protected:
        s.fill_color = Rgba::hex("#fb9a99", 90);
        s.stroke_color = Rgba::hex("#e31a1c");
        s.stroke_width_px = 1.5f;
        break;
    case LayerKind::Districts:
        s.fill_color = Rgba::hex("#8dd3c7", 110);
        s.stroke_color = Rgba::hex("#1b7f70");
        s.stroke_width_px = 2.5f;
        break;
    case LayerKind::Communities:
        s.fill_color = Rgba::hex("#fee8c8");
        s.stroke_color = Rgba::hex("#636363");
        break;
    case LayerKind::SpareLand:
        s.fill_color = Rgba::hex("#d9d9d9");
        s.stroke_color = Rgba::hex("#404040");
        break;
    case LayerKind::Roads:
        s.fill_color = Rgba::hex("#e0e0e0");
        s.stroke_color = Rgba::hex("#7f7f7f");
        s.stroke_width_px = 2.0f;
        break;
    case LayerKind::Pipelines:
        s.fill_color = Rgba::hex("#fbb4ae");
        s.stroke_color = Rgba::hex("#e31a1c", 150);
        s.stroke_width_px = 1.0f;
        break;
    case LayerKind::Buildings:
        s.fill_color = Rgba::hex("#969696");
        s.stroke_color = Rgba::hex("#525252");
        break;
    case LayerKind::Facilities:
        s.fill_color = Rgba::hex("#cab2d6");
        s.stroke_color = Rgba::hex("#6a3d9a");
        s.point_size_px = 7.0f;
        break;
    case LayerKind::Other:
        s.fill_color = Rgba::hex("#ffffb3", 160);
        s.stroke_color = Rgba::hex("#8c6d31");
        break;
    }
    return s;
}

Rgba eligibility_color(std::string_view value) {
    if (value == "yes") return Rgba::hex(palette::kEligibleYes);
    if (value == "no") return Rgba::hex(palette::kEligibleNo);
    return Rgba::hex(palette::kEligibleUnknown);
}

Rgba spare_land_use_color(std::string_view value) {
    if (value == "parking") return Rgba::hex(palette::kUseParking);
    if (value == "service") return Rgba::hex(palette::kUseService);
    if (value == "green") return Rgba::hex(palette::kUseGreen);
    return Rgba::hex(palette::kUseOther);
}

std::vector<Rgba> feature_fill_colors(const Layer& layer, LayerKind kind, const LayerStyle& style) {
    if (by_classes(style.by_field)) return class_colors(layer, style.by_field, style.fill_color);
    if (style.by_field.mode != StyleMode::Default) // Single, or no usable field chosen yet
        return std::vector<Rgba>(layer.size(), style.fill_color);
    if (kind == LayerKind::Communities && layer.find_attribute("eligible") >= 0)
        return categorized(layer, "eligible", style.fill_color,
                           [](const std::string& v) { return eligibility_color(v); });
    if (kind == LayerKind::SpareLand && layer.find_attribute("use") >= 0)
        return categorized(layer, "use", style.fill_color,
                           [](const std::string& v) { return spare_land_use_color(v); });
    return std::vector<Rgba>(layer.size(), style.fill_color);
}

} // namespace renoplan::render

namespace renoplan::render {

std::vector<Rgba> feature_stroke_colors(const Layer& layer, const LayerStyle& style) {
    if (layer.geometry.geom_class() != GeomClass::Polygon && by_classes(style.by_field))
        return class_colors(layer, style.by_field, style.stroke_color);
    return std::vector<Rgba>(layer.size(), style.stroke_color);
}

} // namespace renoplan::render
