// From a message to the feature it names, without OpenGL: a Diagnostic's context (source, layer,
// feature id) resolved to a row of one of the layers on the map and the box to zoom to, so the
// Messages panel can select and show it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "geo/core/diagnostics.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::render {

struct FeatureLink {
    size_t layer = 0; // index into the layers given
    uint32_t row = 0;
    Box box; // the feature's box (working CRS)
};

// The feature a context names: it must have a feature id, and a layer read from the same source
// (`LayerSource::path`) with the context's layer name inside it (`LayerSource::layer_name`, which
// a layer the viewer renamed "小区 (2)" keeps) must hold that feature id; the first such layer.
// Null entries (hidden layers) are skipped. Nothing when the feature is not on the map (e.g. it was
// skipped at load).
std::optional<FeatureLink> find_feature(std::span<const Layer* const> layers,
                                        const ErrorContext& context);

// find_feature for each diagnostic, in order; each layer's ids are indexed once.
std::vector<std::optional<FeatureLink>> find_features(std::span<const Layer* const> layers,
                                                      std::span<const Diagnostic> diagnostics);

// The warnings and errors (not the notes) of `diagnostics` about `layer`: those whose context
// names the layer's source and its name inside that source (as find_feature); in order.
std::vector<const Diagnostic*> layer_diagnostics(const Diagnostics& diagnostics,
                                                 const Layer& layer);

} // namespace renoplan::render
