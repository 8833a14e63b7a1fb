// The Identify panel: the features under a clicked point, topmost first, with their attributes;
// the selected one is outlined on the map.
#pragma once

#include <vector>

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"
#include "geo/render/pick.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class IdentifyPanel {
public:
    // The selection outline's colour (no style uses it).
    static constexpr render::Rgba kHighlightColor{0x00, 0xd5, 0xff, 255};

    // Identifies the visible features at the world point (x, y) and opens the panel.
    void identify(const MapCanvas& canvas, const render::MapView& view, double x, double y);
    // Selects one feature (the Attributes panel's row): it becomes the only hit, highlighted.
    void select(size_t layer, uint32_t row);
    // Whether (layer, row) is the highlighted feature.
    bool is_selected(size_t layer, uint32_t row) const {
        return m_selected < m_hits.size() && m_hits[m_selected].layer == layer &&
               m_hits[m_selected].row == row;
    }
    // Forgets the hits (the canvas's layers changed).
    void clear();
    bool open() const { return m_open; }
    void draw(const PanelContext& ctx, const MapCanvas& canvas);
    // Outlines the selected feature on the map.
    void draw_highlight(ImDrawList* list, const MapCanvas& canvas,
                        const render::MapView& view) const;

    const std::vector<render::PickHit>& hits() const { return m_hits; }
    size_t selected() const { return m_selected; }

private:
    std::vector<render::PickHit> m_hits;
    size_t m_selected = 0;
    bool m_open = false;
};

} // namespace renoplan::gui
