// The Attributes panel: the attribute table of one layer (a combo picks it), virtualised with
// ImGuiListClipper so 100,000 rows scroll smoothly; a click on a header sorts by that column
// (numbers numerically), the filter box keeps the rows containing its text in any column. The row
// order is a permutation computed once per change of layer, sort or filter (geo/render/
// table_index), never per frame. Selecting a row selects the feature on the map (the Identify
// panel's selection; Ctrl+click adds or removes a row), and the rows of features selected on the
// map are highlighted; "Zoom" zooms the view to the feature's box.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"
#include "app/gui/panels/identify_panel.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class AttributesPanel {
public:
    // Forgets the table (the canvas's layers changed); keeps the chosen layer by name.
    void clear();
    // Shows the layer with this name, if the canvas has it (screenshots, tests).
    void choose(const std::string& layer_name) { m_wanted = layer_name; }
    void draw(const PanelContext& ctx, const MapCanvas& canvas, render::MapView& view,
              IdentifyPanel& identify);

    // The layer shown and the rows in table order (after sorting and filtering).
    const Layer* layer() const { return m_layer; }
    const std::vector<uint32_t>& rows() const { return m_rows; }
    const std::string& filter() const { return m_filter; }

private:
    void refresh(bool resort);
    void draw_table(const PanelContext& ctx, render::MapView& view, IdentifyPanel& identify);

    const Layer* m_layer = nullptr;
    size_t m_index = 0; // in the canvas's layers
    std::string m_wanted;
    int m_sort_column = -1; // attribute index; -1 = row order
    bool m_descending = false;
    std::string m_filter;
    std::vector<uint32_t> m_sorted; // every row, sorted
    std::vector<uint32_t> m_rows;   // m_sorted, filtered
};

} // namespace renoplan::gui
