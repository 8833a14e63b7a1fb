// The map view: which part of the working CRS a canvas of width x height pixels shows. Pure
// arithmetic (no OpenGL), shared by the canvas, the screenshot's view record and the tests.
#pragma once

#include <algorithm>
#include <cmath>

#include "geo/model/box.hpp"

namespace renoplan::render {

struct MapView {
    double center_x = 0.0;
    double center_y = 0.0;
    double units_per_pixel = 1.0; // working-CRS units (metres) per screen pixel
    int width = 1;                // pixels
    int height = 1;

    // Shows all of `extent` centred, with `margin` (a fraction of the extent) around it.
    void fit(const Box& extent, int w, int h, double margin = 0.05) {
        width = std::max(w, 1);
        height = std::max(h, 1);
        if (extent.empty()) {
            center_x = center_y = 0.0;
            units_per_pixel = 1.0;
            return;
        }
        center_x = extent.center_x();
        center_y = extent.center_y();
        const double ew = std::max(extent.width(), 1e-6) * (1.0 + 2.0 * margin);
        const double eh = std::max(extent.height(), 1e-6) * (1.0 + 2.0 * margin);
        units_per_pixel = std::max(ew / width, eh / height);
    }
    // Keeps the centre and scale when the canvas is resized.
    void resize(int w, int h) {
        width = std::max(w, 1);
        height = std::max(h, 1);
    }
    // The world rectangle covered by the canvas (its edges are the pixel edges).
    Box visible() const {
        const double hw = 0.5 * width * units_per_pixel, hh = 0.5 * height * units_per_pixel;
        return Box{center_x - hw, center_y - hh, center_x + hw, center_y + hh};
    }
    // Screen position (pixels from the left and from the top edge) of a world point.
    void to_screen(double x, double y, double& px, double& py) const {
        px = 0.5 * width + (x - center_x) / units_per_pixel;
        py = 0.5 * height - (y - center_y) / units_per_pixel;
    }
    void to_world(double px, double py, double& x, double& y) const {
        x = center_x + (px - 0.5 * width) * units_per_pixel;
        y = center_y - (py - 0.5 * height) * units_per_pixel;
    }
    // Zooms by `factor` (> 1 zooms in) keeping the world point under (px, py) in place.
    void zoom_at(double px, double py, double factor) {
        if (!(factor > 0.0)) return;
        double x = 0.0, y = 0.0;
        to_world(px, py, x, y);
        units_per_pixel = std::clamp(units_per_pixel / factor, 1e-4, 1e6);
        center_x = x - (px - 0.5 * width) * units_per_pixel;
        center_y = y + (py - 0.5 * height) * units_per_pixel;
    }
    // Moves the map with the mouse by (dx, dy) pixels.
    void pan_pixels(double dx, double dy) {
        center_x -= dx * units_per_pixel;
        center_y += dy * units_per_pixel;
    }
};

// The length of a scale bar: the largest 1, 2 or 5 x 10^n world units that is at most
// `max_pixels` long on screen (0 for a degenerate scale).
inline double scale_bar_length(double units_per_pixel, double max_pixels) {
    const double limit = units_per_pixel * max_pixels;
    if (!(limit > 0.0) || !std::isfinite(limit)) return 0.0;
    const double decade = std::pow(10.0, std::floor(std::log10(limit)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * decade <= limit * (1.0 + 1e-9)) return step * decade;
    return decade;
}

} // namespace renoplan::render
