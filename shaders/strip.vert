#version 330 core
// Lines, outlines and point symbols of constant screen width, pulled from buffer textures (no
// vertex attributes): segment s = gl_VertexID / 6 holds its ends a, b (u_ends, RGBA32F) and its
// colour (u_colors, RGBA8); its six vertices make a quad (two triangles) placed at the ends and
// pushed half the width in pixels along the segment (square caps, closing the gaps at joints) and
// across it. A point is a segment of length zero: a square. As hairlines (u_hairline = 1, drawn
// as GL_LINES) a segment has two vertices, its ends.
uniform samplerBuffer u_ends;
uniform samplerBuffer u_colors;
uniform vec2 u_scale;       // NDC per world unit (x, y)
uniform vec2 u_offset;      // NDC of the local origin
uniform vec2 u_viewport;    // canvas size in pixels
uniform float u_half_width; // pixels
uniform int u_hairline;

out vec4 v_color;

const vec2 kCorners[6] =
    vec2[6](vec2(-1, -1), vec2(-1, 1), vec2(1, 1), vec2(-1, -1), vec2(1, 1), vec2(1, -1));

void main() {
    int per = u_hairline != 0 ? 2 : 6;
    int segment = gl_VertexID / per;
    int k = gl_VertexID - segment * per;
    vec4 ends = texelFetch(u_ends, segment);
    vec2 a = ends.xy, b = ends.zw;
    v_color = texelFetch(u_colors, segment);
    if (u_hairline != 0) {
        gl_Position = vec4((k == 0 ? a : b) * u_scale + u_offset, 0.0, 1.0);
        return;
    }
    vec2 corner = kCorners[k];
    vec2 ndc = (corner.x < 0.0 ? a : b) * u_scale + u_offset;
    vec2 d = (b - a) * u_scale * u_viewport; // direction in pixels (scaled)
    float len = length(d);
    vec2 t = len > 0.0 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-t.y, t.x);
    vec2 px = (t * corner.x + n * corner.y) * u_half_width;
    gl_Position = vec4(ndc + px * 2.0 / u_viewport, 0.0, 1.0);
}
