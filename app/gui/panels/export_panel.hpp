// The Export panel: "Save plan GeoPackage" writes the Plan panel's last plan with
// exporter::write_plan - exactly the writer of 'renoplan plan', with its refusals (never over an
// input; an existing file only with the Overwrite box ticked) - on a worker thread with a
// progress line and Cancel, the result or the error shown below; "Save view as PNG" asks the viewer
// to render the current view (the same world extent, map only) offscreen at the chosen size through
// the screenshot mode's code.
#pragma once

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/panels/common.hpp"
#include "app/gui/panels/plan_panel.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::gui {

class ExportPanel {
public:
    struct PngRequest {
        std::string path;
        int width = 1920;
        int height = 1080;
    };

    ~ExportPanel(); // waits for a GeoPackage being written

    // `plan`: the Plan panel (nullptr when it is not shown); `input`: the dataset planned;
    // `inputs`: the paths it was loaded from (the writer refuses to write over them).
    void draw(const PanelContext& ctx, const PlanPanel* plan, const Dataset& input,
              const std::vector<std::string>& inputs);

    // The PNG the user asked for since the last call (the viewer renders it between frames).
    std::optional<PngRequest> take_png_request();
    // Whether a GeoPackage is being written (the dataset must not change meanwhile).
    bool busy() const { return m_writing.valid(); }
    // The viewer's answer to a PNG request: "" = written.
    void png_done(const std::string& path, const std::string& error);

private:
    void poll();

    std::string m_plan_path = "plan.gpkg";
    bool m_overwrite = false;
    std::future<std::string> m_writing;   // "" = written, else the error
    std::shared_ptr<Progress> m_progress; // of the write: its progress line and Cancel
    std::string m_written_path;
    std::string m_plan_message;
    bool m_plan_failed = false;

    PngRequest m_png{"view.png", 1920, 1080};
    bool m_png_requested = false;
    std::string m_png_message;
    bool m_png_failed = false;
};

} // namespace renoplan::gui
