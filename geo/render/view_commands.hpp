// The map viewer's keyboard commands on a MapView (Home/0, +/-, the arrow keys, Z), GL-free so
// the view arithmetic is tested without a window.
#pragma once

#include "geo/model/box.hpp"
#include "geo/render/view.hpp"

namespace renoplan::render {

enum class ViewCommand {
    ZoomAll, // fit every layer (5 % margin, as the Layers panel's Zoom to all)
    ZoomIn,  // 2x at the centre
    ZoomOut, // 0.5x at the centre
    PanLeft, // show what lies left: a quarter of the view's width
    PanRight,
    PanUp, // a quarter of the view's height
    PanDown,
    ZoomSelection, // fit the selection's box (10 % margin, as the toolbar's Zoom to selection)
};

inline constexpr double kKeyZoomFactor = 2.0;

// Applies `command`; `all` is the extent of every layer, `selection` the selection's box (empty
// when nothing is selected). Returns false (the view unchanged) when there is nothing to fit.
inline bool apply_view_command(MapView& view, ViewCommand command, const Box& all,
                               const Box& selection) {
    const double quarter_w = 0.25 * view.width, quarter_h = 0.25 * view.height;
    switch (command) {
    case ViewCommand::ZoomAll:
        if (all.empty()) return false;
        view.fit(all, view.width, view.height);
        return true;
    case ViewCommand::ZoomIn:
        view.zoom_at(0.5 * view.width, 0.5 * view.height, kKeyZoomFactor);
        return true;
    case ViewCommand::ZoomOut:
        view.zoom_at(0.5 * view.width, 0.5 * view.height, 1.0 / kKeyZoomFactor);
        return true;
    case ViewCommand::PanLeft: // the map moves right under the window
        view.pan_pixels(quarter_w, 0.0);
        return true;
    case ViewCommand::PanRight:
        view.pan_pixels(-quarter_w, 0.0);
        return true;
    case ViewCommand::PanUp:
        view.pan_pixels(0.0, quarter_h);
        return true;
    case ViewCommand::PanDown:
        view.pan_pixels(0.0, -quarter_h);
        return true;
    case ViewCommand::ZoomSelection:
        if (selection.empty()) return false;
        view.fit(selection, view.width, view.height, 0.1);
        return true;
    }
    return false;
}

} // namespace renoplan::render
