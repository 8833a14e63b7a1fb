// The Identify panel: the features under a clicked point, topmost first, with their attributes;
// the selected ones are outlined on the map. It owns the viewer's one selection
// (render::Selection): the map's highlight, the Attributes panel's highlighted rows, box selection
// and the Messages panel's links all read and change this one.
#pragma once

#include <vector>

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"
#include "geo/render/pick.hpp"
#include "geo/render/select.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class IdentifyPanel {
public:
    // The selection outline's colour (no style uses it).
    static constexpr render::Rgba kHighlightColor{0x00, 0xd5, 0xff, 255};

    // At most this many hits are listed (a box may select thousands; all are highlighted).
    static constexpr size_t kMaxListed = 200;

    // Identifies the visible features at the world point (x, y) and opens the panel; the top
    // one is selected. With `add`, the top one is added to (or removed from) the selection
    // instead, and the panel lists the selection.
    void identify(const MapCanvas& canvas, const render::MapView& view, double x, double y,
                  bool add = false);
    // Selects one feature (the Attributes panel's row): it becomes the only hit, highlighted.
    // With `add` it is added to (or removed from) the selection, and the panel lists it.
    void select(size_t layer, uint32_t row, bool add = false);
    // Selects the features of the visible layers that the world box touches (a rubber band),
    // replacing the selection or adding to it; the panel lists the selection.
    void select_box(const MapCanvas& canvas, const Box& box, bool add);
    // Whether (layer, row) is selected (highlighted).
    bool is_selected(size_t layer, uint32_t row) const { return m_selection.contains(layer, row); }
    const render::Selection& selection() const { return m_selection; }
    // The box of the selected features, grown to at least 100 m (empty when none).
    Box selection_box(const MapCanvas& canvas) const;
    // Forgets the hits (the canvas's layers changed).
    void clear();
    bool open() const { return m_open; }
    void draw(const PanelContext& ctx, const MapCanvas& canvas);
    // Outlines the selected feature on the map.
    void draw_highlight(ImDrawList* list, const MapCanvas& canvas,
                        const render::MapView& view) const;

    const std::vector<render::PickHit>& hits() const { return m_hits; }

private:
    void list_selection();

    std::vector<render::PickHit> m_hits; // what the panel lists
    render::Selection m_selection;       // what is highlighted
    bool m_open = false;
};

} // namespace renoplan::gui
