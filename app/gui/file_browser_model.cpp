#include "app/gui/file_browser_model.hpp"

#include <algorithm>
#include <cstdio>
#include <system_error>

namespace renoplan::gui {

namespace fs = std::filesystem;

namespace {

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), ascii_lower);
    return s;
}

fs::path absolute_normal(const fs::path& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec);
    if (ec) a = p;
    a = a.lexically_normal();
    // "/data/x/" -> "/data/x" (keep the root's own slash)
    if (a.has_relative_path() && a.filename().empty()) a = a.parent_path();
    return a;
}

} // namespace

const std::vector<std::string>& openable_extensions() {
    static const std::vector<std::string> kExtensions = {
        ".gpkg", ".shp", ".geojson", ".json", ".fgb", ".csv", ".dxf", ".kml", ".gml", ".sqlite"};
    return kExtensions;
}

bool is_openable(const fs::path& name) {
    const std::string ext = lower(name.extension().string());
    const auto& all = openable_extensions();
    return std::find(all.begin(), all.end(), ext) != all.end();
}

bool entry_before(const BrowserEntry& a, const BrowserEntry& b) {
    if (a.is_folder != b.is_folder) return a.is_folder;
    const std::string la = lower(a.name), lb = lower(b.name);
    if (la != lb) return la < lb;
    return a.name < b.name;
}

FolderListing list_folder(const fs::path& folder, const BrowserOptions& options) {
    FolderListing listing;
    listing.folder = absolute_normal(folder);
    std::error_code ec;
    if (!fs::is_directory(listing.folder, ec)) {
        listing.error = ec ? "cannot read " + listing.folder.string() + ": " + ec.message()
                           : listing.folder.string() + " is not a folder";
        return listing;
    }
    fs::directory_iterator it(listing.folder, ec);
    if (ec) {
        listing.error = "cannot read " + listing.folder.string() + ": " + ec.message();
        return listing;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            listing.error = "cannot read " + listing.folder.string() + ": " + ec.message();
            listing.entries.clear();
            return listing;
        }
        BrowserEntry e;
        e.path = it->path();
        e.name = e.path.filename().string();
        if (!options.show_hidden && !e.name.empty() && e.name.front() == '.') continue;
        std::error_code type_ec;
        const fs::file_status status = it->status(type_ec); // follows links
        if (type_ec) continue;                              // e.g. a dangling link
        e.is_folder = fs::is_directory(status);
        if (!e.is_folder) {
            if (!fs::is_regular_file(status)) continue; // sockets, devices, fifos
            if (!options.all_files && !is_openable(e.path)) continue;
            std::error_code size_ec;
            e.size_bytes = it->file_size(size_ec);
            if (size_ec) e.size_bytes = 0;
        }
        listing.entries.push_back(std::move(e));
    }
    std::sort(listing.entries.begin(), listing.entries.end(), entry_before);
    return listing;
}

fs::path parent_folder(const fs::path& folder) {
    const fs::path a = absolute_normal(folder);
    return a.has_relative_path() ? a.parent_path() : a;
}

void BrowserSelection::click(size_t row, bool ctrl, bool shift) {
    if (shift && m_has_anchor) {
        if (!ctrl) m_rows.clear();
        for (size_t r = std::min(row, m_anchor); r <= std::max(row, m_anchor); ++r)
            if (!contains(r)) m_rows.push_back(r);
    } else if (ctrl) {
        const auto it = std::find(m_rows.begin(), m_rows.end(), row);
        if (it != m_rows.end())
            m_rows.erase(it);
        else
            m_rows.push_back(row);
        m_anchor = row;
        m_has_anchor = true;
    } else {
        m_rows = {row};
        m_anchor = row;
        m_has_anchor = true;
    }
    std::sort(m_rows.begin(), m_rows.end());
}

void BrowserSelection::clear() {
    m_rows.clear();
    m_has_anchor = false;
}

bool BrowserSelection::contains(size_t row) const {
    return std::find(m_rows.begin(), m_rows.end(), row) != m_rows.end();
}

OpenAction open_selection(const FolderListing& listing, const BrowserSelection& selection) {
    OpenAction action;
    std::vector<const BrowserEntry*> chosen;
    for (size_t row : selection.rows())
        if (row < listing.entries.size()) chosen.push_back(&listing.entries[row]);
    if (chosen.size() == 1 && chosen.front()->is_folder) {
        action.enter = chosen.front()->path;
        return action;
    }
    for (const BrowserEntry* e : chosen)
        action.load.push_back(e->path.string());
    return action;
}

TypedPathAction resolve_typed_path(const std::string& text, const fs::path& folder) {
    TypedPathAction action;
    if (text.empty()) {
        action.error = "no path given";
        return action;
    }
    fs::path p(text);
    if (p.is_relative()) p = folder / p;
    p = absolute_normal(p);
    std::error_code ec;
    const fs::file_status status = fs::status(p, ec);
    if (fs::is_directory(status))
        action.enter = p;
    else if (fs::exists(status))
        action.load = p.string();
    else
        action.error = p.string() + ": " + (ec ? ec.message() : "no such file or folder");
    return action;
}

std::string format_file_size(std::uintmax_t bytes) {
    char buf[32];
    if (bytes < 1024) {
        std::snprintf(buf, sizeof buf, "%ju B", bytes);
        return buf;
    }
    static const char* const kUnits[] = {"KB", "MB", "GB", "TB"};
    double v = double(bytes) / 1024.0;
    int unit = 0;
    while (v >= 1024.0 && unit < 3) {
        v /= 1024.0;
        ++unit;
    }
    std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[unit]);
    return buf;
}

fs::path start_folder(const std::string& remembered) {
    std::error_code ec;
    if (!remembered.empty() && fs::is_directory(remembered, ec)) return absolute_normal(remembered);
    const fs::path current = fs::current_path(ec);
    return ec ? fs::path("/") : current;
}

} // namespace renoplan::gui
