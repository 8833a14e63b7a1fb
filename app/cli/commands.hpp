// The subcommands of the `renoplan` executable. Each lives in its own file under app/cli/ and is
// a thin shell: parse options, call geo/, print.
#pragma once

#include <string>
#include <vector>

namespace renoplan::cli {

class ArgParser;

// --quiet / --verbose, accepted by every subcommand (and before it).
struct GlobalOptions {
    int verbosity = 1; // 0 quiet (errors only), 1 normal, 2 verbose
};

using CommandFn = int (*)(const std::vector<std::string>& args, GlobalOptions global);

struct Command {
    const char* name;
    const char* summary;
    CommandFn run;
};

const std::vector<Command>& commands();

// Adds --quiet/--verbose to a subcommand's parser and reads them back.
void add_common_options(ArgParser& parser);
GlobalOptions read_common_options(const ArgParser& parser, GlobalOptions base);

// Exit codes shared by all subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1; // nothing usable, or the job failed
inline constexpr int kExitUsage = 2;   // bad command line
inline constexpr int kExitCancelled = 130;

int run_info(const std::vector<std::string>& args, GlobalOptions global);
int run_plan(const std::vector<std::string>& args, GlobalOptions global);
int run_fields(const std::vector<std::string>& args, GlobalOptions global);
int run_generate(const std::vector<std::string>& args, GlobalOptions global);
int run_open(const std::vector<std::string>& args, GlobalOptions global);

} // namespace renoplan::cli
