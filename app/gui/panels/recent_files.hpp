// The recent files list (the empty map's hint and the Layers panel's Recent menu): one entry per
// file, most recent first; a click opens it; a file that no longer exists is greyed, marked
// missing and has a Remove button.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/gui/panels/common.hpp"

namespace renoplan::gui {

struct RecentFilesAction {
    std::optional<std::string> open;   // clicked
    std::optional<std::string> remove; // its Remove button clicked
};

RecentFilesAction draw_recent_files(const PanelContext& ctx,
                                    const std::vector<std::string>& recent);

} // namespace renoplan::gui
