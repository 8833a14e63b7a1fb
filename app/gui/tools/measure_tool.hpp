// The measure tool (toolbar button or key M): clicks on the map add points; the running length
// and, from three points on, the enclosed area (m² and 亩) are shown in a small window and the
// path is drawn over the map. Double-click or Enter finishes (the figures stay until the next
// click starts a new measurement), Esc cancels. The arithmetic is geo/render/measure.
#pragma once

#include <vector>

#include "app/gui/panels/common.hpp"
#include "geo/render/measure.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class MeasureTool {
public:
    // The path's colour on the map (no style uses it).
    static constexpr render::Rgba kColor{0xff, 0x3d, 0x00, 255};

    bool active() const { return m_active; }
    // Switches the tool on (an empty measurement) or off (the measurement is dropped).
    void toggle();
    // Shows a finished measurement through these points (interleaved x, y; `open --measure`).
    void show(std::vector<double> xy);
    // A click on the map at world (x, y); `double_click` finishes instead of adding a point.
    void click(double x, double y, bool double_click);
    // Enter finishes, Esc cancels (call once per frame while active).
    void handle_keys();

    const std::vector<double>& points() const { return m_xy; }
    render::Measurement result() const { return render::measure(m_xy); }

    // The path over the map (closed back to the first point, dashed, from three points on), the
    // cursor's next segment while measuring.
    void draw_overlay(ImDrawList* list, const render::MapView& view, bool hover, double hover_x,
                      double hover_y) const;
    // The figures window.
    void draw_panel(const PanelContext& ctx);

private:
    bool m_active = false;
    bool m_finished = false;
    std::vector<double> m_xy;
};

} // namespace renoplan::gui
