// Compiling and linking the viewer's GLSL programs (shaders/, embedded at build time).
#pragma once

#include <string>

namespace renoplan::gui {

// The program of a vertex and a fragment shader (sources and file names, for messages); 0 with
// `error` set (the compiler's or linker's log) when either fails. Needs a current context.
unsigned link_program(const char* vertex, const char* vertex_name, const char* fragment,
                      const char* fragment_name, std::string& error);

} // namespace renoplan::gui
