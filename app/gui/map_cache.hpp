// Map images kept between frames, drawn in parts: what keeps the viewer smooth on a whole city.
//
// The map of a view is drawn into an offscreen image of the view grown by a margin on every side
// (render::grown_view). While the view stays at that scale and inside that image - panning - a
// frame only places the image on the screen, shifted. When the view leaves it or its scale
// changes - zooming, or panning past the margin - a new image is drawn for the current view, in
// parts of at most a time budget per frame (MapCanvas::render_part), and until it is complete
// the old image is shown shifted and scaled to the current view (the way QGIS previews while it
// renders). A change of the layers (visibility, order, opacity, style: MapCanvas::state_key)
// starts a new image too, the old one shown until it is complete. So no frame costs more than the
// budget plus the placing, whatever the data, and a view the user stops at is complete after total
// drawing time / budget frames.
#pragma once

#include <cstdint>

#include "app/gui/map_canvas.hpp"
#include "geo/render/style.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

// The whole map of `view` drawn now into framebuffer `target`, background included (what
// screenshots and exports use, and the cache when it cannot keep images).
void draw_map_at_once(const MapCanvas& canvas, const render::MapView& view, int framebuffer_w,
                      int framebuffer_h, unsigned target, render::Rgba background);

class MapCache {
public:
    struct Options {
        double margin = 0.25;  // the image's margin on each side, a fraction of the view's size
        double budget_ms = 22; // drawing time per frame for a new image
    };

    MapCache() = default;
    explicit MapCache(const Options& options) : m_options(options) {}
    ~MapCache() = default;
    MapCache(const MapCache&) = delete;
    MapCache& operator=(const MapCache&) = delete;

    // Draws the map of `view` into framebuffer `target` (framebuffer_w x framebuffer_h pixels,
    // the view possibly in logical pixels), background included. Returns true when what it
    // shows is the complete map of `view`, false while a new image is still being drawn. Needs
    // a current OpenGL 3.3 context; on a GL failure it draws the map directly.
    bool draw(const MapCanvas& canvas, const render::MapView& view, int framebuffer_w,
              int framebuffer_h, unsigned target, render::Rgba background);
    // Whether the last draw() showed the complete map.
    bool complete() const { return m_complete; }
    // Forget the images (the canvas was replaced).
    void invalidate();
    // Releases the GL objects (call while the context is still current).
    void release_gl();

private:
    struct Image {
        unsigned fbo = 0, texture = 0;
        int width = 0, height = 0; // framebuffer pixels
        render::MapView view;      // what it shows (grown view)
        bool valid = false;        // complete
    };
    bool ensure_gl();
    bool ensure_image(Image& image, int width, int height);
    void start(const render::MapView& view, int framebuffer_w, int framebuffer_h,
               render::Rgba background);
    void place(const Image& image, const render::MapView& view, int framebuffer_w,
               int framebuffer_h);

    Options m_options;
    Image m_front, m_back; // the complete image shown; the one being drawn
    bool m_drawing = false;
    bool m_stale = false; // the front image shows the layers as they were (a new one is drawn)
    MapCanvas::RenderCursor m_cursor;
    uint64_t m_key = 0; // the canvas's state the images were drawn with
    const MapCanvas* m_canvas = nullptr;
    bool m_complete = false;
    bool m_gl_failed = false;
    unsigned m_program = 0, m_vao = 0, m_vbo = 0;
};

} // namespace renoplan::gui
