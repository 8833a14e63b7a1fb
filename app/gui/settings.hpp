// The viewer's per-user settings: interface language, window size, recent files, which panels
// are open and the Open dialog's last folder, kept as JSON in
// $XDG_CONFIG_HOME/renoplan/settings.json (~/.config/renoplan/ when XDG_CONFIG_HOME is unset or not
// absolute). GUI-free (no ImGui, GLFW or OpenGL), so the file handling, the recent-files list and
// the language rule are unit-tested.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/gui/language.hpp"

namespace renoplan::gui {

inline constexpr size_t kMaxRecentFiles = 10;

struct Settings {
    std::optional<Language> language; // unset: from the locale
    int window_width = 0;             // 0: not recorded (the --size default applies)
    int window_height = 0;
    std::vector<std::string> recent_files; // most recent first, no duplicates, at most 10
    bool attributes_panel = false;
    bool export_panel = false;
    std::string file_dialog_folder; // the folder the Open dialog showed last ("" = none yet)
    // Keys this version does not know, kept when the file is written again.
    nlohmann::json unknown = nlohmann::json::object();
};

struct LoadedSettings {
    Settings settings;
    bool existed = false; // the file was there (false: first start)
    std::string error;    // why the file was ignored or partly ignored ("" = fine)
};

// $XDG_CONFIG_HOME/renoplan/settings.json, else $HOME/.config/renoplan/settings.json; empty when
// neither variable gives an absolute directory. The variables are passed in (tests).
std::filesystem::path settings_path(const char* xdg_config_home, const char* home);
// The same from the process environment.
std::filesystem::path settings_path();

// Reads the file. A missing file gives the defaults with existed = false; an unreadable or
// corrupt file (not JSON, not an object) gives the defaults with `error` set; a wrongly typed
// entry is left at its default with `error` naming it. Never throws.
LoadedSettings load_settings(const std::filesystem::path& path);
// Writes the settings atomically: a temporary file beside `path`, flushed, then renamed over it
// (the directory is created when missing). Returns "" or the reason it failed. Never throws.
std::string save_settings(const std::filesystem::path& path, const Settings& settings);

nlohmann::json to_json(const Settings& settings);
// Reads what it can from `j` into `settings`; returns the problems found ("" = none).
std::string from_json(const nlohmann::json& j, Settings& settings);

// Puts `path` first in the recent files (made absolute and normalised; a duplicate is moved, not
// repeated), keeping at most kMaxRecentFiles.
void add_recent_file(std::vector<std::string>& recent, const std::string& path,
                     const std::filesystem::path& current_dir = std::filesystem::current_path());
// Removes `path` from the recent files (when listed).
void remove_recent_file(std::vector<std::string>& recent, const std::string& path);

// The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty
// decides; it is Chinese when it starts with "zh", English otherwise (also when none is set).
Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang);
Language language_from_locale();
// --lang over the settings file over the locale.
Language choose_language(std::optional<Language> command_line, std::optional<Language> settings,
                         Language locale);

// "zh" / "en", and back ("zh", "zh_CN", "cn", "en"; anything else: nothing).
const char* language_code(Language language);
std::optional<Language> parse_language(const std::string& code);

} // namespace renoplan::gui
