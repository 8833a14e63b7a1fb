// Keyboard shortcuts on the map: Home or 0 zoom to all, + and - zoom at the centre, the arrow keys
// pan by a quarter of the view, Z zooms to the selection. Only when no text field or widget in use
// takes the keys (io.WantTextInput, io.WantCaptureKeyboard) and without Ctrl or Alt; the view
// arithmetic is geo/render/view_commands.
#pragma once

#include <optional>

#include "geo/render/view_commands.hpp"

namespace renoplan::gui {

// The command of a key pressed this frame (key repeat included for zoom and pan), if any.
std::optional<render::ViewCommand> map_key_command();

} // namespace renoplan::gui
