// The Viewer's readouts and map aids: the status line (cursor in the working CRS and as
// longitude/latitude, metres per pixel, map scale 1:N, "Drawing…"), the north arrow, the keyboard
// shortcuts on the map, the Open dialog, and what the view record says of them. See
// viewer_impl.hpp.
#include <imgui.h>

#include <cstdio>
#include <string>

#include "app/gui/tools/map_keys.hpp"
#include "app/gui/viewer_impl.hpp"
#include "geo/core/error.hpp"

namespace renoplan::gui::detail {

// The working CRS <-> EPSG:4490 transformations, made again when the working CRS changes (the
// first files opened into an empty map set it). nullptr when there is none or PROJ refuses it.
const render::GeographicReadout* Viewer::readout() {
    if (m_dataset.working_crs != m_readout_crs) {
        m_readout_crs = m_dataset.working_crs;
        m_readout.reset();
        if (!m_readout_crs.empty()) {
            try {
                m_readout = std::make_unique<render::GeographicReadout>(m_readout_crs);
            } catch (const std::exception& e) {
                if (m_options.verbosity > 0)
                    std::fprintf(stderr, "warning: no longitude/latitude readout for %s: %s\n",
                                 m_readout_crs.c_str(), e.what());
            }
        }
    }
    return m_readout.get();
}

void Viewer::draw_status(const PanelContext& ctx, bool interactive) {
    const ImGuiIO& io = ImGui::GetIO();
    StatusLineInput in;
    in.crs = m_dataset.working_crs;
    in.cursor = interactive && ImGui::IsMousePosValid() && !io.WantCaptureMouse;
    if (in.cursor) m_view.to_world(io.MousePos.x, io.MousePos.y, in.cursor_x, in.cursor_y);
    in.readout = readout();
    in.units_per_pixel = m_view.units_per_pixel;
    in.mm_per_pixel = m_mm_per_pixel;
    // the previous frame's map (this frame's is drawn after the status line)
    in.drawing = m_use_cache && !m_cache.complete();
    m_status = draw_status_line(ctx, in);
    m_status_height = m_status.height;
}

// Above the scale bar, at its left edge (the legend is bottom right): clear of both.
void Viewer::draw_north_arrow_above(ImDrawList* list, const Rect& scale_bar) {
    const float left = scale_bar.x1 > scale_bar.x0 ? scale_bar.x0 : 10.0f;
    const float bottom = scale_bar.y1 > scale_bar.y0
                             ? scale_bar.y0 - 8.0f
                             : float(m_view.height) - m_status_height - 14.0f;
    const render::GeographicReadout* r = readout();
    const auto convergence =
        r ? r->convergence_deg(m_view.center_x, m_view.center_y) : std::optional<double>{};
    m_north = draw_north_arrow(list, *m_text, convergence, left, bottom);
    if (m_north.shown) m_ui_rects.push_back(m_north.rect);
}

// Home/0, +/-, arrows, Z - not while a text field has the keys or the Open dialog is up.
void Viewer::handle_map_keys(bool interactive) {
    if (!interactive || m_browser.is_open()) return;
    const auto command = map_key_command();
    if (!command) return;
    const Box selection = *command == render::ViewCommand::ZoomSelection
                              ? m_identify.selection_box(*m_canvas)
                              : Box{};
    render::apply_view_command(m_view, *command, m_canvas->extent(), selection);
}

void Viewer::draw_file_browser(const PanelContext& ctx) {
    if (!m_browser.is_open()) return;
    const std::vector<std::string> chosen = m_browser.draw(ctx);
    if (m_browser.take_new_listing()) {
        // The folder, its entries' names and the error may have characters the font lacks:
        // add the non-ASCII ones' texts and rebuild the font before the next frame.
        const FolderListing& listing = m_browser.listing();
        const size_t before = m_browser_glyphs.size();
        const auto add = [&](const std::string& t) {
            for (unsigned char ch : t)
                if (ch >= 0x80) {
                    m_browser_glyphs += t + " ";
                    return;
                }
        };
        add(listing.folder.string());
        add(listing.error);
        for (const BrowserEntry& e : listing.entries)
            add(e.name);
        if (m_browser_glyphs.size() != before) m_font_dirty = true;
        m_settings.file_dialog_folder = m_browser.listing().folder.string();
    }
    if (m_browser.take_closed()) save_settings_now(); // the last folder
    if (!chosen.empty()) start_loading(chosen);       // as dropped files
}

// The view record's status line texts, north arrow, the view centre as longitude/latitude and
// the Open dialog's listing (when shown).
void Viewer::record_map_info(nlohmann::json& j) {
    j["status"] = {{"crs", m_status.crs},           {"cursor", m_status.cursor},
                   {"lonlat", m_status.lonlat},     {"pixel", m_status.pixel},
                   {"scale", m_status.scale},       {"drawing", m_status.drawing},
                   {"mm_per_pixel", m_mm_per_pixel}};
    nlohmann::json arrow{{"shown", m_north.shown}};
    if (m_north.shown) {
        arrow["convergence_deg"] = m_north.convergence_deg;
        arrow["rect"] = {m_north.rect.x0, m_north.rect.y0, m_north.rect.x1, m_north.rect.y1};
    }
    j["north_arrow"] = arrow;
    if (m_browser.is_open()) { // --panel open: the Open dialog's folder and entries, in order
        const FolderListing& listing = m_browser.listing();
        nlohmann::json dialog{{"folder", listing.folder.string()}, {"error", listing.error}};
        dialog["entries"] = nlohmann::json::array();
        for (const BrowserEntry& e : listing.entries)
            dialog["entries"].push_back({{"name", e.name}, {"folder", e.is_folder}});
        j["file_dialog"] = dialog;
    }
    double lon = 0.0, lat = 0.0;
    if (const render::GeographicReadout* r = readout();
        r && r->to_lonlat(m_view.center_x, m_view.center_y, lon, lat))
        j["center_lonlat"] = {lon, lat};
}

} // namespace renoplan::gui::detail
