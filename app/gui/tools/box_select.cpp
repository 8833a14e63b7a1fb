#include "app/gui/tools/box_select.hpp"

#include <algorithm>
#include <cmath>

namespace renoplan::gui {

bool BoxSelect::press(float px, float py, bool shift) {
    m_dragging = tool_on || shift;
    m_x0 = px;
    m_y0 = py;
    return m_dragging;
}

Box BoxSelect::release(const render::MapView& view, float px, float py) {
    if (!m_dragging) return {};
    m_dragging = false;
    if (std::abs(px - m_x0) < 3.0f && std::abs(py - m_y0) < 3.0f) return {};
    Box box;
    double x = 0.0, y = 0.0;
    view.to_world(m_x0, m_y0, x, y);
    box.expand(x, y);
    view.to_world(px, py, x, y);
    box.expand(x, y);
    return box;
}

void BoxSelect::draw(ImDrawList* list, float px, float py) const {
    if (!m_dragging) return;
    const ImVec2 a(std::min(m_x0, px), std::min(m_y0, py)),
        b(std::max(m_x0, px), std::max(m_y0, py));
    list->AddRectFilled(a, b, IM_COL32(0x00, 0xd5, 0xff, 40));
    list->AddRect(a, b, IM_COL32(0x00, 0x7a, 0x99, 255), 0.0f, 0, 1.5f);
}

} // namespace renoplan::gui
