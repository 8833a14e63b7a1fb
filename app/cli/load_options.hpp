// Command-line options shared by every subcommand that loads data (info, plan, open ...).
#pragma once

#include "geo/core/diagnostics.hpp"
#include "geo/ingest/ingest.hpp"

namespace renoplan::cli {

class ArgParser;

// `with_jobs`: also --jobs (commands that take it from elsewhere, such as plan, pass false).
void add_load_options(ArgParser& parser, bool with_jobs = true);
// Reads them back; positional arguments are the sources. Throws ConfigError when none is given.
// Throws ConfigError when no source is given, unless `sources_optional` (`renoplan open`).
ingest::LoadOptions read_load_options(const ArgParser& parser, bool sources_optional = false);

// Prints diagnostics to stderr: verbosity 0 errors only, 1 warnings and errors, 2 everything.
void print_diagnostics(const Diagnostics& diagnostics, int verbosity);

} // namespace renoplan::cli
