#include "app/gui/panels/style_editor.hpp"

#include <string>
#include <vector>

namespace renoplan::gui {

namespace {

// The fields a mode can use.
std::vector<std::string> usable_fields(const Layer& layer, render::StyleMode mode) {
    std::vector<std::string> out;
    for (const Column& c : layer.attributes)
        if ((mode == render::StyleMode::Categorized && render::categorizable(c.type())) ||
            (mode == render::StyleMode::Graduated && render::graduable(c.type())))
            out.push_back(c.name());
    return out;
}

bool color_edit(const char* label, render::Rgba& color) {
    float rgb[3] = {color.r / 255.0f, color.g / 255.0f, color.b / 255.0f};
    if (!ImGui::ColorEdit3(label, rgb, ImGuiColorEditFlags_NoInputs)) return false;
    color.r = uint8_t(rgb[0] * 255.0f + 0.5f);
    color.g = uint8_t(rgb[1] * 255.0f + 0.5f);
    color.b = uint8_t(rgb[2] * 255.0f + 0.5f);
    return true;
}

} // namespace

bool draw_style_editor(const PanelContext& ctx, MapCanvas::LayerDraw& draw) {
    render::LayerStyle& style = draw.style;
    render::FieldStyle& by = style.by_field;
    const Layer& layer = *draw.layer;
    const bool polygons = layer.geometry.geom_class() == GeomClass::Polygon;
    bool recolor = false;

    const char* modes[] = {ctx.text.style_default, ctx.text.style_single,
                           ctx.text.style_categorized, ctx.text.style_graduated};
    int mode = int(by.mode);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    if (ImGui::Combo(ctx.text.style, &mode, modes, IM_ARRAYSIZE(modes))) {
        by.mode = render::StyleMode(mode);
        const auto fields = usable_fields(layer, by.mode);
        bool known = false;
        for (const auto& f : fields)
            known = known || f == by.field;
        if (!known) by.field = fields.empty() ? std::string() : fields.front();
        recolor = true;
    }
    if (by.mode == render::StyleMode::Single) {
        // Polygons: the fill; lines and points: the line or symbol colour.
        recolor |= color_edit(ctx.text.color, polygons ? style.fill_color : style.stroke_color);
    }
    if (by.mode == render::StyleMode::Categorized || by.mode == render::StyleMode::Graduated) {
        const auto fields = usable_fields(layer, by.mode);
        if (fields.empty()) {
            ImGui::TextDisabled("%s", ctx.text.no_suitable_field);
        } else {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
            if (ImGui::BeginCombo(ctx.text.field, by.field.c_str())) {
                for (const auto& f : fields)
                    if (ImGui::Selectable(f.c_str(), f == by.field)) {
                        by.field = f;
                        recolor = true;
                    }
                ImGui::EndCombo();
            }
        }
        if (by.mode == render::StyleMode::Graduated) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
            recolor |= ImGui::SliderInt(ctx.text.class_count, &by.class_count, 2, 9);
            int breaks = int(by.breaks);
            recolor |= ImGui::RadioButton(ctx.text.breaks_quantile, &breaks, 0);
            ImGui::SameLine();
            recolor |= ImGui::RadioButton(ctx.text.breaks_equal, &breaks, 1);
            by.breaks = render::ClassBreaks(breaks);
        }
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    ImGui::SliderFloat(ctx.text.opacity, &draw.opacity, 0.0f, 1.0f, "%.2f");
    if (layer.geometry.geom_class() != GeomClass::Point) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
        ImGui::SliderFloat(ctx.text.outline_width, &style.stroke_width_px, 0.0f, 8.0f, "%.1f px");
    } else {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
        ImGui::SliderFloat(ctx.text.size_px, &style.point_size_px, 2.0f, 16.0f, "%.1f px");
    }
    if (recolor) render::classify(layer, by, polygons ? style.fill_color.a : style.stroke_color.a);
    return recolor;
}

} // namespace renoplan::gui
