// `renoplan fields [ROLE]`: the canonical fields renoplan looks for, with the source field names
// it recognises - what to name a field, or what to write in renoplan.json's "fields".
#include <cstdio>
#include <string>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "geo/core/error.hpp"
#include "geo/ingest/fields.hpp"

namespace renoplan::cli {

namespace {

const char* kind_name(ingest::ValueKind kind) {
    switch (kind) {
    case ingest::ValueKind::Text:
        return "text";
    case ingest::ValueKind::Integer:
        return "integer";
    case ingest::ValueKind::Real:
        return "number";
    case ingest::ValueKind::Year:
        return "year (1998, 1998年, 90年代 ...)";
    case ingest::ValueKind::Bool:
        return "yes/no (是/否, 有/无, Y/N, 1/0)";
    case ingest::ValueKind::Share:
        return "share (0-1, 0-100, 66.7%, 2/3)";
    case ingest::ValueKind::Enum:
        return "one of";
    }
    return "";
}

void print_role(Role role) {
    std::printf("%s (%s)\n", std::string(to_string(role)).c_str(),
                std::string(label_zh(role)).c_str());
    for (const auto& spec : ingest::field_specs(role)) {
        std::printf("  %-24s %s / %s%s\n", std::string(spec.name).c_str(),
                    std::string(spec.label_zh).c_str(), std::string(spec.label_en).c_str(),
                    spec.required ? "  [required]" : "");
        std::string line = "      ";
        line += kind_name(spec.kind);
        if (!spec.unit.empty()) line += ", unit " + std::string(spec.unit);
        if (spec.kind == ingest::ValueKind::Enum) {
            line += ":";
            for (size_t k = 0; k < spec.values.size(); ++k) {
                line += (k ? ", " : " ") + std::string(spec.values[k].value);
                if (!spec.values[k].aliases.empty())
                    line += " (" + std::string(spec.values[k].aliases.front()) + ")";
            }
        }
        std::printf("%s\n      names: ", line.c_str());
        for (size_t k = 0; k < spec.aliases.size(); ++k)
            std::printf("%s%s", k ? ", " : "", std::string(spec.aliases[k]).c_str());
        std::printf("\n");
    }
}

} // namespace

int run_fields(const std::vector<std::string>& args, GlobalOptions global) {
    ArgParser parser("fields", "[ROLE]",
                     "Lists the canonical fields of each role (or of one ROLE: communities, "
                     "buildings, pipelines, roads, water, zoning, facilities, protected), the "
                     "source field names recognised for them, and how values are read. Bind "
                     "other names in renoplan.json: \"fields\": {\"built_year\": \"JCND\"}.");
    add_common_options(parser);
    parser.parse(args);
    if (parser.help_requested()) {
        std::printf("%s", parser.help_text().c_str());
        return kExitOk;
    }
    (void)read_common_options(parser, global);
    if (parser.positional().size() > 1)
        throw ConfigError({}, "renoplan fields takes at most one role");
    if (parser.positional().empty()) {
        for (Role role : kAllRoles) {
            print_role(role);
            std::printf("\n");
        }
        return kExitOk;
    }
    const auto role = parse_role(parser.positional()[0]);
    if (!role || *role == Role::Unknown)
        throw ConfigError({}, "unknown role '" + parser.positional()[0] + "'",
                          "use communities, buildings, pipelines, roads, water, zoning, "
                          "facilities or protected (or 小区, 楼栋, ...)");
    print_role(*role);
    return kExitOk;
}

} // namespace renoplan::cli
