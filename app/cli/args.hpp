// A small declarative command-line parser: each subcommand declares its options once; parsing,
// validation and the --help text all come from that declaration.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace renoplan::cli {

struct OptionSpec {
    std::string name;         // long name without dashes, e.g. "assume-crs"
    char short_name = 0;      // e.g. 'o'; 0 for none
    std::string value_name;   // e.g. "CRS"; empty for a flag
    std::string help;         // one line
    std::string default_text; // shown in --help when not empty
    bool repeatable = false;  // may be given several times
};

class ArgParser {
public:
    ArgParser(std::string command, std::string usage, std::string description);

    ArgParser& option(OptionSpec spec);
    ArgParser& flag(std::string name, std::string help, char short_name = 0);
    ArgParser& value(std::string name, std::string value_name, std::string help,
                     std::string default_text = {}, char short_name = 0);
    ArgParser& repeatable(std::string name, std::string value_name, std::string help);

    // Parses args (without the program and command names). Throws renoplan::ConfigError with a
    // message naming the bad option. `--help` sets help_requested().
    void parse(const std::vector<std::string>& args);

    bool help_requested() const { return m_help; }
    std::string help_text() const;

    bool has(const std::string& name) const;
    std::optional<std::string> get(const std::string& name) const;
    std::string get_or(const std::string& name, const std::string& fallback) const;
    std::vector<std::string> get_all(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    const OptionSpec* find(const std::string& name) const;
    const OptionSpec* find_short(char c) const;

    std::string m_command, m_usage, m_description;
    std::vector<OptionSpec> m_specs;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positional;
    bool m_help = false;
};

} // namespace renoplan::cli
