// The Plan panel: the parameters of `renoplan plan` as a form generated from
// analysis::plan_param_specs() (the description the CLI uses), checked by set_param/validate
// with the error in red beside the field; Run plans the loaded dataset on a worker thread with a
// progress bar and Cancel; the result layers go to the map (the viewer takes them) and a summary
// with a households-per-county bar chart stays under the form.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/panels/common.hpp"
#include "geo/analysis/params.hpp"
#include "geo/analysis/plan.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::gui {

class PlanPanel {
public:
    enum class State { Idle, Running, Done, Cancelled, Failed };

    explicit PlanPanel(const Dataset& input);
    ~PlanPanel(); // cancels a run and waits for it
    PlanPanel(const PlanPanel&) = delete;
    PlanPanel& operator=(const PlanPanel&) = delete;

    // Plans in this thread (screenshot mode); afterwards the panel is as after a run on the
    // worker. Returns true on success.
    bool run_now();
    // Starts a run on the worker thread (ignored while one runs).
    void start();
    void cancel();

    // The result layers of a run that finished since the last call (the viewer shows them;
    // they must outlive the canvas drawing them), or nullptr.
    std::unique_ptr<Dataset> take_results();

    void draw(const PanelContext& ctx);

    State state() const { return m_state; }
    const std::string& error() const { return m_error; }
    const std::vector<analysis::SummaryRow>& summary() const { return m_summary; }
    const analysis::SummaryRow* total() const;
    // The last successful run's plan and the parameters it ran with (the Export panel writes
    // them with exporter::write_plan, as 'renoplan plan' does), or nullptr before one.
    std::shared_ptr<const analysis::Plan> plan() const { return m_plan; }
    const analysis::PlanParams& plan_params() const { return m_plan_params; }
    // "idle", "running", "done", "cancelled", "failed".
    static const char* state_name(State state);
    // Every text the panel may show besides the UI strings (the font's glyph ranges).
    std::vector<std::string> glyph_texts() const;

private:
    struct Outcome {
        State state = State::Idle;
        std::string error;
        std::vector<analysis::SummaryRow> summary;
        std::unique_ptr<Dataset> layers;
        std::shared_ptr<const analysis::Plan> plan;
        analysis::PlanParams params;
    };
    // One form field: what is being edited and the error of the last edit ("" = accepted).
    struct Field {
        double real = 0.0;
        int integer = 0;
        bool flag = false;
        int choice = 0;
        std::string text;
        std::string error;
    };

    static Outcome execute(const Dataset& input, const analysis::PlanParams& params,
                           Progress& progress);
    void adopt(Outcome outcome);
    void poll();
    void edit(size_t index, const std::string& value);
    void draw_form(const PanelContext& ctx);
    void draw_summary(const PanelContext& ctx);
    struct Bar {
        std::string name;
        int64_t total = 0;
        int64_t part = 0; // the eligible part, drawn darker inside the bar
    };
    void bar_chart(const PanelContext& ctx, const char* title, std::vector<Bar> bars, size_t limit);
    static constexpr size_t kDistrictBars = 12;

    const Dataset& m_input;
    analysis::PlanParams m_params; // the last accepted values
    std::vector<Field> m_fields;   // per plan_param_specs() entry
    State m_state = State::Idle;
    std::string m_error;
    std::vector<analysis::SummaryRow> m_summary;
    std::unique_ptr<Dataset> m_fresh;             // finished results not yet taken
    std::shared_ptr<const analysis::Plan> m_plan; // the last successful run
    analysis::PlanParams m_plan_params;

    std::unique_ptr<Progress> m_progress;
    std::thread m_worker;
    std::mutex m_mutex; // guards m_finished and m_outcome
    bool m_finished = false;
    Outcome m_outcome;
};

} // namespace renoplan::gui
