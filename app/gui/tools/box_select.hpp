// Box selection: a rubber band dragged on the map (Shift+drag, or a plain drag while the
// toolbar's Box select tool is on) selects the features of the visible layers it touches
// (IdentifyPanel::select_box; geo/render/select). The band is drawn while dragging.
#pragma once

#include "app/gui/panels/common.hpp"
#include "geo/model/box.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class BoxSelect {
public:
    // The tool switch of the toolbar.
    bool tool_on = false;

    // A press on the map at (px, py) screen pixels: starts a band when the tool is on or Shift
    // is held. Returns whether it did (the press then does not pan).
    bool press(float px, float py, bool shift);
    bool dragging() const { return m_dragging; }
    // The release at (px, py): the world box of the band when it was dragged at least 3 pixels
    // (else an empty box: a click). Ends the band.
    Box release(const render::MapView& view, float px, float py);
    // The band from the press to (px, py).
    void draw(ImDrawList* list, float px, float py) const;

private:
    bool m_dragging = false;
    float m_x0 = 0, m_y0 = 0;
};

} // namespace renoplan::gui
