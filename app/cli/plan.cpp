// `renoplan plan SOURCE... -o plan.gpkg`: load, assess eligibility and consent, group districts,
// find spare land, write the plan GeoPackage. Every analysis parameter is an option generated
// from analysis::plan_param_specs(), the same description the config file and the GUI use.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <memory>

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#endif

#include <nlohmann/json.hpp>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/load_options.hpp"
#include "app/cli/progress_bar.hpp"
#include "geo/analysis/params.hpp"
#include "geo/analysis/plan.hpp"
#include "geo/core/error.hpp"
#include "geo/export/plan_export.hpp"
#include "geo/ingest/ingest.hpp"

namespace renoplan::cli {

namespace {

void add_param_options(ArgParser& parser) {
    const analysis::PlanParams defaults;
    for (const auto& spec : analysis::plan_param_specs()) {
        std::string help(spec.help_en);
        if (!spec.unit.empty() && spec.unit != "share") help += " (" + std::string(spec.unit) + ")";
        if (spec.type == analysis::ParamType::Bool) {
            parser.flag(std::string(spec.flag),
                        help + " [default: " + analysis::param_text(defaults, spec) + "]");
            parser.flag("no-" + std::string(spec.flag),
                        "the opposite of --" + std::string(spec.flag));
            continue;
        }
        std::string value_name = spec.type == analysis::ParamType::Choice ? "" : "X";
        if (spec.type == analysis::ParamType::Choice) {
            for (auto c : spec.choices)
                value_name += (value_name.empty() ? "" : "|") + std::string(c);
        } else if (spec.type == analysis::ParamType::Text) {
            value_name = "LIST";
        } else if (!spec.unit.empty()) {
            value_name = spec.unit == "share" ? "SHARE" : "N";
        }
        parser.value(std::string(spec.flag), value_name, help,
                     analysis::param_text(defaults, spec));
    }
}

analysis::PlanParams read_params(const ArgParser& parser) {
    analysis::PlanParams params;
    if (auto config = parser.get("config")) {
        std::ifstream in(*config);
        if (!in)
            throw ConfigError({*config, {}, {}}, "config file cannot be read", "check the path");
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(in, nullptr, true, true);
        } catch (const nlohmann::json::parse_error& e) {
            throw ConfigError({*config, {}, {}}, std::string("not valid JSON: ") + e.what());
        }
        // Either the parameters themselves or {"plan": {...}} (a section of renoplan.json).
        try {
            analysis::params_from_json(params, j.contains("plan") ? j["plan"] : j);
        } catch (const ConfigError& e) {
            throw ConfigError({*config, {}, {}}, e.message(), e.hint());
        }
    }
    for (const auto& spec : analysis::plan_param_specs()) {
        const std::string flag(spec.flag);
        if (spec.type == analysis::ParamType::Bool) {
            if (parser.has(flag) && parser.has("no-" + flag))
                throw ConfigError({}, "--" + flag + " and --no-" + flag + " contradict each other");
            if (parser.has(flag)) analysis::set_param(params, spec, "true");
            if (parser.has("no-" + flag)) analysis::set_param(params, spec, "false");
        } else if (auto v = parser.get(flag)) {
            analysis::set_param(params, spec, *v);
        }
    }
    analysis::validate(params);
    return params;
}

} // namespace

int run_plan(const std::vector<std::string>& args, GlobalOptions global) {
    ArgParser parser(
        "plan", "SOURCE... -o PLAN.gpkg [options]",
        "Loads the sources, decides each community's eligibility and consent stage, groups "
        "neighbouring communities into renovation districts (统一规划、成片改造), finds the spare "
        "land in them for parking and services, and writes one GeoPackage that opens styled in "
        "QGIS: layers communities, districts, spare_land; tables district_members, plan_summary, "
        "run_info.\nParameters come from their defaults, then --config FILE (JSON), then the "
        "options below.");
    add_common_options(parser);
    parser.value("output", "PLAN.gpkg", "the GeoPackage to write", "", 'o');
    parser.flag("force", "replace the output if it exists (never an input)");
    parser.value("config", "FILE", "plan parameters as JSON ({\"district_distance_m\": 50, ...})");
    add_load_options(parser, /*with_jobs=*/false);
    add_param_options(parser);
    parser.parse(args);
    if (parser.help_requested()) {
        std::printf("%s", parser.help_text().c_str());
        return kExitOk;
    }
    global = read_common_options(parser, global);
    const auto output = parser.get("output");
    if (!output) throw ConfigError({}, "no output given", "name the plan file with -o PLAN.gpkg");
    const analysis::PlanParams params = read_params(parser);
    ingest::LoadOptions load = read_load_options(parser);
    load.jobs = params.jobs;

    // The inputs' SHA-256 for run_info, read beside the work (the files are read-only to us) on
    // a thread that runs only when a core is idle (the analyses keep both busy; the hashes are
    // needed when the plan is written, and a wait for them then finds a core free).
    std::future<std::map<std::string, std::string>> hashes =
        std::async(std::launch::async, [sources = load.sources] {
#ifdef __linux__
            sched_param idle{};
            pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);
#endif
            return exporter::input_hashes(sources);
        });
    Progress progress;
    auto bar = std::make_unique<ProgressBar>(progress, ProgressBar::wanted(global.verbosity));
    const auto started = std::chrono::steady_clock::now();
    const Dataset dataset = ingest::load_dataset(load, progress);
    if (dataset.layers.empty()) {
        bar->finish();
        print_diagnostics(dataset.diagnostics, global.verbosity);
        return kExitFailure;
    }

    const auto loaded = std::chrono::steady_clock::now();
    const analysis::Plan plan = analysis::run_plan(dataset, params, progress);
    const auto planned = std::chrono::steady_clock::now();
    exporter::RunInfo run;
    run.created_utc = exporter::utc_now();
    run.inputs = load.sources;
    run.hashes = hashes.get();
    run.command = "renoplan plan";
    for (const auto& a : args)
        run.command += " " + a;
    exporter::WriteOptions wo;
    wo.crs = dataset.working_crs;
    wo.inputs = load.sources;
    wo.force = parser.has("force");
    wo.progress = &progress;
    exporter::write_plan(*output, dataset, plan, params, run, wo);
    bar->finish();
    print_diagnostics(dataset.diagnostics, global.verbosity);
    print_diagnostics(plan.diagnostics, global.verbosity);

    if (global.verbosity > 0) {
        const auto written = std::chrono::steady_clock::now();
        auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
        const double seconds = secs(started, written);
        const auto& t = plan.summary.front();
        std::printf("plan written to %s in %.1f s\n", output->c_str(), seconds);
        std::printf("  communities: %lld (%lld households, %lld buildings)\n",
                    static_cast<long long>(t.communities), static_cast<long long>(t.households),
                    static_cast<long long>(t.buildings));
        std::printf("  eligible:    %lld communities, %lld households, %lld buildings; %lld to "
                    "verify\n",
                    static_cast<long long>(t.eligible_communities),
                    static_cast<long long>(t.eligible_households),
                    static_cast<long long>(t.eligible_buildings),
                    static_cast<long long>(t.unknown_communities));
        std::printf("  consent:     %lld communities reach the threshold\n",
                    static_cast<long long>(t.consented_communities));
        std::printf("  districts:   %zu (%.1f ha)\n", plan.districts.districts.size(),
                    t.area_m2 / 10000.0);
        std::printf("  spare land:  %zu pieces, %.1f ha, %lld parking stalls\n",
                    plan.spare_land.pieces.size(), t.spare_area_m2 / 10000.0,
                    static_cast<long long>(t.parking_stalls));
        if (global.verbosity > 1) {
            std::printf("  timings:     load %.2f s", secs(started, loaded));
            for (const auto& tm : plan.timings)
                std::printf(", %s %.2f s", tm.stage.c_str(), tm.seconds);
            std::printf(", write %.2f s\n", secs(planned, written));
            const auto& st = plan.spare_land.times;
            std::printf(
                "  spare land:  thread time subtract %.2f s (overlays %.2f s), width %.2f s, "
                "classify %.2f s (parking layout %.2f s)\n",
                st.subtract_s, st.overlay_s, st.width_s, st.classify_s, st.parking_s);
        }
    }
    return kExitOk;
}

} // namespace renoplan::cli
