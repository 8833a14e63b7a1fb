#include "geo/render/style.hpp"

#include <stdexcept>
#include <string>

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

} // namespace

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
    if (kind == LayerKind::Communities && layer.find_attribute("eligible") >= 0)
        return categorized(layer, "eligible", style.fill_color,
                           [](const std::string& v) { return eligibility_color(v); });
    if (kind == LayerKind::SpareLand && layer.find_attribute("use") >= 0)
        return categorized(layer, "use", style.fill_color,
                           [](const std::string& v) { return spare_land_use_color(v); });
    return std::vector<Rgba>(layer.size(), style.fill_color);
}

} // namespace renoplan::render
