#include "app/gui/map_canvas.hpp"

#include <GL/glcorearb.h>

#include <algorithm>
#include <array>
#include <bit>
#include <functional>

#include "app/gui/gl_program.hpp"
#include "app/gui/shaders.hpp"
#include "geo/core/parallel.hpp"

namespace renoplan::gui {

namespace {

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

// A buffer texture over `bytes` of `data` in `format` (GL_RGBA32F, GL_RGBA8).
void buffer_texture(unsigned& buffer, unsigned& texture, const void* data, size_t bytes,
                    GLenum format) {
    if (!buffer) glGenBuffers(1, &buffer);
    if (!texture) glGenTextures(1, &texture);
    glBindBuffer(GL_TEXTURE_BUFFER, buffer);
    glBufferData(GL_TEXTURE_BUFFER, GLsizeiptr(bytes), data, GL_STATIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, texture);
    glTexBuffer(GL_TEXTURE_BUFFER, format, buffer);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
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
    m_layers.resize(layers.size());
    // The meshes, built in parallel: per layer its fills and its strips (levels of detail) as two
    // tasks, the largest layers first.
    struct Task {
        size_t layer;
        bool fill;
    };
    std::vector<Task> tasks;
    for (size_t k = 0; k < layers.size(); ++k) {
        LayerDraw& draw = m_layers[k];
        draw.layer = layers[k];
        draw.bounds = draw.layer->extent();
        draw.kind = render::layer_kind(*draw.layer);
        draw.style = render::default_style(draw.kind);
        if (draw.layer->geometry.geom_class() == GeomClass::Polygon) tasks.push_back({k, true});
        tasks.push_back({k, false});
    }
    // The spatial runs first (both tasks of a layer build their meshes in that order).
    parallel_chunks(m_layers.size(), 1, default_jobs(), nullptr, [&](size_t, size_t b, size_t e) {
        for (size_t k = b; k < e; ++k)
            m_layers[k].chunks = render::feature_chunks(m_layers[k].layer->geometry);
    });
    std::stable_sort(tasks.begin(), tasks.end(), [&](const Task& a, const Task& b) {
        return layers[a.layer]->geometry.coord_count() > layers[b.layer]->geometry.coord_count();
    });
    parallel_chunks(tasks.size(), 1, default_jobs(), nullptr, [&](size_t, size_t b, size_t e) {
        for (size_t t = b; t < e; ++t) {
            LayerDraw& draw = m_layers[tasks[t].layer];
            const GeometryColumn& geometry = draw.layer->geometry;
            if (tasks[t].fill) {
                draw.fill = render::triangulate_polygons(geometry, m_origin, &draw.chunks);
                draw.failed_triangulations = draw.fill.failed_features;
                draw.typical_size = median_box_side(geometry.boxes());
            } else if (geometry.geom_class() == GeomClass::Point) {
                draw.strips.push_back({0.0, render::point_quads(geometry, m_origin, &draw.chunks)});
            } else {
                draw.strips = render::line_levels(geometry, m_origin, {}, &draw.chunks);
            }
        }
    });
    std::stable_sort(m_layers.begin(), m_layers.end(), [](const LayerDraw& a, const LayerDraw& b) {
        return render::draw_rank(a.kind) < render::draw_rank(b.kind);
    });
    m_order.resize(m_layers.size());
    for (size_t k = 0; k < m_order.size(); ++k)
        m_order[k] = k;
}

bool MapCanvas::move_layer(size_t index, int delta) {
    const auto it = std::find(m_order.begin(), m_order.end(), index);
    if (it == m_order.end() || delta == 0) return false;
    const size_t at = size_t(it - m_order.begin());
    if (delta > 0 ? at + 1 >= m_order.size() : at == 0) return false;
    std::swap(m_order[at], m_order[delta > 0 ? at + 1 : at - 1]);
    return true;
}

MapCanvas::~MapCanvas() = default;

bool MapCanvas::init_gl(std::string& error) {
    m_fill_program =
        link_program(shaders::fill_vert, "fill.vert", shaders::color_frag, "color.frag", error);
    if (!m_fill_program) return false;
    m_strip_program =
        link_program(shaders::strip_vert, "strip.vert", shaders::color_frag, "color.frag", error);
    if (!m_strip_program) return false;
    glUseProgram(m_strip_program);
    glUniform1i(glGetUniformLocation(m_strip_program, "u_ends"), 0);
    glUniform1i(glGetUniformLocation(m_strip_program, "u_colors"), 1);
    glUseProgram(0);
    GLint max_texels = 0;
    glGetIntegerv(GL_MAX_TEXTURE_BUFFER_SIZE, &max_texels);
    m_max_texels = size_t(std::max(max_texels, 65536)); // GL 3.3 guarantees 65,536
    glGenVertexArrays(1, &m_empty_vao);

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
        draw.strip_pieces.assign(draw.strips.size(), {});
        for (size_t level = 0; level < draw.strips.size(); ++level) {
            const render::StripMesh& mesh = draw.strips[level].mesh;
            for (size_t first = 0; first < mesh.segment_count(); first += m_max_texels) {
                LayerDraw::StripPiece piece;
                piece.first = first;
                piece.count = std::min(m_max_texels, mesh.segment_count() - first);
                const size_t floats = render::StripMesh::kFloatsPerSegment;
                buffer_texture(piece.ends_buffer, piece.ends_texture,
                               mesh.ends.data() + first * floats,
                               piece.count * floats * sizeof(float), GL_RGBA32F);
                draw.strip_pieces[level].push_back(piece);
            }
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
    if (!draw.strip_pieces.empty()) {
        const auto feature_colors = render::feature_stroke_colors(*draw.layer, draw.style);
        for (size_t level = 0; level < draw.strip_pieces.size(); ++level) {
            if (draw.strip_pieces[level].empty()) continue;
            const auto colors = per_vertex(draw.strips[level].mesh.feature, feature_colors,
                                           draw.style.stroke_color);
            for (LayerDraw::StripPiece& piece : draw.strip_pieces[level])
                buffer_texture(piece.color_buffer, piece.color_texture, colors.data() + piece.first,
                               piece.count * sizeof(render::Rgba), GL_RGBA8);
        }
    }
}

uint64_t MapCanvas::state_key() const {
    uint64_t h = 1469598103934665603ull; // FNV-1a over the fields
    const auto mix = [&](uint64_t v) {
        for (int k = 0; k < 8; ++k) {
            h ^= (v >> (8 * k)) & 0xffu;
            h *= 1099511628211ull;
        }
    };
    const auto rgba = [](render::Rgba c) {
        return uint64_t(c.r) | uint64_t(c.g) << 8 | uint64_t(c.b) << 16 | uint64_t(c.a) << 24;
    };
    mix(m_color_uploads);
    for (const size_t index : m_order) {
        const LayerDraw& draw = m_layers[index];
        mix(reinterpret_cast<uintptr_t>(draw.layer));
        mix(uint64_t(draw.visible) | uint64_t(draw.style.fill) << 1);
        mix(std::bit_cast<uint32_t>(draw.opacity));
        mix(rgba(draw.style.fill_color) | rgba(draw.style.stroke_color) << 32);
        mix(uint64_t(std::bit_cast<uint32_t>(draw.style.stroke_width_px)) |
            uint64_t(std::bit_cast<uint32_t>(draw.style.point_size_px)) << 32);
    }
    return h;
}

void MapCanvas::update_colors(size_t index) {
    if (index >= m_layers.size()) return;
    ++m_color_uploads;
    upload_colors(m_layers[index]);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void MapCanvas::release_gl() {
    for (LayerDraw& draw : m_layers) {
        const GLuint buffers[] = {draw.fill_pos_vbo, draw.fill_color_vbo};
        glDeleteBuffers(2, buffers);
        glDeleteVertexArrays(1, &draw.fill_vao);
        draw.fill_pos_vbo = draw.fill_color_vbo = 0;
        draw.fill_vao = 0;
        for (const auto& pieces : draw.strip_pieces)
            for (const LayerDraw::StripPiece& piece : pieces) {
                const GLuint piece_buffers[] = {piece.ends_buffer, piece.color_buffer};
                glDeleteBuffers(2, piece_buffers);
                const GLuint textures[] = {piece.ends_texture, piece.color_texture};
                glDeleteTextures(2, textures);
            }
        draw.strip_pieces.clear();
    }
    if (m_empty_vao) glDeleteVertexArrays(1, &m_empty_vao);
    m_empty_vao = 0;
    if (m_fill_program) glDeleteProgram(m_fill_program);
    if (m_strip_program) glDeleteProgram(m_strip_program);
    m_fill_program = m_strip_program = 0;
}

void MapCanvas::render(const render::MapView& view, int framebuffer_w, int framebuffer_h) const {
    RenderCursor all;
    render_part(view, framebuffer_w, framebuffer_h, all, {});
}

bool MapCanvas::render_part(const render::MapView& view, int framebuffer_w, int framebuffer_h,
                            RenderCursor& cursor, const std::function<bool()>& out_of_time) const {
    if (!m_fill_program || !m_strip_program) return cursor.done = true;
    if (cursor.done) return true;
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

    // The draws of this view, bottom to top: a layer's fill, then its strips.
    struct Job {
        const LayerDraw* draw;
        bool fill;
        size_t level;
        bool hairline;
        float half_width;
        double reach; // world units a feature's drawing reaches beyond its box (strokes, points)
    };
    std::vector<Job> jobs;
    const Box visible = view.visible();
    for (const size_t index : m_order) {
        const LayerDraw& draw = m_layers[index];
        if (!draw.visible) continue;
        // Off screen: the layer's box, grown by its widest stroke or point, misses the view.
        const float reach_px = std::max(draw.style.point_size_px, draw.style.stroke_width_px);
        if (!draw.bounds.buffered(double(reach_px) * view.units_per_pixel).intersects(visible))
            continue;
        if (draw.fill_vao && draw.style.fill) jobs.push_back({&draw, true, 0, false, 0.0f, 0.0});
        const bool points = draw.layer->geometry.geom_class() == GeomClass::Point;
        const float width = points ? draw.style.point_size_px : draw.style.stroke_width_px;
        // Sub-pixel polygons: the outlines would only thicken the fills, at most of the cost.
        const bool tiny = draw.layer->geometry.geom_class() == GeomClass::Polygon &&
                          draw.typical_size < kMinOutlinedPixels * view.units_per_pixel;
        if (draw.strips.empty() || width <= 0.0f || tiny) continue;
        // The coarsest level off by at most half a pixel (in framebuffer pixels).
        const size_t level = render::level_for(
            draw.strips, kMaxSimplifyPixels * view.units_per_pixel / double(pixel_ratio));
        if (draw.strip_pieces[level].empty()) continue;
        const bool hairline = !points && width * pixel_ratio <= kHairlinePixels;
        jobs.push_back({&draw, false, level, hairline,
                        hairline ? 0.0f : std::max(0.5f * width * pixel_ratio, 0.5f),
                        double(width) * view.units_per_pixel});
    }

    // From the cursor on, in chunks of about kChunkVertices vertices: whole triangles of a fill,
    // whole segments (six vertices each) of strips; the cursor's offset counts triangle vertices
    // or segments.
    const GLint hairline_mode = glGetUniformLocation(m_strip_program, "u_hairline");
    for (; cursor.job < jobs.size(); ++cursor.job, cursor.offset = 0) {
        const Job& job = jobs[cursor.job];
        const size_t total = job.fill ? job.draw->fill.vertex_count()
                                      : job.draw->strips[job.level].mesh.segment_count();
        const size_t chunk = job.fill ? kChunkVertices : kChunkVertices / 6;
        // The runs of features on screen, as ranges of the mesh (neighbouring runs merged).
        const std::vector<uint32_t>& offsets = job.fill
                                                   ? job.draw->fill.chunk_offsets
                                                   : job.draw->strips[job.level].mesh.chunk_offsets;
        const auto& boxes = job.draw->chunks.boxes;
        std::vector<std::pair<size_t, size_t>> ranges;
        if (offsets.size() == boxes.size() + 1) {
            for (size_t c = 0; c < boxes.size(); ++c) {
                if (offsets[c] == offsets[c + 1] ||
                    !boxes[c].buffered(job.reach).intersects(visible))
                    continue;
                if (!ranges.empty() && ranges.back().second == offsets[c])
                    ranges.back().second = offsets[c + 1];
                else
                    ranges.emplace_back(offsets[c], offsets[c + 1]);
            }
        } else {
            ranges.emplace_back(0, total);
        }
        if (job.fill) {
            glUseProgram(m_fill_program);
            glUniform1f(fill_opacity, job.draw->opacity);
            glBindVertexArray(job.draw->fill_vao);
        } else {
            glUseProgram(m_strip_program);
            glUniform1f(strip_opacity, job.draw->opacity);
            glUniform1f(half_width, job.half_width);
            glUniform1i(hairline_mode, job.hairline ? 1 : 0);
            glBindVertexArray(m_empty_vao);
        }
        size_t r = 0;
        while (r < ranges.size() && ranges[r].second <= cursor.offset)
            ++r;
        if (r < ranges.size()) cursor.offset = std::max(cursor.offset, ranges[r].first);
        while (r < ranges.size() && cursor.offset < total) {
            if (cursor.offset >= ranges[r].second) {
                if (++r == ranges.size()) break;
                cursor.offset = ranges[r].first;
                continue;
            }
            size_t count = std::min(chunk, ranges[r].second - cursor.offset);
            if (job.fill) {
                glDrawArrays(GL_TRIANGLES, GLint(cursor.offset), GLsizei(count));
            } else {
                // the piece holding segment cursor.offset; a chunk ends with its piece
                const auto& pieces = job.draw->strip_pieces[job.level];
                const LayerDraw::StripPiece& piece = pieces[cursor.offset / m_max_texels];
                count = std::min(count, piece.first + piece.count - cursor.offset);
                glActiveTexture(GL_TEXTURE0);
                glBindTexture(GL_TEXTURE_BUFFER, piece.ends_texture);
                glActiveTexture(GL_TEXTURE1);
                glBindTexture(GL_TEXTURE_BUFFER, piece.color_texture);
                const GLint per = job.hairline ? 2 : 6;
                glDrawArrays(job.hairline ? GL_LINES : GL_TRIANGLES,
                             GLint(per * (cursor.offset - piece.first)), GLsizei(per * count));
            }
            cursor.offset += count;
            const bool job_done = cursor.offset >= ranges.back().second;
            if (out_of_time && (!job_done || cursor.job + 1 < jobs.size()) && out_of_time()) {
                if (job_done) {
                    ++cursor.job;
                    cursor.offset = 0;
                }
                glBindVertexArray(0);
                glUseProgram(0);
                return false;
            }
        }
    }
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindVertexArray(0);
    glUseProgram(0);
    return cursor.done = true;
}

} // namespace renoplan::gui
