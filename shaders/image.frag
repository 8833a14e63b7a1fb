#version 330 core
// The cached map image, as drawn.
in vec2 v_uv;

uniform sampler2D u_image;

out vec4 frag_color;

void main() {
    frag_color = texture(u_image, v_uv);
}
