// The GLSL sources in shaders/, embedded at build time (app/gui/embed_shaders.cmake).
#pragma once

namespace renoplan::gui::shaders {

extern const char* const fill_vert;
extern const char* const strip_vert;
extern const char* const color_frag;
extern const char* const image_vert;
extern const char* const image_frag;

} // namespace renoplan::gui::shaders
