// Map labels without OpenGL: where a feature's label goes (a point inside it, computed once) and
// which labels of a frame are drawn (greedy by priority, none overlapping another). The viewer
// measures the texts and draws them; the rule lives here so it is tested without a GPU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/layer.hpp"

namespace renoplan::render {

// The label of one feature: its text and a point inside it (GEOSPointOnSurface), in the
// working CRS.
struct LabelAnchor {
    uint32_t row = 0;
    std::string text;
    double x = 0.0, y = 0.0;
    double size = 0.0; // area for polygons, length for lines: larger features are labelled first
};

// Anchors of the features of `layer` with a non-empty value in `field` (the canonical field of
// that name when bound, else the source field); features GEOS cannot handle are skipped.
std::vector<LabelAnchor> label_anchors(const Layer& layer, std::string_view field);

// A rectangle in screen pixels (x to the right, y down).
struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const ScreenRect& o) const {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
    }
};

// A label that could be drawn this frame: its text box centred on (x, y).
struct LabelCandidate {
    float x = 0, y = 0;          // anchor on screen (pixels)
    float width = 0, height = 0; // the text's size (pixels)
    int priority = 0;            // higher is placed first (districts above communities)
    double size = 0.0;           // then larger features first
    ScreenRect rect(float padding = 0.0f) const {
        return {x - 0.5f * width - padding, y - 0.5f * height - padding, x + 0.5f * width + padding,
                y + 0.5f * height + padding};
    }
};

// Greedy placement: candidates by priority, then size (both descending; ties keep their
// order); each is placed unless its rectangle, grown by `padding` pixels, overlaps a label
// already placed or one of `blocked` (overlay windows), or leaves the screen `bounds`.
// Returns the indices of the placed candidates in placement order.
std::vector<size_t> place_labels(std::span<const LabelCandidate> candidates, ScreenRect bounds,
                                 std::span<const ScreenRect> blocked = {}, float padding = 2.0f);

} // namespace renoplan::render
