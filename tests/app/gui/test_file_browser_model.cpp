// app/gui/file_browser_model: the Open dialog's listing, filter, order, selection and actions on a
// temporary folder tree.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/gui/file_browser_model.hpp"
#include "support/test_support.hpp"

using namespace renoplan::gui;
namespace fs = std::filesystem;
namespace rt = renoplan::test;

namespace {

void touch(const fs::path& path, const std::string& text = "x") {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> names(const FolderListing& listing) {
    std::vector<std::string> out;
    for (const BrowserEntry& e : listing.entries)
        out.push_back(e.name + (e.is_folder ? "/" : ""));
    return out;
}

// A tree with folders, openable and other files, hidden entries and Chinese names.
void make_tree(const fs::path& root) {
    fs::create_directories(root / "zeta");
    fs::create_directories(root / "Alpha");
    fs::create_directories(root / "遂宁数据");
    fs::create_directories(root / ".cache");
    touch(root / "b.gpkg");
    touch(root / "A.SHP", "0123456789");
    touch(root / "A.dbf");
    touch(root / "a.shx");
    touch(root / "小区.geojson");
    touch(root / "道路.fgb");
    touch(root / "notes.txt");
    touch(root / "points.csv");
    touch(root / "plan.kml");
    touch(root / "survey.gml");
    touch(root / "old.sqlite");
    touch(root / "cad.dxf");
    touch(root / "data.json");
    touch(root / ".hidden.gpkg");
}

// A temporary folder holding that tree as "tree".
struct Tree {
    rt::TempDir dir;
    fs::path root = dir / "tree";
    Tree() { make_tree(root); }
};

} // namespace

TEST_CASE("file browser: the formats renoplan opens", "[gui_model][file_browser]") {
    for (const char* name : {"a.gpkg", "a.shp", "A.SHP", "x.geojson", "x.json", "x.fgb", "x.csv",
                             "x.dxf", "x.kml", "x.gml", "x.sqlite", "小区.GeoJSON"})
        CHECK(is_openable(name));
    for (const char* name : {"a.dbf", "a.shx", "a.prj", "notes.txt", "gpkg", "a.gpkg.bak", ""})
        CHECK_FALSE(is_openable(name));
}

TEST_CASE("file browser: folders first, sorted, filtered, hidden entries hidden",
          "[gui_model][file_browser]") {
    const Tree tree;
    const fs::path& root = tree.root;

    const FolderListing listing = list_folder(root, {});
    CHECK(listing.error.empty());
    CHECK(listing.folder == fs::absolute(root).lexically_normal());
    // Folders first (case-insensitive names, then UTF-8 bytes: Chinese after Latin), then the
    // openable files only; no sidecars, no .txt, nothing hidden.
    CHECK(names(listing) == std::vector<std::string>{"Alpha/", "zeta/", "遂宁数据/", "A.SHP",
                                                     "b.gpkg", "cad.dxf", "data.json", "old.sqlite",
                                                     "plan.kml", "points.csv", "survey.gml",
                                                     "小区.geojson", "道路.fgb"});
    CHECK(listing.entries[3].size_bytes == 10);
    CHECK(listing.entries[3].path == root / "A.SHP");

    SECTION("all files") {
        BrowserOptions all;
        all.all_files = true;
        const auto n = names(list_folder(root, all));
        CHECK(std::find(n.begin(), n.end(), "notes.txt") != n.end());
        CHECK(std::find(n.begin(), n.end(), "A.dbf") != n.end());
        CHECK(std::find(n.begin(), n.end(), ".hidden.gpkg") == n.end());
        // "A.dbf" < "A.SHP" < "a.shx" regardless of case
        const auto pos = [&](const char* s) {
            return std::find(n.begin(), n.end(), s) - n.begin();
        };
        CHECK(pos("A.dbf") < pos("A.SHP"));
        CHECK(pos("A.SHP") < pos("a.shx"));
    }
    SECTION("hidden entries when asked") {
        BrowserOptions hidden;
        hidden.show_hidden = true;
        const auto n = names(list_folder(root, hidden));
        CHECK(n.front() == ".cache/");
        CHECK(std::find(n.begin(), n.end(), ".hidden.gpkg") != n.end());
    }
    SECTION("a Chinese folder lists its Chinese files") {
        touch(root / "遂宁数据" / "建筑.shp");
        touch(root / "遂宁数据" / "建筑.dbf");
        const FolderListing sub = list_folder(root / "遂宁数据", {});
        CHECK(sub.error.empty());
        CHECK(names(sub) == std::vector<std::string>{"建筑.shp"});
        CHECK(parent_folder(sub.folder) == listing.folder);
    }
}

TEST_CASE("file browser: an unreadable folder gives a message, not an exception",
          "[gui_model][file_browser][bad-input]") {
    const Tree tree;
    const fs::path& root = tree.root;
    SECTION("missing") {
        const FolderListing l = list_folder(root / "不存在", {});
        CHECK(l.entries.empty());
        CHECK(l.error.find("不存在") != std::string::npos);
    }
    SECTION("a file, not a folder") {
        const FolderListing l = list_folder(root / "b.gpkg", {});
        CHECK(l.entries.empty());
        CHECK(l.error.find("not a folder") != std::string::npos);
    }
    SECTION("no permission (not checkable as root, who reads everything)") {
        const fs::path locked = root / "locked";
        fs::create_directories(locked);
        touch(locked / "secret.gpkg");
        fs::permissions(locked, fs::perms::none);
        const FolderListing l = list_folder(locked, {});
        fs::permissions(locked, fs::perms::owner_all);
        if (geteuid() != 0) {
            CHECK(l.entries.empty());
            CHECK(l.error.find("cannot read") != std::string::npos);
        } else {
            CHECK(l.error.empty());
        }
    }
    SECTION("a dangling link is left out") {
        fs::create_symlink(root / "gone.gpkg", root / "link.gpkg");
        const auto n = names(list_folder(root, {}));
        CHECK(std::find(n.begin(), n.end(), "link.gpkg") == n.end());
        CHECK(n.size() == 13);
    }
}

TEST_CASE("file browser: the parent folder", "[gui_model][file_browser]") {
    CHECK(parent_folder("/data/遂宁/小区") == fs::path("/data/遂宁"));
    CHECK(parent_folder("/data/遂宁/") == fs::path("/data"));
    CHECK(parent_folder("/") == fs::path("/"));
}

TEST_CASE("file browser: click, Ctrl+click and Shift+click select rows",
          "[gui_model][file_browser]") {
    BrowserSelection s;
    CHECK(s.empty());
    s.click(3, false, false);
    CHECK(s.rows() == std::vector<size_t>{3});
    s.click(5, true, false); // Ctrl adds
    CHECK(s.rows() == std::vector<size_t>{3, 5});
    s.click(3, true, false); // Ctrl again removes (and the anchor moves there, as in Explorer)
    CHECK(s.rows() == std::vector<size_t>{5});
    s.click(5, false, false);
    s.click(2, false, true); // Shift: the range from the anchor (5)
    CHECK(s.rows() == std::vector<size_t>{2, 3, 4, 5});
    s.click(7, false, true); // Shift again: the range from the same anchor, replacing
    CHECK(s.rows() == std::vector<size_t>{5, 6, 7});
    s.click(0, false, false);
    s.click(1, true, true); // Ctrl+Shift adds the range 0..1
    CHECK(s.rows() == std::vector<size_t>{0, 1});
    s.click(9, true, false);
    s.click(11, true, true);
    CHECK(s.rows() == std::vector<size_t>{0, 1, 9, 10, 11});
    CHECK(s.contains(10));
    CHECK_FALSE(s.contains(8));
    s.clear();
    CHECK(s.empty());
    s.click(4, false, true); // Shift without an anchor: just the row
    CHECK(s.rows() == std::vector<size_t>{4});
}

TEST_CASE("file browser: Open enters one folder or loads the selection",
          "[gui_model][file_browser]") {
    const Tree tree;
    const fs::path& root = tree.root;
    const FolderListing listing = list_folder(root, {});
    BrowserSelection s;
    s.click(2, false, false); // 遂宁数据/
    OpenAction a = open_selection(listing, s);
    CHECK(a.enter == root / "遂宁数据");
    CHECK(a.load.empty());
    s.click(12, true, false); // + 道路.fgb: both are loaded
    s.click(3, true, false);  // + A.SHP
    a = open_selection(listing, s);
    CHECK(a.enter.empty());
    CHECK(a.load == std::vector<std::string>{(root / "遂宁数据").string(),
                                             (root / "A.SHP").string(),
                                             (root / "道路.fgb").string()});
    s.clear();
    a = open_selection(listing, s);
    CHECK(a.enter.empty());
    CHECK(a.load.empty());
}

TEST_CASE("file browser: a typed path", "[gui_model][file_browser]") {
    const Tree tree;
    const fs::path& root = tree.root;
    const fs::path abs = fs::absolute(root).lexically_normal();
    TypedPathAction t = resolve_typed_path("遂宁数据", abs);
    CHECK(t.enter == abs / "遂宁数据");
    t = resolve_typed_path((abs / "小区.geojson").string(), "/");
    CHECK(t.load == (abs / "小区.geojson").string());
    t = resolve_typed_path(".././b.gpkg", abs / "zeta");
    CHECK(t.load == (abs / "b.gpkg").string());
    t = resolve_typed_path("nothing.gpkg", abs);
    CHECK(t.error.find("nothing.gpkg") != std::string::npos);
    CHECK(resolve_typed_path("", abs).error.size() > 0);

    CHECK(start_folder(abs.string()) == abs);
    CHECK(start_folder((abs / "b.gpkg").string()) == fs::current_path()); // not a folder
    CHECK(start_folder("") == fs::current_path());
}

TEST_CASE("file browser: file sizes", "[gui_model][file_browser]") {
    CHECK(format_file_size(0) == "0 B");
    CHECK(format_file_size(1023) == "1023 B");
    CHECK(format_file_size(1024) == "1.0 KB");
    CHECK(format_file_size(12697) == "12.4 KB");
    CHECK(format_file_size(3250586) == "3.1 MB");
    CHECK(format_file_size(5ull << 40) == "5.0 TB");
}
