#include "app/gui/panels/plan_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>

#include "geo/core/error.hpp"
#include "geo/render/plan_result.hpp"

namespace renoplan::gui {

namespace {

using analysis::ParamType;

const char* group_label(const Strings& text, std::string_view group) {
    if (group == "eligibility") return text.group_eligibility;
    if (group == "districts") return text.group_districts;
    if (group == "spare land") return text.group_spare_land;
    if (group == "execution") return text.group_execution;
    return "";
}

// A parameter's unit (params.cpp: "m", "m2", "year" ...) in the interface's language.
const char* unit_label(const Strings& text, std::string_view unit) {
    if (unit == "m") return text.unit_m;
    if (unit == "m2") return text.unit_m2;
    if (unit == "year") return text.unit_year;
    if (unit == "share") return text.unit_share;
    if (unit == "stalls") return text.unit_stalls;
    if (unit == "communities") return text.unit_communities;
    if (unit == "households") return text.unit_households;
    if (unit == "threads") return text.unit_threads;
    return nullptr;
}

std::string real_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// 39663 -> "39,663".
std::string grouped(int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
        out += digits[k];
    }
    return v < 0 ? "-" + out : out;
}

constexpr ImU32 kErrorColor = IM_COL32(200, 30, 30, 255);

} // namespace

PlanPanel::PlanPanel(const Dataset& input) : m_input(input) {
    const auto& specs = analysis::plan_param_specs();
    m_fields.resize(specs.size());
    for (size_t k = 0; k < specs.size(); ++k) {
        const auto& spec = specs[k];
        Field& f = m_fields[k];
        const std::string value = analysis::param_text(m_params, spec);
        switch (spec.type) {
        case ParamType::Real:
            f.real = std::stod(value);
            break;
        case ParamType::Integer:
            f.integer = std::stoi(value);
            break;
        case ParamType::Bool:
            f.flag = value == "true";
            break;
        case ParamType::Choice:
            for (size_t c = 0; c < spec.choices.size(); ++c)
                if (spec.choices[c] == value) f.choice = int(c);
            break;
        case ParamType::Text:
            f.text = value;
            break;
        }
    }
}

PlanPanel::~PlanPanel() {
    if (m_progress) m_progress->cancel();
    if (m_worker.joinable()) m_worker.join();
}

const char* PlanPanel::state_name(State state) {
    switch (state) {
    case State::Idle:
        return "idle";
    case State::Running:
        return "running";
    case State::Done:
        return "done";
    case State::Cancelled:
        return "cancelled";
    case State::Failed:
        return "failed";
    }
    return "";
}

PlanPanel::Outcome PlanPanel::execute(const Dataset& input, const analysis::PlanParams& params,
                                      Progress& progress) {
    Outcome out;
    try {
        auto plan =
            std::make_shared<const analysis::Plan>(analysis::run_plan(input, params, progress));
        progress.throw_if_cancelled();
        progress.set_stage("map layers", 1);
        out.layers = std::make_unique<Dataset>(render::plan_result_layers(input, *plan, params));
        progress.advance();
        out.summary = plan->summary;
        out.plan = std::move(plan);
        out.params = params;
        out.state = State::Done;
    } catch (const Cancelled&) {
        out.state = State::Cancelled;
    } catch (const std::exception& e) {
        out.state = State::Failed;
        out.error = e.what();
    }
    return out;
}

void PlanPanel::adopt(Outcome outcome) {
    m_state = outcome.state;
    m_error = std::move(outcome.error);
    if (outcome.state == State::Done) {
        m_summary = std::move(outcome.summary);
        m_fresh = std::move(outcome.layers);
        m_plan = std::move(outcome.plan);
        m_plan_params = outcome.params;
    }
}

bool PlanPanel::run_now() {
    if (m_state == State::Running) return false;
    m_progress = std::make_unique<Progress>();
    adopt(execute(m_input, m_params, *m_progress));
    return m_state == State::Done;
}

void PlanPanel::start() {
    if (m_state == State::Running) return;
    if (m_worker.joinable()) m_worker.join();
    m_progress = std::make_unique<Progress>();
    m_finished = false;
    m_state = State::Running;
    m_error.clear();
    m_worker = std::thread([this, params = m_params, progress = m_progress.get()] {
        Outcome outcome = execute(m_input, params, *progress);
        const std::lock_guard lock(m_mutex);
        m_outcome = std::move(outcome);
        m_finished = true;
    });
}

void PlanPanel::cancel() {
    if (m_state == State::Running && m_progress) m_progress->cancel();
}

void PlanPanel::poll() {
    if (m_state != State::Running) return;
    Outcome outcome;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_finished) return;
        outcome = std::move(m_outcome);
        m_finished = false;
    }
    m_worker.join();
    adopt(std::move(outcome));
}

std::unique_ptr<Dataset> PlanPanel::take_results() {
    poll();
    return std::move(m_fresh);
}

const analysis::SummaryRow* PlanPanel::total() const {
    for (const auto& row : m_summary)
        if (row.scope == "total") return &row;
    return nullptr;
}

std::vector<std::string> PlanPanel::glyph_texts() const {
    std::vector<std::string> out;
    for (const auto& spec : analysis::plan_param_specs()) {
        out.emplace_back(spec.help_zh);
        out.emplace_back(spec.unit);
    }
    for (const auto& row : m_summary)
        out.push_back(row.name);
    return out;
}

void PlanPanel::edit(size_t index, const std::string& value) {
    const auto& spec = analysis::plan_param_specs()[index];
    analysis::PlanParams trial = m_params;
    try {
        analysis::set_param(trial, spec, value);
        analysis::validate(trial);
        m_params = trial;
        m_fields[index].error.clear();
    } catch (const ConfigError& e) {
        m_fields[index].error = e.message();
    }
}

void PlanPanel::draw_form(const PanelContext& ctx) {
    const auto& specs = analysis::plan_param_specs();
    const bool chinese = ctx.language == Language::Chinese;
    const bool locked = m_state == State::Running;
    if (locked) ImGui::BeginDisabled();
    std::string_view group;
    const float wrap = ImGui::GetContentRegionAvail().x;
    for (size_t k = 0; k < specs.size(); ++k) {
        const auto& spec = specs[k];
        Field& f = m_fields[k];
        if (spec.group != group) {
            group = spec.group;
            ImGui::Spacing();
            ImGui::TextDisabled("%s", group_label(ctx.text, group));
            ImGui::Separator();
        }
        const std::string help(chinese ? spec.help_zh : spec.help_en);
        const std::string id = "##" + std::string(spec.key);
        ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + wrap);
        if (spec.type != ParamType::Bool) ImGui::TextUnformatted(help.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SetNextItemWidth(160.0f);
        switch (spec.type) {
        case ParamType::Real:
            if (ImGui::InputDouble(id.c_str(), &f.real, 0.0, 0.0, "%.6g"))
                edit(k, real_text(f.real));
            break;
        case ParamType::Integer:
            if (ImGui::InputInt(id.c_str(), &f.integer, 0, 0)) edit(k, std::to_string(f.integer));
            break;
        case ParamType::Bool: {
            const std::string label = help + id;
            ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + wrap);
            if (ImGui::Checkbox(label.c_str(), &f.flag)) edit(k, f.flag ? "true" : "false");
            ImGui::PopTextWrapPos();
            break;
        }
        case ParamType::Choice: {
            const std::string current(f.choice >= 0 && size_t(f.choice) < spec.choices.size()
                                          ? spec.choices[size_t(f.choice)]
                                          : std::string_view());
            if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
                for (size_t c = 0; c < spec.choices.size(); ++c) {
                    const std::string choice(spec.choices[c]);
                    if (ImGui::Selectable(choice.c_str(), int(c) == f.choice)) {
                        f.choice = int(c);
                        edit(k, choice);
                    }
                }
                ImGui::EndCombo();
            }
            break;
        }
        case ParamType::Text: {
            char buf[512];
            std::snprintf(buf, sizeof buf, "%s", f.text.c_str());
            if (ImGui::InputText(id.c_str(), buf, sizeof buf)) {
                f.text = buf;
                edit(k, f.text);
            }
            break;
        }
        }
        if (!spec.unit.empty() && spec.type != ParamType::Bool) {
            ImGui::SameLine();
            if (const char* unit = unit_label(ctx.text, spec.unit))
                ImGui::TextDisabled("%s", unit);
            else
                ImGui::TextDisabled("%.*s", int(spec.unit.size()), spec.unit.data());
        }
        if (!f.error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + wrap);
            ImGui::TextUnformatted(f.error.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
    }
    if (locked) ImGui::EndDisabled();
}

void PlanPanel::draw_summary(const PanelContext& ctx) {
    const analysis::SummaryRow* t = total();
    if (!t) return;
    ImGui::Separator();
    ImGui::TextUnformatted(ctx.text.summary);
    int64_t district_count = 0;
    for (const auto& row : m_summary)
        if (row.scope == "district") ++district_count;
    if (ImGui::BeginTable("##summary", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        const auto row = [](const char* label, const std::string& value) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(value.c_str());
        };
        char ha[32];
        std::snprintf(ha, sizeof ha, "%.2f", t->spare_area_m2 / 10000.0);
        row(ctx.text.communities, grouped(t->communities));
        row(ctx.text.households, grouped(t->households));
        row(ctx.text.buildings, grouped(t->buildings));
        row(ctx.text.eligible, grouped(t->eligible_communities));
        row(ctx.text.to_verify, grouped(t->unknown_communities));
        row(ctx.text.consented, grouped(t->consented_communities));
        row(ctx.text.districts, grouped(district_count));
        row(ctx.text.spare_land_ha, ha);
        row(ctx.text.stalls, grouped(t->parking_stalls));
        ImGui::EndTable();
    }

    // Bar charts: per county and per district (the largest kDistrictBars), households and
    // communities, the eligible part darker inside each bar; then the eligibility counts.
    std::vector<Bar> counties_households, counties_communities, districts_households,
        districts_communities;
    for (const auto& r : m_summary) {
        if (r.scope == "county") {
            counties_households.push_back({r.name, r.households, r.eligible_households});
            counties_communities.push_back({r.name, r.communities, r.eligible_communities});
        } else if (r.scope == "district") {
            const std::string name = r.name.empty() ? r.key : r.name;
            districts_households.push_back({name, r.households, r.eligible_households});
            districts_communities.push_back({name, r.communities, r.eligible_communities});
        }
    }
    bar_chart(ctx, ctx.text.households_by_county, counties_households, 0);
    bar_chart(ctx, ctx.text.communities_by_county, counties_communities, 0);
    bar_chart(ctx, ctx.text.households_by_district, districts_households, kDistrictBars);
    bar_chart(ctx, ctx.text.communities_by_district, districts_communities, kDistrictBars);
    const int64_t unknown = t->unknown_communities;
    const int64_t not_eligible = t->communities - t->eligible_communities - unknown;
    bar_chart(ctx, ctx.text.eligibility_counts,
              {{ctx.text.eligible_yes, t->eligible_communities, t->eligible_communities},
               {ctx.text.eligible_no, std::max<int64_t>(not_eligible, 0), 0},
               {ctx.text.eligible_unknown, unknown, 0}},
              0);
}

// One bar per entry, longest first when `limit` cuts the list ("and n more" below), the part
// darker inside the total; figures "total (part)" beside each bar.
void PlanPanel::bar_chart(const PanelContext& ctx, const char* title, std::vector<Bar> bars,
                          size_t limit) {
    int64_t most = 0;
    for (const Bar& b : bars)
        most = std::max(most, b.total);
    if (bars.empty() || most <= 0) return;
    size_t hidden = 0;
    if (limit > 0 && bars.size() > limit) {
        std::stable_sort(bars.begin(), bars.end(),
                         [](const Bar& x, const Bar& y) { return x.total > y.total; });
        hidden = bars.size() - limit;
        bars.resize(limit);
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(title);
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", ctx.text.eligible);
    float name_width = 0.0f, figures_width = 0.0f;
    for (const Bar& b : bars) {
        name_width = std::max(name_width, ImGui::CalcTextSize(b.name.c_str()).x);
        const std::string figures = grouped(b.total) + " (" + grouped(b.part) + ")";
        figures_width = std::max(figures_width, ImGui::CalcTextSize(figures.c_str()).x);
    }
    const float bar_max =
        std::max(40.0f, ImGui::GetContentRegionAvail().x - name_width - figures_width - 32.0f);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    for (const Bar& b : bars) {
        ImGui::TextUnformatted(b.name.c_str());
        ImGui::SameLine(name_width + 16.0f);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = bar_max * float(b.total) / float(most);
        const float we = bar_max * float(b.part) / float(most);
        list->AddRectFilled(ImVec2(p.x, p.y + 2.0f), ImVec2(p.x + w, p.y + h - 2.0f),
                            IM_COL32(0x9e, 0xc9, 0xe2, 255));
        list->AddRectFilled(ImVec2(p.x, p.y + 2.0f), ImVec2(p.x + we, p.y + h - 2.0f),
                            IM_COL32(0x2b, 0x7b, 0xb9, 255));
        ImGui::Dummy(ImVec2(std::max(w, 1.0f), h));
        ImGui::SameLine();
        ImGui::Text("%s (%s)", grouped(b.total).c_str(), grouped(b.part).c_str());
    }
    if (hidden > 0) ImGui::TextDisabled(ctx.text.and_more, hidden);
}

void PlanPanel::draw(const PanelContext& ctx) {
    poll();
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, 40), ImGuiCond_FirstUseEver,
                            ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(std::min(440.0f, io.DisplaySize.x * 0.45f),
                                    std::max(200.0f, io.DisplaySize.y * 0.5f - 40.0f)),
                             ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.95f);
    const std::string title = std::string(ctx.text.plan) + "###plan";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::SetNextItemOpen(m_summary.empty(), ImGuiCond_Appearing);
        if (ImGui::CollapsingHeader(ctx.text.parameters)) {
            ImGui::BeginChild("##form", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f), true);
            draw_form(ctx);
            ImGui::EndChild();
        }
        bool invalid = false;
        for (const Field& f : m_fields)
            invalid = invalid || !f.error.empty();
        if (m_state == State::Running) {
            const Progress::Snapshot snap = m_progress->snapshot();
            char overlay[160];
            if (snap.total > 0)
                std::snprintf(overlay, sizeof overlay, "%s %llu/%llu", snap.stage.c_str(),
                              static_cast<unsigned long long>(snap.done),
                              static_cast<unsigned long long>(snap.total));
            else
                std::snprintf(overlay, sizeof overlay, "%s", snap.stage.c_str());
            ImGui::ProgressBar(float(snap.fraction()), ImVec2(-90.0f, 0.0f), overlay);
            ImGui::SameLine();
            if (m_progress->cancelled()) ImGui::BeginDisabled();
            if (ImGui::Button(ctx.text.cancel)) cancel();
            if (m_progress->cancelled()) ImGui::EndDisabled();
        } else {
            if (invalid || m_input.layers.empty()) ImGui::BeginDisabled();
            if (ImGui::Button(ctx.text.run)) start();
            if (invalid || m_input.layers.empty()) ImGui::EndDisabled();
            ImGui::SameLine();
            if (invalid) {
                ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
                ImGui::TextUnformatted(ctx.text.fix_errors);
                ImGui::PopStyleColor();
            } else if (m_state == State::Done) {
                ImGui::TextUnformatted(ctx.text.done);
            } else if (m_state == State::Cancelled) {
                ImGui::TextUnformatted(ctx.text.cancelled);
            } else if (m_state == State::Failed) {
                ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
                ImGui::PushTextWrapPos(0.0f);
                ImGui::Text("%s: %s", ctx.text.failed, m_error.c_str());
                ImGui::PopTextWrapPos();
                ImGui::PopStyleColor();
            }
        }
        draw_summary(ctx);
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

} // namespace renoplan::gui
