#include "app/gui/map_canvas.hpp"

#include <GL/glcorearb.h>

#include <algorithm>
#include <array>

#include "app/gui/shaders.hpp"

namespace renoplan::gui {

namespace {

GLuint compile(GLenum type, const char* source, const char* name, std::string& error) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        std::array<char, 2048> log{};
        glGetShaderInfoLog(shader, GLsizei(log.size()), nullptr, log.data());
        error = std::string("shader ") + name + " does not compile: " + log.data();
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

GLuint link(const char* vertex, const char* vertex_name, const char* fragment,
            const char* fragment_name, std::string& error) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertex, vertex_name, error);
    if (!vs) return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragment, fragment_name, error);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        std::array<char, 2048> log{};
        glGetProgramInfoLog(program, GLsizei(log.size()), nullptr, log.data());
        error = std::string("shaders ") + vertex_name + " + " + fragment_name +
                " do not link: " + log.data();
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

// One RGBA8 colour per vertex from one colour per feature.
std::vector<render::Rgba> per_vertex(const std::vector<uint32_t>& vertex_feature,
                                     const std::vector<render::Rgba>& feature_colors,
                                     render::Rgba fallback) {
    std::vector<render::Rgba> out(vertex_feature.size(), fallback);
    for (size_t v = 0; v < out.size(); ++v)
        if (vertex_feature[v] < feature_colors.size()) out[v] = feature_colors[vertex_feature[v]];
    return out;
}

void upload(GLuint vbo, const void* data, size_t bytes) {
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(bytes), data, GL_STATIC_DRAW);
}

void color_attribute(GLuint vbo) {
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(render::Rgba), nullptr);
}

void set_view_uniforms(GLuint program, const render::MapView& view, render::Origin origin) {
    // NDC = (world - centre) * 2 / (units_per_pixel * size), with world = origin + a_pos; the
    // origin's part is computed in double here so the floats only carry local offsets.
    const double sx = 2.0 / (view.units_per_pixel * view.width);
    const double sy = 2.0 / (view.units_per_pixel * view.height);
    glUniform2f(glGetUniformLocation(program, "u_scale"), float(sx), float(sy));
    glUniform2f(glGetUniformLocation(program, "u_offset"), float((origin.x - view.center_x) * sx),
                float((origin.y - view.center_y) * sy));
}

} // namespace

namespace {

std::vector<const Layer*> layer_pointers(const Dataset& dataset) {
    std::vector<const Layer*> out;
    for (const Layer& layer : dataset.layers)
        out.push_back(&layer);
    return out;
}

// The median of max(width, height) over the non-empty boxes (0 when none).
double median_box_side(const std::vector<Box>& boxes) {
    std::vector<double> sides;
    sides.reserve(boxes.size());
    for (const Box& b : boxes)
        if (!b.empty()) sides.push_back(std::max(b.width(), b.height()));
    if (sides.empty()) return 0.0;
    const auto mid = sides.begin() + std::ptrdiff_t(sides.size() / 2);
    std::nth_element(sides.begin(), mid, sides.end());
    return *mid;
}

} // namespace

MapCanvas::MapCanvas(const Dataset& dataset) : MapCanvas(layer_pointers(dataset)) {}

MapCanvas::MapCanvas(const std::vector<const Layer*>& layers) {
    for (const Layer* layer : layers)
        m_extent.expand(layer->extent());
    if (!m_extent.empty()) m_origin = {m_extent.center_x(), m_extent.center_y()};
    for (const Layer* layer_ptr : layers) {
        const Layer& layer = *layer_ptr;
        LayerDraw draw;
        draw.layer = &layer;
        draw.bounds = layer.extent();
        draw.kind = render::layer_kind(layer);
        draw.style = render::default_style(draw.kind);
        switch (layer.geometry.geom_class()) {
        case GeomClass::Polygon:
            draw.fill = render::triangulate_polygons(layer.geometry, m_origin);
            draw.failed_triangulations = draw.fill.failed_features;
            draw.strip = render::line_strips(layer.geometry, m_origin);
            draw.typical_size = median_box_side(layer.geometry.boxes());
            break;
        case GeomClass::Line:
            draw.strip = render::line_strips(layer.geometry, m_origin);
            break;
        case GeomClass::Point:
            draw.strip = render::point_quads(layer.geometry, m_origin);
            break;
        }
        m_layers.push_back(std::move(draw));
    }
    std::stable_sort(m_layers.begin(), m_layers.end(), [](const LayerDraw& a, const LayerDraw& b) {
        return render::draw_rank(a.kind) < render::draw_rank(b.kind);
    });
}

MapCanvas::~MapCanvas() = default;

bool MapCanvas::init_gl(std::string& error) {
    m_fill_program =
        link(shaders::fill_vert, "fill.vert", shaders::color_frag, "color.frag", error);
    if (!m_fill_program) return false;
    m_strip_program =
        link(shaders::strip_vert, "strip.vert", shaders::color_frag, "color.frag", error);
    if (!m_strip_program) return false;

    for (LayerDraw& draw : m_layers) {
        if (draw.fill.vertex_count() > 0) {
            glGenVertexArrays(1, &draw.fill_vao);
            glGenBuffers(1, &draw.fill_pos_vbo);
            glGenBuffers(1, &draw.fill_color_vbo);
            glBindVertexArray(draw.fill_vao);
            upload(draw.fill_pos_vbo, draw.fill.xy.data(), draw.fill.xy.size() * sizeof(float));
            glEnableVertexAttribArray(0);
            glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
            color_attribute(draw.fill_color_vbo);
        }
        if (draw.strip.vertex_count() > 0) {
            glGenVertexArrays(1, &draw.strip_vao);
            glGenBuffers(1, &draw.strip_data_vbo);
            glGenBuffers(1, &draw.strip_color_vbo);
            glBindVertexArray(draw.strip_vao);
            upload(draw.strip_data_vbo, draw.strip.data.data(),
                   draw.strip.data.size() * sizeof(float));
            const auto stride = GLsizei(render::StripMesh::kFloatsPerVertex * sizeof(float));
            glEnableVertexAttribArray(0);
            glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
            glEnableVertexAttribArray(2);
            glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride,
                                  reinterpret_cast<const void*>(2 * sizeof(float)));
            glEnableVertexAttribArray(3);
            glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, stride,
                                  reinterpret_cast<const void*>(4 * sizeof(float)));
            color_attribute(draw.strip_color_vbo);
        }
        upload_colors(draw);
    }
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return true;
}

void MapCanvas::upload_colors(LayerDraw& draw) {
    if (draw.fill_color_vbo) {
        const auto colors = per_vertex(
            draw.fill.feature, render::feature_fill_colors(*draw.layer, draw.kind, draw.style),
            draw.style.fill_color);
        upload(draw.fill_color_vbo, colors.data(), colors.size() * sizeof(render::Rgba));
    }
    if (draw.strip_color_vbo) {
        const auto colors =
            per_vertex(draw.strip.feature, render::feature_stroke_colors(*draw.layer, draw.style),
                       draw.style.stroke_color);
        upload(draw.strip_color_vbo, colors.data(), colors.size() * sizeof(render::Rgba));
    }
}

void MapCanvas::update_colors(size_t index) {
    if (index >= m_layers.size()) return;
    upload_colors(m_layers[index]);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void MapCanvas::release_gl() {
    for (LayerDraw& draw : m_layers) {
        const GLuint buffers[] = {draw.fill_pos_vbo, draw.fill_color_vbo, draw.strip_data_vbo,
                                  draw.strip_color_vbo};
        glDeleteBuffers(4, buffers);
        const GLuint arrays[] = {draw.fill_vao, draw.strip_vao};
        glDeleteVertexArrays(2, arrays);
        draw.fill_pos_vbo = draw.fill_color_vbo = draw.strip_data_vbo = draw.strip_color_vbo = 0;
        draw.fill_vao = draw.strip_vao = 0;
    }
    if (m_fill_program) glDeleteProgram(m_fill_program);
    if (m_strip_program) glDeleteProgram(m_strip_program);
    m_fill_program = m_strip_program = 0;
}

void MapCanvas::render(const render::MapView& view, int framebuffer_w, int framebuffer_h) const {
    if (!m_fill_program || !m_strip_program) return;
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    // Line widths are in framebuffer pixels: on a HiDPI screen the view is in logical pixels.
    const float pixel_ratio = float(framebuffer_w) / float(std::max(view.width, 1));

    glUseProgram(m_fill_program);
    set_view_uniforms(m_fill_program, view, m_origin);
    const GLint fill_opacity = glGetUniformLocation(m_fill_program, "u_opacity");
    glUseProgram(m_strip_program);
    set_view_uniforms(m_strip_program, view, m_origin);
    glUniform2f(glGetUniformLocation(m_strip_program, "u_viewport"), float(framebuffer_w),
                float(framebuffer_h));
    const GLint strip_opacity = glGetUniformLocation(m_strip_program, "u_opacity");
    const GLint half_width = glGetUniformLocation(m_strip_program, "u_half_width");

    const Box visible = view.visible();
    for (const LayerDraw& draw : m_layers) {
        if (!draw.visible) continue;
        // Off screen: the layer's box, grown by its widest stroke or point, misses the view.
        const float reach_px = std::max(draw.style.point_size_px, draw.style.stroke_width_px);
        if (!draw.bounds.buffered(double(reach_px) * view.units_per_pixel).intersects(visible))
            continue;
        if (draw.fill_vao && draw.style.fill) {
            glUseProgram(m_fill_program);
            glUniform1f(fill_opacity, draw.opacity);
            glBindVertexArray(draw.fill_vao);
            glDrawArrays(GL_TRIANGLES, 0, GLsizei(draw.fill.vertex_count()));
        }
        const bool points = draw.layer->geometry.geom_class() == GeomClass::Point;
        const float width = points ? draw.style.point_size_px : draw.style.stroke_width_px;
        // Sub-pixel polygons: the outlines would only thicken the fills, at most of the cost.
        const bool tiny = draw.layer->geometry.geom_class() == GeomClass::Polygon &&
                          draw.typical_size < kMinOutlinedPixels * view.units_per_pixel;
        if (draw.strip_vao && width > 0.0f && !tiny) {
            glUseProgram(m_strip_program);
            glUniform1f(strip_opacity, draw.opacity);
            glUniform1f(half_width, std::max(0.5f * width * pixel_ratio, 0.5f));
            glBindVertexArray(draw.strip_vao);
            glDrawArrays(GL_TRIANGLES, 0, GLsizei(draw.strip.vertex_count()));
        }
    }
    glBindVertexArray(0);
    glUseProgram(0);
}

} // namespace renoplan::gui
