#include "app/gui/ui_text.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "app/gui/lang_files.hpp"

namespace renoplan::gui {

namespace {

struct Loaded {
    Strings strings;
    std::deque<std::string> texts; // owns what strings points to (stable addresses)
};

struct AllLanguages {
    Loaded zh, en;
    std::vector<std::string> problems;
};

// The texts of one file, or nothing (and a problem) when it does not parse.
std::map<std::string, std::string> read_file(const char* text, const char* file,
                                             std::vector<std::string>& problems) {
    std::map<std::string, std::string> out;
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        for (const auto& [key, value] : j.at("strings").items()) {
            if (value.is_string())
                out[key] = value.get<std::string>();
            else
                problems.push_back(std::string(file) + ": " + key + " is not a text");
        }
    } catch (const std::exception& e) {
        problems.push_back(std::string(file) + ": " + e.what());
    }
    return out;
}

void fill(Loaded& loaded, const std::map<std::string, std::string>& texts,
          const std::map<std::string, std::string>& fallback, const char* file,
          std::vector<std::string>& problems) {
    auto take = [&](const char* key) -> const char* {
        auto it = texts.find(key);
        if (it == texts.end()) {
            problems.push_back(std::string(file) + ": no text for " + key);
            it = fallback.find(key);
            if (it == fallback.end()) return loaded.texts.emplace_back(key).c_str();
        }
        return loaded.texts.emplace_back(it->second).c_str();
    };
#define RENOPLAN_UI_STRING_TAKE(name) loaded.strings.name = take(#name);
    RENOPLAN_UI_STRINGS(RENOPLAN_UI_STRING_TAKE)
#undef RENOPLAN_UI_STRING_TAKE
    static const std::vector<std::string> known = {
#define RENOPLAN_UI_STRING_NAME(name) #name,
        RENOPLAN_UI_STRINGS(RENOPLAN_UI_STRING_NAME)
#undef RENOPLAN_UI_STRING_NAME
    };
    for (const auto& [key, text] : texts)
        if (std::find(known.begin(), known.end(), key) == known.end())
            problems.push_back(std::string(file) + ": unknown key " + key);
}

const AllLanguages& all() {
    static const AllLanguages languages = [] {
        AllLanguages a;
        const auto en = read_file(lang_files::en_json, "app/gui/lang/en.json", a.problems);
        const auto zh = read_file(lang_files::zh_json, "app/gui/lang/zh.json", a.problems);
        fill(a.en, en, {}, "app/gui/lang/en.json", a.problems);
        fill(a.zh, zh, en, "app/gui/lang/zh.json", a.problems);
        return a;
    }();
    return languages;
}

} // namespace

const Strings& strings_of(Language language) {
    return language == Language::Chinese ? all().zh.strings : all().en.strings;
}

std::vector<const char*> all_strings(const Strings& s) {
    return {
#define RENOPLAN_UI_STRING_VALUE(name) s.name,
        RENOPLAN_UI_STRINGS(RENOPLAN_UI_STRING_VALUE)
#undef RENOPLAN_UI_STRING_VALUE
    };
}

std::vector<std::string> language_file_problems() {
    return all().problems;
}

} // namespace renoplan::gui
