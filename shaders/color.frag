#version 330 core
// Flat colour with the layer's opacity.
in vec4 v_color;

uniform float u_opacity;

out vec4 frag_color;

void main() {
    frag_color = vec4(v_color.rgb, v_color.a * u_opacity);
}
