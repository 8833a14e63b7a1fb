#include "app/gui/gl_program.hpp"

#include <GL/glcorearb.h>

#include <array>

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

} // namespace

GLuint link_program(const char* vertex, const char* vertex_name, const char* fragment,
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

} // namespace renoplan::gui
