// The Open dialog's model, GUI-free (no ImGui, GLFW or OpenGL; library renoplan_gui_settings):
// listing a folder - folders first, then files, each sorted by name; hidden entries (a leading
// dot) left out unless asked; files filtered to the formats renoplan opens unless "all files" -
// the multi-selection (click, Ctrl+click, Shift+click) and what Open does with it. Unreadable
// folders give a message, never an exception.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace renoplan::gui {

// The extensions the Open dialog shows by default (lower case, with the dot).
const std::vector<std::string>& openable_extensions();
// Whether a file name has one of them (case-insensitive: "小区.SHP" counts).
bool is_openable(const std::filesystem::path& name);

struct BrowserOptions {
    bool show_hidden = false; // names starting with '.'
    bool all_files = false;   // every file, not only the formats renoplan opens
};

struct BrowserEntry {
    std::string name; // UTF-8 file name
    std::filesystem::path path;
    bool is_folder = false;
    std::uintmax_t size_bytes = 0; // files only
};

struct FolderListing {
    std::filesystem::path folder; // absolute, normalised
    std::vector<BrowserEntry> entries;
    std::string error; // why the folder could not be read ("" = fine); entries are then empty
};

// Lists `folder` (made absolute against the current directory). Entries whose type cannot be
// read are left out; symbolic links count as what they point to.
FolderListing list_folder(const std::filesystem::path& folder, const BrowserOptions& options);

// The order of the listing: folders before files, then by name with ASCII letters compared
// regardless of case, then byte-wise (so Chinese names sort by their UTF-8 bytes).
bool entry_before(const BrowserEntry& a, const BrowserEntry& b);

// The folder above (the root stays the root).
std::filesystem::path parent_folder(const std::filesystem::path& folder);

// The rows selected in a listing: a click selects one row; Ctrl+click adds or removes one;
// Shift+click selects the range from the last plain or Ctrl click (the anchor) to this row;
// Ctrl+Shift+click adds that range.
class BrowserSelection {
public:
    void click(size_t row, bool ctrl, bool shift);
    void clear();
    bool contains(size_t row) const;
    const std::vector<size_t>& rows() const { return m_rows; } // ascending
    bool empty() const { return m_rows.empty(); }

private:
    std::vector<size_t> m_rows;
    size_t m_anchor = 0;
    bool m_has_anchor = false;
};

// What Open does with the selection: one folder alone is entered; otherwise the selected entries
// are loaded (folders as their vector files, as dropping them does), in listing order.
struct OpenAction {
    std::filesystem::path enter;   // the folder to show ("" = none)
    std::vector<std::string> load; // paths for the loader
};
OpenAction open_selection(const FolderListing& listing, const BrowserSelection& selection);

// A path typed in the dialog's path field (relative ones against `folder`): an existing folder is
// entered, an existing file loaded; anything else gives `error`.
struct TypedPathAction {
    std::filesystem::path enter;
    std::string load;
    std::string error;
};
TypedPathAction resolve_typed_path(const std::string& text, const std::filesystem::path& folder);

// "532 B", "12.4 KB", "3.1 MB" (powers of 1024, one decimal).
std::string format_file_size(std::uintmax_t bytes);

// Where the dialog starts: the remembered folder when it is still a folder, else the current
// directory.
std::filesystem::path start_folder(const std::string& remembered);

} // namespace renoplan::gui
