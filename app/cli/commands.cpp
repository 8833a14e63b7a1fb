#include "app/cli/commands.hpp"

#include "app/cli/args.hpp"

namespace renoplan::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"info", "read sources and report layers, roles, fields, CRS, encodings and repairs",
         &run_info},
        {"plan", "eligibility, consent, districts and spare land -> a styled plan GeoPackage",
         &run_plan},
        {"fields", "list the canonical fields and the source field names recognised for them",
         &run_fields},
        {"generate", "write a synthetic Suining-like town (sample and benchmark data)",
         &run_generate},
        {"open", "show sources or a plan on a map (desktop viewer; --screenshot writes a PNG)",
         &run_open},
    };
    return list;
}

void add_common_options(ArgParser& parser) {
    parser.flag("quiet", "print errors only; no progress bar", 'q');
    parser.flag("verbose", "print every diagnostic and timing", 'v');
}

GlobalOptions read_common_options(const ArgParser& parser, GlobalOptions base) {
    if (parser.has("quiet")) base.verbosity = 0;
    if (parser.has("verbose")) base.verbosity = 2;
    return base;
}

} // namespace renoplan::cli
