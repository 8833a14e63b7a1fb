// renoplan: planning the renovation of old urban residential communities.
// Entry point: dispatches to a subcommand (app/cli/) and turns exceptions into messages.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "app/cli/commands.hpp"
#include "geo/core/error.hpp"
#include "geo/version.hpp"

namespace {

void print_usage() {
    std::printf("renoplan %s - planning the renovation of old urban residential communities\n\n"
                "usage: renoplan [--quiet|--verbose] COMMAND [options] [SOURCE...]\n"
                "       renoplan --version | --help\n\ncommands:\n",
                renoplan::kVersion);
    for (const auto& c : renoplan::cli::commands())
        std::printf("  %-10s %s\n", c.name, c.summary);
    std::printf("\n'renoplan COMMAND --help' describes a command's options.\n");
}

} // namespace

int main(int argc, char** argv) {
    using namespace renoplan::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    GlobalOptions global;
    size_t k = 0;
    for (; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (a == "--quiet" || a == "-q")
            global.verbosity = 0;
        else if (a == "--verbose" || a == "-v")
            global.verbosity = 2;
        else if (a == "--version" || a == "-V") {
            std::printf("renoplan %s\n", renoplan::kVersion);
            return kExitOk;
        } else if (a == "--help" || a == "-h" || a == "help") {
            print_usage();
            return kExitOk;
        } else
            break;
    }
    if (k >= args.size()) {
        print_usage();
        return kExitUsage;
    }
    const std::string name = args[k];
    std::vector<std::string> rest(args.begin() + static_cast<long>(k) + 1, args.end());
    for (const auto& c : commands()) {
        if (name != c.name) continue;
        try {
            return c.run(rest, global);
        } catch (const renoplan::ConfigError& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return kExitUsage;
        } catch (const renoplan::Cancelled&) {
            std::fprintf(stderr, "cancelled\n");
            return kExitCancelled;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return kExitFailure;
        }
    }
    std::fprintf(stderr, "error: unknown command '%s' (see 'renoplan --help')\n", name.c_str());
    return kExitUsage;
}
