#include "app/gui/panels/export_panel.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>

#include "geo/export/plan_export.hpp"

namespace renoplan::gui {

namespace {

void result_line(const Strings& text, const std::string& message, bool failed) {
    if (message.empty()) return;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    if (failed)
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1.0f), "%s", message.c_str());
    else
        ImGui::Text(text.saved, message.c_str());
    ImGui::PopTextWrapPos();
}

} // namespace

ExportPanel::~ExportPanel() {
    if (m_writing.valid()) m_writing.wait();
}

void ExportPanel::poll() {
    if (!m_writing.valid() ||
        m_writing.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    const std::string error = m_writing.get();
    m_plan_failed = !error.empty();
    m_plan_message = m_plan_failed ? error : m_written_path;
}

void ExportPanel::draw(const PanelContext& ctx, const PlanPanel* plan, const Dataset& input,
                       const std::vector<std::string>& inputs) {
    poll();
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 10), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0));
    ImGui::SetNextWindowBgAlpha(0.95f);
    const std::string title = std::string(ctx.text.export_) + "###export";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        // The plan GeoPackage.
        const std::shared_ptr<const analysis::Plan> planned = plan ? plan->plan() : nullptr;
        const bool writing = m_writing.valid();
        ImGui::TextUnformatted(ctx.text.save_plan);
        if (!planned) {
            ImGui::TextDisabled("%s", ctx.text.need_plan);
        } else {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
            ImGui::InputText("##plan_path", &m_plan_path);
            ImGui::Checkbox(ctx.text.overwrite, &m_overwrite);
            ImGui::SameLine();
            ImGui::BeginDisabled(writing || m_plan_path.empty());
            if (ImGui::Button(ctx.text.save_plan)) {
                exporter::WriteOptions options;
                options.crs = input.working_crs;
                options.inputs = inputs;
                options.force = m_overwrite;
                m_progress = std::make_shared<Progress>();
                options.progress = m_progress.get();
                exporter::RunInfo run;
                run.created_utc = exporter::utc_now();
                run.inputs = inputs;
                run.command = "renoplan open (Export panel)";
                m_written_path = m_plan_path;
                m_plan_message.clear();
                m_writing = std::async(
                    std::launch::async,
                    [path = m_plan_path, &input, planned, params = plan->plan_params(), run,
                     options, progress = m_progress]() -> std::string {
                        try {
                            exporter::write_plan(path, input, *planned, params, run, options);
                            return {};
                        } catch (const std::exception& e) {
                            const std::string what = e.what();
                            return what.empty() ? std::string("error") : what;
                        }
                    });
            }
            ImGui::EndDisabled();
            if (writing && m_progress) {
                const Progress::Snapshot snap = m_progress->snapshot();
                ImGui::TextDisabled("%s: %s %d%%", ctx.text.running, snap.stage.c_str(),
                                    int(std::lround(100.0 * snap.fraction())));
                ImGui::SameLine();
                if (ImGui::SmallButton(ctx.text.cancel)) m_progress->cancel();
            }
            result_line(ctx.text, m_plan_message, m_plan_failed);
        }

        // The view as PNG.
        ImGui::Separator();
        ImGui::TextUnformatted(ctx.text.save_png);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
        ImGui::InputText("##png_path", &m_png.path);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
        int size[2] = {m_png.width, m_png.height};
        if (ImGui::InputInt2(ctx.text.size_px, size)) {
            m_png.width = std::clamp(size[0], 16, 16384);
            m_png.height = std::clamp(size[1], 16, 16384);
        }
        ImGui::SameLine();
        ImGui::BeginDisabled(m_png.path.empty());
        if (ImGui::Button(ctx.text.save_png)) m_png_requested = true;
        ImGui::EndDisabled();
        result_line(ctx.text, m_png_message, m_png_failed);
    }
    record_window(ctx.ui_rects);
    ImGui::End();
}

std::optional<ExportPanel::PngRequest> ExportPanel::take_png_request() {
    if (!m_png_requested) return std::nullopt;
    m_png_requested = false;
    return m_png;
}

void ExportPanel::png_done(const std::string& path, const std::string& error) {
    m_png_failed = !error.empty();
    m_png_message = m_png_failed ? error : path;
}

} // namespace renoplan::gui
