#include "app/gui/panels/recent_files.hpp"

#include <filesystem>
#include <system_error>

namespace renoplan::gui {

namespace {

// Files and folders are checked; connection strings ("PG:...") are taken as present.
bool present(const std::string& path) {
    if (path.find(':') != std::string::npos && path.front() != '/') return true;
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

} // namespace

RecentFilesAction draw_recent_files(const PanelContext& ctx,
                                    const std::vector<std::string>& recent) {
    RecentFilesAction action;
    for (size_t k = 0; k < recent.size(); ++k) {
        const std::string& path = recent[k];
        ImGui::PushID(int(k));
        if (present(path)) {
            const std::string name = std::filesystem::path(path).filename().string();
            if (ImGui::Selectable((name.empty() ? path : name).c_str())) action.open = path;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
        } else {
            if (ImGui::SmallButton(ctx.text.remove)) action.remove = path;
            ImGui::SameLine();
            ImGui::TextDisabled("%s %s", path.c_str(), ctx.text.missing_file);
        }
        ImGui::PopID();
    }
    return action;
}

} // namespace renoplan::gui
