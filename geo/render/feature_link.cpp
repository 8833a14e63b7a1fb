#include "geo/render/feature_link.hpp"

#include <string_view>
#include <unordered_map>

namespace renoplan::render {

namespace {

// Whether a message's context is about `layer`: the same source and the same layer name inside
// it (LayerSource::layer_name - a layer the viewer renamed, "小区 (2)", keeps its source's name).
bool names_layer(const ErrorContext& context, const Layer& layer) {
    return layer.source.path == context.source && layer.source.layer_name == context.layer;
}

// Row by feature id for each layer, built on first use.
class FidIndex {
public:
    explicit FidIndex(std::span<const Layer* const> layers) : m_layers(layers) {}

    std::optional<FeatureLink> find(const ErrorContext& context) {
        if (!context.feature_id) return std::nullopt;
        for (size_t k = 0; k < m_layers.size(); ++k) {
            const Layer* layer = m_layers[k];
            if (!layer || !names_layer(context, *layer)) continue;
            const auto& rows = rows_of(k);
            const auto it = rows.find(*context.feature_id);
            if (it != rows.end())
                return FeatureLink{k, it->second, layer->geometry.box(it->second)};
        }
        return std::nullopt;
    }

private:
    const std::unordered_map<int64_t, uint32_t>& rows_of(size_t k) {
        auto [it, added] = m_rows.try_emplace(k);
        if (added) {
            const Layer& layer = *m_layers[k];
            it->second.reserve(layer.size());
            for (size_t row = 0; row < layer.size(); ++row)
                it->second.emplace(layer.fids[row], uint32_t(row)); // the first row of an id
        }
        return it->second;
    }

    std::span<const Layer* const> m_layers;
    std::unordered_map<size_t, std::unordered_map<int64_t, uint32_t>> m_rows;
};

} // namespace

std::optional<FeatureLink> find_feature(std::span<const Layer* const> layers,
                                        const ErrorContext& context) {
    FidIndex index(layers);
    return index.find(context);
}

std::vector<std::optional<FeatureLink>> find_features(std::span<const Layer* const> layers,
                                                      std::span<const Diagnostic> diagnostics) {
    FidIndex index(layers);
    std::vector<std::optional<FeatureLink>> out;
    out.reserve(diagnostics.size());
    for (const Diagnostic& d : diagnostics)
        out.push_back(index.find(d.context));
    return out;
}

std::vector<const Diagnostic*> layer_diagnostics(const Diagnostics& diagnostics,
                                                 const Layer& layer) {
    std::vector<const Diagnostic*> out;
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity != Severity::Info && names_layer(d.context, layer)) out.push_back(&d);
    return out;
}

} // namespace renoplan::render
