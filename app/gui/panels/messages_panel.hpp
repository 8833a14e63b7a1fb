// The Messages panel: the warnings and errors of loading (open when nothing could be shown). A
// message that names a feature on the map (source, layer and feature id; geo/render/
// feature_link) is a link: a click selects the feature and zooms the map to it (its layer is
// switched on). Other messages are plain text.
#pragma once

#include <optional>
#include <vector>

#include "app/gui/map_canvas.hpp"
#include "app/gui/panels/common.hpp"
#include "app/gui/panels/identify_panel.hpp"
#include "geo/model/layer.hpp"
#include "geo/render/feature_link.hpp"
#include "geo/render/view.hpp"

namespace renoplan::gui {

class MessagesPanel {
public:
    // At most this many messages are listed.
    static constexpr size_t kMaxShown = 30;

    void draw(const PanelContext& ctx, const Dataset& dataset, MapCanvas& canvas,
              render::MapView& view, IdentifyPanel& identify);
    // Forgets the links (the canvas's layers changed).
    void clear() { m_links_for = nullptr; }
    // The panel starts unfolded (it starts folded when something could be shown).
    bool start_unfolded = false;

private:
    // The links of the shown messages, resolved once per canvas and number of messages.
    const MapCanvas* m_links_for = nullptr;
    size_t m_links_count = 0;
    std::vector<const Diagnostic*> m_shown;
    std::vector<std::optional<render::FeatureLink>> m_links;
};

} // namespace renoplan::gui
