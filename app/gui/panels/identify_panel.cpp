#include "app/gui/panels/identify_panel.hpp"

#include <algorithm>
#include <span>
#include <string>

namespace renoplan::gui {

namespace {

constexpr float kPickTolerancePx = 4.0f;

// The visible layers in draw order, bottom to top (hidden ones null), as pick() wants them.
std::vector<const Layer*> visible_layers(const MapCanvas& canvas) {
    std::vector<const Layer*> layers;
    for (const size_t index : canvas.order()) {
        const auto& draw = canvas.layers()[index];
        layers.push_back(draw.visible ? draw.layer : nullptr);
    }
    return layers;
}

} // namespace

void IdentifyPanel::identify(const MapCanvas& canvas, const render::MapView& view, double x,
                             double y, bool add) {
    auto hits = render::pick(visible_layers(canvas), x, y, kPickTolerancePx * view.units_per_pixel,
                             add ? 1 : 50);
    for (auto& hit : hits) // positions in the draw order -> layer indices
        hit.layer = canvas.order()[hit.layer];
    m_open = true;
    if (add) {
        if (!hits.empty()) m_selection.toggle(hits.front());
        list_selection();
        return;
    }
    m_hits = hits;
    m_selection.clear();
    if (!m_hits.empty()) m_selection.set(std::span(m_hits.data(), 1));
}

void IdentifyPanel::select(size_t layer, uint32_t row, bool add) {
    m_open = true;
    if (add) {
        m_selection.toggle({layer, row});
        list_selection();
        return;
    }
    m_hits = {render::PickHit{layer, row}};
    m_selection.set(m_hits);
}

void IdentifyPanel::select_box(const MapCanvas& canvas, const Box& box, bool add) {
    auto hits = render::select_in_box(visible_layers(canvas), box);
    for (auto& hit : hits) // positions in the draw order -> layer indices
        hit.layer = canvas.order()[hit.layer];
    if (add)
        m_selection.add(hits);
    else
        m_selection.set(hits);
    list_selection();
    m_open = true;
}

void IdentifyPanel::list_selection() {
    m_hits = m_selection.items();
}

Box IdentifyPanel::selection_box(const MapCanvas& canvas) const {
    std::vector<const Layer*> layers;
    for (const auto& draw : canvas.layers())
        layers.push_back(draw.layer);
    return render::zoom_box(render::selection_extent(layers, m_selection.items()));
}

void IdentifyPanel::clear() {
    m_hits.clear();
    m_selection.clear();
    m_open = false;
}

void IdentifyPanel::draw(const PanelContext& ctx, const MapCanvas& canvas) {
    if (!m_open) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, 50), ImGuiCond_FirstUseEver,
                            ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(380, io.DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.95f);
    const std::string title =
        std::string(ctx.text.identify) + " (" + std::to_string(m_hits.size()) + ")###identify";
    if (ImGui::Begin(title.c_str(), &m_open, ImGuiWindowFlags_NoSavedSettings)) {
        if (m_hits.empty()) ImGui::TextUnformatted(ctx.text.nothing_here);
        if (m_selection.size() > 1)
            ImGui::TextDisabled(ctx.text.selected_count, m_selection.size());
        const auto& layers = canvas.layers();
        const size_t listed = std::min(m_hits.size(), kMaxListed);
        for (size_t h = 0; h < listed; ++h) {
            const auto& hit = m_hits[h];
            const auto& draw = layers[hit.layer];
            const Layer& layer = *draw.layer;
            const std::string header = layer_label(draw, ctx.language) + "  #" +
                                       std::to_string(layer.fids[hit.row]) + "###hit" +
                                       std::to_string(h);
            ImGui::SetNextItemOpen(h == 0, ImGuiCond_Appearing);
            const bool open = ImGui::CollapsingHeader(header.c_str());
            if (ImGui::IsItemClicked()) {
                if (ImGui::GetIO().KeyCtrl)
                    m_selection.toggle(hit);
                else
                    m_selection.set(std::span(&hit, 1));
            }
            if (!open) continue;
            const std::string table_id = "##attrs" + std::to_string(h);
            if (ImGui::BeginTable(table_id.c_str(), 2,
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                      ImGuiTableFlags_Resizable)) {
                ImGui::TableSetupColumn(ctx.text.field, ImGuiTableColumnFlags_WidthFixed);
                ImGui::TableSetupColumn(ctx.text.value, ImGuiTableColumnFlags_WidthStretch);
                for (const Column& column : layer.attributes) {
                    ImGui::TableNextRow();
                    ImGui::TableSetColumnIndex(0);
                    ImGui::TextUnformatted(column.name().c_str());
                    ImGui::TableSetColumnIndex(1);
                    const std::string value =
                        column.is_null(hit.row) ? std::string("-") : column.to_text(hit.row);
                    ImGui::TextWrapped("%s", value.c_str());
                }
                ImGui::EndTable();
            }
        }
        if (m_hits.size() > listed)
            ImGui::TextDisabled(ctx.text.more_not_listed, m_hits.size() - listed);
    }
    record_window(ctx.ui_rects);
    ImGui::End();
    if (!m_open) clear();
}

void IdentifyPanel::draw_highlight(ImDrawList* list, const MapCanvas& canvas,
                                   const render::MapView& view) const {
    const ImU32 color = imcolor(kHighlightColor);
    const Box visible = view.visible().buffered(8.0 * view.units_per_pixel);
    std::vector<ImVec2> points;
    for (const render::PickHit& hit : m_selection.items()) {
        if (hit.layer >= canvas.layers().size()) continue;
        const auto& draw = canvas.layers()[hit.layer];
        if (!draw.visible) continue;
        const GeometryColumn& g = draw.layer->geometry;
        if (!g.box(hit.row).intersects(visible)) continue; // off screen: nothing to draw
        for (size_t part = g.part_begin(hit.row); part < g.part_end(hit.row); ++part)
            for (size_t r = g.ring_begin(part); r < g.ring_end(part); ++r) {
                const auto xy = g.ring(r);
                points.clear();
                for (size_t k = 0; k + 1 < xy.size(); k += 2) {
                    double px = 0.0, py = 0.0;
                    view.to_screen(xy[k], xy[k + 1], px, py);
                    points.emplace_back(float(px), float(py));
                }
                if (g.geom_class() == GeomClass::Point) {
                    for (const ImVec2& p : points)
                        list->AddCircle(p, 8.0f, color, 0, 3.0f);
                } else if (points.size() >= 2) {
                    const bool closed = g.geom_class() == GeomClass::Polygon;
                    list->AddPolyline(points.data(), int(points.size()), color,
                                      closed ? ImDrawFlags_Closed : ImDrawFlags_None, 3.0f);
                }
            }
    }
}

} // namespace renoplan::gui
