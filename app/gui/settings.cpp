#include "app/gui/settings.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace renoplan::gui {

namespace fs = std::filesystem;

namespace {

bool absolute_dir(const char* value) {
    return value && *value && fs::path(value).is_absolute();
}

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

} // namespace

fs::path settings_path(const char* xdg_config_home, const char* home) {
    if (absolute_dir(xdg_config_home))
        return fs::path(xdg_config_home) / "renoplan" / "settings.json";
    if (absolute_dir(home)) return fs::path(home) / ".config" / "renoplan" / "settings.json";
    return {};
}

fs::path settings_path() {
    return settings_path(std::getenv("XDG_CONFIG_HOME"), std::getenv("HOME"));
}

const char* language_code(Language language) {
    return language == Language::Chinese ? "zh" : "en";
}

std::optional<Language> parse_language(const std::string& code) {
    if (code == "zh" || code == "zh_CN" || code == "cn") return Language::Chinese;
    if (code == "en") return Language::English;
    return std::nullopt;
}

nlohmann::json to_json(const Settings& s) {
    nlohmann::json j = s.unknown.is_object() ? s.unknown : nlohmann::json::object();
    j["version"] = 1;
    if (s.language)
        j["language"] = language_code(*s.language);
    else
        j.erase("language");
    if (s.window_width > 0 && s.window_height > 0)
        j["window"] = {{"width", s.window_width}, {"height", s.window_height}};
    else
        j.erase("window");
    j["recent_files"] = s.recent_files;
    j["panels"] = {{"attributes", s.attributes_panel}, {"export", s.export_panel}};
    if (!s.file_dialog_folder.empty())
        j["file_dialog"] = {{"folder", s.file_dialog_folder}};
    else
        j.erase("file_dialog");
    return j;
}

std::string from_json(const nlohmann::json& j, Settings& s) {
    if (!j.is_object()) return "the settings are not a JSON object";
    std::vector<std::string> problems;
    for (const auto& [key, value] : j.items())
        if (key != "version" && key != "language" && key != "window" && key != "recent_files" &&
            key != "panels" && key != "file_dialog")
            s.unknown[key] = value;
    if (j.contains("language")) {
        const auto& v = j["language"];
        const auto language = v.is_string() ? parse_language(v.get<std::string>()) : std::nullopt;
        if (language)
            s.language = language;
        else
            problems.push_back("\"language\" must be \"zh\" or \"en\"");
    }
    if (j.contains("window")) {
        const auto& w = j["window"];
        const auto size_ok = [&](const char* key) {
            return w.is_object() && w.contains(key) && w[key].is_number_integer() &&
                   w[key].get<int64_t>() >= 16 && w[key].get<int64_t>() <= 16384;
        };
        if (size_ok("width") && size_ok("height")) {
            s.window_width = w["width"].get<int>();
            s.window_height = w["height"].get<int>();
        } else {
            problems.push_back("\"window\" needs a width and a height of 16 to 16384 pixels");
        }
    }
    if (j.contains("recent_files")) {
        const auto& r = j["recent_files"];
        if (r.is_array()) {
            // Oldest last: added in reverse so the order and the rules (dedup, limit) hold.
            std::vector<std::string> recent;
            for (auto it = r.rbegin(); it != r.rend(); ++it)
                if (it->is_string() && !it->get<std::string>().empty())
                    add_recent_file(recent, it->get<std::string>(), fs::path("/"));
            s.recent_files = recent;
        } else {
            problems.push_back("\"recent_files\" must be a list of paths");
        }
    }
    if (j.contains("panels")) {
        const auto& p = j["panels"];
        if (p.is_object()) {
            if (p.contains("attributes") && p["attributes"].is_boolean())
                s.attributes_panel = p["attributes"].get<bool>();
            if (p.contains("export") && p["export"].is_boolean())
                s.export_panel = p["export"].get<bool>();
        } else {
            problems.push_back("\"panels\" must be an object");
        }
    }
    if (j.contains("file_dialog")) {
        const auto& d = j["file_dialog"];
        if (d.is_object() && d.contains("folder") && d["folder"].is_string())
            s.file_dialog_folder = d["folder"].get<std::string>();
        else
            problems.push_back("\"file_dialog\" must be an object with a \"folder\" path");
    }
    std::string out;
    for (const std::string& p : problems)
        out += (out.empty() ? "" : "; ") + p;
    return out;
}

LoadedSettings load_settings(const fs::path& path) {
    LoadedSettings loaded;
    if (path.empty()) return loaded;
    std::error_code ec;
    if (!fs::exists(path, ec)) return loaded;
    loaded.existed = true;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        loaded.error = "cannot read " + path.string() + "; using the default settings";
        return loaded;
    }
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        loaded.error = path.string() + " is not valid JSON; using the default settings";
        return loaded;
    }
    Settings s;
    const std::string problems = from_json(j, s);
    if (!j.is_object()) {
        loaded.error = path.string() + ": " + problems + "; using the default settings";
        return loaded;
    }
    loaded.settings = std::move(s);
    if (!problems.empty())
        loaded.error = path.string() + ": " + problems + " (those entries use their defaults)";
    return loaded;
}

std::string save_settings(const fs::path& path, const Settings& settings) {
    if (path.empty()) return "no settings folder (neither XDG_CONFIG_HOME nor HOME is set)";
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create " + path.parent_path().string() + ": " + ec.message();
    const std::string text = to_json(settings).dump(2) + "\n";
    const fs::path temp = path.string() + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return "cannot write " + temp.string() + ": " + std::strerror(errno);
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        written += size_t(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const bool closed = ::close(fd) == 0;
    if (written != text.size() || !synced || !closed) {
        const std::string why = std::strerror(errno);
        fs::remove(temp, ec);
        return "cannot write " + temp.string() + ": " + why;
    }
    fs::rename(temp, path, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(temp, ec);
        return "cannot replace " + path.string() + ": " + why;
    }
    return {};
}

void add_recent_file(std::vector<std::string>& recent, const std::string& path,
                     const fs::path& current_dir) {
    if (path.empty()) return;
    fs::path p(path);
    // Connection strings ("PG:...") are kept as typed; files and folders made absolute.
    const bool connection = path.find(':') != std::string::npos && !p.is_absolute();
    if (!connection) {
        if (p.is_relative()) p = current_dir / p;
        p = p.lexically_normal();
        if (p.has_filename() == false && p.has_parent_path() && p != p.root_path())
            p = p.parent_path(); // "dir/" -> "dir"
    }
    const std::string key = connection ? path : p.string();
    recent.erase(std::remove(recent.begin(), recent.end(), key), recent.end());
    recent.insert(recent.begin(), key);
    if (recent.size() > kMaxRecentFiles) recent.resize(kMaxRecentFiles);
}

void remove_recent_file(std::vector<std::string>& recent, const std::string& path) {
    recent.erase(std::remove(recent.begin(), recent.end(), path), recent.end());
}

Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang) {
    for (const char* value : {lc_all, lc_messages, lang})
        if (value && *value)
            return std::strncmp(value, "zh", 2) == 0 ? Language::Chinese : Language::English;
    return Language::English;
}

Language language_from_locale() {
    return language_from_locale(env("LC_ALL"), env("LC_MESSAGES"), env("LANG"));
}

Language choose_language(std::optional<Language> command_line, std::optional<Language> settings,
                         Language locale) {
    if (command_line) return *command_line;
    if (settings) return *settings;
    return locale;
}

} // namespace renoplan::gui
