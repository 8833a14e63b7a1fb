// The Open dialog (Layers panel: "Open files…"): a window listing a folder - an editable path,
// Up, folders then files (the formats renoplan opens, or all files), hidden ones on request -
// with Ctrl/Shift multi-selection; a double-click enters a folder or opens a file, Open loads the
// selection through the viewer's loader (as dropped files), Cancel closes. The listing, order,
// filter and selection are app/gui/file_browser_model (GUI-free, unit-tested).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/file_browser_model.hpp"
#include "app/gui/panels/common.hpp"

namespace renoplan::gui {

class FileBrowser {
public:
    // Shows the dialog on `remembered` (the settings' last folder) or the current directory.
    void open(const std::string& remembered);
    bool is_open() const { return m_open; }
    // Draws the dialog when open; returns the paths to load when Open or a double-click on a
    // file chose them (the dialog then closes).
    std::vector<std::string> draw(const PanelContext& ctx);
    const FolderListing& listing() const { return m_listing; }
    // True once after the dialog listed a folder (the viewer adds its names to the font).
    bool take_new_listing();
    // True once after the dialog closed (the viewer saves the folder in the settings).
    bool take_closed();

private:
    void go_to(const std::filesystem::path& folder);
    void refresh();
    void close();

    bool m_open = false;
    bool m_new_listing = false;
    bool m_closed = false;
    BrowserOptions m_options;
    FolderListing m_listing;
    BrowserSelection m_selection;
    std::string m_path_text; // the editable path field
    std::string m_path_error;
};

} // namespace renoplan::gui
