// The Layers panel: visibility and feature counts of the canvas's layers, top to bottom as
// drawn, each with Zoom to layer (a button and the right-click menu) and its style editor (a
// popup), Zoom to all, the switches of the Attributes and Export panels, a path field with Open
// (loads more files, as dropping them onto the window does), the Open dialog's button and the
// Recent files menu.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

// The switches and the Open field the Layers panel shows besides the layers.
struct LayersPanelExtras {
    bool* show_attributes = nullptr;  // checkbox "Attributes" (interactive)
    bool* show_export = nullptr;      // checkbox "Export" (interactive)
    std::string* open_path = nullptr; // the Open field (interactive)
    bool open_clicked = false;        // set when Open was pressed
    bool open_dialog = false;         // set when "Open files…" (the file dialog) was pressed
    std::string loading;              // the progress line of a load ("" = none)
    bool cancel_load = false;         // out: Cancel was pressed beside it
    std::string load_error;           // the last load's error
    bool empty_start = false;         // no sources given: the viewer shows its hint instead
    const std::vector<std::string>* recent = nullptr; // the Recent menu (interactive)
    std::optional<std::string> open_recent;           // out: a recent file clicked
    std::optional<std::string> remove_recent;         // out: a missing one removed
    const Diagnostics* diagnostics = nullptr;         // the load's messages, per layer
};

void draw_layers_panel(const PanelContext& ctx, MapCanvas& canvas, render::MapView& view,
                       bool interactive, LayersPanelExtras& extras);

} // namespace renoplan::gui
