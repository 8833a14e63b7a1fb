// The status line at the bottom of the window: the working CRS, the cursor's position in it and
// as CGCS2000 longitude/latitude (EPSG:4490, through PROJ), the metres per pixel and the map
// scale 1:N, and "Drawing…" while the map image of the view is still being drawn in parts.
#pragma once

#include <string>

#include "app/gui/panels/common.hpp"
#include "geo/render/map_readout.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

struct StatusLineInput {
    std::string crs;       // the working CRS ("" = none)
    bool cursor = false;   // the cursor is over the map
    double cursor_x = 0.0; // its working-CRS position
    double cursor_y = 0.0;
    const render::GeographicReadout* readout = nullptr; // nullptr: no lon/lat
    double units_per_pixel = 1.0;
    double mm_per_pixel = render::kDefaultMmPerPixel;
    bool drawing = false; // the map of the view is not complete yet
};

// The texts shown (also for the view record), and the line's height.
struct StatusLineTexts {
    std::string crs, cursor, lonlat, pixel, scale;
    bool drawing = false;
    float height = 0.0f;
};

StatusLineTexts draw_status_line(const PanelContext& ctx, const StatusLineInput& in);

// The size of a pixel of the primary monitor (GLFW: physical width over the video mode's
// width), or 96 dpi where the monitor does not say.
double primary_monitor_mm_per_pixel();

} // namespace renoplan::gui
