// app/gui/settings: the per-user settings file (round trip, atomic replace, corrupt and wrongly
// typed files), the recent-files list (order, duplicates, limit) and the language rule (LC_ALL,
// LC_MESSAGES, LANG; settings over the locale, --lang over both).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/gui/settings.hpp"
#include "support/test_support.hpp"

using namespace renoplan::gui;
namespace fs = std::filesystem;
namespace rt = renoplan::test;

namespace {

void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE("settings: the file's place follows XDG_CONFIG_HOME, then HOME", "[settings]") {
    CHECK(settings_path("/x/cfg", "/home/u") == fs::path("/x/cfg/renoplan/settings.json"));
    CHECK(settings_path(nullptr, "/home/u") == fs::path("/home/u/.config/renoplan/settings.json"));
    CHECK(settings_path("", "/home/u") == fs::path("/home/u/.config/renoplan/settings.json"));
    // XDG says a relative XDG_CONFIG_HOME is to be ignored
    CHECK(settings_path("rel/cfg", "/home/u") ==
          fs::path("/home/u/.config/renoplan/settings.json"));
    CHECK(settings_path(nullptr, nullptr).empty());
}

TEST_CASE("settings: written atomically and read back the same", "[settings]") {
    rt::TempDir dir;
    const fs::path path = dir / "cfg" / "renoplan" / "settings.json";
    const LoadedSettings none = load_settings(path);
    CHECK_FALSE(none.existed);
    CHECK(none.error.empty());
    CHECK_FALSE(none.settings.language);
    CHECK(none.settings.recent_files.empty());

    Settings s;
    s.language = Language::English;
    s.window_width = 1400;
    s.window_height = 900;
    s.recent_files = {"/data/新建 文件夹/小区.shp", "/data/b.gpkg", "PG:dbname=gis"};
    s.attributes_panel = true;
    s.file_dialog_folder = "/data/新建 文件夹";
    s.unknown["future_option"] = 42; // a key of a newer version survives
    REQUIRE(save_settings(path, s).empty());
    // nothing left beside it: the temporary file was renamed
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(path.parent_path())) {
        CHECK(entry.path().filename() == "settings.json");
        ++files;
    }
    CHECK(files == 1);

    const LoadedSettings back = load_settings(path);
    CHECK(back.existed);
    CHECK(back.error.empty());
    REQUIRE(back.settings.language);
    CHECK(*back.settings.language == Language::English);
    CHECK(back.settings.window_width == 1400);
    CHECK(back.settings.window_height == 900);
    CHECK(back.settings.recent_files == s.recent_files);
    CHECK(back.settings.attributes_panel);
    CHECK_FALSE(back.settings.export_panel);
    CHECK(back.settings.file_dialog_folder == "/data/新建 文件夹");
    CHECK(back.settings.unknown.at("future_option") == 42);

    // Saved again over the existing file: replaced, the language now unset.
    Settings t = back.settings;
    t.language.reset();
    REQUIRE(save_settings(path, t).empty());
    const LoadedSettings again = load_settings(path);
    CHECK_FALSE(again.settings.language);
    CHECK(again.settings.recent_files == s.recent_files);
}

TEST_CASE("settings: a corrupt or wrongly typed file gives a message and defaults",
          "[settings][bad-input]") {
    rt::TempDir dir;
    const fs::path path = dir / "settings.json";
    SECTION("not JSON") {
        write_text(path, "{\"language\": \"en\", \"recent_files\": [");
        const LoadedSettings l = load_settings(path);
        CHECK(l.existed);
        CHECK(l.error.find("not valid JSON") != std::string::npos);
        CHECK_FALSE(l.settings.language);
        CHECK(l.settings.recent_files.empty());
    }
    SECTION("JSON, but not an object") {
        write_text(path, "[1, 2, 3]");
        const LoadedSettings l = load_settings(path);
        CHECK(l.error.find("not a JSON object") != std::string::npos);
    }
    SECTION("binary garbage") {
        write_text(path, std::string("\x00\xff\xfe\x01", 4));
        const LoadedSettings l = load_settings(path);
        CHECK_FALSE(l.error.empty());
    }
    SECTION("wrong types: those entries default, the rest is read") {
        write_text(path, R"({"language": "fr", "window": {"width": "wide", "height": 800},
                            "recent_files": ["/a.gpkg", 7, "/b.gpkg"], "panels": true,
                            "file_dialog": {"folder": 3}})");
        const LoadedSettings l = load_settings(path);
        CHECK(l.error.find("\"language\"") != std::string::npos);
        CHECK(l.error.find("\"window\"") != std::string::npos);
        CHECK(l.error.find("\"panels\"") != std::string::npos);
        CHECK(l.error.find("\"file_dialog\"") != std::string::npos);
        CHECK(l.settings.file_dialog_folder.empty());
        CHECK_FALSE(l.settings.language);
        CHECK(l.settings.window_width == 0);
        CHECK(l.settings.recent_files == std::vector<std::string>{"/a.gpkg", "/b.gpkg"});
    }
    SECTION("a folder where the file should be: a message, no crash; saving fails cleanly") {
        fs::create_directories(path);
        const LoadedSettings l = load_settings(path);
        CHECK_FALSE(l.error.empty());
        CHECK_FALSE(save_settings(path, Settings{}).empty());
    }
}

TEST_CASE("settings: recent files, most recent first, deduplicated, at most 10", "[settings]") {
    std::vector<std::string> recent;
    add_recent_file(recent, "a.gpkg", "/work");
    add_recent_file(recent, "/data/b.shp", "/work");
    add_recent_file(recent, "./sub/../a.gpkg", "/work"); // the same file: moved to the front
    REQUIRE(recent.size() == 2);
    CHECK(recent[0] == "/work/a.gpkg");
    CHECK(recent[1] == "/data/b.shp");
    add_recent_file(recent, "/data/folder/", "/work"); // a folder, without its trailing slash
    CHECK(recent[0] == "/data/folder");
    add_recent_file(recent, "PG:dbname=gis host=db", "/work"); // kept as typed
    CHECK(recent[0] == "PG:dbname=gis host=db");
    for (int k = 0; k < 12; ++k)
        add_recent_file(recent, "/f" + std::to_string(k) + ".gpkg", "/work");
    REQUIRE(recent.size() == kMaxRecentFiles);
    CHECK(recent[0] == "/f11.gpkg");
    CHECK(recent[9] == "/f2.gpkg");
    remove_recent_file(recent, "/f5.gpkg");
    CHECK(recent.size() == 9);
    CHECK(std::find(recent.begin(), recent.end(), "/f5.gpkg") == recent.end());

    // A hand-edited file with duplicates and too many entries is cleaned on reading.
    nlohmann::json j;
    j["recent_files"] = nlohmann::json::array();
    for (int k = 0; k < 14; ++k)
        j["recent_files"].push_back("/g" + std::to_string(k % 12) + ".gpkg");
    Settings s;
    CHECK(from_json(j, s).empty());
    REQUIRE(s.recent_files.size() == kMaxRecentFiles);
    CHECK(s.recent_files[0] == "/g0.gpkg"); // first listed stays first
    CHECK(s.recent_files[1] == "/g1.gpkg");
}

TEST_CASE("settings: the interface language from the locale", "[settings][language]") {
    CHECK(language_from_locale(nullptr, nullptr, nullptr) == Language::English);
    CHECK(language_from_locale(nullptr, nullptr, "zh_CN.UTF-8") == Language::Chinese);
    CHECK(language_from_locale(nullptr, nullptr, "zh_TW.UTF-8") == Language::Chinese);
    CHECK(language_from_locale(nullptr, nullptr, "en_US.UTF-8") == Language::English);
    CHECK(language_from_locale(nullptr, nullptr, "C.UTF-8") == Language::English);
    // LC_MESSAGES before LANG, LC_ALL before both; empty values do not count
    CHECK(language_from_locale(nullptr, "zh_CN.UTF-8", "en_US.UTF-8") == Language::Chinese);
    CHECK(language_from_locale(nullptr, "en_GB.UTF-8", "zh_CN.UTF-8") == Language::English);
    CHECK(language_from_locale("en_US.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8") == Language::English);
    CHECK(language_from_locale("zh_SG", "C", "en") == Language::Chinese);
    CHECK(language_from_locale("", "", "zh_CN.GB18030") == Language::Chinese);
    CHECK(language_from_locale("", "C", "zh_CN") == Language::English);

    // settings over the locale, --lang over both
    CHECK(choose_language(std::nullopt, std::nullopt, Language::Chinese) == Language::Chinese);
    CHECK(choose_language(std::nullopt, Language::English, Language::Chinese) == Language::English);
    CHECK(choose_language(Language::Chinese, Language::English, Language::English) ==
          Language::Chinese);
    CHECK(parse_language("zh_CN") == Language::Chinese);
    CHECK_FALSE(parse_language("fr"));
}
