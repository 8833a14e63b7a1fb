// Command-line options shared by every subcommand that loads data (info, plan, open ...).
#pragma once

#include "geo/core/diagnostics.hpp"
#include "geo/ingest/ingest.hpp"

namespace renoplan::cli {

class ArgParser;

void add_load_options(ArgParser& parser);
// Reads them back; positional arguments are the sources. Throws ConfigError when none is given.
ingest::LoadOptions read_load_options(const ArgParser& parser);

// Prints diagnostics to stderr: verbosity 0 errors only, 1 warnings and errors, 2 everything.
void print_diagnostics(const Diagnostics& diagnostics, int verbosity);

} // namespace renoplan::cli
