// The map canvas: every layer of a Dataset drawn with OpenGL 3.3 core. Geometry is prepared once
// on the CPU (geo/render/tessellate: triangles, strips, point quads relative to a local origin)
// and uploaded once per layer; colours live in their own buffer so a style change re-uploads
// colours only. Draw order by layer kind (geo/render/style).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "geo/model/layer.hpp"
#include "geo/render/style.hpp"
#include "geo/render/tessellate.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class MapCanvas {
public:
    struct LayerDraw {
        const Layer* layer = nullptr;
        render::LayerKind kind = render::LayerKind::Other;
        render::LayerStyle style;
        bool visible = true;
        float opacity = 1.0f;
        size_t failed_triangulations = 0;
        Box bounds; // the layer's extent (working CRS): skipped when off screen
        // Polygons: the median of the features' box sides (world units); their outlines are
        // not drawn when that is under kMinOutlinedPixels on screen (the fills still are).
        double typical_size = 0.0;

        // The features in spatial runs with their boxes: the meshes are built in this order and
        // a view draws only the runs it meets.
        render::FeatureChunks chunks;
        // CPU meshes (kept for colour updates: the feature row of every vertex)
        render::FillMesh fill;
        // Outlines/lines by level of detail (render::line_levels: [0] exact, then simplified),
        // or point quads (one level).
        std::vector<render::StripLevel> strips;
        // A level's segments in buffer textures (strip.vert pulls them by gl_VertexID), in
        // pieces of at most the driver's GL_MAX_TEXTURE_BUFFER_SIZE segments.
        struct StripPiece {
            unsigned ends_buffer = 0, ends_texture = 0, color_buffer = 0, color_texture = 0;
            size_t first = 0, count = 0; // segments of the mesh
        };
        // GL objects (0 until init_gl)
        unsigned fill_vao = 0, fill_pos_vbo = 0, fill_color_vbo = 0;
        std::vector<std::vector<StripPiece>> strip_pieces; // per level
    };

    static constexpr double kMinOutlinedPixels = 2.0;
    // Lines are drawn from the coarsest level simplified by at most this many pixels.
    static constexpr double kMaxSimplifyPixels = 0.5;
    // Strokes this thin or thinner (framebuffer pixels) are drawn as 1-pixel GL_LINES: two
    // vertices a segment instead of a six-vertex strip.
    static constexpr float kHairlinePixels = 1.0f;

    // Prepares the meshes of every layer (CPU only; no GL context needed).
    explicit MapCanvas(const Dataset& dataset);
    // The same for layers of several datasets (the input and a plan's results); they must
    // outlive the canvas.
    explicit MapCanvas(const std::vector<const Layer*>& layers);
    ~MapCanvas();
    MapCanvas(const MapCanvas&) = delete;
    MapCanvas& operator=(const MapCanvas&) = delete;

    // Compiles the shaders and uploads the buffers; needs a current OpenGL 3.3 context. On
    // failure returns false with `error` set.
    bool init_gl(std::string& error);
    // Releases the GL objects (call while the context is still current).
    void release_gl();

    // Draws the visible layers into the current framebuffer, whose size in pixels is
    // framebuffer_w x framebuffer_h (the view may be in logical pixels on HiDPI screens).
    void render(const render::MapView& view, int framebuffer_w, int framebuffer_h) const;

    // Where a drawing in parts stands: the draw (a layer's fill or strips, bottom to top) and
    // the vertices of it already drawn.
    struct RenderCursor {
        size_t job = 0;
        size_t offset = 0;
        bool done = false;
    };
    // The same drawing in parts: from `cursor` on, in chunks of about kChunkVertices vertices;
    // after each chunk `out_of_time` (when given) is asked, and on true the drawing stops there.
    // Returns true (and sets cursor.done) when everything is drawn. The same view and layer
    // states give the same sequence of draws, so a drawing can be resumed in the next frame.
    bool render_part(const render::MapView& view, int framebuffer_w, int framebuffer_h,
                     RenderCursor& cursor, const std::function<bool()>& out_of_time) const;
    static constexpr size_t kChunkVertices = 6 * 16384;

    // The layers (their indices are stable: panels and labels refer to layers by index).
    std::vector<LayerDraw>& layers() { return m_layers; }
    const std::vector<LayerDraw>& layers() const { return m_layers; }
    // Draw order, bottom to top: indices into layers(); by kind at first (render::draw_rank).
    const std::vector<size_t>& order() const { return m_order; }
    // Moves layer `index` one place towards the top (delta > 0) or the bottom (delta < 0);
    // false when it is already there.
    bool move_layer(size_t index, int delta);
    // Re-uploads the colours of layer `index` from its style (after a style change).
    void update_colors(size_t index);

    // A digest of what the drawing depends on besides the view: the layers, their order,
    // visibility, opacity and style, and every colour upload (update_colors). Equal keys draw
    // the same image.
    uint64_t state_key() const;

    // Extent of all layers in the working CRS.
    const Box& extent() const { return m_extent; }

private:
    void upload_colors(LayerDraw& draw);

    std::vector<LayerDraw> m_layers;
    std::vector<size_t> m_order; // draw order, bottom to top
    Box m_extent;
    render::Origin m_origin;
    unsigned m_fill_program = 0;
    unsigned m_strip_program = 0;
    unsigned m_empty_vao = 0; // strips have no vertex attributes, but core GL needs a VAO
    size_t m_max_texels = 0;  // GL_MAX_TEXTURE_BUFFER_SIZE
    uint64_t m_color_uploads = 0;
};

} // namespace renoplan::gui
