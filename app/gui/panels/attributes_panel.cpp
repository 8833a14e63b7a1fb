#include "app/gui/panels/attributes_panel.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "geo/render/select.hpp"
#include "geo/render/table_index.hpp"

namespace renoplan::gui {

namespace {

// Dear ImGui 1.86 tables have at most 64 columns: the zoom column and 63 fields.
constexpr size_t kMaxFields = 63;

} // namespace

void AttributesPanel::clear() {
    if (m_layer && m_wanted.empty()) m_wanted = m_layer->name;
    m_layer = nullptr;
    m_sorted.clear();
    m_rows.clear();
}

void AttributesPanel::refresh(bool resort) {
    if (!m_layer) return;
    if (resort) m_sorted = render::sorted_rows(*m_layer, m_sort_column, m_descending);
    m_rows = render::filter_rows(*m_layer, m_sorted, m_filter);
}

void AttributesPanel::draw(const PanelContext& ctx, const MapCanvas& canvas, render::MapView& view,
                           IdentifyPanel& identify) {
    const auto& layers = canvas.layers();
    // Which layer: the one asked for by name, else the one shown, else the first.
    if (!m_wanted.empty()) {
        for (size_t k = 0; k < layers.size(); ++k)
            if (layers[k].layer->name == m_wanted) {
                m_index = k;
                m_layer = nullptr;
            }
        m_wanted.clear();
    }
    if (m_index >= layers.size()) m_index = 0;
    if (!layers.empty() && m_layer != layers[m_index].layer) {
        m_layer = layers[m_index].layer;
        m_sort_column = -1;
        m_descending = false;
        refresh(true);
    }

    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 40.0f),
                            ImGuiCond_FirstUseEver, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.6f, io.DisplaySize.y * 0.4f),
                             ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.95f);
    const std::string title = std::string(ctx.text.attributes) + "###attributes";
    if (ImGui::Begin(title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        if (!m_layer) {
            ImGui::TextUnformatted(ctx.text.nothing_loaded);
        } else {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
            const std::string current = layer_label(layers[m_index], ctx.language);
            if (ImGui::BeginCombo("##attr_layer", current.c_str())) {
                for (size_t k = layers.size(); k-- > 0;) {
                    const std::string label =
                        layer_label(layers[k], ctx.language) + "##attr_layer" + std::to_string(k);
                    if (ImGui::Selectable(label.c_str(), k == m_index)) m_index = k;
                }
                ImGui::EndCombo();
            }
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
            if (ImGui::InputTextWithHint("##attr_filter", ctx.text.filter, &m_filter))
                refresh(false);
            ImGui::SameLine();
            ImGui::TextDisabled(ctx.text.rows_shown, m_rows.size(), m_layer->size());
            draw_table(ctx, view, identify);
        }
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

void AttributesPanel::draw_table(const PanelContext& ctx, render::MapView& view,
                                 IdentifyPanel& identify) {
    const Layer& layer = *m_layer;
    const size_t fields = std::min(layer.attributes.size(), kMaxFields);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable;
    // A new table (fresh sort state) whenever another layer is shown.
    const std::string id =
        "##attr_table" + std::to_string(reinterpret_cast<std::uintptr_t>(m_layer));
    if (!ImGui::BeginTable(id.c_str(), int(fields) + 1, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("##zoom", ImGuiTableColumnFlags_NoSort |
                                          ImGuiTableColumnFlags_WidthFixed |
                                          ImGuiTableColumnFlags_NoHide);
    for (size_t f = 0; f < fields; ++f)
        ImGui::TableSetupColumn(layer.attributes[f].name().c_str(),
                                ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();

    // The sort changed (a header was clicked): one new permutation, then the filter on it.
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            m_sort_column = specs->Specs[0].ColumnIndex - 1;
            m_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        } else {
            m_sort_column = -1;
            m_descending = false;
        }
        refresh(true);
        specs->SpecsDirty = false;
    }

    ImGuiListClipper clipper;
    clipper.Begin(int(m_rows.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const uint32_t row = m_rows[size_t(k)];
            ImGui::PushID(int(row));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            if (ImGui::SmallButton(ctx.text.zoom_to)) {
                identify.select(m_index, row);
                // A point (or tiny feature): its surroundings, at least 100 m across.
                const Box around = render::zoom_box(layer.geometry.box(row));
                if (!around.empty()) view.fit(around, view.width, view.height, 0.1);
            }
            for (size_t f = 0; f < fields; ++f) {
                ImGui::TableSetColumnIndex(int(f) + 1);
                const Column& c = layer.attributes[f];
                std::string text;
                if (c.is_null(row))
                    text = "-";
                else if (is_text_storage(c.type()))
                    text = std::string(c.get_string(row));
                else
                    text = c.to_text(row);
                if (f == 0) {
                    // The row's selectable spans the row; the zoom button stays clickable.
                    if (ImGui::Selectable(text.c_str(), identify.is_selected(m_index, row),
                                          ImGuiSelectableFlags_SpanAllColumns |
                                              ImGuiSelectableFlags_AllowItemOverlap))
                        identify.select(m_index, row, ImGui::GetIO().KeyCtrl); // Ctrl: add
                } else {
                    ImGui::TextUnformatted(text.c_str());
                }
            }
            ImGui::PopID();
        }
    ImGui::EndTable();
}

} // namespace renoplan::gui
