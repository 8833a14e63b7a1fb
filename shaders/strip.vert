#version 330 core
// Lines, outlines and point symbols of constant screen width: each vertex sits on a segment end
// (or a point) and is pushed `a_extrude` half-widths in pixels along and across the segment's
// direction on screen.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_color;
layout(location = 2) in vec2 a_dir;
layout(location = 3) in vec2 a_extrude;

uniform vec2 u_scale;       // NDC per world unit (x, y)
uniform vec2 u_offset;      // NDC of the local origin
uniform vec2 u_viewport;    // canvas size in pixels
uniform float u_half_width; // pixels

out vec4 v_color;

void main() {
    vec2 ndc = a_pos * u_scale + u_offset;
    vec2 d = a_dir * u_scale * u_viewport; // direction in pixels (scaled)
    float len = length(d);
    vec2 t = len > 0.0 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-t.y, t.x);
    vec2 px = (t * a_extrude.x + n * a_extrude.y) * u_half_width;
    gl_Position = vec4(ndc + px * 2.0 / u_viewport, 0.0, 1.0);
    v_color = a_color;
}
