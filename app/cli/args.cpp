#include "app/cli/args.hpp"

#include <algorithm>

#include "geo/core/error.hpp"

namespace renoplan::cli {

ArgParser::ArgParser(std::string command, std::string usage, std::string description)
    : m_command(std::move(command)), m_usage(std::move(usage)),
      m_description(std::move(description)) {
    flag("help", "show this help and exit", 'h');
}

ArgParser& ArgParser::option(OptionSpec spec) {
    m_specs.push_back(std::move(spec));
    return *this;
}

ArgParser& ArgParser::flag(std::string name, std::string help, char short_name) {
    return option({std::move(name), short_name, {}, std::move(help), {}, false});
}

ArgParser& ArgParser::value(std::string name, std::string value_name, std::string help,
                            std::string default_text, char short_name) {
    return option({std::move(name), short_name, std::move(value_name), std::move(help),
                   std::move(default_text), false});
}

ArgParser& ArgParser::repeatable(std::string name, std::string value_name, std::string help) {
    return option({std::move(name), 0, std::move(value_name), std::move(help), {}, true});
}

const OptionSpec* ArgParser::find(const std::string& name) const {
    for (const auto& s : m_specs)
        if (s.name == name) return &s;
    return nullptr;
}

const OptionSpec* ArgParser::find_short(char c) const {
    for (const auto& s : m_specs)
        if (s.short_name == c) return &s;
    return nullptr;
}

void ArgParser::parse(const std::vector<std::string>& args) {
    auto fail = [&](const std::string& msg) {
        throw ConfigError({}, "renoplan " + m_command + ": " + msg,
                          "see 'renoplan " + m_command + " --help'");
    };
    bool only_positional = false;
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (only_positional || a.size() < 2 || a[0] != '-') {
            m_positional.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positional = true;
            continue;
        }
        const OptionSpec* spec = nullptr;
        std::optional<std::string> inline_value;
        if (a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            if (auto eq = name.find('='); eq != std::string::npos) {
                inline_value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            spec = find(name);
            if (!spec) fail("unknown option --" + name);
        } else {
            spec = find_short(a[1]);
            if (!spec) fail("unknown option " + a.substr(0, 2));
            if (a.size() > 2) {
                if (spec->value_name.empty()) fail("unknown option " + a);
                inline_value = a.substr(2); // -j4
            }
        }
        if (spec->name == "help") {
            m_help = true;
            continue;
        }
        if (spec->value_name.empty()) {
            if (inline_value) fail("option --" + spec->name + " takes no value");
            m_values[spec->name].push_back("1");
            continue;
        }
        std::string v;
        if (inline_value) {
            v = *inline_value;
        } else {
            if (k + 1 >= args.size())
                fail("option --" + spec->name + " needs a value (" + spec->value_name + ")");
            v = args[++k];
        }
        auto& slot = m_values[spec->name];
        if (!spec->repeatable && !slot.empty()) fail("option --" + spec->name + " given twice");
        slot.push_back(v);
    }
}

std::string ArgParser::help_text() const {
    std::string text =
        "usage: renoplan " + m_command + " " + m_usage + "\n\n" + m_description + "\n\noptions:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const auto& s : m_specs) {
        std::string left = s.short_name ? std::string("-") + s.short_name + ", " : "    ";
        left += "--" + s.name;
        if (!s.value_name.empty()) left += " " + s.value_name;
        std::string right = s.help;
        if (!s.default_text.empty()) right += " [default: " + s.default_text + "]";
        if (s.repeatable) right += " (repeatable)";
        width = std::max(width, left.size());
        rows.emplace_back(std::move(left), std::move(right));
    }
    for (const auto& [left, right] : rows)
        text += "  " + left + std::string(width - left.size() + 2, ' ') + right + "\n";
    return text;
}

bool ArgParser::has(const std::string& name) const {
    return m_values.count(name) > 0;
}

std::optional<std::string> ArgParser::get(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::string ArgParser::get_or(const std::string& name, const std::string& fallback) const {
    return get(name).value_or(fallback);
}

std::vector<std::string> ArgParser::get_all(const std::string& name) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

} // namespace renoplan::cli
