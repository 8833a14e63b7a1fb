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

// Map images kept between frames (the viewer's cache): an image is drawn for the view grown by
// `margin` (a fraction of its size) on every side, at the same centre and scale, so that panning
// within the margin only shifts the image on screen.
// The margin is a whole number of pixels, so the view's pixels fall on the image's.
inline MapView grown_view(const MapView& view, double margin) {
    MapView g = view;
    g.width = view.width + 2 * std::max(0, int(std::ceil(view.width * margin)));
    g.height = view.height + 2 * std::max(0, int(std::ceil(view.height * margin)));
    return g;
}

// Whether an image drawn for `image` shows all of `view` at its scale (pixel for pixel).
inline bool image_shows(const MapView& image, const MapView& view) {
    if (image.units_per_pixel != view.units_per_pixel) return false;
    const Box a = image.visible(), b = view.visible();
    return a.min_x <= b.min_x && a.min_y <= b.min_y && a.max_x >= b.max_x && a.max_y >= b.max_y;
}

// Where an image drawn for `image` lands on the screen of `view`: its left, top, right and bottom
// edges in the view's pixels (scaled when the two scales differ).
struct ImageRect {
    double left = 0.0, top = 0.0, right = 0.0, bottom = 0.0;
};
inline ImageRect image_on_screen(const MapView& image, const MapView& view) {
    const Box world = image.visible();
    ImageRect r;
    view.to_screen(world.min_x, world.max_y, r.left, r.top);
    view.to_screen(world.max_x, world.min_y, r.right, r.bottom);
    return r;
}

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
