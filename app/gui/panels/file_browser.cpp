#include "app/gui/panels/file_browser.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace renoplan::gui {

namespace fs = std::filesystem;

void FileBrowser::open(const std::string& remembered) {
    m_open = true;
    m_closed = false;
    go_to(start_folder(remembered));
}

void FileBrowser::go_to(const fs::path& folder) {
    m_listing = list_folder(folder, m_options);
    m_selection.clear();
    m_path_text = m_listing.folder.string();
    m_path_error.clear();
    m_new_listing = true;
}

void FileBrowser::refresh() {
    go_to(m_listing.folder);
}

void FileBrowser::close() {
    m_open = false;
    m_closed = true;
}

bool FileBrowser::take_new_listing() {
    const bool was = m_new_listing;
    m_new_listing = false;
    return was;
}

bool FileBrowser::take_closed() {
    const bool was = m_closed;
    m_closed = false;
    return was;
}

std::vector<std::string> FileBrowser::draw(const PanelContext& ctx) {
    std::vector<std::string> chosen;
    if (!m_open) return chosen;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(680.0f, io.DisplaySize.x - 20.0f),
                                    std::min(460.0f, io.DisplaySize.y - 20.0f)),
                             ImGuiCond_Appearing);
    const std::string title = std::string(ctx.text.open_dialog_title) + "###file_browser";
    bool open = true;
    if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings)) {
        // The folder: Up, and the path (Enter goes there, or opens a typed file).
        ImGui::BeginDisabled(!m_listing.folder.has_relative_path());
        if (ImGui::Button(ctx.text.parent_folder)) go_to(parent_folder(m_listing.folder));
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextUnformatted(ctx.text.folder);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1.0f);
        if (ImGui::InputText("##browser_path", &m_path_text,
                             ImGuiInputTextFlags_EnterReturnsTrue)) {
            const TypedPathAction typed = resolve_typed_path(m_path_text, m_listing.folder);
            if (!typed.enter.empty()) {
                go_to(typed.enter);
            } else if (!typed.load.empty()) {
                chosen.push_back(typed.load);
            } else {
                m_path_error = typed.error;
            }
        }
        bool changed = ImGui::Checkbox(ctx.text.all_files, &m_options.all_files);
        ImGui::SameLine();
        changed = ImGui::Checkbox(ctx.text.show_hidden, &m_options.show_hidden) || changed;
        if (changed) refresh();
        ImGui::SameLine();
        ImGui::TextDisabled("(?)");
        if (ImGui::IsItemHovered()) {
            std::string formats = ctx.text.supported_formats;
            for (const std::string& ext : openable_extensions())
                formats += " " + ext;
            ImGui::SetTooltip("%s\n%s", formats.c_str(), ctx.text.browser_hint);
        }
        const ImVec4 red(0.8f, 0.1f, 0.1f, 1.0f);
        if (!m_listing.error.empty()) ImGui::TextColored(red, "%s", m_listing.error.c_str());
        if (!m_path_error.empty()) ImGui::TextColored(red, "%s", m_path_error.c_str());

        // The listing: one row per entry, only the rows in sight drawn.
        const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
        const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable;
        if (ImGui::BeginTable("##browser_entries", 2, flags, ImVec2(0.0f, -footer))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(ctx.text.file_name, ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn(ctx.text.file_size, ImGuiTableColumnFlags_WidthFixed,
                                    ImGui::GetFontSize() * 6.0f);
            ImGui::TableHeadersRow();
            std::optional<fs::path> enter;
            ImGuiListClipper clipper;
            clipper.Begin(int(m_listing.entries.size()));
            while (clipper.Step())
                for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                    const BrowserEntry& e = m_listing.entries[size_t(row)];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::PushID(row);
                    const std::string label = e.is_folder ? e.name + "/" : e.name;
                    if (ImGui::Selectable(label.c_str(), m_selection.contains(size_t(row)),
                                          ImGuiSelectableFlags_SpanAllColumns |
                                              ImGuiSelectableFlags_AllowDoubleClick))
                        m_selection.click(size_t(row), io.KeyCtrl, io.KeyShift);
                    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
                        if (e.is_folder)
                            enter = e.path;
                        else
                            chosen = {e.path.string()};
                    }
                    ImGui::PopID();
                    ImGui::TableNextColumn();
                    if (e.is_folder)
                        ImGui::TextDisabled("%s", ctx.text.folder);
                    else
                        ImGui::TextUnformatted(format_file_size(e.size_bytes).c_str());
                }
            if (m_listing.entries.empty() && m_listing.error.empty()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", ctx.text.empty_folder);
            }
            ImGui::EndTable();
            if (enter) go_to(*enter);
        }

        // Open and Cancel.
        ImGui::BeginDisabled(m_selection.empty());
        if (ImGui::Button(ctx.text.open_files)) {
            const OpenAction action = open_selection(m_listing, m_selection);
            if (!action.enter.empty())
                go_to(action.enter);
            else
                chosen = action.load;
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(ctx.text.cancel)) open = false;
        ImGui::SameLine();
        ImGui::TextDisabled(ctx.text.selected_entries, m_selection.rows().size());
    }
    record_window(ctx.ui_rects);
    ImGui::End();
    if (!chosen.empty() || !open) close();
    return chosen;
}

} // namespace renoplan::gui
