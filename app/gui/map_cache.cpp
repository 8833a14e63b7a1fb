#include "app/gui/map_cache.hpp"

#include <GL/glcorearb.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>

#include "app/gui/gl_program.hpp"
#include "app/gui/shaders.hpp"

namespace renoplan::gui {

namespace {

void clear_to(render::Rgba c) {
    glClearColor(float(c.r) / 255.0f, float(c.g) / 255.0f, float(c.b) / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

} // namespace

void draw_map_at_once(const MapCanvas& canvas, const render::MapView& view, int framebuffer_w,
                      int framebuffer_h, unsigned target, render::Rgba background) {
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    glViewport(0, 0, framebuffer_w, framebuffer_h);
    clear_to(background);
    canvas.render(view, framebuffer_w, framebuffer_h);
}

bool MapCache::ensure_gl() {
    if (m_program) return true;
    std::string error;
    m_program =
        link_program(shaders::image_vert, "image.vert", shaders::image_frag, "image.frag", error);
    if (!m_program) {
        m_gl_failed = true;
        return false;
    }
    glGenVertexArrays(1, &m_vao);
    glGenBuffers(1, &m_vbo);
    glBindVertexArray(m_vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_vbo);
    glBufferData(GL_ARRAY_BUFFER, 16 * sizeof(float), nullptr, GL_DYNAMIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float),
                          reinterpret_cast<const void*>(2 * sizeof(float)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return true;
}

bool MapCache::ensure_image(Image& image, int width, int height) {
    if (image.fbo && image.width == width && image.height == height) return true;
    if (!image.fbo) {
        glGenFramebuffers(1, &image.fbo);
        glGenTextures(1, &image.texture);
    }
    glBindTexture(GL_TEXTURE_2D, image.texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_FRAMEBUFFER, image.fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, image.texture, 0);
    const bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindTexture(GL_TEXTURE_2D, 0);
    image.width = width;
    image.height = height;
    image.valid = false;
    if (!ok) m_gl_failed = true;
    return ok;
}

void MapCache::start(const render::MapView& view, int framebuffer_w, int framebuffer_h,
                     render::Rgba background) {
    const render::MapView grown = render::grown_view(view, m_options.margin);
    const double ratio_x = double(framebuffer_w) / double(std::max(view.width, 1));
    const double ratio_y = double(framebuffer_h) / double(std::max(view.height, 1));
    const int w = std::max(1, int(std::lround(grown.width * ratio_x)));
    const int h = std::max(1, int(std::lround(grown.height * ratio_y)));
    if (!ensure_image(m_back, w, h)) return;
    m_back.view = grown;
    m_back.valid = false;
    glBindFramebuffer(GL_FRAMEBUFFER, m_back.fbo);
    glViewport(0, 0, w, h);
    clear_to(background);
    m_cursor = {};
    m_drawing = true;
}

void MapCache::place(const Image& image, const render::MapView& view, int framebuffer_w,
                     int framebuffer_h) {
    const render::ImageRect r = render::image_on_screen(image.view, view);
    const auto ndc_x = [&](double px) { return float(2.0 * px / view.width - 1.0); };
    const auto ndc_y = [&](double py) { return float(1.0 - 2.0 * py / view.height); };
    // (texture rows run bottom-up, like the image's world y)
    const float quad[16] = {ndc_x(r.left),  ndc_y(r.bottom), 0.0f, 0.0f, //
                            ndc_x(r.right), ndc_y(r.bottom), 1.0f, 0.0f, //
                            ndc_x(r.right), ndc_y(r.top),    1.0f, 1.0f, //
                            ndc_x(r.left),  ndc_y(r.top),    0.0f, 1.0f};
    glViewport(0, 0, framebuffer_w, framebuffer_h);
    glDisable(GL_BLEND);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(m_program);
    glUniform1i(glGetUniformLocation(m_program, "u_image"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, image.texture);
    // Pixel for pixel while panning; smoothed while the scale differs (a zoom's preview).
    const GLint filter =
        image.view.units_per_pixel == view.units_per_pixel ? GL_NEAREST : GL_LINEAR;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glBindVertexArray(m_vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_vbo);
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof(quad), quad);
    glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glUseProgram(0);
}

bool MapCache::draw(const MapCanvas& canvas, const render::MapView& view, int framebuffer_w,
                    int framebuffer_h, unsigned target, render::Rgba background) {
    if (m_gl_failed || !ensure_gl()) { // drawn directly, as without the cache
        draw_map_at_once(canvas, view, framebuffer_w, framebuffer_h, target, background);
        return m_complete = true;
    }
    const uint64_t key = canvas.state_key();
    if (&canvas != m_canvas || key != m_key) { // other layers or styles: draw anew, showing
        m_stale = m_front.valid;               // the old image until the new one is complete
        m_drawing = false;
        m_canvas = &canvas;
        m_key = key;
    }
    if (!(m_front.valid && !m_stale && render::image_shows(m_front.view, view))) {
        if (!(m_drawing && render::image_shows(m_back.view, view)))
            start(view, framebuffer_w, framebuffer_h, background);
        if (m_drawing && !m_gl_failed) {
            glBindFramebuffer(GL_FRAMEBUFFER, m_back.fbo);
            glViewport(0, 0, m_back.width, m_back.height);
            const auto t0 = std::chrono::steady_clock::now();
            const auto out_of_time = [&] {
                glFinish(); // the time the drawing really took (the rasteriser runs behind)
                return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                 t0)
                           .count() >= m_options.budget_ms;
            };
            if (canvas.render_part(m_back.view, m_back.width, m_back.height, m_cursor,
                                   out_of_time)) {
                m_back.valid = true;
                m_drawing = false;
                m_stale = false;
                std::swap(m_front, m_back);
            }
        }
    }
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    glViewport(0, 0, framebuffer_w, framebuffer_h);
    clear_to(background);
    if (m_front.valid)
        place(m_front, view, framebuffer_w, framebuffer_h);
    else if (m_drawing) // the first image, as far as it is drawn
        place(m_back, view, framebuffer_w, framebuffer_h);
    glEnable(GL_BLEND);
    m_complete = m_front.valid && !m_stale && render::image_shows(m_front.view, view);
    return m_complete;
}

void MapCache::invalidate() {
    m_front.valid = m_back.valid = false;
    m_stale = false;
    m_drawing = false;
    m_canvas = nullptr;
}

void MapCache::release_gl() {
    for (Image* image : {&m_front, &m_back}) {
        if (image->fbo) glDeleteFramebuffers(1, &image->fbo);
        if (image->texture) glDeleteTextures(1, &image->texture);
        *image = {};
    }
    if (m_vbo) glDeleteBuffers(1, &m_vbo);
    if (m_vao) glDeleteVertexArrays(1, &m_vao);
    if (m_program) glDeleteProgram(m_program);
    m_vbo = m_vao = m_program = 0;
    m_drawing = false;
    m_canvas = nullptr;
}

} // namespace renoplan::gui
