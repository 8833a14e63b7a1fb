// The UI texts from the language files (app/gui/lang/*.json): every key in both languages, no
// unknown key, and the same printf conversions in the same order in Chinese and English (a
// translation with %d where the code passes a size_t would print garbage or crash).
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "app/gui/ui_text.hpp"

using namespace renoplan::gui;

namespace {

std::vector<std::string> conversions(const char* text) {
    static const std::regex spec(
        R"(%[-+ #0]*[0-9]*(\.[0-9]+)?(hh|h|ll|l|z|j|t)?[diouxXfFeEgGcspn%])");
    std::vector<std::string> out;
    const std::string s(text);
    for (auto it = std::sregex_iterator(s.begin(), s.end(), spec); it != std::sregex_iterator();
         ++it)
        out.push_back(it->str());
    return out;
}

} // namespace

TEST_CASE("ui text: the language files are complete and their conversions agree", "[gui_text]") {
    for (const std::string& p : language_file_problems())
        FAIL_CHECK(p);
    CHECK(language_file_problems().empty());
    const Strings& zh = strings_of(Language::Chinese);
    const Strings& en = strings_of(Language::English);
    const std::vector<const char*> z = all_strings(zh), e = all_strings(en);
    REQUIRE(z.size() == e.size());
    REQUIRE(z.size() > 100);
    size_t with_conversions = 0, differing = 0;
    for (size_t k = 0; k < z.size(); ++k) {
        INFO("zh: " << z[k] << "  en: " << e[k]);
        CHECK(std::string(z[k]).size() > 0);
        CHECK(std::string(e[k]).size() > 0);
        CHECK(conversions(z[k]) == conversions(e[k]));
        if (!conversions(e[k]).empty()) ++with_conversions;
        if (std::string(z[k]) != std::string(e[k])) ++differing;
    }
    CHECK(with_conversions >= 5);
    // Translated, not copied: (a few texts such as "EPSG" may be the same in both)
    CHECK(differing >= z.size() - 5);
    // Spot checks against the files.
    CHECK(std::string(zh.layers) == "图层");
    CHECK(std::string(en.layers) == "Layers");
    CHECK(std::string(zh.pixel) == "1 像素 = %.2f 米");
}
