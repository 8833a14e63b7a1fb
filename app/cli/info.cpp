// `renoplan info SOURCE...`: load sources as the analyses would and report what was found.
#include <cstdio>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/load_options.hpp"
#include "app/cli/progress_bar.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/report/info.hpp"

namespace renoplan::cli {

int run_info(const std::vector<std::string>& args, GlobalOptions global) {
    ArgParser parser("info", "[options] SOURCE...",
                     "Reads every layer of the given sources (files, folders, PG: connection "
                     "strings) into the working CRS and reports, per layer: role, features, "
                     "geometry, source CRS -> working CRS, extent, field mapping, text encoding, "
                     "repairs and skipped features.\nExit status 1 only when nothing usable was "
                     "read.");
    add_common_options(parser);
    add_load_options(parser);
    parser.flag("json", "print the report as JSON on stdout");
    parser.parse(args);
    if (parser.help_requested()) {
        std::printf("%s", parser.help_text().c_str());
        return kExitOk;
    }
    global = read_common_options(parser, global);
    const ingest::LoadOptions options = read_load_options(parser);

    Progress progress;
    ProgressBar bar(progress, ProgressBar::wanted(global.verbosity));
    const Dataset dataset = ingest::load_dataset(options, progress);
    bar.finish();

    if (parser.has("json")) {
        std::printf("%s\n", report::dataset_info_json(dataset).dump(2).c_str());
        print_diagnostics(dataset.diagnostics, 0);
    } else {
        print_diagnostics(dataset.diagnostics, global.verbosity);
        if (!dataset.layers.empty())
            std::printf("%s", report::dataset_info_text(dataset, global.verbosity).c_str());
    }
    return dataset.layers.empty() ? kExitFailure : kExitOk;
}

} // namespace renoplan::cli
