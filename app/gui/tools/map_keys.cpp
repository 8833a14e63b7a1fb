#include "app/gui/tools/map_keys.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace renoplan::gui {

namespace {

bool pressed(int glfw_key, bool repeat = true) {
    return ImGui::IsKeyPressed(glfw_key, repeat);
}

} // namespace

std::optional<render::ViewCommand> map_key_command() {
    const ImGuiIO& io = ImGui::GetIO();
    // A text field (or any widget in use: a slider being dragged) keeps the keys.
    if (io.WantTextInput || io.WantCaptureKeyboard || io.KeyCtrl || io.KeyAlt || io.KeySuper)
        return std::nullopt;
    using render::ViewCommand;
    // Dear ImGui 1.86's GLFW backend indexes io.KeysDown by GLFW key codes.
    if (pressed(GLFW_KEY_HOME, false) || pressed(GLFW_KEY_0, false) ||
        pressed(GLFW_KEY_KP_0, false))
        return ViewCommand::ZoomAll;
    // '+' is Shift+'=' on most layouts; '=' alone zooms in too.
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) return ViewCommand::ZoomIn;
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) return ViewCommand::ZoomOut;
    if (pressed(GLFW_KEY_LEFT)) return ViewCommand::PanLeft;
    if (pressed(GLFW_KEY_RIGHT)) return ViewCommand::PanRight;
    if (pressed(GLFW_KEY_UP)) return ViewCommand::PanUp;
    if (pressed(GLFW_KEY_DOWN)) return ViewCommand::PanDown;
    if (pressed(GLFW_KEY_Z, false)) return ViewCommand::ZoomSelection;
    return std::nullopt;
}

} // namespace renoplan::gui
