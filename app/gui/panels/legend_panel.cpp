#include "app/gui/panels/legend_panel.hpp"

#include <string>
#include <utility>
#include <vector>

namespace renoplan::gui {

namespace {

// A filled box for polygons, a line for lines, a small square for points.
void swatch(render::Rgba fill, render::Rgba stroke, GeomClass geom_class) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 a(p.x, p.y + h * 0.2f), b(p.x + 22.0f, p.y + h * 0.8f);
    ImDrawList* list = ImGui::GetWindowDrawList();
    if (geom_class == GeomClass::Point) {
        const ImVec2 c(0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
        list->AddRectFilled(ImVec2(c.x - 3.5f, c.y - 3.5f), ImVec2(c.x + 3.5f, c.y + 3.5f),
                            imcolor(stroke));
    } else if (geom_class == GeomClass::Line) {
        list->AddLine(ImVec2(a.x, 0.5f * (a.y + b.y)), ImVec2(b.x, 0.5f * (a.y + b.y)),
                      imcolor(stroke), 3.0f);
    } else {
        fill.a = 255;
        list->AddRectFilled(a, b, imcolor(fill));
        list->AddRect(a, b, imcolor(stroke));
    }
    ImGui::Dummy(ImVec2(22.0f, h));
    ImGui::SameLine();
}

} // namespace

void draw_legend_panel(const PanelContext& ctx, const MapCanvas& canvas, float status_height) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, io.DisplaySize.y - status_height - 10),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.9f);
    const std::string title = std::string(ctx.text.legend) + "###legend";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoMove)) {
        const auto& layers = canvas.layers();
        for (size_t k = layers.size(); k-- > 0;) {
            const auto& draw = layers[k];
            if (!draw.visible) continue;
            const render::LayerStyle& st = draw.style;
            const std::string name(ctx.language == Language::Chinese
                                       ? render::kind_label_zh(draw.kind)
                                       : render::kind_label_en(draw.kind));
            const std::string label =
                draw.layer->name == name ? name : name + "  " + draw.layer->name;
            std::vector<std::pair<std::string, render::Rgba>> classes;
            const render::FieldStyle& by = st.by_field;
            if ((by.mode == render::StyleMode::Categorized ||
                 by.mode == render::StyleMode::Graduated) &&
                !by.classes.empty()) {
                // The style editor's classes, with their feature counts.
                for (const render::StyleClass& c : by.classes) {
                    std::string text = c.kind == render::StyleClass::Kind::Other
                                           ? ctx.text.other_values
                                       : c.kind == render::StyleClass::Kind::NoValue
                                           ? ctx.text.no_value
                                           : render::class_label(by.mode, c);
                    classes.emplace_back(text + "  (" + std::to_string(c.count) + ")", c.color);
                }
            } else if (by.mode != render::StyleMode::Default) {
                // Single (or no usable field yet): one swatch below
            } else if (draw.kind == render::LayerKind::Communities &&
                       draw.layer->find_attribute("eligible") >= 0)
                classes = {{ctx.text.eligible_yes, render::eligibility_color("yes")},
                           {ctx.text.eligible_no, render::eligibility_color("no")},
                           {ctx.text.eligible_unknown, render::eligibility_color("")}};
            else if (draw.kind == render::LayerKind::SpareLand &&
                     draw.layer->find_attribute("use") >= 0)
                classes = {{ctx.text.use_parking, render::spare_land_use_color("parking")},
                           {ctx.text.use_service, render::spare_land_use_color("service")},
                           {ctx.text.use_green, render::spare_land_use_color("green")},
                           {ctx.text.use_other, render::spare_land_use_color("other")}};
            const GeomClass geom_class = draw.layer->geometry.geom_class();
            if (classes.empty()) {
                swatch(st.fill_color, st.stroke_color, geom_class);
                ImGui::TextUnformatted(label.c_str());
            } else {
                ImGui::TextUnformatted(label.c_str());
                ImGui::Indent(8.0f);
                for (const auto& [text, color] : classes) {
                    // Lines and points take the class colour as their line or symbol colour.
                    if (geom_class == GeomClass::Polygon)
                        swatch(color, st.stroke_color, geom_class);
                    else
                        swatch(color, color, geom_class);
                    ImGui::TextUnformatted(text.c_str());
                }
                ImGui::Unindent(8.0f);
            }
        }
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
